"""Lemma repair: the `-ed`/`-ing` forms a rule lemmatizer gets one letter wrong.

A rule lemmatizer tries suffix rules in order and keeps the first result found
in its word list, so "hoped" becomes `hop` and "staged" `stag`: both `hop` and
`hope` are verbs. English spelling settles it. A one-syllable stem ending in
consonant-vowel-consonant doubles that consonant before `-ed` and `-ing`
("hop" → "hopped", "hopping"), so a form that did *not* double ("hoped",
"hoping") cannot come from the stem: it comes from the stem plus `e`, when that
is a known verb. An unknown `-ed` form can get an `e` no verb ends in
("reappointed" → `reappointe`); it loses it again. Lemmas are read downstream
as claim predicates and matched against the cue lists, so the repair runs
straight after the lemmatizer.

Only verb forms (tags `VBD`, `VBN`, `VBG`) are touched; a pipeline whose lemmatizer has no verb word list is left as it is.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

SUFFIXES = ("ed", "ing")
VERB_FORM_TAGS = frozenset({"VBD", "VBN", "VBG"})
# A final consonant-vowel-consonant after a consonant or at the start: the
# stems that double their last letter before -ed/-ing (w, x and y never double).
_DOUBLING_STEM = re.compile(r"(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$")
# No English verb ends in one of these consonant pairs plus "e": an unknown
# "-ed" form given an "e" ("reappointed" -> "reappointe") loses it again.
_NO_FINAL_E = re.compile(r"..(?:nt|rt|lt|pt|ct|xt)e$")


def repaired_lemma(form: str, lemma: str, verbs: frozenset[str] | set[str]) -> str:
    """The lemma of a verb form, with a stripped final `e` restored where spelling demands it.

    Args:
        form: the token as written, in lower case ("hoped").
        lemma: the lemmatizer's lemma ("hop").
        verbs: the known verb lemmas.

    Returns:
        `lemma + "e"` when `form` is `lemma` plus `-ed`/`-ing` without a doubled
        consonant, `lemma` ends in consonant-vowel-consonant, and `lemma + "e"`
        is a known verb; `lemma` without its final `e` when that `e` follows a
        consonant pair no verb ends in ("reappointe"); otherwise `lemma`.
    """
    for suffix in SUFFIXES:
        if form == lemma + suffix and _DOUBLING_STEM.search(lemma) and lemma + "e" in verbs:
            return lemma + "e"
    if form.endswith("ed") and _NO_FINAL_E.search(lemma):
        return lemma[:-1]  # an unknown "reappointed" made "reappointe"
    return lemma


class LemmaRepair:
    """Restores the final `e` of verb lemmas that the rule lemmatizer cut off."""

    def __init__(self, nlp: Language, lemmatizer: str):
        self.nlp = nlp
        self.lemmatizer = lemmatizer
        self._verbs: frozenset[str] | None = None

    def verbs(self) -> frozenset[str]:
        """The lemmatizer's verb word list (empty when it has none), read once."""
        if self._verbs is None:
            words: frozenset[str] = frozenset()
            if self.lemmatizer in self.nlp.pipe_names:
                lookups = getattr(self.nlp.get_pipe(self.lemmatizer), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_index"):
                    words = frozenset(lookups.get_table("lemma_index").get("verb", ()))
            self._verbs = words
        return self._verbs

    def __call__(self, doc: Doc) -> Doc:
        verbs = self.verbs()
        if not verbs:
            return doc
        for token in doc:
            if token.tag_ in VERB_FORM_TAGS:
                lemma = token.lemma_
                fixed = repaired_lemma(token.lower_, lemma, verbs)
                if fixed != lemma:
                    token.lemma_ = fixed
        return doc


@Language.factory("lemma_repair", assigns=["token.lemma"], default_config={"lemmatizer": "lemmatizer"})
def make_lemma_repair(nlp: Language, name: str, lemmatizer: str) -> LemmaRepair:
    """Factory for `LemmaRepair`; `lemmatizer` names the component whose word list it reads."""
    return LemmaRepair(nlp, lemmatizer)
