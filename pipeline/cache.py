"""The extraction cache: an article's record is reused while nothing it depends on changed.

A record depends on the article (its id, the bytes of its text, its metadata)
and on the pipeline: the config, the package's code and data files, the spaCy
model's name and version, spaCy's version, and the knowledge base. Each part
is hashed; the article's parts and the pipeline's fingerprint make the entry's
key, so a change to the KB or a rule reprocesses every article while a changed
text reprocesses only its own article.

Each entry is one file, `<root>/<key[:2]>/<key>.rec`: a header line

    claims-cache 1 <key> <sha256 of the rest>

followed by the record's JSONL line exactly as `extractions.jsonl` holds it.
Entries are written to a temporary file and renamed; a reader checks the key
and the checksum, so a truncated, corrupt or foreign entry is never trusted
(it counts as missing and is rebuilt).

This module does not import spaCy: a rerun whose articles are all cached must
not pay for loading the model.
"""

from __future__ import annotations

import configparser
import hashlib
import importlib.metadata
import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterator

from .corpus import Article

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CONFIG = PACKAGE_DIR / "config.cfg"
CACHE_FORMAT = "claims-cache 1"
# Files of the package that never change a record.
_IGNORED_SUFFIXES = {".pyc", ".pyo"}


def sha256_text(text: str) -> str:
    """Hex SHA-256 of a string's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=None)
def code_version(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of the package's source and data files: a rule or word-list change changes it.

    Args:
        package_dir: the folder of the `pipeline` package.

    Returns:
        Hex SHA-256 over every file's relative path and bytes, in path order.
    """
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in _IGNORED_SUFFIXES:
            continue
        digest.update(path.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_config_values(config_text: str) -> dict[str, dict[str, Any]]:
    """The sections and values of a spaCy config, without spaCy (values are JSON where they parse)."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",), comment_prefixes=("#", ";"))
    parser.optionxform = str  # keep keys as written
    parser.read_string(config_text)
    sections: dict[str, dict[str, Any]] = {}
    for section in parser.sections():
        values: dict[str, Any] = {}
        for key, raw in parser.items(section):
            try:
                values[key] = json.loads(raw)
            except json.JSONDecodeError:
                values[key] = raw
        sections[section] = values
    return sections


def model_version(name: str) -> str:
    """The installed version of a spaCy model package, or a hash of a model folder's meta.json."""
    path = Path(name)
    if path.is_dir():
        meta = path / "meta.json"
        return "meta:" + sha256_file(meta) if meta.is_file() else "unknown"
    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class PipelineSpec:
    """Everything that decides the pipeline's output, apart from the article itself.

    It travels to worker processes and Dask workers, which build the pipeline
    from it (`engines.load_pipeline`); its `fingerprint` is the pipeline's part
    of every cache key.

    Attributes:
        config_path: the config given by the user, or None for the package's.
        config_text: that config's text (workers that lack the file use it).
        model: the spaCy model the components are sourced from.
        kb_path: the knowledge base file.
        kb_bytes: the KB's bytes (workers that lack the file use them).
        kb_sha256: hash of the KB's bytes.
        fingerprint: hash of config, code, model, spaCy and KB versions.
        code_version: `code_version()` where the spec was made.
        model_version: the model's installed version.
    """

    config_path: str | None
    config_text: str
    model: str
    kb_path: str
    kb_bytes: bytes = field(repr=False, compare=False)
    kb_sha256: str
    fingerprint: str
    code_version: str
    model_version: str

    @classmethod
    def create(cls, config_path: Path | None, model: str | None, kb_path: Path) -> PipelineSpec:
        """Describe the pipeline that `nlp.build_nlp(config_path, model=model, kb_path=kb_path)` builds.

        Raises:
            OSError: the config or the KB cannot be read.
        """
        config_text = (config_path or DEFAULT_CONFIG).read_text(encoding="utf-8")
        sections = read_config_values(config_text)
        model_name = model or str(sections.get("paths", {}).get("model", ""))
        kb_bytes = kb_path.read_bytes()
        kb_sha256 = hashlib.sha256(kb_bytes).hexdigest()
        parts = {
            "config": sha256_text(config_text),
            "config_files": _config_files(sections),
            "code": code_version(),
            "model": model_name,
            "model_version": model_version(model_name),
            "spacy": _package_version("spacy"),
            "kb": kb_sha256,
        }
        return cls(
            config_path=str(config_path) if config_path else None,
            config_text=config_text,
            model=model_name,
            kb_path=str(kb_path),
            kb_bytes=kb_bytes,
            kb_sha256=kb_sha256,
            fingerprint=sha256_text(json.dumps(parts, sort_keys=True)),
            code_version=parts["code"],
            model_version=parts["model_version"],
        )


def _config_files(sections: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Hashes of files the config points to outside the package (a user's own word lists).

    Relative paths name package files first (as the components read them),
    which `code_version` already covers. `paths.kb` is left out: the KB in use
    is hashed on its own, whichever path it comes from.
    """
    found: dict[str, str] = {}
    for section, values in sections.items():
        for key, value in values.items():
            if section == "paths" and key == "kb":
                continue
            if not isinstance(value, str) or not value or "\n" in value or len(value) > 4096:
                continue
            path = Path(value)
            try:
                if not path.is_absolute() and (PACKAGE_DIR / path).is_file():
                    continue
                if path.is_file():
                    found[f"{section}.{key}"] = sha256_file(path)
            except OSError:
                continue
    return found


def article_key(article: Article, spec: PipelineSpec) -> str:
    """The cache key of one article's record under one pipeline."""
    parts = {
        "pipeline": spec.fingerprint,
        "id": article.id,
        "text": article.sha256,
        "meta": article.meta,
    }
    return sha256_text(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str))


class ExtractionCache:
    """Records by key, one verified file each under `root` (see module docstring)."""

    def __init__(self, root: Path):
        self.root = root
        self.rejected = 0  # entries found corrupt, partial or foreign since creation

    def path(self, key: str) -> Path:
        """Where the entry of `key` lives."""
        return self.root / key[:2] / f"{key}.rec"

    def get(self, key: str) -> str | None:
        """The cached record line of `key` (ending in a newline), or None if absent or not intact."""
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        header, sep, body = data.partition(b"\n")
        parts = header.decode("ascii", "replace").rsplit(" ", 2)
        intact = (
            sep == b"\n"
            and len(parts) == 3
            and parts[0] == CACHE_FORMAT
            and parts[1] == key
            and parts[2] == hashlib.sha256(body).hexdigest()
            and body.endswith(b"\n")
            and body.count(b"\n") == 1
        )
        if not intact:
            self.rejected += 1
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            self.rejected += 1
            return None

    def put(self, key: str, line: str) -> None:
        """Store a record line (one JSON object and a newline) under `key`, atomically."""
        if not line.endswith("\n") or line.count("\n") != 1:
            raise ValueError("a cache entry holds exactly one JSONL line")
        body = line.encode("utf-8")
        header = f"{CACHE_FORMAT} {key} {hashlib.sha256(body).hexdigest()}\n".encode("ascii")
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # No fsync: a torn entry after a crash fails its checksum and is rebuilt.
        with atomic_writer(path, binary=True, fsync=False) as handle:
            handle.write(header + body)


@contextmanager
def atomic_writer(path: Path, *, binary: bool = False, fsync: bool = True) -> Iterator[IO[Any]]:
    """Open a temporary file beside `path` for writing; rename it over `path` on success.

    Readers see the old file or the new one, never half of one; on an error
    the temporary file is removed and `path` is left as it was.

    Raises:
        OSError: the folder cannot be created or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
