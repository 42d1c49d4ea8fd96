"""Writing outputs safely: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The file gets the usual permissions (0666 less the umask), not mkstemp's 0600.

    Raises:
        OSError: the folder cannot be created or written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see `write_bytes_atomic`); newlines are written as given."""
    write_bytes_atomic(path, text.encode("utf-8"))


def dumps_line(obj: dict[str, Any]) -> str:
    """One JSONL line, deterministic for the same object."""
    return json.dumps(obj, ensure_ascii=False)


def write_jsonl_atomic(path: Path, objects: Iterable[dict[str, Any]]) -> None:
    """Write JSON objects one per line, atomically."""
    write_text_atomic(path, "".join(dumps_line(obj) + "\n" for obj in objects))


def write_json_atomic(path: Path, obj: Any) -> None:
    """Write one JSON document (indented, UTF-8), atomically."""
    write_text_atomic(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
