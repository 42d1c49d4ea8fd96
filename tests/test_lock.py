"""Two runs on one output folder are refused, not interleaved."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pipeline.lock import LockedError, output_lock

HOLD = "import sys, time; from pathlib import Path; from pipeline.lock import output_lock\n" \
       "with output_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)\n"


def test_second_holder_is_refused_while_the_first_runs(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockedError, match="another run"):
            with output_lock(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    with output_lock(tmp_path):  # a killed holder leaves no stale lock
        pass


def test_lock_is_reentrant_after_release(tmp_path):
    with output_lock(tmp_path):
        pass
    with output_lock(tmp_path):
        pass
