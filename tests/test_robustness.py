"""Every command, on every kind of bad input: exit 2, one clear line naming the file,
no traceback, nothing under annotations/ changed."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from pipeline.cli import main

ARTICLE = "lukashenka-anti-putin-card"
COMMANDS = ["validate", "extract", "evaluate", "reconcile", "report", "run"]


def gold_path(root: Path) -> Path:
    return root / "annotations" / ARTICLE / "gold.json"


def edit_gold(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        record = json.loads(gold_path(root).read_text(encoding="utf-8"))
        change(record)
        gold_path(root).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    return apply


def write_article(data: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / "corpus" / f"{ARTICLE}.txt").write_bytes(data)

    return apply


def append_kb(line: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with (root / "annotations" / "kb.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return apply


def set_field(section: str, index: int, field: str, value) -> Callable[[dict], None]:
    def change(record: dict) -> None:
        record[section][index][field] = value

    return change


def duplicate_claim_id(record: dict) -> None:
    record["claims"][1]["id"] = record["claims"][0]["id"]


def edited_article(root: Path) -> None:
    path = root / "corpus" / f"{ARTICLE}.txt"
    path.write_text("Editor’s note: updated.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def bad_id_article(root: Path) -> None:
    (root / "corpus" / "Bad Id.txt").write_text("A title\nA body.", encoding="utf-8")


def no_corpus(root: Path) -> None:
    shutil.rmtree(root / "corpus")


FAULTS = {
    "malformed gold JSON": (lambda root: gold_path(root).write_text("{ not json", encoding="utf-8"), "gold.json"),
    "wrong type": (edit_gold(set_field("entities", 0, "start", "4")), "gold.json"),
    "missing field": (edit_gold(lambda r: r.pop("dates")), "gold.json"),
    "unknown label": (edit_gold(set_field("entities", 0, "label", "COUNTRY")), "gold.json"),
    "unknown claim type": (edit_gold(set_field("claims", 0, "type", "opinion")), "gold.json"),
    "unknown certainty": (edit_gold(set_field("claims", 0, "certainty", "sure")), "gold.json"),
    "offset out of range": (edit_gold(set_field("entities", 0, "end", 10**6)), "gold.json"),
    "reversed offsets": (edit_gold(set_field("dates", 0, "end", 1)), "gold.json"),
    "text mismatch": (edit_gold(set_field("entities", 1, "text", "Pushkin")), "gold.json"),
    "unknown kb_id": (edit_gold(set_field("entities", 0, "kb_id", "nobody-known")), "gold.json"),
    "duplicate claim ids": (edit_gold(duplicate_claim_id), "gold.json"),
    "article edited after annotation": (edited_article, "gold.json"),
    "duplicate KB id": (append_kb('{"id": "belarus", "label": "GPE", "name": "Belarus", "aliases": []}'), "kb.jsonl"),
    "malformed KB line": (append_kb('{"id": "x", "label":'), "kb.jsonl"),
    "article not UTF-8": (write_article("Café\nBody".encode("latin-1")), f"{ARTICLE}.txt"),
    "empty article": (write_article(b""), f"{ARTICLE}.txt"),
    "binary article": (write_article(b"\x00\x01\x02PNG\x00"), f"{ARTICLE}.txt"),
    "very large article": (write_article(b"Title\n" + b"word " * 2_200_000), f"{ARTICLE}.txt"),
    "bad article id": (bad_id_article, "Bad Id"),
    "missing corpus folder": (no_corpus, "corpus"),
}


def annotation_hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted((root / "annotations").rglob("*"))
        if path.is_file()
    }


@pytest.fixture()
def project(tmp_path: Path, repo_root: Path, monkeypatch) -> Path:
    for folder in ("corpus", "annotations"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_bad_input_exits_2_naming_the_file_and_touches_no_annotation(project, capsys, command, fault):
    apply, names = FAULTS[fault]
    apply(project)
    before = annotation_hashes(project)
    code = main([command, "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert names in err
    assert "Traceback" not in err and "internal error" not in err
    assert all(line.startswith(("error:", "hint:")) for line in err.splitlines()), err
    assert annotation_hashes(project) == before


@pytest.mark.parametrize("command", ["extract", "run"])
def test_unwritable_output_folder(project, capsys, command):
    (project / "outputs").write_text("a file where the output folder should be", encoding="utf-8")
    assert main([command, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "outputs" in err and "Traceback" not in err


def test_validate_propose_writes_beside_the_gold_never_over_it(project, capsys):
    edited_article(project)
    gold_before = gold_path(project).read_bytes()
    assert main(["validate", "--propose"]) == 2
    err = capsys.readouterr().err
    proposal = gold_path(project).with_name("gold.proposal.json")
    assert proposal.exists() and "proposal written" in err
    assert gold_path(project).read_bytes() == gold_before
    record = json.loads(proposal.read_text(encoding="utf-8"))
    text = (project / "corpus" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    placed = [e for e in record["entities"] if text[e["start"] : e["end"]] == e["text"]]
    assert len(placed) == len(record["entities"])


def test_an_extraction_killed_midway_leaves_the_previous_outputs_whole(project):
    import os
    import signal
    import subprocess
    import sys
    import time

    def run(*args):
        return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=project, capture_output=True, text=True)

    assert run("extract", "--quiet").returncode == 0
    output = project / "outputs" / "extractions.jsonl"
    before = output.read_bytes()
    (project / "corpus" / "added-later.txt").write_text(
        "A Later Piece\nThe council met in March 2024 and adopted a new budget.", encoding="utf-8"
    )
    for delay in (0.5, 2.0, 4.0):
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "extract", "--quiet", "--force"],
            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        lines = output.read_text(encoding="utf-8").splitlines()
        assert output.read_bytes() == before or [json.loads(line)["article_id"] for line in lines] == [
            "added-later", ARTICLE,
        ]
    rerun = run("extract", "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article_id"] for line in lines] == ["added-later", ARTICLE]
