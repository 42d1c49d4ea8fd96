"""One run at a time per output folder: an advisory lock on `OUT/.lock`.

Two commands writing the same outputs at once would interleave; the second is
refused with a clear message instead. The lock is released when the process
ends, even on a kill, because it is an `fcntl` lock held by the open file.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class LockedError(RuntimeError):
    """Another run holds the output folder's lock."""


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the lock of `out_dir` for the duration of the block.

    Raises:
        LockedError: another process holds it.
        OSError: the folder cannot be created or written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".lock"
    handle = open(path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockedError(
                f"{out_dir}: another run is writing these outputs (pid {holder}); wait for it or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
