"""Finding and reading annotation files: `annotations/<article_id>/<annotator>.json`."""

from __future__ import annotations

import json
from pathlib import Path

from .records import AnnotationRecord

GOLD_ANNOTATOR = "gold"
# Pre-annotation drafts (`claims add --draft`): the pipeline's output, never an annotator's.
DRAFT_SUFFIX = ".draft.json"


class AnnotationFileError(ValueError):
    """An annotation or predictions file that cannot be read; one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def annotation_files(annotations_dir: Path) -> dict[str, list[Path]]:
    """Map article id to its annotator files (sorted), skipping proposals, drafts and hidden files."""
    found: dict[str, list[Path]] = {}
    if not annotations_dir.is_dir():
        return found
    for folder in sorted(p for p in annotations_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        files = sorted(
            p for p in folder.glob("*.json")
            if not p.name.startswith((".", "_")) and not p.name.endswith((".proposal.json", DRAFT_SUFFIX))
        )
        if files:
            found[folder.name] = files
    return found


def trusted_file(files: list[Path]) -> Path | None:
    """The file reconciliation trusts: the annotator `gold`, or the only one present."""
    for path in files:
        if path.stem == GOLD_ANNOTATOR:
            return path
    return files[0] if len(files) == 1 else None


def read_record(path: Path) -> AnnotationRecord:
    """Read one annotation file (already validated by `validate.py`)."""
    try:
        return AnnotationRecord.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as err:
        raise AnnotationFileError([f"{path}: cannot read annotation record ({err})"]) from None


def load_gold(annotations_dir: Path) -> dict[str, AnnotationRecord]:
    """The trusted gold record of every annotated article, by article id."""
    gold = {}
    for article_id, files in annotation_files(annotations_dir).items():
        path = trusted_file(files)
        if path is not None:
            gold[article_id] = read_record(path)
    return gold


def load_predictions(path: Path) -> dict[str, AnnotationRecord]:
    """Read the pipeline's `extractions.jsonl`, by article id."""
    if not path.exists():
        raise AnnotationFileError([f"{path}: predictions not found; run `claims extract` first"])
    records: dict[str, AnnotationRecord] = {}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = AnnotationRecord.from_json(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            problems.append(f"{path}:{number}: not an annotation record ({err})")
            continue
        records[record.article_id] = record
    if problems:
        raise AnnotationFileError(problems)
    return records
