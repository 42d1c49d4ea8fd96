"""Named entities: statistical NER corrected by a KB gazetteer, trimmed, relabelled
by context, and linked to the knowledge base.

Order of work for one `Doc` (each step is a general rule, not a list of answers):

1. *Gazetteer*: every name and alias of the KB is matched on token text; the
   longest match wins.
2. *NER*: the model's name entities (SPEC labels only) are trimmed: a leading
   "the", a possessive "’s" (and what follows it: "Kazakhstan’s Balancing
   Act" in a title keeps "Kazakhstan"), quotes and punctuation, and, for
   PERSON, a title ("President", "Foreign Minister"). Labels are fixed by the
   head word (LAW "… Act", FAC "… Corridor", LOC "… valley", a lower-case
   head joining the name) and by context (ORG after "the oil company", with
   an organisation noun in apposition, or before an acronym in brackets); a
   name split at a particle is joined ("Ursula von der" + "Leyen"); and a
   longer name ending in a word tagged alone as PERSON is that person.
3. *Merge*: a KB match wins over an overlapping NER entity, unless the NER
   entity is a longer proper name that contains it ("Belarusian Association of
   Journalists" contains "Belarusian").
4. *Link*: a KB match takes its entry's id and label. A capital that is also a
   state's metonym is the state (GPE) unless it is a literal place ("in Minsk",
   "flew to Minsk"). An NER entity whose text is a KB surface is linked too. A
   name not in the KB gets a document-level id, the slug of its name (`nil:<slug>`
   if that slug is another entry's id); a surname, a family name written first,
   the head word of an organisation's name or an acronym links to the full form
   ("Novak" and "Anna Novak", "Xi" and "Xi Jinping", "the Commission" after
   "the Baltic Energy Commission", "ABC" after "Alpha Beta Company (ABC)"), and
   so does a second name given with "or" ("X, or Middle Corridor"). A capital is
   a literal place after a locative preposition, a verb or noun of motion
   ("a visit to Minsk"), a place noun with "of" ("the centre of Minsk") or as
   the object of "visit", "leave" or "reach".
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .kb import KBEntry, KnowledgeBase, load_kb, slugify
from .records import ENTITY_LABELS, Entity

QUOTES = set("\"'‘’“”«»„‹›")
POSSESSIVES = {"'s", "’s", "'", "’"}
# Prefix of a document-level id that would collide with the id of another KB entry.
NIL_PREFIX = "nil:"
# Parts of speech that never start or end a name (spaCy's universal POS tags).
EDGE_POS = {"ADV", "ADP", "AUX", "VERB", "PRON", "SCONJ", "CCONJ", "INTJ", "PART", "NUM"}
# Labels the model gives to place names it does not know (see `_relabel`).
PLACE_GUESS_LABELS = {"ORG", "PERSON", "NORP"}
# An NER name may swallow a KB match only when it names an institution, place
# or work that contains a place or people ("Belarusian Association of Journalists").
CONTAINER_LABELS = {"ORG", "FAC", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
CONTAINED_LABELS = {"GPE", "NORP", "LOC"}
# Month, weekday and season names: a span of these alone is a date, not a name.
CALENDAR_WORDS = {
    *(name.lower() for name in calendar.month_name[1:]), *(name.lower() for name in calendar.day_name),
    "spring", "summer", "autumn", "fall", "winter",
}
# Lower-case particles inside personal names ("Ursula von der Leyen", "Omar al Bashir").
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin", "ibn", "al", "el"}
# Verbs whose direct object is a place reached or left ("visited Moscow", "left Minsk").
VISIT_VERBS = {"visit", "leave", "reach", "enter", "tour"}
# Labels a surname used alone as PERSON overrides on a longer name ending in it.
NOT_PERSON_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}


def read_word_list(path: str | Path) -> list[str]:
    """Read a commented word list: one entry per line, `#` starts a comment."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words


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
        law_heads_path: str,
        place_nouns: Sequence[str],
        organ_nouns_path: str,
        facility_heads_path: str,
        landform_heads_path: str,
        organisation_nouns_path: str,
    ):
        self.kb: KnowledgeBase = load_kb(Path(kb_path))
        self.organ_nouns = set(read_word_list(organ_nouns_path))
        self.place_nouns = set(place_nouns)
        self.law_heads = set(read_word_list(law_heads_path))
        self.facility_heads = set(read_word_list(facility_heads_path))
        self.landform_heads = set(read_word_list(landform_heads_path))
        self.organisation_nouns = set(read_word_list(organisation_nouns_path))
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
        while start < end:
            token = doc[start]
            if token.lower_ == "the" and doc[start:end].text in self.surfaces:
                break  # "The Hague": part of the name
            if not (token.lower_ == "the" or outside(token)):
                break
            start += 1
        if label == "PERSON":
            while end - start > 1 and doc[start].lower_.rstrip(".") in self.titles:
                start += 1
        return start, end

    def _ner(self, doc: Doc) -> list[Candidate]:
        found = []
        person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent if t.is_title}
        for ent in doc.ents:
            if ent.label_ not in self.ner_labels:
                continue
            start, end = self._trim(doc, ent.start, ent.end, ent.label_)
            bracket = next((t.i for t in doc[start + 1 : end] if t.text == "("), None)
            if bracket is not None:  # "the International Labour Organization (ILO": the name, then its acronym
                start, end = self._trim(doc, start, bracket, ent.label_)
            inner = next((t.i for t in doc[start + 1 : end] if t.text in POSSESSIVES), None)
            if inner is not None and (
                doc[start:inner].text in self.surfaces or doc[inner - 1].text in person_words or self._in_headline(doc, start)
            ):
                # "Kazakhstan’s Balancing Act", "Sandu’s Party of Action", "Orbán’s Veto Politics" in a
                # title: the possessor only; "the European Public Prosecutor’s Office" stays whole
                start, end = self._trim(doc, start, inner, ent.label_)
            if start >= end or not any(ch.isupper() for ch in doc[start:end].text):
                continue
            if all(t.lower_ in CALENDAR_WORDS or not t.is_alpha for t in doc[start:end]):
                continue  # "4 September 2020" tagged EVENT: a date, not a name
            if all(t.lower_.rstrip(".") in self.titles for t in doc[start:end]):
                continue  # "State" cut from "Secretary of State X": a title, not a name
            if end - start == 1 and doc[start].is_sent_start and doc[start].lower_ in self.organ_nouns:
                continue  # "Parliament approved ...": a common noun capitalised by position
            label = ent.label_
            following = doc[end] if end < len(doc) else None
            if following is not None and following.is_lower and following.tag_ in ("NN", "NNS") and (
                following.lower_ in self.facility_heads or following.lower_ in self.landform_heads
            ):
                end += 1  # "the Lachin corridor", "the Jadar valley": the head word belongs to the name
            if self._is_law_name(doc, start, end):
                label = "LAW"
                lead = self.surfaces.get(doc[start].text)
                if lead and lead[0].label == "NORP":
                    start += 1  # "the American Foreign Agents Registration Act": NORP, then LAW
            elif end - start > 1 and doc[end - 1].lower_ in self.facility_heads:
                label = "FAC"  # "Middle Corridor", "Zvartnots International Airport"
            elif end - start > 1 and doc[end - 1].lower_ in self.landform_heads:
                label = "LOC"  # "Jadar valley", "Caspian Sea": a natural feature
            first = self.surfaces.get(doc[start].text)
            if label == "PERSON" and end - start > 1 and first and first[0].label in ("NORP", "GPE"):
                label = "ORG"  # "Georgian Dream": a name led by a people or place is no person
            if label != "LAW" and self._named_as_organisation(doc, start, end):
                label = "ORG"
            found.append(Candidate(start, end, label, "ner"))
        return self._surnames_name_persons(doc, self._join_particles(doc, found))

    @staticmethod
    def _in_headline(doc: Doc, start: int) -> bool:
        """Whether token `start` lies in the title or a heading (`structure_segmenter` blocks)."""
        char = doc[start].idx
        return any(
            block.label_ in ("title", "heading") and block.start_char <= char < block.end_char
            for block in doc.spans.get("blocks", ())
        )

    def _named_as_organisation(self, doc: Doc, start: int, end: int) -> bool:
        """"the oil company X", "X, the state producer," or "X (XYZ)": the name is an organisation."""
        before = doc[start - 1] if start > 0 else None
        if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in self.organisation_nouns:
            return True
        root = doc[start:end].root
        if any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in self.organisation_nouns for c in root.children):
            return True
        after = doc[end : end + 3]
        return len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper and len(after[1]) > 1

    @staticmethod
    def _join_particles(doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Join a name split at a particle: "Ursula von der" + "Leyen" is one PERSON."""
        joined: list[Candidate] = []
        for cand in found:
            if joined and joined[-1].label == "PERSON" and joined[-1].end <= cand.start:
                gap = doc[joined[-1].end : cand.start]
                last = doc[joined[-1].end - 1]
                bridging = all(t.lower_ in NAME_PARTICLES for t in gap) and (len(gap) > 0 or last.lower_ in NAME_PARTICLES)
                if bridging and doc[cand.start].is_title and cand.end - cand.start == 1:
                    joined[-1].end = cand.end
                    continue
            joined.append(cand)
        for cand in joined:  # "Ursula von der" with "Leyen" missed by the model
            while cand.label == "PERSON" and doc[cand.end - 1].lower_ in NAME_PARTICLES and cand.end < len(doc):
                following = doc[cand.end]
                if not (following.is_title or following.lower_ in NAME_PARTICLES):
                    break
                cand.end += 1
        return [c for i, c in enumerate(joined) if not (i and c.start < joined[i - 1].end)]

    @staticmethod
    def _surnames_name_persons(doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """A longer name ending in a word the model tags alone as PERSON is that person."""
        surnames = {doc[c.start].text for c in found if c.label == "PERSON" and c.end - c.start == 1}
        for cand in found:
            if cand.label in NOT_PERSON_LABELS and cand.end - cand.start > 1 and doc[cand.end - 1].text in surnames:
                if all(t.pos_ == "PROPN" or t.is_punct for t in doc[cand.start : cand.end]):
                    cand.label = "PERSON"  # "Kassym-Jomart Tokayev" (ORG), later "Tokayev" (PERSON)
        return found

    def _is_law_name(self, doc: Doc, start: int, end: int) -> bool:
        """A name headed by "Act", "Treaty", "Law on ..." and the like (see law_heads.txt)."""
        for token in doc[start:end]:
            if token.is_title and token.lower_ in self.law_heads:
                following = doc[token.i + 1] if token.i + 1 < end else None
                if following is None or following.lower_ in ("of", "on", "for", "against"):
                    return True
        return False

    @staticmethod
    def _swallows(doc: Doc, outer: Candidate, inner: Candidate) -> bool:
        """True when NER name `outer` is a longer proper name around KB match `inner`."""
        if not (outer.start <= inner.start and inner.end <= outer.end):
            return False
        if outer.label == inner.label == "NORP":  # "Central Asian", "South Korean": a longer adjective
            return all(t.is_title for t in doc[outer.start : outer.end])
        if outer.label not in CONTAINER_LABELS or inner.label not in CONTAINED_LABELS:
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
        if last.dep_ == "dobj" and last.head.lemma_.lower() in VISIT_VERBS:
            return True  # "has visited Moscow"
        before = start - 1
        while before >= 0 and doc[before].pos_ == "DET":
            before -= 1  # "at the White House"
        prep = doc[end - 1].head if doc[end - 1].dep_ == "pobj" else (doc[before] if before >= 0 else None)
        if prep is None:
            return False
        if prep.lower_ in self.literal_prepositions:
            return True
        if prep.lower_ in self.motion_prepositions:
            return prep.head.lemma_.lower() in self.motion_verbs
        return prep.lower_ == "of" and prep.head.lemma_.lower() in self.place_nouns  # "the centre of Belgrade"

    def _choose_entry(self, doc: Doc, cand: Candidate, entries: list[KBEntry]) -> KBEntry:
        """Pick among entries sharing a surface: metonym (the state) or the place."""
        if len(entries) == 1:
            return entries[0]
        literal = [e for e in entries if cand.key not in e.metonyms]
        metonymic = [e for e in entries if cand.key in e.metonyms]
        if literal and metonymic:
            return literal[0] if self._is_literal_place(doc, cand.start, cand.end) else metonymic[0]
        return entries[0]

    def _link(self, doc: Doc, cand: Candidate, known: dict[str, tuple[str, str]]) -> tuple[str, str]:
        """Return (kb_id, label) for one merged candidate (see module docstring)."""
        text = doc[cand.start : cand.end].text
        if cand.source == "ner":
            entries = self.surfaces.get(text) or self.lower_surfaces.get(text.lower())
            if not entries:
                if text in known:
                    return known[text]  # a surname or acronym of an earlier full form
                label = cand.label
                if label in PLACE_GUESS_LABELS and self._after_literal_preposition(doc, cand.start):
                    if cand.end - cand.start == 1 or all(t.pos_ == "PROPN" for t in doc[cand.start : cand.end]):
                        label = "GPE"  # "through Syunik", "in Novi Sad": an unknown name used as a place
                return self._document_id(text), label
            cand.key = text if text in self.surfaces else entries[0].name
        else:
            entries = self.surfaces[cand.key]
        entry = self._choose_entry(doc, cand, entries)
        label = entry.label
        venue = entry.extra.get("venue_label")
        if venue and self._is_literal_place(doc, cand.start, cand.end):
            label = venue  # "talks at the White House": the building, not the administration
        return entry.id, label

    def _document_id(self, text: str) -> str:
        """The id of a name outside the KB: its slug, as a KB entry for it would be named
        (SPEC section 2), so that the same name gets the same id in every article; with
        `nil:` in front where that slug already names another KB entry."""
        slug = slugify(text)
        return NIL_PREFIX + slug if slug in self.kb.entries else slug

    def _after_literal_preposition(self, doc: Doc, start: int) -> bool:
        """"through X", "in X", or "the province of X": X is used as a place."""
        if start > 0 and doc[start - 1].lower_ in self.literal_prepositions:
            return True
        return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lemma_.lower() in self.place_nouns

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._merge(doc, self._gazetteer(doc), self._ner(doc))
        known: dict[str, tuple[str, str]] = {}  # full names, surnames, acronyms -> (id, label)
        spans: list[Span] = []
        for cand in candidates:
            kb_id, label = self._link(doc, cand, known)
            if spans and cand.source == "ner" and kb_id not in self.kb.entries and self._renames(doc, spans[-1], cand):
                kb_id, label = spans[-1].kb_id_, spans[-1].label_  # "the Trans-Caspian Route, or Middle Corridor,"
            span = doc[cand.start : cand.end]
            if label in ("PERSON", "ORG") and len(span) > 1:
                known.setdefault(span.text, (kb_id, label))
                known.setdefault(span[-1].text, (kb_id, label))  # "Novak", "the Commission"
            after = doc[cand.end : cand.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
                known.setdefault(after[1].text, (kb_id, label))
            spans.append(Span(doc, cand.start, cand.end, label=label, kb_id=kb_id))
        for span in spans:  # a family name written first ("Xi" after "Xi Jinping")
            if span.label_ == "PERSON" and len(span) > 1 and span[0].is_title:
                known.setdefault(span[0].text, (span.kb_id_, span.label_))
        spans = [self._short_form(span, known) for span in spans]
        doc.ents = self._add_repeated_names(doc, self._consistent_labels(spans), known)
        return doc

    def _short_form(self, span: Span, known: dict[str, tuple[str, str]]) -> Span:
        """A one-word name outside the KB that shortens a longer name anywhere in the doc takes its id.

        Covers a surname met before the full name (a title "Orbán’s Gamble",
        then "Viktor Orbán") and a family name written first ("Xi").
        """
        if len(span) != 1 or span.kb_id_ in self.kb.entries or span.text not in known:
            return span
        kb_id, label = known[span.text]
        if kb_id == span.kb_id_ or label not in ("PERSON", "ORG"):
            return span
        return Span(span.doc, span.start, span.end, label=label, kb_id=kb_id)

    @staticmethod
    def _renames(doc: Doc, previous: Span, cand: Candidate) -> bool:
        """"X, or Y" and "X, also known as Y": a second name for the entity just named."""
        between = [t.lower_ for t in doc[previous.end : cand.start]]
        return cand.label == previous.label_ and between in ([",", "or"], ["or"], [",", "also", "known", "as"], ["also", "known", "as"])

    def _consistent_labels(self, spans: list[Span]) -> list[Span]:
        """Give every mention of one name outside the KB the same label.

        A place reading (GPE) found anywhere wins; otherwise the label of most
        mentions does, the first mention's on a tie (the model is most reliable
        on the full first form; a title-case title can mislead it once).
        """
        votes: dict[str, Counter[str]] = {}
        for span in spans:
            if span.kb_id_ not in self.kb.entries:
                votes.setdefault(span.kb_id_, Counter())[span.label_] += 1
        chosen = {
            kb_id: "GPE" if "GPE" in counts else max(counts, key=lambda label: (counts[label], -list(counts).index(label)))
            for kb_id, counts in votes.items()
        }
        return [
            Span(span.doc, span.start, span.end, label=chosen[span.kb_id_], kb_id=span.kb_id_)
            if span.kb_id_ in chosen and chosen[span.kb_id_] != span.label_ else span
            for span in spans
        ]

    @staticmethod
    def _add_repeated_names(doc: Doc, spans: list[Span], known: dict[str, tuple[str, str]]) -> list[Span]:
        """Tag later mentions of a surname the model missed ("Novak" after "Anna Novak")."""
        covered = {i for span in spans for i in range(span.start, span.end)}
        added = [
            Span(doc, token.i, token.i + 1, label="PERSON", kb_id=known[token.text][0])
            for token in doc
            if token.i not in covered and token.pos_ == "PROPN" and known.get(token.text, ("", ""))[1] == "PERSON"
        ]
        return sorted(spans + added, key=lambda span: span.start)


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
        "law_heads_path": str(Path(__file__).parent / "data" / "law_heads.txt"),
        "organ_nouns_path": str(Path(__file__).parent / "data" / "claims_state_organs.txt"),
        "facility_heads_path": str(Path(__file__).parent / "data" / "facility_heads.txt"),
        "landform_heads_path": str(Path(__file__).parent / "data" / "landform_heads.txt"),
        "organisation_nouns_path": str(Path(__file__).parent / "data" / "organisation_nouns.txt"),
        "place_nouns": ["city", "town", "village", "province", "region", "district", "republic", "oblast", "county", "capital", "port", "island", "centre", "center", "streets", "outskirts", "suburbs", "heart", "mayor", "residents"],
        "motion_verbs": ["go", "travel", "fly", "come", "return", "move", "arrive", "flee", "drive", "sail", "march", "walk", "deport", "send", "bring", "take", "transfer", "relocate", "escape", "head", "visit", "trip", "journey", "flight", "tour"],
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
    law_heads_path: str,
    place_nouns: list[str],
    organ_nouns_path: str,
    facility_heads_path: str,
    landform_heads_path: str,
    organisation_nouns_path: str,
) -> KBEntityLinker:
    """Factory for `KBEntityLinker` (see module docstring)."""
    return KBEntityLinker(
        nlp, kb_path, ner_labels, titles_path, literal_prepositions, motion_prepositions, motion_verbs, law_heads_path, place_nouns,
        organ_nouns_path, facility_heads_path, landform_heads_path, organisation_nouns_path,
    )


def doc_entities(doc: Doc) -> list[Entity]:
    """The entity records of a processed doc, in document order."""
    return [Entity(e.start_char, e.end_char, e.text, e.label_, e.kb_id_ or None) for e in doc.ents]


def entity_ids(entities: Iterable[Entity]) -> list[str]:
    """Distinct kb_ids of entities, in first-mention order."""
    return list(dict.fromkeys(e.kb_id for e in entities if e.kb_id))
