"""The structured claims dataset (SPEC section 5) as JSONL, CSV and Parquet, and loading it back.

`write_dataset(rows, out_dir)` writes `claims.jsonl`, `claims.csv` and
`claims.parquet` (or `entities.*`, `dates.*` with `table=`); `load_claims()`
reads any of them back as one pandas DataFrame with the same columns.

Determinism: the same rows give the same bytes. JSONL has one object per line,
keys in column order, UTF-8 without escapes; CSV has a header, `\\n` line ends,
lists and objects as JSON text in their cells and an empty cell for null;
Parquet has a fixed schema, no pandas metadata, and is deterministic for a
given pyarrow version. In CSV an empty string and null cannot be told apart
(both load as None); in Parquet the `json` columns (`conflicts`,
`provenance`) are JSON text, decoded again by `load_claims`.

Columns of `claims` (`CLAIM_COLUMNS`; kinds: str, int, list of str, json object):

| column | kind | meaning |
| --- | --- | --- |
| `claim_id` | str | stable id: `<article_id>:<start>-<end>:<predicate>` (`#2`... if repeated) |
| `article_id` | str | the article |
| `status` | str | `confirmed`, `corrected`, `gold_only`, `pipeline_only` or `unreviewed` |
| `id` | str | the claim's id in its source record (gold's where gold has it) |
| `start`, `end` | int | character offsets of the claim span in the article text |
| `text` | str | the claim span |
| `sentence` | str | the whole sentence(s) around the claim |
| `type` | str | `event`, `fact`, `assessment` or `prediction` (null where annotators disagree) |
| `certainty` | str | `certain`, `probable` or `possible` (ditto) |
| `polarity` | str | `positive` or `negative` (ditto) |
| `source` | str | `author` or the speaker's `kb_id` (ditto) |
| `predicate` | str | lemma of the main predicate (ditto) |
| `actors` | list | `kb_id`s of the agents (ditto) |
| `actor_names` | list | their canonical names (KB name, else the mention text) |
| `targets` | list | `kb_id`s of the affected parties (ditto) |
| `target_names` | list | their canonical names |
| `dates` | list | date values the claim is located at (ditto) |
| `conflicts` | json | `{field: {"gold": g, "pipeline": p}}`; disputed fields add `"annotators": {name: value}` |
| `disputed` | list | fields (or `exists`) on which the annotators disagree |
| `provenance` | json | `pipeline_version`, `model`, `model_version`, `kb_sha256`, `gold_annotator`, `text_sha256`, `gold_id`, `pipeline_id` |
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.files import write_text_atomic

#: Column name -> kind (`str`, `int`, `list` of strings, `json` object), in file order.
CLAIM_COLUMNS: dict[str, str] = {
    "claim_id": "str",
    "article_id": "str",
    "status": "str",
    "id": "str",
    "start": "int",
    "end": "int",
    "text": "str",
    "sentence": "str",
    "type": "str",
    "certainty": "str",
    "polarity": "str",
    "source": "str",
    "predicate": "str",
    "actors": "list",
    "actor_names": "list",
    "targets": "list",
    "target_names": "list",
    "dates": "list",
    "conflicts": "json",
    "disputed": "list",
    "provenance": "json",
}
#: Reconciled entity mentions (`entities.*`).
ENTITY_COLUMNS: dict[str, str] = {
    "entity_id": "str",
    "article_id": "str",
    "status": "str",
    "start": "int",
    "end": "int",
    "text": "str",
    "label": "str",
    "kb_id": "str",
    "name": "str",
    "conflicts": "json",
    "disputed": "list",
}
#: Reconciled date mentions (`dates.*`).
DATE_COLUMNS: dict[str, str] = {
    "date_id": "str",
    "article_id": "str",
    "status": "str",
    "start": "int",
    "end": "int",
    "text": "str",
    "value": "str",
    "conflicts": "json",
    "disputed": "list",
}
TABLES: dict[str, dict[str, str]] = {"claims": CLAIM_COLUMNS, "entities": ENTITY_COLUMNS, "dates": DATE_COLUMNS}
FORMATS = ("jsonl", "csv", "parquet")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ordered(rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str]) -> list[dict[str, Any]]:
    """Rows with exactly the table's columns, in column order.

    Raises:
        ValueError: a row lacks a column or has one the table does not know.
    """
    ordered = []
    for number, row in enumerate(rows, start=1):
        missing = [name for name in columns if name not in row]
        unknown = [name for name in row if name not in columns]
        if missing or unknown:
            raise ValueError(f"row {number}: missing columns {missing}, unknown columns {unknown}")
        ordered.append({name: row[name] for name in columns})
    return ordered


def to_jsonl(rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str] = CLAIM_COLUMNS) -> str:
    """The rows as JSONL text: one object per line, keys in column order."""
    return "".join(_json(row) + "\n" for row in _ordered(rows, columns))


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Mapping[str, str] = CLAIM_COLUMNS) -> str:
    """The rows as CSV text: a header, lists and objects JSON-encoded, null as an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(columns))
    for row in _ordered(rows, columns):
        writer.writerow([
            "" if value is None else _json(value) if columns[name] in ("list", "json") else str(value)
            for name, value in row.items()
        ])
    return buffer.getvalue()


def _arrow_table(rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str]) -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "list": pa.list_(pa.string()), "json": pa.string()}
    schema = pa.schema([pa.field(name, types[kind]) for name, kind in columns.items()])
    ordered = _ordered(rows, columns)
    data = {
        name: [
            (None if row[name] is None else _json(row[name])) if kind == "json" else row[name]
            for row in ordered
        ]
        for name, kind in columns.items()
    }
    return pa.Table.from_pydict(data, schema=schema)


def write_parquet(path: Path, rows: Sequence[Mapping[str, Any]], columns: Mapping[str, str] = CLAIM_COLUMNS) -> None:
    """Write the rows as Parquet, atomically (a temporary file, then a rename)."""
    import pyarrow.parquet as pq

    table = _arrow_table(rows, columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd", store_schema=True)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dataset(
    rows: Sequence[Mapping[str, Any]],
    out_dir: Path,
    table: str = "claims",
    formats: Sequence[str] = FORMATS,
) -> dict[str, Path]:
    """Write one table as `OUT/<table>.jsonl`, `.csv` and `.parquet`.

    Args:
        rows: The rows (`ReconcileResult.claims`, `.entities` or `.dates`).
        out_dir: The output folder (created if missing).
        table: `claims`, `entities` or `dates`: the file stem and the columns.
        formats: Which of `jsonl`, `csv`, `parquet` to write.

    Returns:
        The written path per format.

    Raises:
        ValueError: an unknown table or format, or rows without the table's columns.
        OSError: the folder cannot be written.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; expected some of {', '.join(FORMATS)}")
    columns = TABLES[table]
    rows = _ordered(rows, columns)
    written = {}
    for name in formats:
        path = out_dir / f"{table}.{name}"
        if name == "jsonl":
            write_text_atomic(path, to_jsonl(rows, columns))
        elif name == "csv":
            write_text_atomic(path, to_csv(rows, columns))
        else:
            write_parquet(path, rows, columns)
        written[name] = path
    return written


# --------------------------------------------------------------------------
# Loading


def _from_csv_cell(cell: str, kind: str) -> Any:
    if cell == "":
        return None
    if kind == "int":
        return int(cell)
    if kind in ("list", "json"):
        return json.loads(cell)
    return cell


def read_rows(path: Path, table: str = "claims") -> list[dict[str, Any]]:
    """Read a table file back as rows (values as written: lists, dicts, ints, None).

    Args:
        path: A `.jsonl`, `.csv` or `.parquet` file.
        table: Which table's columns it holds.

    Raises:
        ValueError: an unknown suffix.
    """
    columns = TABLES[table]
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    if suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            return [{name: _from_csv_cell(row[name], columns.get(name, "str")) for name in row} for row in reader]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        for row in rows:
            for name, kind in columns.items():
                if kind == "json" and isinstance(row.get(name), str):
                    row[name] = json.loads(row[name])
        return rows
    raise ValueError(f"{path}: unknown table format {suffix!r}; expected .jsonl, .csv or .parquet")


def load_table(path: str | os.PathLike[str] = "outputs", table: str = "claims") -> Any:
    """Load one table as a pandas DataFrame; see `load_claims`."""
    import pandas as pd

    path = Path(path)
    if path.is_dir():
        candidates = [path / f"{table}.{name}" for name in FORMATS]
        found = next((candidate for candidate in candidates if candidate.exists()), None)
        if found is None:
            raise FileNotFoundError(f"{path}: no {table}.jsonl, {table}.csv or {table}.parquet; run `claims reconcile` first")
        path = found
    columns = TABLES[table]
    rows = read_rows(path, table)
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    frame = frame.astype({name: "object" for name, kind in columns.items() if kind != "int"})
    for name, kind in columns.items():
        if kind == "int":
            frame[name] = frame[name].astype("int64")
        else:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return frame


def load_claims(path: str | os.PathLike[str] = "outputs") -> Any:
    """Load the structured claims dataset as a pandas DataFrame, one row per reconciled claim.

    Args:
        path: A folder holding `claims.jsonl` (else `claims.parquet`, else
            `claims.csv`), or one of those files.

    Returns:
        A DataFrame with the columns of `CLAIM_COLUMNS`, in that order (see
        the table in this module's docstring): `start` and `end` as int64,
        every other column as Python objects (`str` or None; lists of `str`;
        dicts for `conflicts` and `provenance`), whichever file it came from.

    Raises:
        FileNotFoundError: no dataset file at `path`.
    """
    return load_table(path, "claims")
