"""Structure-aware segmentation: blocks (title, standfirst, headings, paragraphs,
byline) from the article's lines, and sentence starts at every line break.

The component runs before the parser. It marks the first token of every line
as a sentence start; the parser keeps preset boundaries, so no sentence ever
crosses a line break. Each block is a span in `doc.spans["blocks"]` whose label
is the block kind, and `Span._.block` tells which block a sentence is in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

BLOCK_KINDS = ("title", "standfirst", "heading", "paragraph", "byline")

# A byline or author bio: "By Anna Novak", or a closing one-sentence line
# "<Name> is a/an/the ..." (the shape of an author note in policy outlets).
BYLINE_START = re.compile(r"^(By|Written by|Author:)\s+\S")
BIO = re.compile(r"^(?:[A-Z][\w’'.-]+\s+){1,4}(?:is|was)\s+(?:an?|the)\s")
SENTENCE_END = re.compile(r"[.!?…:;]['’\"”)\]]*\s*$")


@dataclass(frozen=True)
class Block:
    """One line of the article with its kind; `end` excludes the newline."""

    start: int
    end: int
    kind: str


def classify_lines(text: str, *, heading_max_words: int = 14) -> list[Block]:
    """Split a text into non-empty lines and give each a block kind.

    The first non-empty line is the title (SPEC section 1). A short line that
    does not end like a sentence is a heading; the line after the title is the
    standfirst when it is prose; a line shaped like "By X" or a closing
    "X is a ..." bio is the byline; everything else is a paragraph.

    Args:
        text: the article text exactly as stored.
        heading_max_words: the longest line, in words, still taken as a heading.

    Returns:
        Blocks in document order.
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    blocks: list[Block] = []
    last = len(spans) - 1
    for index, (start, end) in enumerate(spans):
        # Trim trailing whitespace (e.g. "\r") so the block is the visible line.
        line = text[start:end]
        end = start + len(line.rstrip())
        line = line.strip()
        words = len(line.split())
        if index == 0:
            kind = "title"
        elif BYLINE_START.match(line):
            kind = "byline"
        elif index == last and index > 1 and BIO.match(line) and line.count(". ") == 0:
            kind = "byline"
        elif words <= heading_max_words and not SENTENCE_END.search(line) and ". " not in line:
            kind = "heading"
        elif index == 1:
            kind = "standfirst"
        else:
            kind = "paragraph"
        blocks.append(Block(start, end, kind))
    return blocks


def _block_of(span: Span) -> str | None:
    """Span extension getter: the kind of the block that holds the span's start."""
    starts = span.doc._.block_starts
    if not starts:
        return None
    index = bisect.bisect_right(starts, span.start_char) - 1
    if index < 0:
        return None
    block = span.doc._.blocks[index]
    return block.kind if span.start_char < block.end else None


for _name, _default in (("blocks", None), ("block_starts", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
if not Span.has_extension("block"):
    Span.set_extension("block", getter=_block_of)


class StructureSegmenter:
    """Marks line starts as sentence starts and records the article's blocks."""

    def __init__(self, heading_max_words: int):
        self.heading_max_words = heading_max_words

    def __call__(self, doc: Doc) -> Doc:
        blocks = classify_lines(doc.text, heading_max_words=self.heading_max_words)
        doc._.blocks = blocks
        doc._.block_starts = [b.start for b in blocks]
        previous_newline = True
        for token in doc:
            if token.is_space:
                previous_newline = previous_newline or "\n" in token.text
                continue
            if previous_newline and token.i > 0:
                token.is_sent_start = True
            previous_newline = "\n" in token.whitespace_
        spans = []
        for block in blocks:
            span = doc.char_span(block.start, block.end, label=block.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["blocks"] = spans
        return doc


@Language.factory(
    "structure_segmenter",
    assigns=["token.is_sent_start", "doc.spans"],
    default_config={"heading_max_words": 14},
)
def make_structure_segmenter(nlp: Language, name: str, heading_max_words: int) -> StructureSegmenter:
    """Factory for `StructureSegmenter` (see module docstring)."""
    return StructureSegmenter(heading_max_words)


def iter_sentences(doc: Doc) -> Iterator[tuple[int, Span]]:
    """Yield (index, sentence) for every sentence that is not only whitespace."""
    index = 0
    for sent in doc.sents:
        if sent.text.strip():
            yield index, sent
            index += 1
