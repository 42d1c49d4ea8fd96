"""The corpus of SPEC section 1: one article is `<id>.txt` plus `<id>.json`."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
PUBLISHED = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")


class CorpusError(ValueError):
    """A corpus file that breaks the contract; the message names the file."""


@dataclass
class Article:
    """One article: its id, exact text, and metadata."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""

    @property
    def published(self) -> str | None:
        """The document creation time (DCT) as given, possibly partial or None."""
        value = self.meta.get("published")
        return value if isinstance(value, str) and value else None


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def read_article(txt_path: Path) -> Article:
    """Read one article and its metadata file.

    Raises:
        CorpusError: the text is not UTF-8, is empty, or the metadata is invalid.
    """
    article_id = txt_path.stem
    if not ARTICLE_ID.match(article_id):
        raise CorpusError(f"{txt_path}: article id {article_id!r} must match [a-z0-9][a-z0-9-]*")
    data = txt_path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{txt_path}: not UTF-8 (byte {err.start})") from None
    if not text.strip():
        raise CorpusError(f"{txt_path}: the article text is empty")
    if "\x00" in text:
        raise CorpusError(f"{txt_path}: binary content (NUL byte) in the article text")
    meta_path = txt_path.with_suffix(".json")
    meta: dict[str, Any] = {"id": article_id}
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise CorpusError(f"{meta_path}: invalid JSON ({err})") from None
        if not isinstance(meta, dict):
            raise CorpusError(f"{meta_path}: metadata must be a JSON object")
        published = meta.get("published")
        if published is not None and not (isinstance(published, str) and PUBLISHED.match(published)):
            raise CorpusError(
                f"{meta_path}: field 'published' is {published!r}; expected null or a date YYYY, YYYY-MM or YYYY-MM-DD"
            )
    return Article(id=article_id, text=text, meta=meta, sha256=sha256_bytes(data))


def iter_articles(corpus_dir: Path) -> Iterator[Article]:
    """Yield the articles of a corpus folder in id order (deterministic)."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    for txt_path in sorted(corpus_dir.glob("*.txt")):
        yield read_article(txt_path)
