"""Structure-aware segmentation: blocks and sentence starts at line breaks."""

from __future__ import annotations

import pytest

from pipeline.segment import classify_lines

ARTICLE = (
    "A Quiet Turn in the Baltic\n"
    "Small states face hard choices. This essay looks at three of them.\n"
    "By Anna Novak\n"
    "Why it matters\n"
    "The ministers met on Monday. They agreed on nothing\n"
    "Anna Novak is a senior fellow at an invented institute."
)


@pytest.mark.parametrize(
    "line_start, kind",
    [
        ("A Quiet Turn", "title"),
        ("Small states", "standfirst"),
        ("By Anna Novak", "byline"),
        ("Why it matters", "heading"),
        ("The ministers met", "paragraph"),
        ("Anna Novak is", "byline"),
    ],
)
def test_block_kinds(line_start, kind):
    blocks = {ARTICLE[b.start : b.end][: len(line_start)]: b.kind for b in classify_lines(ARTICLE)}
    assert blocks[line_start] == kind


def test_short_sentence_without_full_stop_in_paragraph_position_is_heading():
    text = "Title\nA standfirst sentence that ends properly.\nShort heading here\nA paragraph. With two sentences."
    kinds = [b.kind for b in classify_lines(text)]
    assert kinds == ["title", "standfirst", "heading", "paragraph"]


def test_blank_lines_and_crlf_are_not_blocks():
    text = "Title\r\n\r\nFirst paragraph here, which is long enough to be prose.\r\n"
    blocks = classify_lines(text)
    assert [b.kind for b in blocks] == ["title", "standfirst"]
    assert text[blocks[0].start : blocks[0].end] == "Title"


@pytest.mark.parametrize(
    "text",
    [
        "Title line\nThe minister said that the talks\nwould resume soon.",
        "Heading without stop\nA sentence with no end\nAnother line that continues it.",
    ],
)
def test_no_sentence_crosses_a_line_break(nlp_small_kb, text):
    doc = nlp_small_kb(text)
    for sent in doc.sents:
        assert "\n" not in sent.text.strip(), sent.text


def test_each_sentence_knows_its_block(nlp_small_kb):
    doc = nlp_small_kb(ARTICLE)
    by_text = {s.text.strip(): s._.block for s in doc.sents if s.text.strip()}
    assert by_text["A Quiet Turn in the Baltic"] == "title"
    assert by_text["The ministers met on Monday."] == "paragraph"
    assert by_text["Why it matters"] == "heading"
    assert [s.label_ for s in doc.spans["blocks"]][:2] == ["title", "standfirst"]
