"""Claims: one proposition per predicate, read off the dependency parse (SPEC section 3).

The `claim_extractor` component runs after `kb_entities` and `date_normalizer`
and sets `doc._.claims`, a list of `Claim` in document order ("c1", "c2", ...).
Every decision is a rule over the parse plus the cue lists in
`data/claims_*.txt`; nothing is learnt and no model is run.

Which predicates make claims (the title, headings and questions make none; the
byline makes one `fact`):

- *Clauses*: the sentence root; coordinated clauses and verb phrases, even
  with an elided subject; parataxis; a participle after a dash; adverbial
  clauses with a subject of their own unless a conditional or temporal
  subordinator anchors them to their matrix ("if", "once", "until");
  non-restrictive relative clauses and relative clauses with a subject of their
  own. A clause joined to another by a comma or semicolon but parsed as its
  complement is a clause of its own.
- *Reported speech*: the complement clause of a reporting verb is a second
  claim, sourced to the speaker; the speech act stays the author's `event`.
  An evidential verb with no speaker ("the vote confirmed that"), a raising
  or hedging frame ("is to", "seems to", "is widely seen as"), an extraposed
  "it is unclear that" and hearsay ("it was reported that") make one claim
  whose predicate is the complement's verb.
- *Dated events inside a noun phrase*: an event noun with a date of its own
  after it ("the coup of August 1991"), a reduced relative or parenthetical
  participle with a date ("the treaty initialled on 8 August 2025") and an
  apposition with a date ("X, foreign minister since 2019").

Spans partition the sentence: every token belongs to the nearest claim above
it in the tree, and a claim's span is the contiguous run of its own tokens
around its anchor, without edge punctuation, coordinators, leading
connectives, complementisers or a stranded preposition. So spans never
overlap, and a claim whose subject is itself a claim starts at its verb.
Every sentence of the body carries a claim, a verbless fragment that the
parser split off a line joins its sentence again, and the sentences of a
quotation take the speaker named after it ("“X. Y,” she said").

Fields: `type` from tense, aspect, modality, stative and evaluative cues and
dates after the DCT; `certainty` from hedges and modals on the claim's own
clause (FactBank's CT/PR/PS scale); `polarity` from an odd number of
negators; `source` from the speaker or "according to X"; `actors` and
`targets` from the subject, agent, objects and possessors, with nationality
adjectives mapped to their state; `dates` from the date expressions that
attach to the predicate, directly or through an event noun it governs.

The rules read a light copy of the parse (`_Tok`), made once per document:
spaCy creates a new `Token` object on every access, which would make this
pure-Python component cost a large share of the model's own time.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .entities import read_word_list
from .kb import KnowledgeBase
from .records import Claim

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "data"

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

CERTAINTY_RANK = {"certain": 2, "probable": 1, "possible": 0}

# Dependency labels (spaCy's ClearNLP scheme).
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "npadvmod"}
# Dependents that open a clause of their own: a claim's own clause stops there.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "csubj", "csubjpass", "parataxis", "appos", "conj"}
# A nationality adjective in one of these relations modifies a noun ("Polish court").
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss"}
# Possessive pronouns of a person: "his visit" is the visit of the person last named.
PERSON_POSSESSIVES = {"his", "her"}
# Modifiers in front of a noun: a date there only premodifies ("the 2014 fraud").
PREMODIFIER_DEPS = {"poss", "compound", "nmod", "amod", "nummod", "det"}
RELATIVE_WORDS = {"which", "who", "whom", "that", "whose", "where", "when"}
COMPLEMENTISERS = {"that", "whether", "if"}
SPEECH_PRONOUNS = {"he", "she", "they", "we", "i"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "himself", "herself"}
GROUP_PRONOUNS = {"it", "they", "them", "itself", "themselves"}
# Adverbs that complete a phrasal verb when the parser misses the particle ("pushed them back").
PARTICLES = {"back", "down", "up", "out", "off", "away", "over", "aside", "in"}
# Coordinators and leading connectives fall between claims (SPEC span policy).
EDGE_WORDS = {
    "and", "but", "or", "nor", "so", "yet", "then",
    "however", "moreover", "furthermore", "nevertheless", "nonetheless", "therefore", "thus", "hence",
}
DASHES = {"–", "—"}
SENTENCE_END = {".", "!", "?", "…", ":", ";", '"', "”", "’", ")"}
# Copular verbs whose predicate noun characterises or categorises the subject.
COPULAS = frozenset({"be", "remain", "become"})
# People in a role who can be the speaker of an evidential verb ("officials hint that X").
SPEAKER_NOUNS = frozenset({
    "official", "minister", "diplomat", "analyst", "expert", "observer", "critic", "leader", "spokesman",
    "spokeswoman", "spokesperson", "president", "premier", "envoy", "ambassador", "aide", "adviser", "advisor",
    "insider", "lawmaker", "politician", "commentator", "government", "ministry", "opposition",
})
# Nouns of evidence short of proof: "there are signs that X" asserts X as probable.
EVIDENCE_NOUNS = frozenset({"sign", "indication", "evidence", "hint", "suggestion"})
# Adjectives that, predicated, look ahead like "likely": "a summit is possible".
FORWARD_ADJECTIVES = frozenset({"possible", "imminent", "inevitable"})
# Verbs of appearance: with a complement they report an impression, not a record.
APPEARANCE_VERBS = frozenset({"look", "seem", "appear", "sound"})
# Counts after "more than": "more than once", "more than doubled" measure; they do not compare.
MEASURED = frozenset({"once", "twice", "thrice", "half", "a", "an"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "oneself", "myself", "ourselves", "yourself"})
# Modifiers that rank a predicate noun among others: "the first penalty", "the only candidate".
RANKING_WORDS = frozenset({
    "first", "last", "only", "latest", "sole", "main", "second", "third",
    # superlatives of size and amount, which records settle ("the largest investor"); not
    # "the closest partner" or "the best hope", which evaluate
    "largest", "biggest", "smallest", "highest", "lowest", "greatest", "oldest", "youngest", "longest", "shortest",
    "most", "least", "fewest", "richest", "poorest",
})
OPENERS = {"‘": "’", "“": "”", "(": ")", "[": "]", '"': '"', "'": "'", "«": "»"}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}


# ---------------------------------------------------------------------------
# Cue lists and settings
# ---------------------------------------------------------------------------


def resolve_data_path(path: str | Path) -> Path:
    """A cue-list path from the config: relative paths name package files first.

    Args:
        path: absolute, relative to the package ("data/claims_hedges.txt"), or
            relative to the working folder (a user's own list).

    Returns:
        The file to read.
    """
    path = Path(path)
    if not path.is_absolute() and (PACKAGE / path).exists():
        return PACKAGE / path
    return path


def read_cue_table(path: str | Path, *, values: Collection[str] = (), default: str | None = None) -> dict[str, str]:
    """Read `<cue words> <value>` lines of a commented list into a dict.

    Args:
        path: a commented word list (see `entities.read_word_list`).
        values: the allowed values; when given, a line whose last word is not
            one of them is a cue of `default` value ("no longer").
        default: the value of such a line. Without `values`, a line of one
            word maps it to itself ("war" in the event-noun list) and a longer
            line maps its leading words to its last ("election elect").

    Returns:
        The cue (lower case, words joined by one space) mapped to its value.
    """
    table = {}
    for line in read_word_list(resolve_data_path(path)):
        words = line.lower().split()
        if values:
            if words[-1] in values and len(words) > 1:
                table[" ".join(words[:-1])] = words[-1]
            elif default is not None:
                table[" ".join(words)] = default
        else:
            table[" ".join(words[:-1]) if len(words) > 1 else words[0]] = words[-1]
    return table


def read_cue_set(path: str | Path) -> frozenset[str]:
    """Read a commented list of words (lower case)."""
    return frozenset(word.lower() for word in read_word_list(resolve_data_path(path)))


@dataclass(frozen=True)
class ClaimCues:
    """The word lists the rules consult, one `data/claims_*.txt` file each.

    Attributes:
        reporting_verbs: communication verbs whose complement is reported speech.
        evidential_verbs: verbs that report only with a speaker as subject.
        hedges: cue (one or more words) to certainty level.
        negations: negation cue (one or more words) to `negative`, or to
            `positive` for litotes that cancel out ("not without").
        event_nouns: event noun lemma to the lemma of its verb.
        stative_verbs: verbs of states, relations and rules.
        portrayal_verbs: verbs that cast their object as something ("cast himself as").
        cognition_verbs: verbs of a mental state ("expect", "know"): attributed, an assessment.
        evaluative_words: attitude, motive and explanation words.
        role_labels: judgement nouns and adjectives, evaluative when predicated.
        category_nouns: nouns of checkable categories (offices, ranks, trade
            roles): predicated, they state a fact, where other nouns characterise.
        raising_verbs: verbs (and adjectives) whose infinitival complement
            carries the predicate, to `future` when they look ahead ("is
            expected to") or `present`.
        state_organs: nouns for unnamed organs of a state ("parliament").
    """

    reporting_verbs: frozenset[str]
    evidential_verbs: frozenset[str]
    hedges: dict[str, str]
    negations: dict[str, str]
    event_nouns: dict[str, str]
    stative_verbs: frozenset[str]
    portrayal_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    evaluative_words: frozenset[str]
    role_labels: frozenset[str]
    category_nouns: frozenset[str]
    raising_verbs: dict[str, str]
    state_organs: frozenset[str]

    @classmethod
    def from_paths(
        cls,
        *,
        reporting_verbs_path: str | Path,
        evidential_verbs_path: str | Path,
        hedges_path: str | Path,
        negation_path: str | Path,
        event_nouns_path: str | Path,
        stative_verbs_path: str | Path,
        portrayal_verbs_path: str | Path,
        cognition_verbs_path: str | Path,
        evaluative_path: str | Path,
        role_labels_path: str | Path,
        category_nouns_path: str | Path,
        raising_verbs_path: str | Path,
        state_organs_path: str | Path,
    ) -> ClaimCues:
        """Load every list from its file (see the files' header comments)."""
        return cls(
            reporting_verbs=read_cue_set(reporting_verbs_path),
            evidential_verbs=read_cue_set(evidential_verbs_path),
            hedges=read_cue_table(hedges_path, values=("probable", "possible")),
            negations=read_cue_table(negation_path, values=("negative", "positive"), default="negative"),
            event_nouns=read_cue_table(event_nouns_path),
            stative_verbs=read_cue_set(stative_verbs_path),
            portrayal_verbs=read_cue_set(portrayal_verbs_path),
            cognition_verbs=read_cue_set(cognition_verbs_path),
            evaluative_words=read_cue_set(evaluative_path),
            role_labels=read_cue_set(role_labels_path),
            category_nouns=read_cue_set(category_nouns_path),
            raising_verbs=read_cue_table(raising_verbs_path, values=("future", "present"), default="present"),
            state_organs=read_cue_set(state_organs_path),
        )


@dataclass(frozen=True)
class ClaimGrammar:
    """The short closed-class lists of the config (`[components.claim_extractor]`).

    Attributes:
        future_modals: modals (and "be to") of a prediction that stays certain.
        deontic_modals: modals of obligation, which make an assessment.
        anchoring_subordinators: their clause stays inside its matrix claim.
        simultaneous_subordinators: their clause shares its matrix's dates.
        locative_prepositions: venues after them are neither actors nor targets.
        actor_prepositions: the only phrases of a subject that name actors.
        temporal_prepositions: a dated event noun after them dates the
            enclosing predicate too.
        collective_nouns: nouns that count events ("a series of releases").
        multiword_predicates: verb + word idioms that are one predicate.
        source_prepositions: (first, second) words of "according to"-phrases.
        claim_blocks: block kinds (segment.py) that hold claims.
    """

    future_modals: frozenset[str]
    deontic_modals: frozenset[str]
    anchoring_subordinators: frozenset[str]
    simultaneous_subordinators: frozenset[str]
    locative_prepositions: frozenset[str]
    actor_prepositions: frozenset[str]
    temporal_prepositions: frozenset[str]
    collective_nouns: frozenset[str]
    multiword_predicates: tuple[tuple[str, ...], ...]
    source_prepositions: tuple[tuple[str, str], ...]
    claim_blocks: frozenset[str]


def norp_states(kb: KnowledgeBase | None) -> dict[str, str]:
    """Map each NORP entry of the KB to the state (or bloc) it is the people of.

    The entry's `country` field decides. A KB without it falls back on the
    spelling: the GPE or LOC entry whose name or alias shares the longest
    prefix with one of the NORP's names, at least all but two of its letters
    and four at least ("Moldovan" -> "Moldova", "Western" -> "West").

    Args:
        kb: the KB the entity component links to, or None.

    Returns:
        NORP kb_id to state kb_id.
    """
    if kb is None:
        return {}
    places = [
        (surface.lower(), entry.id)
        for entry in kb.entries.values()
        if entry.label in ("GPE", "LOC")
        for surface in entry.surfaces
    ]
    mapping = {}
    for entry in kb.entries.values():
        if entry.label != "NORP":
            continue
        country = entry.extra.get("country")
        if isinstance(country, str) and country in kb:
            mapping[entry.id] = country
            continue
        best: tuple[int, str] | None = None
        for name in entry.surfaces:
            for surface, place_id in places:
                common = _common_prefix(name.lower(), surface)
                if common >= max(4, len(surface) - 2) and (best is None or common > best[0]):
                    best = (common, place_id)
        if best:
            mapping[entry.id] = best[1]
    return mapping


def _common_prefix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right):
        if a != b:
            break
        count += 1
    return count


@dataclass(frozen=True)
class _CueIndex:
    """Multi-word cues, indexed by their first word for a quick scan."""

    cues: frozenset[str]
    first_words: frozenset[str]
    max_words: int

    @classmethod
    def of(cls, cues: Iterable[str]) -> _CueIndex:
        cues = frozenset(cues)
        return cls(cues, frozenset(cue.split()[0] for cue in cues), max((len(c.split()) for c in cues), default=1))


# ---------------------------------------------------------------------------
# A light copy of the parse
# ---------------------------------------------------------------------------


class _Tok:
    """One token of the parse with the attributes the rules read (lemma in lower case)."""

    __slots__ = (
        "children",
        "dep_",
        "doc",
        "ent_kb_id_",
        "ent_type_",
        "head",
        "i",
        "idx",
        "is_alpha",
        "is_punct",
        "is_sent_start",
        "is_space",
        "left_edge",
        "lemma_",
        "lower_",
        "pos_",
        "right_edge",
        "tag_",
        "text",
    )

    i: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str
    ent_kb_id_: str
    idx: int
    is_punct: bool
    is_space: bool
    is_alpha: bool
    is_sent_start: bool
    doc: list[_Tok]
    head: _Tok
    children: list[_Tok]
    left_edge: _Tok
    right_edge: _Tok

    @property
    def subtree(self) -> Iterator[_Tok]:
        """The token and its descendants, in text order."""
        for token in self.doc[self.left_edge.i : self.right_edge.i + 1]:
            ancestor = token
            while ancestor.i != self.i and ancestor.head.i != ancestor.i:
                ancestor = ancestor.head
            if ancestor.i == self.i:
                yield token

    def __repr__(self) -> str:
        return f"{self.text}#{self.i}"


# Token attributes copied in one `Doc.to_array` call (strings as StringStore hashes).
_ARRAY_ATTRS: list[int | str] = [
    "HEAD", "ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "ENT_KB_ID", "IDX",
    "IS_PUNCT", "IS_SPACE", "IS_ALPHA", "SENT_START",
]


def _copy_parse(doc: Doc, strings: dict[int, str]) -> list[_Tok]:
    """Copy the tokens of a parsed doc into `_Tok` objects.

    Args:
        doc: the parsed doc.
        strings: a cache of StringStore hashes to strings, shared across docs.

    Returns:
        One `_Tok` per token, linked to head, children and subtree edges.
    """
    store = doc.vocab.strings
    array = doc.to_array(_ARRAY_ATTRS)
    # Strings come as 64-bit hashes: decode each distinct one once.
    keys, codes = numpy.unique(array[:, 1:9], return_inverse=True)
    names = []
    for key in keys.tolist():
        name = strings.get(key)
        if name is None:
            name = strings[key] = store[key] if key else ""
        names.append(name)
    lowered = [name.lower() for name in names]  # lemmas in lower case
    numbers = array[:, [0, 9, 10, 11, 12, 13]].astype(numpy.int64).tolist()  # HEAD is a relative offset
    tokens: list[_Tok] = []
    heads: list[int] = []
    for i, ((orth, lower, lemma, pos, tag, dep, ent_type, kb_id), (head, idx, punct, space, alpha, start)) in enumerate(
        zip(codes.reshape(len(array), 8).tolist(), numbers)
    ):
        tok = _Tok()
        tok.i, tok.text, tok.lower_, tok.lemma_ = i, names[orth], names[lower], lowered[lemma]
        tok.pos_, tok.tag_, tok.dep_, tok.ent_type_, tok.ent_kb_id_ = names[pos], names[tag], names[dep], names[ent_type], names[kb_id]
        tok.idx, tok.is_punct, tok.is_space, tok.is_alpha, tok.is_sent_start = idx, punct == 1, space == 1, alpha == 1, start == 1
        tok.doc, tok.children = tokens, []
        tokens.append(tok)
        heads.append(i + head)
    _merge_fragments(tokens, heads)
    for tok, head in zip(tokens, heads):
        tok.head = tokens[head]
        if head != tok.i:
            tokens[head].children.append(tok)
    # Subtree edges: the first token met in a subtree, reading left to right,
    # is its left edge (and the first met right to left its right edge).
    for edge, order in (("left_edge", tokens), ("right_edge", reversed(tokens))):
        covered = [False] * len(tokens)
        for tok in order:
            node = tok
            while not covered[node.i]:
                covered[node.i] = True
                setattr(node, edge, tok)
                node = node.head
    return tokens


def _merge_fragments(tokens: list[_Tok], heads: list[int]) -> None:
    """Join verbless sentence fragments to the sentence that follows on the same line.

    The parser sometimes splits the first words of a line off as sentences of
    their own ("Warsaw | and | Vilnius condemned it"). A fragment without a
    verb and without final punctuation, directly followed by another sentence,
    is hung (`dep`) on that sentence's first content word, and the boundary goes.
    """
    starts = [tok.i for tok in tokens if tok.is_sent_start] + [len(tokens)]
    pending: list[tuple[int, int]] = []
    for start, end in pairwise(starts):
        sentence = tokens[start:end]
        closed = sentence[-1].is_space or sentence[-1].text in SENTENCE_END
        if not closed and end < len(tokens) and not any(t.pos_ in ("VERB", "AUX") for t in sentence):
            pending.append((start, end))
            continue
        if pending:
            anchor = next((t for t in sentence if t.pos_ not in ("CCONJ", "PUNCT", "DET")), sentence[0])
            for fragment_start, fragment_end in pending:
                for tok in tokens[fragment_start:fragment_end]:
                    if heads[tok.i] == tok.i:
                        heads[tok.i], tok.dep_ = anchor.i, "dep"
            for fragment_start, _ in [*pending[1:], (start, end)]:
                tokens[fragment_start].is_sent_start = False
            pending = []


def _span_root(tokens: list[_Tok], start: int, end: int) -> _Tok:
    """The token of a span whose head lies outside it (spaCy's `Span.root`), the leftmost if several."""
    for token in tokens[start:end]:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return tokens[start]


@dataclass(frozen=True)
class _DateMention:
    """A date expression of the doc: token range, syntactic root, value."""

    start: int
    end: int
    root: _Tok
    value: str | None


@dataclass(frozen=True)
class _Entity:
    """A linked name of the doc: token range, syntactic root, label, kb_id."""

    start: int
    end: int
    root: _Tok
    label: str
    kb_id: str


@dataclass
class _DocContext:
    """What the rules look up across sentences: tokens, names, dates, DCT, salience."""

    tokens: list[_Tok]
    text: str
    entity_at: dict[int, _Entity]
    date_at: dict[int, _DateMention]
    dct: str | None
    focal_state: str | None
    person_starts: list[int]
    person_ids: list[str]
    subject_starts: list[int]
    subject_ids: list[str]
    label_of: dict[str, str]
    previous_groups: tuple[str, ...] = ()

    @classmethod
    def build(cls, doc: Doc, dates_key: str, strings: dict[int, str]) -> _DocContext:
        """Copy the parse, index names and dates by token, and find the main state and the persons."""
        tokens = _copy_parse(doc, strings)
        entity_at: dict[int, _Entity] = {}
        states: Counter[str] = Counter()
        persons: list[_Entity] = []
        label_of: dict[str, str] = {}
        for ent in doc.ents:
            entity = _Entity(ent.start, ent.end, _span_root(tokens, ent.start, ent.end), ent.label_, ent.kb_id_)
            entity_at.update((i, entity) for i in range(ent.start, ent.end))
            if _linked(entity.kb_id):
                label_of[entity.kb_id] = entity.label
                if entity.label == "GPE":
                    states[entity.kb_id] += 1
                elif entity.label == "PERSON":
                    persons.append(entity)
        date_at: dict[int, _DateMention] = {}
        for span in doc.spans.get(dates_key, ()):
            mention = _DateMention(span.start, span.end, _span_root(tokens, span.start, span.end), span._.date_value)
            date_at.update((i, mention) for i in range(span.start, span.end))
        return cls(
            tokens=tokens,
            text=doc.text,
            entity_at=entity_at,
            date_at=date_at,
            dct=doc._.dct if Doc.has_extension("dct") else None,
            focal_state=states.most_common(1)[0][0] if states else None,
            person_starts=[entity.start for entity in persons],
            person_ids=[entity.kb_id for entity in persons],
            subject_starts=[entity.start for entity in persons if _is_subject(entity.root)],
            subject_ids=[entity.kb_id for entity in persons if _is_subject(entity.root)],
            label_of=label_of,
        )

    def last_person(self, before: int) -> str | None:
        """The person a pronoun at token `before` stands for.

        In its own sentence: a person named earlier as a subject ("X stood by
        Y, and he said"), else what an earlier subject pronoun stands for ("He
        met Y, and he watched"), else the person named last ("elected X as
        president; he was the only candidate"). Before it: the last person
        named as a subject (or as the possessor of one: "Dodik's answer was
        defiance. He ..."), as centering theory predicts (Grosz, Joshi and
        Weinstein 1995: the subject is the preferred antecedent); else the
        last person named.
        """
        start = before
        while start > 0 and not self.tokens[start].is_sent_start:
            start -= 1
        index = bisect.bisect_left(self.subject_starts, before) - 1
        if index >= 0 and self.subject_starts[index] >= start:
            return self.subject_ids[index]
        for token in reversed(self.tokens[start:before]):
            if token.lower_ in PERSON_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
                return self.last_person(token.i)
        latest = bisect.bisect_left(self.person_starts, before) - 1
        if latest >= 0 and self.person_starts[latest] >= start:
            return self.person_ids[latest]
        if index >= 0:
            return self.subject_ids[index]
        return self.person_ids[latest] if latest >= 0 else None

    def is_future(self, value: str | None) -> bool:
        """True when a date value lies after the DCT (TimeML FUTURE_REF included)."""
        if not value:
            return False
        if value == "FUTURE_REF":
            return True
        if not self.dct or value[:1].isalpha():
            return False
        start = value.split("/")[0]
        return start > self.dct[: len(start)]


# ---------------------------------------------------------------------------
# Frames: a predicate found in a sentence, before its fields are read
# ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Frame:
    """One claim under construction.

    Attributes:
        kind: clause, speech, content, event_noun, reduced, apposition or byline.
        root: the token whose subtree the claim owns (spans follow from it).
        head: the predicate token (a verb, a copula or an event noun).
        predicate_head: where the predicate's lemma is read, when a raising,
            hedging or evidential verb hands it to its complement.
        shift: how the predicate moved from `head` to `predicate_head`
            (see `ClaimExtractor._predicate_token`), or None.
        speech: for content, the frame of the speech act.
        donor: for a clause without a subject, the frame that lends its subject.
        first_conjunct: for a coordinated clause, the first clause of the series.
        shares_time: the clause's subordinator makes it simultaneous with its
            matrix ("as", "where"), which becomes its `anchor`.
        anchor: the matrix frame whose dates a simultaneous clause shares.
        own_dates: the dates attached to this claim's own predicate.
        actors: computed once, when first needed.
        polarity: computed once, when first needed.
        start: first token of the span.
        end: token after the span.
    """

    kind: str
    root: _Tok
    head: _Tok
    predicate_head: _Tok | None = None
    shift: str | None = None
    speech: _Frame | None = None
    donor: _Frame | None = None
    first_conjunct: _Frame | None = None
    shares_time: bool = False
    anchor: _Frame | None = None
    own_dates: list[_DateMention] = field(default_factory=list)
    actors: tuple[str, ...] | None = None
    polarity: str | None = None
    start: int = 0
    end: int = 0

    @property
    def chain(self) -> list[_Tok]:
        """The predicate's tokens: the head, and the complement that carries it."""
        if self.predicate_head is not None and self.predicate_head.i != self.head.i:
            return [self.head, self.predicate_head]
        return [self.head]


@dataclass(frozen=True)
class _Tense:
    """Tense ("present", "past", "none" when non-finite), aspect and modal of a verb group."""

    tense: str
    perfect: bool
    progressive: bool
    modal: str | None


class ClaimExtractor:
    """The `claim_extractor` component (see the module docstring).

    Args:
        cues: the cue lists.
        grammar: the closed-class lists of the config.
        norp_to_state: NORP kb_id to the kb_id of its state (`norp_states`).
        dates_key: the `doc.spans` key of the date spans (`date_normalizer`).
        blocks_key: the `doc.spans` key of the block spans (`structure_segmenter`).
    """

    def __init__(
        self, cues: ClaimCues, grammar: ClaimGrammar, *, norp_to_state: dict[str, str], dates_key: str, blocks_key: str
    ):
        self.cues = cues
        self.grammar = grammar
        self.norp_to_state = norp_to_state
        self.dates_key = dates_key
        self.blocks_key = blocks_key
        self.hedge_index = _CueIndex.of(cues.hedges)
        self.negation_index = _CueIndex.of(cues.negations)
        self.idiom_words = max((len(idiom) for idiom in grammar.multiword_predicates), default=1)
        self.strings: dict[int, str] = {}  # StringStore hash -> string, for `_copy_parse`

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = list(self.iter_claims(doc))
        return doc

    def iter_claims(self, doc: Doc) -> Iterator[Claim]:
        """Yield the claims of a parsed doc in document order, numbered c1, c2, ...

        Args:
            doc: a doc processed by the pipeline up to `date_normalizer`.

        Yields:
            One `Claim` per proposition; `text == doc.text[start:end]`.
        """
        blocks = [(b.start, b.end, b.label_) for b in doc.spans.get(self.blocks_key, ()) if b.label_ in self.grammar.claim_blocks]
        if not blocks:
            return
        context = _DocContext.build(doc, self.dates_key, self.strings)
        number = 0
        # Claims of sentences inside a quotation still open at their end wait
        # for the speaker, named once the quotation closes ("“X. Y,” she said").
        quoted: list[dict] = []
        inside = False
        for tokens, kind, first_of_block in _sentences(context.tokens, blocks):
            if first_of_block:
                yield from self._numbered(quoted, number)
                number, quoted, inside = number + len(quoted), [], False
            opened_before = inside
            inside, closed = _quotation_state(tokens, inside)
            if tokens[-1].text == "?":
                continue  # a question asserts nothing
            if kind == "byline":
                root = next(t for t in tokens if t.head.i == t.i)
                frames = [_Frame("byline", root, root)] if root.pos_ in ("VERB", "AUX") else []
                owner = _owners(tokens, {frame.root.i: frame for frame in frames}, {})
            else:
                frames, owner = self._frames(tokens, context)
            claims = list(self._claims_of_sentence(tokens, frames, owner, context, byline=kind == "byline"))
            if inside:
                quoted += claims
                continue
            if opened_before and closed:
                speaker = next((c["source"] for c in claims if c["source"] != "author"), None)
                for claim in quoted:
                    if speaker and claim["source"] == "author":
                        claim["source"] = speaker
            yield from self._numbered([*quoted, *claims], number)
            number, quoted = number + len(quoted) + len(claims), []
        yield from self._numbered(quoted, number)

    @staticmethod
    def _numbered(claims: list[dict], number: int) -> Iterator[Claim]:
        """Claims from their fields, numbered on from `number`."""
        for offset, claim_fields in enumerate(claims, start=1):
            yield Claim(id=f"c{number + offset}", **claim_fields)

    # -- finding predicates -----------------------------------------------------
    def _frames(self, sent: list[_Tok], context: _DocContext) -> tuple[list[_Frame], dict[int, int | None]]:
        """All claim frames of one sentence in tree order, and each token's owning root."""
        decided: dict[int, _Frame | None] = {}
        for token in sent:
            if token.pos_ in ("VERB", "AUX"):
                self._clause_frame(token, decided)
        frames = {frame.root.i: frame for frame in decided.values() if frame is not None}
        root = next(t for t in sent if t.head.i == t.i)
        if not frames and sent[-1].text in SENTENCE_END and sum(t.is_alpha for t in sent) > 2:
            # Every sentence carries a claim: a verb the parser buried under a noun
            # root, or a verb it tagged as a noun ("Lithuania borders Poland").
            verb = next((t for t in sent if t.pos_ == "VERB"), root)
            frames[root.i] = _Frame("clause", root, verb, predicate_head=verb)
        self._link_frames(frames)
        moved: dict[int, _Tok] = {}
        dated = self._attach_dates(sent, context, frames, moved)
        self._noun_phrase_frames(sent, frames, dated)
        owner = _owners(sent, frames, moved)
        for index, dates in sorted(dated.items()):
            owning = owner.get(index)
            if owning is not None:
                frame = frames[owning]
                frame.own_dates += [d for d in dates if d not in frame.own_dates]
        return sorted(frames.values(), key=lambda frame: frame.root.i), owner

    def _clause_frame(self, token: _Tok, decided: dict[int, _Frame | None]) -> _Frame | None:
        """The frame `token` heads, if it heads a claim (memoised in `decided`).

        Only the token's ancestors are consulted, so the recursion ends.
        """
        if token.i in decided:
            return decided[token.i]
        frame = self._new_clause_frame(token, decided) if _is_predicate(token) else None
        if frame is not None:
            frame.predicate_head, frame.shift = self._predicate_token(token)
        decided[token.i] = frame
        return frame

    def _new_clause_frame(self, token: _Tok, decided: dict[int, _Frame | None]) -> _Frame | None:
        """Decide whether a verb heads a claim of its own (see the module docstring)."""
        dep = token.dep_
        if dep == "parataxis" and self._is_speech_act(token) and not any(c.dep_ == "ccomp" for c in token.children):
            # "The ceasefire, Moscow claimed, was holding": the host clause is the content.
            speech = _Frame("speech", token, token)
            host = self._clause_frame(token.head, decided)
            if host is not None and host.kind == "clause":
                host.kind, host.speech = "content", speech
            return speech
        if dep in ("ROOT", "parataxis") or token.head.i == token.i or _after_dash(token):
            return _Frame("clause", token, token)
        if dep == "acl" and token.tag_ == "VBD" and token.head.dep_ == "ROOT" and not _is_predicate(token.head):
            return _Frame("clause", token, token)  # "Thousands protested ...": a verb parsed as a modifier
        if dep == "conj" and _is_predicate(token.head):
            first_frame = self._clause_frame(_first_conjunct(token), decided)
            if first_frame is None or not _is_coordinated_clause(token):
                return None
            frame = _Frame("clause", token, token, first_conjunct=first_frame)
            if first_frame.kind == "content":
                frame.kind, frame.speech = "content", first_frame.speech
            return frame
        if dep == "ccomp":
            return self._complement_frame(token, decided)
        if dep == "advcl":
            return self._adverbial_frame(token)
        if dep in ("acl", "ccomp") and token.head.lemma_ in EVIDENCE_NOUNS and any(
            c.dep_ == "expl" for c in token.head.head.children
        ):
            return None  # "there are signs that X": X is read through its matrix (shift `signs`)
        if dep in ("relcl", "acl") and _subjects(token) and _is_split_relative(token):
            antecedent = token.head
            appositive = _is_appositive(antecedent) and not _after_comma(token)
            # "..., a move that alarmed its neighbours": the appositive noun phrase states the claim.
            root = antecedent if appositive and decided.get(antecedent.i) is None else token
            return _Frame("clause", root, token, shares_time=_relative_word(token) in ("where", "when"))
        return None

    def _complement_frame(self, verb: _Tok, decided: dict[int, _Frame | None]) -> _Frame | None:
        """A complement clause: reported content, a misparsed clause, or part of its matrix."""
        head = verb.head
        mark = _marker(verb)
        matrix = self._clause_frame(head, decided)
        if _subjects(verb) and _punctuation_between(verb, head, (";", ":")):
            return _Frame("clause", verb, verb)  # "X did this; Y insisted on that"
        if matrix is not None and self._is_speech_act(head):
            matrix.kind = "speech"
            return _Frame("content", verb, verb, speech=matrix)
        if mark is not None and mark.lower_ == "that" and mark.i > 0 and verb.doc[mark.i - 1].pos_ in ("NOUN", "PROPN"):
            # "an election that the party had framed as ...": a relative clause parsed as a complement.
            return _Frame("clause", verb, verb) if _subjects(verb) else None
        if mark is None and _subjects(verb) and _punctuation_between(verb, head):
            return _Frame("clause", verb, verb)
        return None

    def _adverbial_frame(self, verb: _Tok) -> _Frame | None:
        """An adverbial clause is a claim unless a conditional or temporal subordinator anchors it.

        Split: a clause with its own subject ("because it mirrors ...", "as X
        was sworn in"); a subordinated passive with its agent ("as
        demonstrated by ..."); a participial phrase that follows its matrix
        after a dash or comma and adds a predicate ("... – releasing
        prisoners"), or follows "while" or "as" ("kept its candidacy while
        refusing sanctions"). A fronted participle ("Citing security, ..."), an
        inverted conditional ("Had the talks failed, ...") and an anchored
        clause ("If the protests fade, ...") stay in the matrix.
        """
        mark = _marker(verb)
        if mark is not None and mark.lower_ in self.grammar.anchoring_subordinators:
            return None
        subjects = _subjects(verb)
        if subjects and any(a.dep_ in ("aux", "auxpass") and a.i < subjects[0].i for a in verb.children):
            return None
        start = verb.left_edge.i
        after_break = verb.i > verb.head.i and start > 0 and verb.doc[start - 1].text in {",", ";"} | DASHES
        contrast = mark is not None and mark.lower_ in self.grammar.simultaneous_subordinators and verb.tag_ == "VBG"
        if (
            subjects
            or (mark is not None and any(c.dep_ == "agent" for c in verb.children))
            or (mark is None and verb.tag_ == "VBG" and after_break)
            or contrast
        ):
            simultaneous = mark is not None and mark.lower_ in self.grammar.simultaneous_subordinators
            return _Frame("clause", verb, verb, shares_time=simultaneous)
        return None

    def _link_frames(self, frames: dict[int, _Frame]) -> None:
        """Give subjectless clauses a subject donor and time-sharing clauses their matrix."""
        ordered = sorted(frames.values(), key=lambda frame: frame.head.i)
        for frame in ordered:
            head = frame.head
            if frame.shares_time:
                frame.anchor = _nearest_frame(head.head, frames)
            if _subjects(head) or frame.kind == "content":
                continue
            if frame.first_conjunct is not None:
                frame.donor = frame.first_conjunct
            elif head.tag_ == "VBG" and (head.dep_ == "advcl" or _after_dash(head)):
                frame.donor = _nearest_frame(head.head, frames)  # "X projects ... – releasing ..."
            elif _is_finite(head):
                # A misparsed coordination: the closest earlier clause with a subject lends it.
                earlier = [f for f in ordered if f.head.i < head.i and _subjects(f.head)]
                frame.donor = earlier[-1] if earlier else None

    def _is_speech_act(self, verb: _Tok) -> bool:
        """A reporting verb with a speaker, or an evidential verb whose subject is a speaker.

        An impersonal passive ("it was reported that ...") names no speaker: it
        is hearsay (see `_predicate_token`).
        """
        if verb.lemma_ in self.cues.reporting_verbs:
            return not _is_impersonal_passive(verb)
        if verb.lemma_ in self.cues.evidential_verbs:
            return any(_is_speaker(s) for s in _subjects(verb))
        return False

    def _predicate_token(self, verb: _Tok) -> tuple[_Tok, str | None]:
        """Where the predicate is read, and how it got there (None: the verb itself).

        - `raising`: "is to run" -> run, "was meant to control" -> control,
          "seems to be testing" -> testing;
        - `likely`: a raising word that looks ahead, "is likely to release"
          -> release, "is expected to extend" -> extend;
        - `extraposed`: "it is far from certain that the deal would hold" ->
          hold, "whether the thaw will last remains unclear" -> last;
        - `evidential`: "the vote confirmed that X had won" -> won;
        - `hearsay`: an impersonal passive of saying, "it was reported that
          the envoy had left" -> left (FactBank: a source left unknown);
        - `hedge`: a hedged passive of perception, "is widely seen as rigged"
          -> rigged, "is widely seen as the one who decides" -> decides;
        - `signs`: "there are signs that the students will run" -> run,
          probable (FactBank: evidence short of proof).
        """
        lemma = verb.lemma_
        children = verb.children
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if xcomp is not None and lemma in self.cues.raising_verbs:
            future = self.cues.raising_verbs[lemma] == "future"
            return self._predicate_token(xcomp)[0], "likely" if future else "raising"
        if lemma == "be":
            for acomp in children:
                if acomp.dep_ == "acomp" and self.cues.raising_verbs.get(acomp.lemma_) == "future":
                    inner = next((c for c in acomp.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
                    if inner is not None:
                        return self._predicate_token(inner)[0], "likely"
        ccomp = next((c for c in children if c.dep_ == "ccomp" and _is_predicate(c)), None)
        if ccomp is not None and lemma in self.cues.reporting_verbs and _is_impersonal_passive(verb):
            return ccomp, "hearsay"
        if lemma in ("be", "remain", "seem", "appear"):
            clause = next(
                (c for c in children if c.dep_ == "csubj" and (_is_predicate(c) or any(a.dep_ == "aux" for a in c.children))),
                None,
            )
            if clause is not None:
                return clause, "extraposed"  # "Whether the thaw will last remains unclear" -> last
        if lemma in ("be", "remain", "seem", "appear") and any(s.lower_ == "it" for s in _subjects(verb)):
            # "it is unclear whether X", "it remains unclear whether X": the clause may hang on the adjective.
            extraposed = ccomp or next(
                (c for a in children if a.dep_ == "acomp" for c in a.children if c.dep_ == "ccomp" and _is_predicate(c)),
                None,
            )
            if extraposed is not None:
                return extraposed, "extraposed"
        if ccomp is not None and lemma in self.cues.evidential_verbs and not self._is_speech_act(verb):
            return ccomp, "evidential"
        if lemma == "be" and any(c.dep_ == "expl" for c in children):
            for attr in children:
                if attr.dep_ == "attr" and attr.lemma_ in EVIDENCE_NOUNS:
                    clause = next((c for c in attr.children if c.dep_ in ("acl", "ccomp") and _is_predicate(c)), None)
                    if clause is not None and any(m.lower_ == "that" for m in clause.children):
                        return clause, "signs"  # "there are signs that X": X, hedged
        if _is_passive(verb) and self._hedge_level(sorted([verb, *children], key=lambda t: t.i)) != "certain":
            if xcomp is not None:
                return xcomp, "hedge"
            for child in children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children):
                    return child, "hedge"
                if child.dep_ == "prep" and child.lower_ == "as":
                    relative = next((t for t in child.subtree if t.dep_ == "relcl"), None)
                    if relative is not None:
                        return relative, "hedge"
        return verb, None

    # -- dates --------------------------------------------------------------------
    def _attach_dates(
        self, sent: list[_Tok], context: _DocContext, frames: dict[int, _Frame], moved: dict[int, _Tok]
    ) -> dict[int, list[_DateMention]]:
        """Map each token that a date attaches to onto those dates (see `_date_targets`).

        A date phrase that the parser hung on the verb but that closes a
        subject event noun ("Minsk's warning to X in May was ignored") is
        recorded in `moved` (phrase -> noun), so that it belongs to the noun.
        """
        dated: dict[int, list[_DateMention]] = {}
        seen: set[int] = set()
        for token in sent:
            mention = context.date_at.get(token.i)
            if mention is None or mention.start in seen:
                continue
            seen.add(mention.start)
            for target in self._date_targets(mention, frames, moved):
                dated.setdefault(target.i, []).append(mention)
        return dated

    def _date_targets(self, date: _DateMention, frames: dict[int, _Frame], moved: dict[int, _Tok]) -> list[_Tok]:
        """The tokens a date attaches to: the predicate it modifies, or an event noun.

        Climbing from the date's root: prepositions and adjectives are passed;
        a verb or an event noun ends the climb; a noun that only a date
        identifies ("a decree of 1997", "the 1997 Charter") stops it with
        no target; any other noun passes the date up (a misattached "on 13
        May"), and a collective noun hands it to the events it counts ("a
        series of releases since July 2024").

        An event noun then locates the predicate above it too. A dated one
        (a claim of its own) does so only through a temporal preposition
        ("since the coup of August 1991", not "in a series of releases since
        2024"); a premodified or undated one through any preposition or as
        the object ("at its March summit", "won this year's elections").
        """
        token = date.root
        premodifier = token.dep_ in PREMODIFIER_DEPS
        via = ""
        targets: list[_Tok] = []
        while token.head.i != token.i:
            child, token = token, token.head
            if token.pos_ == "ADP" or (token.dep_ == "prep" and token.pos_ == "SCONJ"):
                via = token.lower_
                continue
            if _is_predicate(token) or token.i in frames:
                subject = _subject_before(token, child)
                if subject is not None and self._is_event_noun(subject):
                    moved[child.i] = subject  # "Minsk's warning to X in May was ignored"
                    return [subject]
                targets.append(token)
                return targets
            if token.pos_ not in ("NOUN", "PROPN"):
                if token.pos_ in ("ADJ", "ADV", "NUM"):
                    continue
                return targets
            event = self._event_of(token)
            if event is not None:
                targets.append(event)
                if not premodifier and child.i > token.i:  # dated itself
                    passes = token.dep_ == "pobj" and token.head.lower_ in self.grammar.temporal_prepositions
                else:
                    passes = token.dep_ in ("pobj", "dobj")
                if not passes:
                    return targets
            elif premodifier or via == "of":
                return targets
            elif token.dep_ == "appos" and via:
                if token.head.ent_type_:
                    targets.append(token)  # "X, foreign minister since 2019"
                return targets  # "42 per cent, the lowest level since 1994" dates the level only
            premodifier, via = False, ""
        return targets

    def _is_event_noun(self, token: _Tok) -> bool:
        return token.pos_ == "NOUN" and self._event_verb(token) is not None

    def _event_verb(self, noun: _Tok) -> str | None:
        """The verb of an event noun, listed by lemma or by form ("talks" -> talk)."""
        return self.cues.event_nouns.get(noun.lemma_) or self.cues.event_nouns.get(noun.lower_)

    def _event_of(self, noun: _Tok) -> _Tok | None:
        """The event noun a noun names: itself, or what a collective noun counts ("a wave of arrests")."""
        if self._is_event_noun(noun):
            return noun
        if noun.lemma_ in self.grammar.collective_nouns:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and self._is_event_noun(pobj):
                            return pobj
        return None

    def _noun_phrase_frames(self, sent: list[_Tok], frames: dict[int, _Frame], dated: dict[int, list[_DateMention]]) -> None:
        """Add the dated events inside noun phrases (SPEC section 3), in place."""
        for index in sorted(dated):
            token = sent[0].doc[index]
            if self._is_event_noun(token):
                container = token.head.head if token.dep_ == "pobj" else None
                phrase = container if container is not None and self._event_of(container) is token else token
                own = [d for d in dated[index] if d.root.i > phrase.i and d.root.dep_ not in PREMODIFIER_DEPS]
                if own and phrase.dep_ != "dobj" and phrase.i not in frames:
                    frames[phrase.i] = _Frame("event_noun", phrase, token)
            elif token.pos_ == "VERB" and token.tag_ in ("VBN", "VBG") and token.head.pos_ in ("NOUN", "PROPN"):
                if token.dep_ in ("acl", "appos", "parataxis", "advcl") and token.head.i not in frames:
                    frames[token.head.i] = _Frame("reduced", token.head, token)
            elif token.dep_ == "appos" and token.head.ent_type_ and token.head.i not in frames:
                # "X, foreign minister since 2019": a dated role of a named party.
                frames[token.head.i] = _Frame("apposition", token.head, token)

    # -- building claims ------------------------------------------------------------
    def _claims_of_sentence(
        self, sent: list[_Tok], frames: list[_Frame], owner: dict[int, int | None], context: _DocContext, *, byline: bool
    ) -> Iterator[dict]:
        """Turn the frames of one sentence into claim fields, in text order."""
        kept = []
        for frame in frames:
            span = _claim_span(sent, frame, owner)
            if span is not None:
                frame.start, frame.end = span
                kept.append(frame)
        if byline:
            kept = kept[:1]
        tokens = context.tokens
        for frame in sorted(kept, key=lambda f: f.start):
            start_char = tokens[frame.start].idx
            end_char = tokens[frame.end - 1].idx + len(tokens[frame.end - 1].text)
            core = _core(frame)
            cues = [t for t in core if not t.ent_type_ and t.i not in context.date_at]
            actors = self._actors_of(frame, owner, context)
            yield {
                "start": start_char,
                "end": end_char,
                "text": context.text[start_char:end_char],
                "type": "fact" if byline else self._type(frame, cues, context),
                "certainty": self._certainty(frame, cues),
                "polarity": self._polarity(frame, cues),
                "source": self._source(frame, core, owner, context),
                "predicate": self._predicate(frame),
                "actors": actors,
                "targets": tuple(a for a in self._targets(frame, owner, context) if a not in actors),
                "dates": tuple(_unique(d.value for d in sorted(self._dates(frame), key=lambda d: d.start))),
            }
            named = tuple(a for a in actors if context.label_of.get(a) != "PERSON")
            if named:
                context.previous_groups = named

    # -- fields ---------------------------------------------------------------------
    def _predicate(self, frame: _Frame) -> str:
        """The lemma of the predicate, with a particle or idiom ("push back", "take place")."""
        token = frame.predicate_head or frame.head
        if frame.kind == "event_noun":
            return self._event_verb(token) or token.lemma_
        if frame.kind == "apposition":
            return (self._event_verb(token) or "be") if self._is_event_noun(token) else "be"
        lemma = token.lemma_
        following = tuple(t.lemma_ for t in token.doc[token.i + 1 : token.i + self.idiom_words])
        for idiom in self.grammar.multiword_predicates:
            if idiom[0] == lemma and following[: len(idiom) - 1] == idiom[1:]:
                return " ".join(idiom)
        particle = next(
            (
                c.lower_ for c in token.children
                if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES and c.i > token.i)
            ),
            None,
        )
        return f"{lemma} {particle}" if particle else lemma

    def _hedge_level(self, tokens: Sequence[_Tok], chain: Sequence[_Tok] = ()) -> str:
        """The lowest certainty among hedge cues in `tokens` (FactBank: CT > PR > PS).

        With `chain`, only cues on the predicate count: a cue that is or
        modifies one of its tokens ("reportedly warned", "may stop", "is
        unlikely"), not one inside a noun phrase ("seemingly conflicting
        views", "a (potential) victim"), which qualifies a word only.
        """
        heads = {t.i for t in chain}
        level = "certain"
        for cue, run in _cue_matches(tokens, self.hedge_index):
            if heads and not any(t.i in heads or t.head.i in heads for t in run):
                continue
            value = self.cues.hedges[cue]
            if CERTAINTY_RANK[value] < CERTAINTY_RANK[level]:
                level = value
        return level

    def _certainty(self, frame: _Frame, cues: list[_Tok]) -> str:
        """FactBank's CT/PR/PS from hedge cues and modals on the claim's own clause.

        A hedge on a speech act stays there ("reportedly warned that X": the
        content X is certain), but a hedging verb of saying hedges the content
        ("hinted that X"). Hearsay ("it was reported that X") and signs ("there are signs that X")
        are probable.
        """
        tokens = [t for t in cues if t.i != frame.head.i] if frame.kind == "speech" else cues
        level = self._hedge_level(tokens, frame.chain)
        if frame.shift in ("hearsay", "signs") and level == "certain":
            level = "probable"
        if frame.kind == "content" and frame.speech is not None:
            said = self._hedge_level([frame.speech.head])
            if CERTAINTY_RANK[said] < CERTAINTY_RANK[level]:
                level = said
        return level

    def _polarity(self, frame: _Frame, cues: list[_Tok]) -> str:
        """Negative when an odd number of negation cues bears on the predicate.

        A cue bears on it when one of its words is a predicate token, depends
        on one ("did not", "unlikely"), or heads or modifies one of its
        arguments ("no reason", "neither Poland nor ..."); "no" deep inside a
        noun phrase ("a plan with no deadline") does not deny the claim.
        """
        if frame.polarity is not None:
            return frame.polarity
        chain = {t.i for t in frame.chain}

        def bears(token: _Tok) -> bool:
            return token.i in chain or token.head.i in chain or (
                token.head.head.i in chain and token.head.dep_ in ARGUMENT_DEPS | {"advmod", "acomp"}
            )

        count = sum(
            self.cues.negations[cue] == "negative"
            for cue, run in _cue_matches(cues, self.negation_index)
            if any(bears(t) for t in run)
        )
        frame.polarity = "negative" if count % 2 else "positive"
        return frame.polarity

    def _source(self, frame: _Frame, core: list[_Tok], owner: dict[int, int | None], context: _DocContext) -> str:
        """The speaker of reported content, the X of "according to X", or the author."""
        for token in core:
            for first, second in self.grammar.source_prepositions:
                if token.lower_ != first:
                    continue
                for prep in token.children:
                    if prep.lower_ == second:
                        named = [t.ent_kb_id_ for t in prep.subtree if _linked(t.ent_kb_id_)]
                        if named:
                            return named[0]
        if frame.kind == "content" and frame.speech is not None:
            speakers = self._actors_of(frame.speech, owner, context)
            if speakers:
                return speakers[0]
        return "author"

    def _type(self, frame: _Frame, cues: list[_Tok], context: _DocContext) -> str:
        """Event, fact, assessment or prediction (SPEC section 3), rule by rule.

        1. A speech act is an event.
        2. A dated event noun is an event, or a prediction when dated after
           the DCT; a reduced relative is an event unless stative or a
           since-state; an apposition is a fact.
        3. A modal perfect ("would have", "may have") or a modal of obligation
           ("must") makes an assessment.
        4. A future modal ("will", "would", "is to"), a forward-looking raising
           word ("is likely to", "is expected to"), a possibility modal
           ("may", "could") or a date after the DCT makes a prediction
           (TimeML: tense FUTURE, modality).
        5. Evaluative language, evidential or hedging frames ("the vote
           shows that", "is widely seen as"), a predicated noun outside the
           checkable categories ("Budapest is a useful crack in the West",
           not "X is the largest investor"), a portrayal ("has cast
           himself as a reformer"), an attributed mental state ("Moscow
           expected gratitude") and an impression ("looked exhausted") make
           an assessment.
        6. A denied proposition is a fact: an act that never happened. So is
           a past habit placed only "in the past", and a present perfect
           state "since" a date; a copula placing someone at a place on a
           date ("was in Kyiv") is an event.
        7. A stative verb or the copula is a fact unless in the progressive;
           so is "can" stating a rule.
        8. The simple present states a standing position or habit, a fact
           ("Serbia buys most of its gas from Russia"); the present
           progressive interprets what is under way, an assessment ("the
           party is leading it in the opposite direction").
        9. A durative adverb ("had long demanded") makes a state: a fact.
        10. Otherwise an event.
        """
        if frame.kind == "speech":
            return "event"
        future = any(context.is_future(d.value) for d in self._dates(frame))
        if frame.kind == "event_noun":
            return "prediction" if future else "event"
        if frame.kind == "apposition":
            return "fact"
        if frame.kind == "reduced":
            since = any(t.lower_ == "since" for t in frame.head.children)
            stative = frame.head.lemma_ in self.cues.stative_verbs and not self._is_event_noun(frame.root)
            if since or stative:
                return "fact"  # "deployed in the region since 2014": a state from a start
            return "prediction" if future else "event"  # "the talks held in Minsk in May"
        verb = _tensed_head(frame)
        tense = self._tense(frame)
        if tense.modal and tense.perfect:
            return "assessment"
        if tense.modal in self.grammar.deontic_modals:
            return "assessment"
        if tense.modal in self.grammar.future_modals or frame.shift == "likely" or self._forecasts(verb):
            return "prediction"
        if tense.modal and self.cues.hedges.get(tense.modal) == "possible":
            return "prediction"
        if future:
            return "prediction"
        evidential = frame.shift in ("evidential", "hedge") or (
            frame.shift is None and verb.lemma_ in self.cues.evidential_verbs
        )
        lemma = (frame.predicate_head or verb).lemma_
        if (
            evidential
            or self._is_evaluative(frame, cues)
            or self._characterises(frame)
            or self._portrays(frame)
            or self._attributes_mind(frame, lemma)
            or self._appears(frame, verb)
        ):
            return "assessment"
        if self._polarity(frame, cues) == "negative":
            return "fact"
        own = self._dates(frame)
        if own and all(d.value == "PAST_REF" for d in own) and tense.tense == "past" and not tense.perfect:
            return "fact"  # "In the past, Warsaw shielded Budapest": a habit of the past
        if tense.perfect and tense.tense == "present" and any(
            t.lower_ == "since" and any(c.i in context.date_at for c in t.children) for t in frame.chain[0].children
        ):
            return "fact"  # "has marked every renewal since 2022": a state that lasts until now
        if verb.lemma_ == "become" and any(d.value and d.value[:1].isdigit() for d in own):
            return "event"  # "Bosnia became a candidate in December 2022": a dated change of state
        if verb.lemma_ == "be" and own and self._is_at_place(verb, context):
            return "event"  # "A day later, the premier was in Kyiv": a dated presence
        if lemma in self.cues.stative_verbs and not self._has_event_object(frame) and " " not in self._predicate(frame):
            return "assessment" if tense.progressive else "fact"
        if any(t.lower_ == "still" and t.dep_ == "advmod" and t.head.i in {c.i for c in frame.chain} for t in cues):
            return "fact"  # "restrictions still blocked exports": a state that goes on
        if self._counts_over_a_period(frame, tense):
            return "fact"  # "More than 4,000 people crossed in 2021": an aggregate
        if tense.modal == "can":
            return "fact"
        if tense.tense == "present" and not tense.perfect:
            if tense.progressive and self._has_event_object(frame):
                return "event"  # "is hosting talks": an event under way
            return "assessment" if tense.progressive else "fact"
        chain = {t.i for t in frame.chain}
        if any(t.lower_ in ("long", "always") and t.dep_ == "advmod" and t.head.i in chain for t in cues):
            return "fact"
        return "event"

    def _tense(self, frame: _Frame) -> _Tense:
        """Tense, aspect and modal of the claim's verb group (borrowed from the first conjunct when elided)."""
        verb = _tensed_head(frame)
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        infinitive = verb.tag_ in ("VB", "VBN", "VBG") or any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.head.children)
        if not auxes and not _subjects(verb) and frame.first_conjunct is not None and infinitive:
            return self._tense(frame.first_conjunct)  # "would develop ... and run", "is to run ... and link"
        for token in frame.chain[1:]:
            auxes += [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        modal = next((a.lower_ for a in auxes if a.tag_ == "MD"), None)
        modal = {"ca": "can", "wo": "will", "'ll": "will", "sha": "shall"}.get(modal or "", modal)
        if modal is None and verb.lemma_ == "be" and any(
            c.dep_ == "xcomp" and c.lemma_ != "blame" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in verb.children
        ):
            modal = "be to"  # "the route is to run": a future arrangement (Quirk et al. 1985, 4.48)
        perfect = any(a.lemma_ == "have" for a in auxes)
        progressive = verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes)
        finite = next((a.tag_ for a in [*auxes, verb] if a.tag_ in ("VBD", "VBZ", "VBP")), None)
        if finite is None and not auxes and verb.tag_ == "VBN" and _subjects(verb):
            finite = "VBD"  # "4,000 people crossed in 2021", the past tense tagged as a participle
        tense = {"VBD": "past", "VBZ": "present", "VBP": "present"}.get(finite or "", "none")
        return _Tense(tense, perfect, progressive, modal)

    def _is_evaluative(self, frame: _Frame, cues: list[_Tok]) -> bool:
        """Evaluative language on the claim's own clause (claims_evaluative.txt, claims_role_labels.txt).

        Attitude, motive and explanation words count anywhere in the clause; a
        role label only as what the clause predicates ("Belarus is a
        co-aggressor", not "the victim acknowledges"). A comparative predicate
        ("went further", "is closer to") and a scare-quoted predicate noun
        evaluate too.
        """
        heads = {t.i for t in frame.chain}
        for token in cues:
            if token.lemma_ in self.cues.evaluative_words or token.lower_ in self.cues.evaluative_words:
                return True
            on_predicate = token.head.i in heads
            predicated = token.i in heads or (on_predicate and token.dep_ in ("attr", "acomp", "oprd", "xcomp")) or (
                token.dep_ == "pobj" and token.head.head.i in heads and token.head.head.lemma_ == "be"
            )  # "is a co-aggressor", "is not without risks"
            if predicated and (token.lemma_ in self.cues.role_labels or token.lower_ in self.cues.role_labels):
                return True
            comparative = token.tag_ in ("JJR", "RBR", "JJS", "RBS") or token.lower_ in ("further", "farther")
            # "went further", "is closer", or one step down: "moved more slowly", "sides with X more often"
            graded = token.head if token.dep_ == "advmod" and token.head.pos_ == "ADV" else token
            if comparative and graded.head.i in heads and graded.dep_ in ("acomp", "advmod", "oprd", "ccomp", "xcomp"):
                if not _measures(token):
                    return True
            if token.text in OPENERS and token.head.dep_ in ("attr", "acomp") and token.head.head.i in heads:
                return True
        return False

    def _characterises(self, frame: _Frame) -> bool:
        """A copular clause that predicates a common noun outside the checkable categories.

        "Nuclear power is the next test" and "ports remain bottlenecks"
        characterise; an office, a rank or a trade role ("is a senior fellow",
        "was the largest investor", "was the only candidate"), a number and an
        existential "there is" state a fact.
        """
        verb = frame.predicate_head or frame.head
        if verb.lemma_ not in COPULAS or any(c.dep_ == "expl" for c in verb.children):
            return False
        noun = next((c for c in verb.children if c.dep_ == "attr" and c.tag_ in ("NN", "NNS")), None)
        if noun is None or noun.lemma_ in self.cues.category_nouns or noun.lower_ in self.cues.category_nouns:
            return False
        return not any(
            c.tag_ == "CD" or c.lower_ in RANKING_WORDS for c in noun.children if c.dep_ in ("amod", "nummod", "advmod")
        )

    def _attributes_mind(self, frame: _Frame, lemma: str) -> bool:
        """A mental state attributed without a reported content ("Moscow expected gratitude",
        "the president apparently knows it"): no record can settle it."""
        if lemma not in self.cues.cognition_verbs:
            return False
        verb = frame.predicate_head or frame.head
        return not any(c.dep_ == "ccomp" for c in verb.children)

    def _counts_over_a_period(self, frame: _Frame, tense: _Tense) -> bool:
        """A past count located only in a year or a range of years: a statistic, not one act."""
        verb = frame.predicate_head or frame.head
        if tense.tense != "past" or tense.perfect or verb.lemma_ == "be":
            return False
        dates = self._dates(frame)
        if not dates or any(not d.value or len(d.value.split("/")[0]) != 4 for d in dates):
            return False  # no date, or one finer than a year
        counted = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        return any(n.tag_ == "CD" and n.dep_ == "nummod" for c in counted for n in c.children)

    def _forecasts(self, verb: _Tok) -> bool:
        """A copula with a forward-looking adjective: "a referendum is unlikely", "a deal is possible"."""
        return verb.lemma_ == "be" and any(
            c.dep_ == "acomp" and (self.cues.raising_verbs.get(c.lemma_) == "future" or c.lemma_ in FORWARD_ADJECTIVES)
            for c in verb.children
        )

    @staticmethod
    def _appears(frame: _Frame, verb: _Tok) -> bool:
        """A verb of appearance with a complement ("the opposition looked exhausted")."""
        return verb.lemma_ in APPEARANCE_VERBS and any(c.dep_ in ("acomp", "attr", "oprd") for c in verb.children)

    @staticmethod
    def _is_at_place(verb: _Tok, context: _DocContext) -> bool:
        """A copula with a place as its complement ("was in Kyiv"), and no noun or adjective predicated."""
        if any(c.dep_ in ("attr", "acomp") for c in verb.children):
            return False
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for pobj in prep.children:
                    entity = context.entity_at.get(pobj.i)
                    if pobj.dep_ == "pobj" and entity is not None and entity.label in ("GPE", "FAC", "LOC"):
                        return True
        return False

    def _portrays(self, frame: _Frame) -> bool:
        """A portrayal with an "as" phrase that the author reads into conduct.

        A self-portrayal ("has cast himself as a reformer", "projects an image
        of himself as ...") or a standing one in the simple present ("Astana
        treats Moscow as its guarantor") is an interpretation. A dated act of
        portraying something else ("the party presented the decision as a
        response") reports what was said: an event.
        """
        verb = frame.predicate_head or frame.head
        if verb.lemma_ not in self.cues.portrayal_verbs or not any(c.lower_ == "as" and c.dep_ == "prep" for c in verb.children):
            return False
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if any(t.lower_ in REFLEXIVES for o in objects for t in o.subtree):
            return True
        tense = self._tense(frame)
        return tense.tense == "present" and not tense.perfect and not tense.progressive

    def _has_event_object(self, frame: _Frame) -> bool:
        """A light stative verb with an event object ("held talks") reports an event."""
        verb = frame.predicate_head or frame.head
        return any(c.dep_ == "dobj" and self._is_event_noun(c) for c in verb.children)

    def _dates(self, frame: _Frame) -> list[_DateMention]:
        """Own dates, with those a simultaneous clause shares; else a coordinated clause's fronted ones."""
        if frame.anchor is not None:
            return frame.own_dates + [d for d in self._dates(frame.anchor) if d not in frame.own_dates]
        if frame.own_dates:
            return frame.own_dates
        if frame.first_conjunct is not None:
            first = frame.first_conjunct
            fronted = [d for d in first.own_dates if d.start < _clause_start(first.head)]
            return fronted or ([] if first.own_dates else self._dates(first))
        if frame.donor is not None:
            return [d for d in frame.donor.own_dates if d.start < _clause_start(frame.donor.head)]
        return []

    # -- arguments ------------------------------------------------------------------
    def _actors_of(self, frame: _Frame, owner: dict[int, int | None], context: _DocContext) -> tuple[str, ...]:
        """The frame's actors, computed once (a speech act's serve as its content's source)."""
        if frame.actors is None:
            frame.actors = ()  # guards against a cycle of donors
            frame.actors = tuple(self._actors(frame, owner, context))
        return frame.actors

    def _actors(self, frame: _Frame, owner: dict[int, int | None], context: _DocContext) -> list[str]:
        """kb_ids of the agents: subject (active), agent phrase (passive), possessor of an event noun."""
        head = frame.head
        if frame.kind == "event_noun":
            return self._event_agents(head, owner, context, frame)
        if frame.kind == "apposition":
            return _unique(self._np_ids(frame.root, owner, context, frame, skip={head.i}))
        if frame.kind == "reduced":
            return _unique(self._agent_ids(head, owner, context, frame))
        ids = []
        if frame.shift in ("extraposed", "evidential", "hearsay", "signs") and frame.predicate_head is not None:
            head = frame.predicate_head  # "it is unclear whether Minsk will ...": the clause's own subject
        subjects = _subjects(head)
        # "X was meant to guard", "X is widely seen as the one who decides":
        # the surface subject of a raising or hedging frame is the actor.
        shifted = frame.shift in ("raising", "likely", "hedge")
        for subject in subjects:
            if subject.dep_ == "nsubj" or (shifted and subject.dep_ == "nsubjpass"):
                ids += self._subject_ids(subject, owner, context, frame)
            elif subject.dep_ == "expl" and subject.lower_ == "there":
                # "There is another reason for X's posture": the pivot stands for the subject.
                ids += [i for c in head.children if c.dep_ == "attr" for i in self._np_ids(c, owner, context, frame)]
        for token in frame.chain:
            ids += self._agent_ids(token, owner, context, frame)
        if not subjects and frame.donor is not None:
            return list(self._actors_of(frame.donor, owner, context)) or _unique(ids)
        return _unique(ids)

    def _event_agents(self, noun: _Tok, owner: dict[int, int | None], context: _DocContext, frame: _Frame) -> list[str]:
        """The agents of an event noun: its possessor, a name or nationality before it, a by-phrase."""
        ids = []
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ in PERSON_POSSESSIVES:
                person = context.last_person(child.i)  # "His state visit to Minsk in May"
                ids += [person] if person else []
            elif child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.ent_type_):
                ids += self._np_ids(child, owner, context, frame)
            elif child.dep_ == "prep" and child.lower_ == "by":
                ids += [i for g in child.children for i in self._np_ids(g, owner, context, frame)]
        return _unique(ids)

    def _agent_ids(self, verb: _Tok, owner: dict[int, int | None], context: _DocContext, frame: _Frame) -> list[str]:
        """kb_ids of the passive agent ("by X") of a verb."""
        return [
            i
            for child in verb.children if child.dep_ == "agent"
            for pobj in child.children if pobj.dep_ == "pobj"
            for i in self._np_ids(pobj, owner, context, frame)
        ]

    def _subject_ids(self, subject: _Tok, owner: dict[int, int | None], context: _DocContext, frame: _Frame) -> list[str]:
        """Entities of a subject, resolving relative and personal pronouns and event nouns."""
        lower = subject.lower_
        if lower in RELATIVE_WORDS or any(t.lower_ == "whose" for t in subject.children):
            antecedent = _antecedent(frame.head)
            if antecedent is None:
                return []
            return self._np_ids(antecedent, owner, context, frame, skip={frame.head.i})
        if self._is_event_noun(subject):
            # "The release of X by the regime on 13 May is the latest ...": the event's agent.
            return self._event_agents(subject, owner, context, frame)
        if subject.pos_ == "PRON" and subject.dep_ != "expl":
            if lower in PERSON_PRONOUNS:
                person = context.last_person(subject.i)
                return [person] if person else []
            if lower in GROUP_PRONOUNS and not any(c.dep_ == "ccomp" for c in frame.head.children):
                return list(context.previous_groups)
            return []
        return self._np_ids(subject, owner, context, frame, prepositions=self.grammar.actor_prepositions)

    def _np_ids(
        self,
        head: _Tok,
        owner: dict[int, int | None],
        context: _DocContext,
        frame: _Frame,
        *,
        skip: Iterable[int] = (),
        prepositions: Collection[str] | None = None,
        agents: bool = True,
    ) -> list[str]:
        """kb_ids named in a noun phrase.

        Relative clauses, appositions, locative phrases and nested claims are
        left out; with `prepositions`, so is every prepositional phrase not
        opened by one of them ("a deal between X and Y over Z": X and Y). An
        apposition that names the head's referent ("the actual victim –
        Ukraine –") names the phrase. For `agents`, a nationality adjective
        as a modifier stands for its state (SPEC: "a Polish court"), while an
        affected group keeps its group entry ("123 Belarusian prisoners"); a
        phrase headed by a state organ ("parliament", "police") or "the
        country" with no name stands for the article's main state.
        """
        skipped = set(skip)
        if not head.ent_type_:
            named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ and _linked(c.ent_kb_id_)]
            if named:
                head = named[0]
        found: list[tuple[int, str]] = []  # (position, kb_id): names in text order
        seen: set[int] = set()
        allowed_owners = (owner.get(head.i), None, frame.root.i)
        stack = [head]
        while stack:
            token = stack.pop()
            if token.i != head.i:
                if token.i in skipped or owner.get(token.i) not in allowed_owners:
                    continue
                if token.dep_ in ("relcl", "appos", "advcl", "ccomp") or (token.dep_ == "acl" and not _is_agentive_acl(token)):
                    continue
                if token.dep_ == "prep" and (
                    token.lower_ in self.grammar.locative_prepositions
                    or (prepositions is not None and token.lower_ not in prepositions)
                ):
                    continue
            entity = context.entity_at.get(token.i)
            if entity is not None and entity.start not in seen and _linked(entity.kb_id):
                seen.add(entity.start)
                kb_id = entity.kb_id
                if agents and entity.label == "NORP" and _is_modifier(entity.root):
                    kb_id = self.norp_to_state.get(kb_id, kb_id)
                found.append((entity.start, kb_id))
            stack.extend(token.children)
        if agents and not found and head.lemma_ in self.cues.state_organs and context.focal_state:
            return [context.focal_state]
        return [kb_id for _, kb_id in sorted(found)]

    def _targets(self, frame: _Frame, owner: dict[int, int | None], context: _DocContext) -> list[str]:
        """kb_ids of the affected parties: objects, passive subjects, prepositional objects."""
        locative = self.grammar.locative_prepositions
        ids: list[str] = []
        if frame.kind in ("event_noun", "apposition"):
            for child in frame.head.children:
                if child.dep_ == "prep" and child.lower_ not in locative and child.lower_ != "by":
                    ids += [i for g in child.children for i in self._np_ids(g, owner, context, frame, agents=False)]
            return _unique(ids)
        if frame.kind == "reduced":
            return _unique(self._np_ids(frame.root, owner, context, frame, skip={frame.head.i}, agents=False))
        for token in frame.chain:
            for child in token.children:
                if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
                    ids += self._np_ids(child, owner, context, frame, agents=False)
                elif child.dep_ == "prep" and child.lower_ not in locative and child.lower_ != "by":
                    ids += [
                        i
                        for g in child.children if g.dep_ == "pobj" and g.i not in context.date_at
                        for i in self._np_ids(g, owner, context, frame, agents=False)
                    ]
        return _unique(ids)


# ---------------------------------------------------------------------------
# Parse helpers
# ---------------------------------------------------------------------------


def _quotation_state(tokens: list[_Tok], inside: bool) -> tuple[bool, bool]:
    """Whether a double quotation is open after a sentence, and whether the sentence closed one.

    Curly marks say which they are; a straight mark closes an open quotation
    and opens one otherwise. Single marks are left out: they quote words
    ("the ‘Russian law’") and double as apostrophes.
    """
    closed = False
    for token in tokens:
        if token.text == "“" or (token.text == '"' and not inside):
            inside = True
        elif token.text in ("”", '"') and inside:
            inside, closed = False, True
    return inside, closed


def _sentences(tokens: list[_Tok], blocks: list[tuple[int, int, str]]) -> Iterator[tuple[list[_Tok], str, bool]]:
    """The sentences (without edge whitespace) of the given blocks: tokens, block kind, first in its block."""
    for start, end, kind in blocks:
        sentences: list[list[_Tok]] = [[]]
        for token in tokens[start:end]:
            if token.is_sent_start and sentences[-1]:
                sentences.append([])
            if sentences[-1] or not token.is_space:
                sentences[-1].append(token)
        first = True
        for sentence in sentences:
            while sentence and sentence[-1].is_space:
                sentence.pop()
            if sentence:
                yield sentence, kind, first
                first = False


def _is_predicate(token: _Tok) -> bool:
    """A verb, or an auxiliary standing as a copula, that heads a clause."""
    if token.pos_ == "VERB":
        return token.dep_ not in ("amod", "aux", "auxpass", "compound")
    return token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")


def _subjects(verb: _Tok) -> list[_Tok]:
    return [child for child in verb.children if child.dep_ in SUBJECT_DEPS]


def _clause_start(verb: _Tok) -> int:
    """Where a clause's subject starts (or its verb, without one): dates before it are fronted."""
    return min([s.left_edge.i for s in _subjects(verb)] + [verb.i])


def _first_conjunct(token: _Tok) -> _Tok:
    """The first verb of a coordination, climbing through xcomp ("is to run ... and link")."""
    while token.dep_ == "conj" and _is_predicate(token.head):
        token = token.head
    while token.dep_ == "xcomp" and _is_predicate(token.head):
        token = token.head
    return token


def _is_coordinated_clause(verb: _Tok) -> bool:
    """A conjoined verb is a clause of its own unless it is a misparsed modifier.

    A second conjunct with a subject of its own needs a coordinator or a
    semicolon ("X, a lawyer turned MP" is no coordination). spaCy hangs
    the coordinator on the first conjunct, or on the last one.
    """
    if not _subjects(verb):
        return True
    head = verb.head
    if any(c.dep_ == "cc" and (head.i < c.i < verb.i or c.head.i == verb.i) for c in (*head.children, *verb.children)):
        return True
    if any(any(c.dep_ == "cc" for c in t.children) for t in head.children if t.dep_ == "conj" and t.i > verb.i):
        return True
    start = verb.left_edge.i
    return start > 0 and verb.doc[start - 1].text in (";", ":")


def _is_split_relative(verb: _Tok) -> bool:
    """A relative clause makes its own claim when non-restrictive or with its own subject.

    Non-restrictive: set off by a comma, a dash or a bracket ("X, which ..."),
    or on an appositive noun phrase ("X, a banker who ..."). Own subject:
    the relative word is not the subject ("the election that the party
    framed", "a country where Russia occupied ...").
    """
    start = verb.left_edge.i
    if start > 0 and verb.doc[start - 1].text in {",", "(", ";"} | DASHES:
        return True
    if _is_appositive(verb.head):
        return True
    return not any(s.lower_ in RELATIVE_WORDS for s in _subjects(verb))


def _after_comma(token: _Tok) -> bool:
    """The phrase `token` heads follows a comma."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","


def _is_appositive(noun: _Tok) -> bool:
    """A noun phrase set off by a comma after what it describes ("X, a banker", "..., a move")."""
    return (
        noun.pos_ in ("NOUN", "PROPN")
        and noun.i > noun.head.i
        and noun.dep_ not in SUBJECT_DEPS | {"conj"}
        and not any(c.dep_ == "conj" for c in noun.children)
        and _after_comma(noun)
    )


def _subject_before(verb: _Tok, phrase: _Tok) -> _Tok | None:
    """The subject that `phrase`, a dependent of `verb`, directly follows, if any."""
    if phrase.i > verb.i:
        return None
    return next((s for s in _subjects(verb) if s.right_edge.i + 1 == phrase.left_edge.i), None)


def _is_impersonal_passive(verb: _Tok) -> bool:
    """A passive with a dummy subject and no agent ("it was reported that ...")."""
    return (
        _is_passive(verb)
        and not any(c.dep_ == "agent" for c in verb.children)
        and all(s.lower_ == "it" for s in _subjects(verb))
    )


def _after_dash(verb: _Tok) -> bool:
    """A participle right after a dash adds a predication of its own ("X – releasing Y")."""
    return verb.tag_ == "VBG" and verb.pos_ == "VERB" and verb.i > 0 and verb.doc[verb.i - 1].text in DASHES


def _marker(verb: _Tok) -> _Tok | None:
    """The subordinator of a clause: a `mark`, or a wh-adverb ("when it comes to")."""
    for child in verb.children:
        if child.dep_ == "mark" or (child.dep_ == "advmod" and child.tag_ == "WRB" and child.i < verb.i):
            return child
    return None


def _relative_word(verb: _Tok) -> str | None:
    return next((t.lower_ for t in verb.subtree if t.lower_ in RELATIVE_WORDS and t.i < verb.i), None)


def _is_finite(verb: _Tok) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children
    )


def _is_passive(verb: _Tok) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _is_agentive_acl(token: _Tok) -> bool:
    """A restrictive participle with an agent phrase ("a college dominated by X") names its agent.

    Set off by commas ("the court, led by a loyalist, ...") it only describes.
    """
    return token.dep_ == "acl" and any(c.dep_ == "agent" for c in token.children) and not _after_comma(token)


def _linked(kb_id: str) -> bool:
    """An entity id: a KB id, or the document-level id of a name outside the KB (its
    slug, named as a KB entry would be), so that such a party can still be an actor."""
    return bool(kb_id)


def _is_modifier(token: _Tok) -> bool:
    """A word modifying a noun, directly, as a conjunct ("Russian and Belarusian forces") or
    in a hyphenated compound ("Russian-led troops")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "npadvmod" and token.i + 2 < len(token.doc) and token.doc[token.i + 1].text == "-":
        return token.head.dep_ in MODIFIER_DEPS
    return token.dep_ in MODIFIER_DEPS


def _tensed_head(frame: _Frame) -> _Tok:
    """The verb whose tense and arguments the claim has: the content's after "there are signs that"."""
    return frame.predicate_head if frame.shift == "signs" and frame.predicate_head is not None else frame.head


def _is_speaker(subject: _Tok) -> bool:
    """A subject that can speak: a name, a personal pronoun, or people in a role ("Fidesz officials")."""
    return bool(subject.ent_type_) or subject.lower_ in SPEECH_PRONOUNS or (
        subject.pos_ == "NOUN" and subject.lemma_ in SPEAKER_NOUNS
    )


def _measures(token: _Tok) -> bool:
    """"more than once", "more than doubled", "less than 5 per cent": a quantity, not a comparison."""
    doc = token.doc
    if token.lower_ not in ("more", "less", "fewer") or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "than":
        return False
    following = doc[token.i + 2]
    return following.lower_ in MEASURED or following.tag_ == "CD" or following.pos_ == "VERB"


def _is_subject(token: _Tok) -> bool:
    """A name that is the subject of its clause, a conjunct of one ("X and Y met") or its possessor
    ("X's answer was defiance")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _antecedent(verb: _Tok) -> _Tok | None:
    """What a relative clause's pronoun stands for.

    After a comma it is the noun phrase just before ("the Union (EEU), which
    ...", "Moldova, which ..."), whatever the parser attached it to;
    otherwise the noun the clause modifies. Appositions lead to their head
    ("X, a banker who ...").
    """
    doc = verb.doc
    index = verb.left_edge.i - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1
        while index >= 0 and (doc[index].is_punct or doc[index].is_space):
            index -= 1
        if index >= 0 and doc[index].pos_ in ("NOUN", "PROPN"):
            token = doc[index]
            while token.dep_ == "compound" or (
                token.ent_type_ and token.head.ent_type_ == token.ent_type_ and token.head.i > token.i
            ):
                token = token.head
            return _appositive_head(token)
    if verb.dep_ in ("relcl", "acl", "ccomp") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _appositive_head(verb.head)
    return None


def _appositive_head(token: _Tok) -> _Tok:
    while token.dep_ == "appos":
        token = token.head
    return token


def _punctuation_between(clause: _Tok, head: _Tok, marks: Collection[str] = (",", ";", ":")) -> bool:
    """One of `marks` between a clause's edge and its head."""
    doc = clause.doc
    if clause.i < head.i:
        between = doc[clause.right_edge.i + 1 : max(head.left_edge.i + 1, head.i)]
    else:
        between = doc[head.i + 1 : clause.left_edge.i]
    return any(t.text in marks for t in between)


def _pruned_subtree(token: _Tok) -> Iterator[_Tok]:
    """A subtree short of embedded clauses."""
    stack = [token]
    while stack:
        token = stack.pop()
        if token.dep_ in CLAUSE_DEPS and token.pos_ in ("VERB", "AUX"):
            continue
        yield token
        stack.extend(token.children)


def _core(frame: _Frame) -> list[_Tok]:
    """The claim's own clause: its predicate's tokens short of embedded clauses."""
    chain = {t.i for t in frame.chain}
    tokens = {t.i: t for t in frame.chain}
    for head in frame.chain:
        for child in head.children:
            if child.i not in chain:
                tokens.update((t.i, t) for t in _pruned_subtree(child))
    return [tokens[i] for i in sorted(tokens)]


def _nearest_frame(token: _Tok, frames: dict[int, _Frame]) -> _Frame | None:
    """The frame of `token` or of its nearest ancestor that heads one."""
    while token.i not in frames:
        if token.head.i == token.i:
            return None
        token = token.head
    return frames[token.i]


def _owners(sent: list[_Tok], roots: dict[int, _Frame], moved: dict[int, _Tok]) -> dict[int, int | None]:
    """Each token's owning claim root: the nearest claim root at or above it.

    `moved` reattaches phrases (phrase head -> new head) before climbing.
    """
    owner: dict[int, int | None] = {}
    for token in sent:
        path = []
        current = token
        while current.i not in roots and current.i not in owner and current.head.i != current.i:
            path.append(current.i)
            current = moved.get(current.i, current.head)
        found = current.i if current.i in roots else owner.get(current.i)
        for index in path:
            owner[index] = found
        owner[current.i] = found if current.i not in roots else current.i
    return owner


def _claim_span(sent: list[_Tok], frame: _Frame, owner: dict[int, int | None]) -> tuple[int, int] | None:
    """Token range of the claim: the run of its own tokens around its root, trimmed."""
    anchor = frame.root.i
    first, last = sent[0].i, sent[-1].i + 1
    start = anchor
    while start - 1 >= first and owner.get(start - 1) == anchor:
        start -= 1
    end = anchor + 1
    while end < last and owner.get(end) == anchor:
        end += 1
    doc = sent[0].doc
    if _after_dash(frame.head) and frame.head.i == anchor:
        start = anchor  # the dash opens the claim
    while start < end and _strip_left(doc[start], frame, doc[start:end]):
        start += 1
    while end > start and _strip_right(doc[end - 1], doc[start:end]):
        end -= 1
    if not any(t.is_alpha for t in doc[start:end]):
        return None
    return start, end


def _strip_left(token: _Tok, frame: _Frame, span: list[_Tok]) -> bool:
    """Whether a span's first token falls outside the claim (SPEC span policy)."""
    if token.is_space:
        return True
    if token.is_punct:
        closer = OPENERS.get(token.text)
        return not (closer and any(t.text == closer for t in span[1:]))
    if token.lower_ in EDGE_WORDS and token.dep_ in ("cc", "advmod", "preconj") and token.pos_ in ("CCONJ", "ADV"):
        return True
    return frame.kind == "content" and token.dep_ == "mark" and token.lower_ in COMPLEMENTISERS


def _strip_right(token: _Tok, span: list[_Tok]) -> bool:
    """Whether a span's last token falls outside the claim: punctuation, a coordinator, a stranded preposition."""
    if token.is_space:
        return True
    if token.is_punct:
        opener = CLOSERS.get(token.text)
        return not (opener and any(t.text == opener for t in span[:-1]))
    return token.pos_ in ("CCONJ", "ADP", "SCONJ") and token.dep_ in ("cc", "prep", "mark", "agent")


def _cue_matches(tokens: Sequence[_Tok], index: _CueIndex) -> Iterator[tuple[str, list[_Tok]]]:
    """Cues found as runs of consecutive tokens (lower-case text or lemma), with the run.

    Each token starts at most one match, the longest; matched tokens are not
    reused by a shorter cue inside the same run.
    """
    by_index = {t.i: t for t in tokens}
    used: set[int] = set()
    for token in tokens:
        if token.i in used or (token.lower_ not in index.first_words and token.lemma_ not in index.first_words):
            continue
        for length in range(index.max_words, 0, -1):
            run = [by_index[token.i + k] for k in range(length) if token.i + k in by_index]
            if len(run) < length:
                continue
            texts = (" ".join(t.lower_ for t in run), " ".join(t.lemma_ for t in run))
            found = next((cue for cue in texts if cue in index.cues), None)
            if found is not None:
                used.update(t.i for t in run)
                yield found, run
                break


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


# ---------------------------------------------------------------------------
# Factory
# ---------------------------------------------------------------------------


@Language.factory(
    "claim_extractor",
    requires=["token.dep", "token.lemma", "doc.ents", "doc.spans"],
    assigns=["doc._.claims"],
    default_config={
        "reporting_verbs_path": str(DATA / "claims_reporting_verbs.txt"),
        "evidential_verbs_path": str(DATA / "claims_evidential_verbs.txt"),
        "hedges_path": str(DATA / "claims_hedges.txt"),
        "negation_path": str(DATA / "claims_negation.txt"),
        "event_nouns_path": str(DATA / "claims_event_nouns.txt"),
        "stative_verbs_path": str(DATA / "claims_stative_verbs.txt"),
        "portrayal_verbs_path": str(DATA / "claims_portrayal_verbs.txt"),
        "cognition_verbs_path": str(DATA / "claims_cognition_verbs.txt"),
        "evaluative_path": str(DATA / "claims_evaluative.txt"),
        "role_labels_path": str(DATA / "claims_role_labels.txt"),
        "category_nouns_path": str(DATA / "claims_category_nouns.txt"),
        "raising_verbs_path": str(DATA / "claims_raising_verbs.txt"),
        "state_organs_path": str(DATA / "claims_state_organs.txt"),
        "future_modals": ["will", "would", "shall", "be to"],
        "deontic_modals": ["must", "should", "ought"],
        "anchoring_subordinators": [
            "if", "unless", "once", "until", "till", "when", "whenever", "before", "after", "since", "provided", "lest",
        ],
        "simultaneous_subordinators": ["as", "while", "when"],
        "locative_prepositions": [
            "in", "at", "near", "outside", "inside", "around", "within", "across", "through", "along", "via", "throughout",
        ],
        "actor_prepositions": ["of", "from", "between", "among", "by"],
        "temporal_prepositions": [
            "since", "after", "before", "during", "until", "till", "following", "at", "amid", "throughout", "ahead",
        ],
        "collective_nouns": ["series", "wave", "spate", "string", "round", "number", "succession", "flurry", "cycle", "period"],
        "multiword_predicates": [
            "take place", "take part", "take office", "take power", "take effect", "take control", "come into force", "come to power",
            "give way", "make way", "run out", "take shape", "take hold",
        ],
        "source_prepositions": ["according to"],
        "claim_blocks": ["standfirst", "paragraph", "byline"],
        "kb_component": "kb_entities",
        "dates_key": "dates",
        "blocks_key": "blocks",
    },
)
def make_claim_extractor(
    nlp: Language,
    name: str,
    reporting_verbs_path: str,
    evidential_verbs_path: str,
    hedges_path: str,
    negation_path: str,
    event_nouns_path: str,
    stative_verbs_path: str,
    portrayal_verbs_path: str,
    cognition_verbs_path: str,
    evaluative_path: str,
    role_labels_path: str,
    category_nouns_path: str,
    raising_verbs_path: str,
    state_organs_path: str,
    future_modals: list[str],
    deontic_modals: list[str],
    anchoring_subordinators: list[str],
    simultaneous_subordinators: list[str],
    locative_prepositions: list[str],
    actor_prepositions: list[str],
    temporal_prepositions: list[str],
    collective_nouns: list[str],
    multiword_predicates: list[str],
    source_prepositions: list[str],
    claim_blocks: list[str],
    kb_component: str,
    dates_key: str,
    blocks_key: str,
) -> ClaimExtractor:
    """Factory for `ClaimExtractor`.

    Args:
        nlp: the pipeline; its `kb_component` pipe lends its KB, whose NORP
            entries map nationality adjectives to states.
        name: the component's name in the pipeline.
        reporting_verbs_path: communication verbs (TimeML REPORTING, FactBank SIPs).
        evidential_verbs_path: verbs that report only with a speaker.
        hedges_path: certainty cues with their level (FactBank, Hyland).
        negation_path: negation cues, and litotes that cancel out.
        event_nouns_path: event nouns with their verbs (TimeML event nominals).
        stative_verbs_path: verbs of states, relations and rules.
        portrayal_verbs_path: verbs that cast their object as something.
        cognition_verbs_path: verbs of mental states, an assessment when attributed.
        evaluative_path: attitude, motive and explanation words.
        role_labels_path: judgement nouns, evaluative when predicated.
        category_nouns_path: nouns of checkable categories, a fact when predicated.
        raising_verbs_path: verbs whose complement carries the predicate.
        state_organs_path: nouns standing for a state's organs.
        future_modals: modals (and "be to") of a prediction that stays certain.
        deontic_modals: modals of obligation, which make an assessment.
        anchoring_subordinators: subordinators whose clause stays in its matrix claim.
        simultaneous_subordinators: subordinators whose clause shares its matrix's dates.
        locative_prepositions: prepositions of venues, left out of actors and targets.
        actor_prepositions: the only prepositional phrases of a subject that
            may name actors ("observers from X", "a deal between X and Y").
        temporal_prepositions: prepositions through which a dated event noun
            also dates the predicate above it ("since the coup of 1991").
        collective_nouns: nouns that count events ("a series of releases"):
            a date on them dates the events.
        multiword_predicates: verb + word idioms that are one predicate ("take place").
        source_prepositions: phrases that name a source ("according to").
        claim_blocks: the block kinds (segment.py) that hold claims.
        kb_component: name of the entity pipe whose `kb` attribute is read.
        dates_key: the `doc.spans` key of the date spans.
        blocks_key: the `doc.spans` key of the block spans, labelled by kind.

    Returns:
        The component.
    """
    kb = getattr(nlp.get_pipe(kb_component), "kb", None) if kb_component in nlp.pipe_names else None
    cues = ClaimCues.from_paths(
        reporting_verbs_path=reporting_verbs_path,
        evidential_verbs_path=evidential_verbs_path,
        hedges_path=hedges_path,
        negation_path=negation_path,
        event_nouns_path=event_nouns_path,
        stative_verbs_path=stative_verbs_path,
        portrayal_verbs_path=portrayal_verbs_path,
        cognition_verbs_path=cognition_verbs_path,
        evaluative_path=evaluative_path,
        role_labels_path=role_labels_path,
        category_nouns_path=category_nouns_path,
        raising_verbs_path=raising_verbs_path,
        state_organs_path=state_organs_path,
    )

    def words(values: Iterable[str]) -> frozenset[str]:
        return frozenset(value.lower() for value in values)

    grammar = ClaimGrammar(
        future_modals=words(future_modals),
        deontic_modals=words(deontic_modals),
        anchoring_subordinators=words(anchoring_subordinators),
        simultaneous_subordinators=words(simultaneous_subordinators),
        locative_prepositions=words(locative_prepositions),
        actor_prepositions=words(actor_prepositions),
        temporal_prepositions=words(temporal_prepositions),
        collective_nouns=words(collective_nouns),
        multiword_predicates=tuple(tuple(phrase.lower().split()) for phrase in multiword_predicates),
        source_prepositions=tuple((p.lower().split()[0], p.lower().split()[-1]) for p in source_prepositions),
        claim_blocks=frozenset(claim_blocks),
    )
    return ClaimExtractor(cues, grammar, norp_to_state=norp_states(kb), dates_key=dates_key, blocks_key=blocks_key)
