"""Lemma repair: a stem that would double its consonant did not lose an `e` ("hoped" -> hope)."""

from __future__ import annotations

import pytest

from pipeline.lemmas import repaired_lemma

VERBS = frozenset({"hop", "hope", "stag", "stage", "tap", "tape", "visit", "open", "plan", "wage", "fool", "bath", "bathe"})


@pytest.mark.parametrize(
    "form, lemma, expected",
    [
        ("hoped", "hop", "hope"),  # "hop" would give "hopped"
        ("hoping", "hop", "hope"),
        ("staged", "stag", "stage"),
        ("taped", "tap", "tape"),
        ("hopped", "hop", "hop"),  # doubled: the stem is right
        ("visited", "visit", "visit"),  # "visite" is no verb
        ("opened", "open", "open"),
        ("fooled", "fool", "fool"),  # two vowels before the consonant: no doubling rule
        ("bathed", "bath", "bath"),  # two final consonants: left as the lemmatizer says
        ("waged", "wage", "wage"),  # already right
        ("hopes", "hop", "hop"),  # only -ed and -ing forms
        ("reappointed", "reappointe", "reappoint"),  # no verb ends in "-nte"
        ("pasted", "paste", "paste"),
    ],
)
def test_repaired_lemma(form, lemma, expected):
    assert repaired_lemma(form, lemma, VERBS) == expected


@pytest.mark.parametrize(
    "sentence, word, lemma",
    [
        ("Officials hoped that the talks would resume.", "hoped", "hope"),
        ("The opposition staged a rally in the capital.", "staged", "stage"),
        ("The ministry is hoping for a quick deal.", "hoping", "hope"),
        ("The envoy stopped the talks.", "stopped", "stop"),
        ("The parties planned a second round.", "planned", "plan"),
    ],
)
def test_pipeline_lemmas(nlp_small_kb, sentence, word, lemma):
    doc = nlp_small_kb(sentence)
    assert next(t.lemma_ for t in doc if t.text == word) == lemma


def test_runs_after_the_lemmatizer(nlp_small_kb):
    names = nlp_small_kb.pipe_names
    assert names.index("lemmatizer") < names.index("lemma_repair") < names.index("claim_extractor")
