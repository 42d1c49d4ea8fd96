"""The `claims` command line: help everywhere, exit codes, and the main job end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import build_parser, main

# Outputs committed for the repository's own corpus; Parquet is left out because its
# bytes carry the writer's version, not ours.
REGENERATED = [
    "extractions.jsonl", "claims.jsonl", "claims.csv", "entities.jsonl", "dates.jsonl",
    "review.jsonl", "evaluation.json", "evaluation.txt", "report.html",
]
COMMANDS = ["run", "extract", "reconcile", "evaluate", "report", "validate", "add", "import", "export"]


def claims(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m pipeline` as a user would, in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture()
def project(tmp_path: Path, repo_root: Path) -> Path:
    """A temporary copy of the repository's corpus and annotations."""
    for folder in ("corpus", "annotations"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    return tmp_path


def test_every_command_has_help(capsys):
    subcommands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    assert sorted(subcommands) == sorted(COMMANDS)
    for name in COMMANDS:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert f"claims {name}" in out and len(out.splitlines()) > 3


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_main_job_end_to_end(project: Path):
    result = claims("run", "--quiet", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = (project / "outputs" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["article_id"] for r in records] == sorted(p.stem for p in (project / "corpus").glob("*.txt"))
    text = (project / "corpus" / "lukashenka-anti-putin-card.txt").read_text(encoding="utf-8")
    for record in records:
        assert record["annotator"] == "pipeline"
        for span in record["entities"] + record["dates"]:
            assert text[span["start"] : span["end"]] == span["text"]
    evaluation = json.loads((project / "outputs" / "evaluation.json").read_text(encoding="utf-8"))
    assert "lukashenka-anti-putin-card" in evaluation["articles"]
    assert "entities" in result.stdout.lower()
    for name in ("claims.jsonl", "claims.csv", "claims.parquet", "review.jsonl", "report.html"):
        assert (project / "outputs" / name).stat().st_size > 0, name

    first = (project / "outputs" / "extractions.jsonl").read_bytes()
    again = claims("extract", "--quiet", cwd=project)
    assert again.returncode == 0, again.stderr
    assert (project / "outputs" / "extractions.jsonl").read_bytes() == first


def test_committed_outputs_are_what_the_main_job_gives(project: Path, repo_root: Path):
    committed = repo_root / "outputs"
    if not (committed / "extractions.jsonl").exists():
        pytest.skip("no committed outputs")
    result = claims("run", "--quiet", cwd=project)
    assert result.returncode == 0, result.stderr
    for name in REGENERATED:
        assert (project / "outputs" / name).read_bytes() == (committed / name).read_bytes(), name


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "--model", "no_such_model_xyz"], "no_such_model_xyz"),
        (["extract", "--corpus", "missing-folder"], "missing-folder"),
        (["extract", "--kb", "missing-kb.jsonl"], "missing-kb.jsonl"),
        (["validate", "--annotations", "missing-folder"], "missing-folder"),
        (["evaluate", "--predictions", "missing.jsonl"], "missing.jsonl"),
    ],
)
def test_bad_input_exits_2_with_a_clear_line(project: Path, args, message):
    result = claims(*args, cwd=project)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_gold_fails_validate_and_names_the_field(project: Path):
    gold_path = project / "annotations" / "lukashenka-anti-putin-card" / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold["entities"][0]["label"] = "COUNTRY"
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    result = claims("validate", cwd=project)
    assert result.returncode == 2
    assert "gold.json" in result.stderr and "entities[0]" in result.stderr and "label" in result.stderr


def test_extract_needs_no_annotations_folder(tmp_path: Path, repo_root: Path):
    """A user's own corpus and KB, in a folder with no gold: extraction runs."""
    shutil.copytree(repo_root / "corpus", tmp_path / "texts")
    shutil.copy(repo_root / "annotations" / "kb.jsonl", tmp_path / "my-kb.jsonl")
    result = claims("extract", "--corpus", "texts", "--kb", "my-kb.jsonl", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").count("\n") == 1
