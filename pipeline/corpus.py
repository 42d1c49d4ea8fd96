"""The corpus of SPEC section 1: one article is `<id>.txt` plus `<id>.json`."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# spaCy's default `nlp.max_length`: longer texts need memory the parser cannot promise.
MAX_ARTICLE_CHARS = 1_000_000
# A date at year, month or day precision; a time after a full date ("T10:00:00Z") is allowed and ignored.
PUBLISHED = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?\Z")


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


def decode_article_text(data: bytes, where: Path | str) -> str:
    """Decode an article's bytes, checking they hold text (SPEC section 1).

    Raises:
        CorpusError: the bytes are not UTF-8, hold no text, or hold a NUL byte; the message names `where`.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{where}: not UTF-8 (byte {err.start})") from None
    if not text.strip():
        raise CorpusError(f"{where}: the article text is empty")
    if "\x00" in text:
        raise CorpusError(f"{where}: binary content (NUL byte) in the article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise CorpusError(
            f"{where}: the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,} "
            "(split it into several articles)"
        )
    return text


def read_article(txt_path: Path) -> Article:
    """Read one article and its metadata file.

    Raises:
        CorpusError: the text is not UTF-8, is empty, or the metadata is invalid.
    """
    article_id = txt_path.stem
    if not ARTICLE_ID.match(article_id):
        raise CorpusError(f"{txt_path}: article id {article_id!r} must match [a-z0-9][a-z0-9-]*")
    data = txt_path.read_bytes()
    text = decode_article_text(data, txt_path)
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
        if published is not None and not (
            isinstance(published, str) and PUBLISHED.match(published) and not published_problems(published)
        ):
            raise CorpusError(
                f"{meta_path}: field 'published' is {published!r}; expected null or a date YYYY, YYYY-MM or YYYY-MM-DD (a time may follow)"
            )
    return Article(id=article_id, text=text, meta=meta, sha256=sha256_bytes(data))


def iter_articles(corpus_dir: Path) -> Iterator[Article]:
    """Yield the articles of a corpus folder in id order (deterministic)."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    for txt_path in sorted(corpus_dir.glob("*.txt")):
        yield read_article(txt_path)


def count_articles(corpus_dir: Path) -> int:
    """How many articles (`*.txt`) a corpus folder holds, without reading them."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    return sum(1 for _ in corpus_dir.glob("*.txt"))


# -- adding articles -------------------------------------------------------------
MAX_ID_LENGTH = 120  # file names stay well under the usual 255-byte limit
META_FIELDS = ("id", "title", "author", "published", "publisher", "language", "url")


def _folded(name: str) -> str:
    """A name as a case-insensitive, normalisation-insensitive file system may see it."""
    return unicodedata.normalize("NFKC", name).casefold()


def id_problems(corpus_dir: Path, article_id: str) -> list[str]:
    """What stops `article_id` from naming a new article in `corpus_dir` (empty if nothing).

    An id is a plain name matching `[a-z0-9][a-z0-9-]*`, never a path, and must
    not be taken already, even by a name that differs only by case or Unicode
    normalisation (the two would be one file on some file systems).
    """
    where = f"--id {article_id!r}"
    if not article_id:
        return [f"{where}: the article id is empty"]
    if "/" in article_id or "\\" in article_id or ".." in article_id or os.sep in article_id:
        return [f"{where}: the article id must be a plain name, not a path"]
    if not ARTICLE_ID.match(article_id):
        hint = _folded(article_id)
        suggestion = f"; did you mean {hint!r}?" if ARTICLE_ID.match(hint) else ""
        return [f"{where}: the article id must match [a-z0-9][a-z0-9-]* (lower-case ASCII letters, digits, hyphens){suggestion}"]
    if len(article_id) > MAX_ID_LENGTH:
        return [f"{where}: the article id is longer than {MAX_ID_LENGTH} characters"]
    if not corpus_dir.is_dir():
        return []
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix not in (".txt", ".json"):
            continue
        if path.stem == article_id:
            return [f"{path}: article {article_id!r} already exists; refusing to overwrite it"]
        if _folded(path.stem) == _folded(article_id):
            return [f"{path}: article id {article_id!r} collides with the existing {path.stem!r} (same name up to case or Unicode normalisation)"]
    return []


def published_problems(published: str | None) -> list[str]:
    """What is wrong with a publication date (empty if it is None or a valid YYYY, YYYY-MM or YYYY-MM-DD)."""
    if published is None:
        return []
    if not PUBLISHED.match(published):
        return [f"--published {published!r}: expected a date YYYY, YYYY-MM or YYYY-MM-DD"]
    if len(published) >= 10:
        try:
            datetime.date.fromisoformat(published[:10])
        except ValueError:
            return [f"--published {published!r}: no such day in the calendar"]
    return []


def new_article(
    corpus_dir: Path,
    data: bytes,
    *,
    article_id: str,
    source: str,
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    language: str = "en",
) -> Article:
    """Check a new article and build it, with its metadata, without writing anything.

    The text is kept byte for byte (offsets index it as stored), except that a
    leading UTF-8 byte order mark is dropped. The title defaults to the first
    non-empty line of the text (SPEC section 1).

    Args:
        corpus_dir: the corpus the article is meant for.
        data: the article text's bytes.
        article_id: the new id.
        source: where the bytes came from, for messages.
        title, author, published, publisher, url, language: metadata fields.

    Raises:
        CorpusError: every problem found, one per line.
    """
    problems = id_problems(corpus_dir, article_id) + published_problems(published)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = ""
    try:
        text = decode_article_text(data, source)
    except CorpusError as err:
        problems.append(str(err))
    if len(text) > MAX_ARTICLE_CHARS:
        problems.append(f"{source}: the article has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,} (split it into several articles)")
    if problems:
        raise CorpusError("\n".join(problems))
    first_line = next(line.strip() for line in text.splitlines() if line.strip())
    meta = {
        "id": article_id,
        "title": title if title is not None else first_line,
        "author": author,
        "published": published,
        "publisher": publisher,
        "language": language,
        "url": url,
    }
    return Article(id=article_id, text=text, meta=meta, sha256=sha256_bytes(data))


def write_article(corpus_dir: Path, article: Article) -> tuple[Path, Path]:
    """Write a new article's text and metadata into the corpus; never overwrite one.

    The metadata goes first and the text last, each through a temporary file and
    a rename, so a reader of the corpus (which lists `*.txt`) never sees half an
    article; on failure nothing is left behind.

    Returns:
        The paths of the text and the metadata file.

    Raises:
        CorpusError: an article with this id appeared meanwhile.
        OSError: the corpus folder cannot be written.
    """
    corpus_dir.mkdir(parents=True, exist_ok=True)
    txt_path = corpus_dir / f"{article.id}.txt"
    meta_path = corpus_dir / f"{article.id}.json"
    meta_text = json.dumps(article.meta, ensure_ascii=False, indent=2) + "\n"
    written: list[Path] = []
    try:
        for path, data in ((meta_path, meta_text.encode("utf-8")), (txt_path, article.text.encode("utf-8"))):
            tmp = path.with_name(f".{path.name}.adding")
            tmp.write_bytes(data)
            try:
                os.link(tmp, path)  # fails if the file exists: no overwrite, even in a race
            except FileExistsError:
                raise CorpusError(f"{path}: article {article.id!r} already exists; refusing to overwrite it") from None
            finally:
                tmp.unlink(missing_ok=True)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return txt_path, meta_path
