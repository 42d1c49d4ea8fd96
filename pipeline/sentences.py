"""Sentence bounds for context and resampling: the pipeline's, or a plain fallback splitter.

The pipeline's record carries `sentences` (`start`, `end`, `block`) in its extra
fields; they come from the parse and never cross a line break. Where an article
has no pipeline record (gold only), `split_sentences` gives an approximation
from the text alone: one sentence per line, split further after `.`, `!` or
`?` (and any closing quotes or brackets) when whitespace and an upper-case
letter, digit or opening quote follow.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

#: A sentence bound: `(start, end)` character offsets, `end` exclusive.
Bound = tuple[int, int]

_LINE = re.compile(r"[^\n]+")
# A sentence ends after terminal punctuation and closing quotes/brackets, before
# whitespace and something that can start a sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(['’\"”)\]]*)\s+(?=[A-Z0-9‘“\"'(\[])")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Gen.", "Col.", "Lt.", "No.", "vs.", "U.S.", "U.K.", "E.U.")


def split_sentences(text: str) -> list[Bound]:
    """Split a text into sentence bounds without a parser (fallback splitter).

    Args:
        text: The article text.

    Returns:
        Bounds in document order, each stripped of surrounding whitespace;
        no bound crosses a line break.
    """
    bounds: list[Bound] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for brk in _SENTENCE_BREAK.finditer(line.group()):
            if line.group()[: brk.start()].endswith(_ABBREVIATIONS):
                continue
            bounds.append((start, line.start() + brk.end(1)))
            start = line.start() + brk.end()
        bounds.append((start, line.end()))
    stripped = []
    for start, end in bounds:
        segment = text[start:end]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            stripped.append((start + left, start + right))
    return stripped


def record_sentences(extra: dict[str, Any]) -> list[Bound] | None:
    """The sentence bounds a pipeline record carries in its extra fields, or None."""
    sentences = extra.get("sentences")
    if not isinstance(sentences, list) or not sentences:
        return None
    return sorted((int(s["start"]), int(s["end"])) for s in sentences)


def enclosing_sentence(bounds: Sequence[Bound], start: int, end: int) -> Bound | None:
    """The bound of the whole sentence (or run of sentences) around a span.

    Args:
        bounds: Sentence bounds in document order.
        start: Span start.
        end: Span end (exclusive).

    Returns:
        From the start of the first sentence the span overlaps to the end of
        the last; a span that overlaps none (it lies in a gap) takes the
        nearest sentence before it. None when there are no bounds.
    """
    if not bounds:
        return None
    overlapping = [b for b in bounds if b[0] < max(end, start + 1) and start < b[1]]
    if overlapping:
        return (overlapping[0][0], overlapping[-1][1])
    return bounds[unit_index(bounds, start)]


def unit_index(bounds: Sequence[Bound], position: int) -> int:
    """Index of the sentence holding a position: the last one starting at or before it (else 0)."""
    starts = [b[0] for b in bounds]
    return max(0, bisect.bisect_right(starts, position) - 1)
