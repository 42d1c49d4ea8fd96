"""Tests for `pipeline.sentences`: the fallback splitter and finding the sentence around a span."""

from __future__ import annotations

import pytest

from pipeline.sentences import enclosing_sentence, record_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two!", ["One.", "Two!"]),
        ("A title\nFirst line. Second one?\n\nLast", ["A title", "First line.", "Second one?", "Last"]),
        # Closing quotes stay with their sentence; an opening quote may start the next.
        ("He said “no.” “Yes,” she said.", ["He said “no.”", "“Yes,” she said."]),
        # No break after an abbreviation, a decimal point or before a lower-case word.
        ("Mr. Smith paid 3.5 million. it stays", ["Mr. Smith paid 3.5 million. it stays"]),
        ("It grew in 2020. 2021 was worse.", ["It grew in 2020.", "2021 was worse."]),
        ("  padded line  \n", ["padded line"]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    bounds = split_sentences(text)
    assert [text[start:end] for start, end in bounds] == expected


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 3), (0, 10)),  # inside the first sentence
        ((12, 15), (11, 20)),  # inside the second
        ((5, 15), (0, 20)),  # across two: both
        ((10, 11), (0, 10)),  # in the gap: the sentence before
        ((25, 25), (21, 30)),  # empty span at a position
    ],
)
def test_enclosing_sentence(span, expected):
    assert enclosing_sentence([(0, 10), (11, 20), (21, 30)], *span) == expected


def test_enclosing_sentence_without_bounds():
    assert enclosing_sentence([], 0, 3) is None


def test_record_sentences():
    extra = {"sentences": [{"start": 11, "end": 20, "block": "paragraph"}, {"start": 0, "end": 10, "block": "title"}]}
    assert record_sentences(extra) == [(0, 10), (11, 20)]
    assert record_sentences({}) is None
