"""Tests for `pipeline.dataset`: writing the claims dataset and loading it back with `load_claims`."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import pipeline
from pipeline import dataset
from pipeline.dataset import CLAIM_COLUMNS, DATE_COLUMNS, ENTITY_COLUMNS, load_claims, load_table, write_dataset


def claim_row(number: int, **fields: Any) -> dict[str, Any]:
    """A claim row with every column; lists, dicts, nulls and non-ASCII text included."""
    row = {
        "claim_id": f"art:{10 * number}-{10 * number + 5}:say",
        "article_id": "art",
        "status": "corrected",
        "id": f"c{number}",
        "start": 10 * number,
        "end": 10 * number + 5,
        "text": "Łukašenka said, \"no\"",
        "sentence": "Łukašenka said, \"no\", on Monday.\tThen, a comma",
        "type": "event",
        "certainty": None,
        "polarity": "positive",
        "source": "author",
        "predicate": "say",
        "actors": ["alexander-lukashenko"],
        "actor_names": ["Alexander Lukashenko"],
        "targets": [],
        "target_names": [],
        "dates": ["2025-12-13", "2025/2026"],
        "conflicts": {"type": {"gold": "event", "pipeline": "fact"}, "certainty": {"gold": None, "pipeline": "certain",
                      "annotators": {"alice": "certain", "bob": "probable"}}},
        "disputed": ["certainty"],
        "provenance": {"pipeline_version": "0.1.0", "model": None, "kb_sha256": "abc", "gold_id": "g1"},
    }
    row.update(fields)
    return row


ROWS = [
    claim_row(1),
    claim_row(2, status="unreviewed", conflicts={}, disputed=[], actors=None, actor_names=None, sentence=None),
    claim_row(3, status="pipeline_only", text="multi\nline, \"quoted\" text", dates=[]),
]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_round_trip_gives_the_same_rows_and_columns(tmp_path, fmt):
    written = write_dataset(ROWS, tmp_path)
    assert set(written) == {"jsonl", "csv", "parquet"}
    frame = load_claims(written[fmt])
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert frame.to_dict(orient="records") == ROWS
    assert str(frame["start"].dtype) == "int64"


def test_load_claims_from_a_folder_and_from_the_package(tmp_path):
    write_dataset(ROWS, tmp_path)
    frame = pipeline.load_claims(tmp_path)
    assert frame.to_dict(orient="records") == ROWS
    assert pipeline.load_claims(str(tmp_path)).shape == (3, len(CLAIM_COLUMNS))


def test_folder_falls_back_to_parquet_then_csv(tmp_path):
    write_dataset(ROWS, tmp_path, formats=["csv"])
    assert load_claims(tmp_path).to_dict(orient="records") == ROWS


def test_writing_is_deterministic(tmp_path):
    first = write_dataset(ROWS, tmp_path / "one")
    second = write_dataset([dict(reversed(list(row.items()))) for row in ROWS], tmp_path / "two")
    for fmt in ("jsonl", "csv", "parquet"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_jsonl_and_csv_encoding(tmp_path):
    written = write_dataset(ROWS[:1], tmp_path)
    line = written["jsonl"].read_text(encoding="utf-8").splitlines()[0]
    assert list(json.loads(line)) == list(CLAIM_COLUMNS)
    assert "Łukašenka" in line  # UTF-8, not \u escapes
    csv_text = written["csv"].read_text(encoding="utf-8")
    assert "\r" not in csv_text
    header, first = csv_text.split("\n")[:2]
    assert header == ",".join(CLAIM_COLUMNS)
    # Lists and objects are JSON text in their cells; null is an empty cell.
    assert '"[""2025-12-13"", ""2025/2026""]"' in first
    assert ",,positive," in first


def test_empty_dataset_loads_with_its_columns(tmp_path):
    write_dataset([], tmp_path)
    for fmt in ("jsonl", "csv", "parquet"):
        frame = load_claims(tmp_path / f"claims.{fmt}")
        assert list(frame.columns) == list(CLAIM_COLUMNS)
        assert len(frame) == 0


@pytest.mark.parametrize(
    ("table", "columns"),
    [("entities", ENTITY_COLUMNS), ("dates", DATE_COLUMNS)],
)
def test_entity_and_date_tables(tmp_path, table, columns):
    row = {name: (0 if kind == "int" else [] if kind == "list" else {} if kind == "json" else "x")
           for name, kind in columns.items()}
    written = write_dataset([row], tmp_path, table=table)
    assert written["csv"].name == f"{table}.csv"
    assert load_table(tmp_path, table).to_dict(orient="records") == [row]


def test_rows_must_have_exactly_the_columns(tmp_path):
    with pytest.raises(ValueError, match="missing columns \\['provenance'\\]"):
        write_dataset([{k: v for k, v in ROWS[0].items() if k != "provenance"}], tmp_path)
    with pytest.raises(ValueError, match="unknown columns \\['extra'\\]"):
        write_dataset([{**ROWS[0], "extra": 1}], tmp_path)
    with pytest.raises(ValueError, match="unknown table"):
        write_dataset(ROWS, tmp_path, table="claimz")


def test_missing_dataset_says_what_to_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="claims reconcile"):
        load_claims(tmp_path)


def test_every_column_is_documented():
    documented = re.findall(r"^\| `([a-z_]+)`(?:, `([a-z_]+)`)? \|", dataset.__doc__ or "", flags=re.MULTILINE)
    names = [name for pair in documented for name in pair if name]
    assert names == list(CLAIM_COLUMNS)


def test_reconciled_rows_fit_the_tables(tmp_path):
    from test_reconcile import ARTICLES, KB, gold_record, other_pipeline_record, pipeline_record

    from pipeline.reconcile import reconcile

    result = reconcile(
        {"summit": {"gold": gold_record()}},
        {"summit": pipeline_record(), "other": other_pipeline_record()},
        KB,
        ARTICLES,
    )
    write_dataset(result.claims, tmp_path)
    write_dataset(result.entities, tmp_path, table="entities")
    write_dataset(result.dates, tmp_path, table="dates")
    assert load_claims(tmp_path).to_dict(orient="records") == result.claims
    assert load_claims(tmp_path / "claims.parquet").to_dict(orient="records") == result.claims
    assert load_table(tmp_path / "entities.csv", "entities").to_dict(orient="records") == result.entities
