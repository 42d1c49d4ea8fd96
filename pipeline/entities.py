"""Named entities: statistical NER corrected by a KB gazetteer, trimmed, relabelled
by context, and linked to the knowledge base.

Order of work for one `Doc` (each step is a general rule, not a list of answers):

1. *Gazetteer*: every name and alias of the KB is matched on token text; the
   longest match wins.
2. *NER*: the model's name entities (SPEC labels only) are trimmed: a leading
   "the", a possessive "’s", quotes and punctuation, and, for PERSON, a title
   ("President", "Foreign Minister").
3. *Merge*: a KB match wins over an overlapping NER entity, unless the NER
   entity is a longer proper name that contains it ("Belarusian Association of
   Journalists" contains "Belarusian").
4. *Link*: a KB match takes its entry's id and label. A capital that is also a
   state's metonym is the state (GPE) unless it is a literal place ("in Minsk",
   "flew to Minsk"). An NER entity whose text is a KB surface is linked too. A
   name not in the KB gets a document-level id `nil:<slug>`; a later surname or
   acronym links to the earlier full form ("Novak" after "Anna Novak", "ABC"
   after "Alpha Beta Company (ABC)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .kb import KBEntry, KnowledgeBase, load_kb
from .records import ENTITY_LABELS, Entity

QUOTES = set("\"'‘’“”«»„‹›")
POSSESSIVES = {"'s", "’s", "'", "’"}
NIL_PREFIX = "nil:"
# Parts of speech that never start or end a name (spaCy's universal POS tags).
EDGE_POS = {"ADV", "ADP", "AUX", "VERB", "PRON", "SCONJ", "CCONJ", "INTJ", "PART"}
# An NER name may swallow a KB match only when it names an institution, place
# or work that contains a place or people ("Belarusian Association of Journalists").
CONTAINER_LABELS = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
CONTAINED_LABELS = {"GPE", "NORP", "LOC"}


def read_word_list(path: str | Path) -> list[str]:
    """Read a commented word list: one entry per line, `#` starts a comment."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words


def slugify(text: str) -> str:
    """Lower-case ASCII-ish slug: letters and digits joined by hyphens."""
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return slug or "entity"


def strip_leading_the(surface: str) -> str:
    """Drop a lower-case leading "the " (SPEC: "the" is outside the span)."""
    return surface[4:] if surface.startswith("the ") else surface


@dataclass
class Candidate:
    """A span under consideration, with where it came from."""

    start: int
    end: int
    label: str
    source: str  # "kb" or "ner"
    key: str = ""  # the gazetteer surface for KB matches


class KBEntityLinker:
    """The entity component: gazetteer + NER + trimming + linking (see module doc)."""

    def __init__(
        self,
        nlp: Language,
        kb_path: str,
        ner_labels: Sequence[str],
        titles_path: str,
        literal_prepositions: Sequence[str],
        motion_prepositions: Sequence[str],
        motion_verbs: Sequence[str],
    ):
        self.kb: KnowledgeBase = load_kb(Path(kb_path))
        self.ner_labels = set(ner_labels) & set(ENTITY_LABELS)
        self.titles = set(read_word_list(titles_path))
        self.literal_prepositions = set(literal_prepositions)
        self.motion_prepositions = set(motion_prepositions)
        self.motion_verbs = set(motion_verbs)
        self.surfaces: dict[str, list[KBEntry]] = {}
        self.lower_surfaces: dict[str, list[KBEntry]] = {}
        for surface, entries in self.kb.by_surface().items():
            key = strip_leading_the(surface)
            self.surfaces.setdefault(key, []).extend(entries)
            self.lower_surfaces.setdefault(key.lower(), []).extend(entries)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        keys = sorted(self.surfaces)
        for key, pattern in zip(keys, nlp.tokenizer.pipe(keys)):
            self.matcher.add(key, [pattern])

    # -- candidates -------------------------------------------------------
    def _gazetteer(self, doc: Doc) -> list[Candidate]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        found = []
        for span in filter_spans(spans):
            key = span.label_
            entry = self.surfaces[key][0]
            found.append(Candidate(span.start, span.end, entry.label, "kb", key))
        return found

    def _trim(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
        """Trim what is not part of a name from the edges of an NER span.

        Possessives, quotes and punctuation go; so do function words and
        adverbs the model swept in at a capitalised edge ("Once Karabakh",
        "Georgia Away" in a title), a leading "the" that is not part of a KB
        name, and, for PERSON, a leading title ("President").
        """
        def outside(token) -> bool:
            return (
                token.text in POSSESSIVES or token.text in QUOTES or token.is_punct or token.is_space
                or token.pos_ in EDGE_POS
            )

        while start < end and outside(doc[end - 1]):
            end -= 1
        while start < end and outside(doc[start]) and doc[start].lower_ != "the":
            start += 1
        if start < end and doc[start].lower_ == "the" and doc[start:end].text not in self.surfaces:
            start += 1
        if label == "PERSON":
            while end - start > 1 and doc[start].lower_.rstrip(".") in self.titles:
                start += 1
        return start, end

    def _ner(self, doc: Doc) -> list[Candidate]:
        found = []
        for ent in doc.ents:
            if ent.label_ not in self.ner_labels:
                continue
            start, end = self._trim(doc, ent.start, ent.end, ent.label_)
            if start >= end or not any(ch.isupper() for ch in doc[start:end].text):
                continue
            if all(t.lower_.rstrip(".") in self.titles for t in doc[start:end]):
                continue  # "State" cut from "Secretary of State X": a title, not a name
            label = ent.label_
            first = self.surfaces.get(doc[start].text)
            if label == "PERSON" and end - start > 1 and first and first[0].label in ("NORP", "GPE"):
                label = "ORG"  # "Georgian Dream": a name led by a people or place is no person
            found.append(Candidate(start, end, label, "ner"))
        return found

    @staticmethod
    def _swallows(doc: Doc, outer: Candidate, inner: Candidate) -> bool:
        """True when NER name `outer` is a longer proper name around KB match `inner`."""
        if outer.label not in CONTAINER_LABELS or inner.label not in CONTAINED_LABELS:
            return False
        if not (outer.start <= inner.start and inner.end <= outer.end):
            return False
        extra = [t for t in doc[outer.start : outer.end] if not inner.start <= t.i < inner.end]
        return any(t.pos_ == "PROPN" for t in extra)

    def _merge(self, doc: Doc, kb: list[Candidate], ner: list[Candidate]) -> list[Candidate]:
        chosen = list(kb)
        for cand in ner:
            overlapping = [k for k in kb if k.start < cand.end and cand.start < k.end]
            if not overlapping:
                chosen.append(cand)
                continue
            if all(self._swallows(doc, cand, k) for k in overlapping):
                chosen = [c for c in chosen if c not in overlapping]
                chosen.append(cand)
        chosen.sort(key=lambda c: (c.start, -c.end))
        result: list[Candidate] = []
        for cand in chosen:
            if result and cand.start < result[-1].end:
                continue
            result.append(cand)
        return result

    # -- linking ----------------------------------------------------------
    def _is_literal_place(self, doc: Doc, start: int, end: int) -> bool:
        """A place name used as a location ("in Minsk") rather than a government."""
        last = doc[end - 1]
        if last.dep_ == "poss" or (end < len(doc) and doc[end].text in POSSESSIVES):
            return False  # "Minsk’s support": a possessor acts, so it is the government
        first = doc[start]
        prep = first.head if first.dep_ == "pobj" else (doc[start - 1] if start > 0 else None)
        if prep is None:
            return False
        if prep.lower_ in self.literal_prepositions:
            return True
        if prep.lower_ in self.motion_prepositions:
            return prep.head.lemma_.lower() in self.motion_verbs
        return False

    def _choose_entry(self, doc: Doc, cand: Candidate, entries: list[KBEntry]) -> KBEntry:
        """Pick among entries sharing a surface: metonym (the state) or the place."""
        if len(entries) == 1:
            return entries[0]
        literal = [e for e in entries if cand.key not in e.metonyms]
        metonymic = [e for e in entries if cand.key in e.metonyms]
        if literal and metonymic:
            return literal[0] if self._is_literal_place(doc, cand.start, cand.end) else metonymic[0]
        return entries[0]

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._merge(doc, self._gazetteer(doc), self._ner(doc))
        people: dict[str, str] = {}  # surname or full name -> doc-level id
        acronyms: dict[str, str] = {}
        spans: list[Span] = []
        for cand in candidates:
            span = doc[cand.start : cand.end]
            text = span.text
            label = cand.label
            kb_id: str
            if cand.source == "kb":
                entry = self._choose_entry(doc, cand, self.surfaces[cand.key])
                kb_id, label = entry.id, entry.label
            elif text in self.surfaces or text.lower() in self.lower_surfaces:
                entries = self.surfaces.get(text) or self.lower_surfaces[text.lower()]
                cand.key = text
                entry = self._choose_entry(doc, cand, entries)
                kb_id, label = entry.id, entry.label
            elif text in people or text in acronyms:
                kb_id = people.get(text) or acronyms[text]
                if text in people:
                    label = "PERSON"
            else:
                kb_id = NIL_PREFIX + slugify(text)
            if label == "PERSON" and len(span) > 1:
                people.setdefault(text, kb_id)
                people.setdefault(span[-1].text, kb_id)
            after = doc[cand.end : cand.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
                acronyms.setdefault(after[1].text, kb_id)
            spans.append(Span(doc, cand.start, cand.end, label=label, kb_id=kb_id))
        doc.ents = spans
        return doc


@Language.factory(
    "kb_entities",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={
        "kb_path": "annotations/kb.jsonl",
        "ner_labels": list(ENTITY_LABELS),
        "titles_path": str(Path(__file__).parent / "data" / "person_titles.txt"),
        "literal_prepositions": ["in", "near", "at", "outside", "inside", "around", "across", "within", "into", "through"],
        "motion_prepositions": ["to", "from", "via"],
        "motion_verbs": ["go", "travel", "fly", "come", "return", "move", "arrive", "flee", "drive", "sail", "march", "walk", "deport", "send", "bring", "take", "transfer", "relocate", "escape", "head"],
    },
)
def make_kb_entities(
    nlp: Language,
    name: str,
    kb_path: str,
    ner_labels: list[str],
    titles_path: str,
    literal_prepositions: list[str],
    motion_prepositions: list[str],
    motion_verbs: list[str],
) -> KBEntityLinker:
    """Factory for `KBEntityLinker` (see module docstring)."""
    return KBEntityLinker(nlp, kb_path, ner_labels, titles_path, literal_prepositions, motion_prepositions, motion_verbs)


def doc_entities(doc: Doc) -> list[Entity]:
    """The entity records of a processed doc, in document order."""
    return [Entity(e.start_char, e.end_char, e.text, e.label_, e.kb_id_ or None) for e in doc.ents]


def entity_ids(entities: Iterable[Entity]) -> list[str]:
    """Distinct kb_ids of entities, in first-mention order."""
    return list(dict.fromkeys(e.kb_id for e in entities if e.kb_id))
