"""Check annotation files and the KB against the data contract (SPEC sections 2 and 3).

`validate` walks an annotations folder: the KB, then every
`<article_id>/<annotator>.json` against its article in the corpus. It collects
every problem, in a fixed order, and never prints, writes or exits: the CLI
prints one line per `Problem` and exits with status 2 when there are any.

`check_record` checks one already-loaded annotation record, so the pipeline
can check its own output and imported files are checked the same way.

`propose_realignment` is a repair aid for a record whose article changed after
annotation: it relocates the spans whose text it can find unambiguously.
"""

from __future__ import annotations

import bisect
import calendar
import copy
import hashlib
import json
import re
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from .corpus import ARTICLE_ID, Article, CorpusError, read_article
from .kb import KBError, load_kb
from .records import CERTAINTIES, CLAIM_TYPES, ENTITY_LABELS, POLARITIES, VAGUE_DATES

MAX_FILE_BYTES = 10 * 1024 * 1024
"""Annotation and KB files above this size are refused, not parsed."""

PROPOSAL_SUFFIX = ".proposal.json"
"""Realignment proposals sit beside the gold under this suffix and are not gold."""
DRAFT_SUFFIX = ".draft.json"
"""Pre-annotation drafts (`claims add --draft`) are the pipeline's output, not an annotator's."""

REALIGN_WINDOW = 200
"""How far (in characters) from its old start a repeated span text may be placed."""

SECTIONS = ("entities", "dates", "claims")

# A claim id short and plain enough to name its record ("claims[c7]"); other
# ids (empty, odd characters, not a string) are named by index instead.
_PLAIN_ID = re.compile(r"[\w.-]{1,40}", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_KB_LINE = re.compile(r":(\d+): ")
_FIELD_MESSAGE = re.compile(r"field '(\w+)' (.*)", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One contract violation, located by file, record and field.

    `str(problem)` is one line: the parts that apply, joined by ": ", e.g.
    `annotations/x/gold.json: entities[3] (start 104): field 'text': 'Lukashenka'
    does not equal the article slice 'Aliaksandr' [104:114]`.

    Attributes:
        file: The file or folder at fault, as the path it was reached by.
        record: Where in the file: "entities[3] (start 104)", "claims[c7]",
            "line 12"; empty when the problem concerns the whole file.
        field: The field at fault; empty when no single field is.
        message: What is wrong and what was expected.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field '{self.field}'")
        parts.append(self.message)
        return ": ".join(parts)


@dataclass
class ValidationReport:
    """The outcome of `validate`: every problem found, and what was checked.

    Attributes:
        problems: Sorted by file path, then in record order within a file.
        files_checked: Annotation files and KB files that could be read.
        records_checked: Entity, date and claim records in the annotation files.
        kb_entries: Entries in the KB, when it loaded without problems.
    """

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    records_checked: int = 0
    kb_entries: int = 0

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def summary(self) -> str:
        """Say in one line what was checked and how many problems were found."""
        return (
            f"{self.files_checked} files, {self.records_checked} records and {self.kb_entries} KB entries checked; "
            f"{len(self.problems)} problems"
        )


def validate(
    annotations_dir: Path, corpus_dir: Path, kb_path: Path | None = None, *, articles_only: bool = False
) -> ValidationReport:
    """Check the KB and every annotation file of an annotations folder.

    Folders and files whose names start with "." or "_" are skipped, as are
    files that are not `*.json`, realignment proposals (`*.proposal.json`) and
    pre-annotation drafts (`*.draft.json`).

    Args:
        annotations_dir: Holds `<article_id>/<annotator>.json` files.
        corpus_dir: Holds `<article_id>.txt` (and `.json`) articles.
        kb_path: The KB; defaults to `annotations_dir / "kb.jsonl"`.
        articles_only: Check only the annotations of articles present in the
            corpus (extraction over another corpus leaves the rest alone); a
            missing annotations folder is then no problem (no gold to check).

    Returns:
        A report listing every problem; it is empty when the files keep the contract.
    """
    kb_path = annotations_dir / "kb.jsonl" if kb_path is None else kb_path
    report = ValidationReport()
    kb_ids = _check_kb(kb_path, report)
    _check_corpus(corpus_dir, report)
    if not annotations_dir.is_dir():
        if not articles_only:  # extraction needs no gold: without a folder there is none to check
            report.problems.append(Problem(str(annotations_dir), "", "", "annotations folder not found"))
        return report
    for folder in _visible(annotations_dir, Path.is_dir):
        if articles_only and not (corpus_dir / f"{folder.name}.txt").exists():
            continue
        article = _load_article(folder, corpus_dir, report)
        for path in _visible(folder, Path.is_file):
            if path.suffix == ".json" and not path.name.endswith((PROPOSAL_SUFFIX, DRAFT_SUFFIX)):
                _check_annotation_file(path, folder.name, article, kb_ids, report)
    report.problems = list(dict.fromkeys(report.problems))  # an unreadable article is reported once
    report.problems.sort(key=lambda problem: problem.file)  # stable: keeps record order
    return report


def _check_corpus(corpus_dir: Path, report: ValidationReport) -> None:
    """Every article of the corpus must be readable: id, encoding, size, metadata."""
    if not corpus_dir.is_dir():
        report.problems.append(Problem(str(corpus_dir), "", "", "corpus folder not found"))
        return
    for txt_path in sorted(corpus_dir.glob("*.txt")):
        try:
            read_article(txt_path)
        except (CorpusError, OSError) as err:
            _article_problem(txt_path, err, report)


def check_record(
    obj: object,
    text: str | None,
    sha256: str | None,
    kb_ids: Container[str] | None,
    where: str,
) -> list[Problem]:
    """Check one loaded annotation record (SPEC section 3) against its article.

    Checks the shape and field types, offsets and span texts, labels, KB
    references, date values, claim fields, claim id uniqueness, and duplicate
    or crossing spans. The file-level checks (article id against its folder,
    annotator against the file name) belong to `validate`.

    Args:
        obj: The record as parsed from JSON; any value is accepted.
        text: The article text, or None when the article is unavailable (then
            offsets are only checked for order and span texts not at all).
        sha256: The hex SHA-256 of the article file's bytes, or None when unavailable.
        kb_ids: The KB ids, or None when the KB is unavailable (then KB
            references are not checked).
        where: Names the file in each problem; for a JSONL line pass "path:line".

    Returns:
        The problems, in record order; empty when the record keeps the contract.
    """
    if not isinstance(obj, dict):
        return [Problem(where, "", "", f"expected a JSON object (the annotation record), got {_describe(obj)}")]
    problems = [
        Problem(where, "", key, message)
        for key in ("article_id", "annotator", "text_sha256")
        for message in _require(obj, key, _is_text, "a non-empty string")
    ]
    sections: list[_SectionResult] = []
    for section in SECTIONS:
        faults = list(_require(obj, section, _is_list, f"a list of {section} records"))
        problems.extend(Problem(where, "", section, message) for message in faults)
        if not faults:
            sections.append(_check_section(section, obj[section], text, kb_ids, where))
    recorded = obj.get("text_sha256")
    if text is not None and sha256 is not None and _is_text(recorded) and recorded != sha256:
        problems.append(_stale_problem(where, recorded, sha256, sections))
    for result in sections:
        problems.extend(result.problems)
    return problems


def check_date_value(value: str) -> str | None:
    """Say why a date value breaks SPEC section 3, or return None when it is valid.

    Valid values are ISO 8601 `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with real
    calendar values, an interval `START/END` of those with START not after END
    (compared at the coarser precision of the two), or a TimeML vague
    reference (`PAST_REF`, `PRESENT_REF`, `FUTURE_REF`).

    Args:
        value: The `value` of a date or an entry of a claim's `dates`.

    Returns:
        The reason the value is invalid, or None.
    """
    if value in VAGUE_DATES:
        return None
    parts = value.split("/")
    if len(parts) > 2:
        return "an interval has exactly one '/' (START/END)"
    for part in parts:
        reason = _calendar_error(part)
        if reason:
            return reason
    if len(parts) == 2:
        start, end = parts
        precision = min(len(start), len(end))
        if start[:precision] > end[:precision]:
            return f"the interval starts ({start}) after it ends ({end})"
    return None


def propose_realignment(record_obj: dict[str, Any], new_text: str) -> tuple[dict[str, Any], list[str]]:
    """Relocate the spans of a record whose article text has changed.

    A span stays where its text still matches, or moves to the only
    occurrence of its text in the new article. Those spans are anchors: a span
    whose text occurs several times moves to the occurrence that the shifts
    of the anchors on either side of it both predict (the text around it did
    not change), else to the only occurrence within `REALIGN_WINDOW`
    characters of its old start. Spans that cannot be placed keep their old
    offsets, so validating the proposal still flags them, and are listed in
    the report.

    Args:
        record_obj: An annotation record (SPEC section 3); it is not modified.
        new_text: The article's current text.

    Returns:
        The proposal (a copy of the record with new offsets, the new
        `text_sha256`, and `realigned_from` set to the old one) and report
        lines: a summary, then one line per span that could not be placed,
        in record order.
    """
    proposal = copy.deepcopy(record_obj)
    proposal["text_sha256"] = hashlib.sha256(new_text.encode("utf-8")).hexdigest()
    proposal["realigned_from"] = record_obj.get("text_sha256")
    # Each span: its label, its record, and the starts of its text in the new text.
    spans: list[tuple[str, dict[str, Any], list[int]]] = []
    unusable: list[str] = []
    for section in SECTIONS:
        items = proposal.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            label = _record_label(section, index, item)
            if isinstance(item, dict) and _is_int(item.get("start")) and _is_text(item.get("text")):
                spans.append((label, item, _occurrences(item["text"], new_text)))
            else:
                unusable.append(f"{label}: cannot be placed: it needs an integer 'start' and a non-empty 'text'")
    placed: dict[int, int] = {}
    for number, (_, item, starts) in enumerate(spans):
        if item["start"] in starts:
            placed[number] = item["start"]
        elif len(starts) == 1:
            placed[number] = starts[0]
    anchors = sorted((spans[number][1]["start"], new - spans[number][1]["start"]) for number, new in placed.items())
    unplaced: list[str] = []
    for number, (label, item, starts) in enumerate(spans):
        if number not in placed:
            where = _place_repeated(item["start"], starts, anchors)
            if isinstance(where, int):
                placed[number] = where
            else:
                unplaced.append(f"{label} {_quote(item['text'])}: {where}")
    moved = 0
    for number, new in placed.items():
        item = spans[number][1]
        if item["start"] != new or item.get("end") != new + len(item["text"]):
            item["start"], item["end"] = new, new + len(item["text"])
            moved += 1
    failed = unusable + unplaced
    summary = f"{moved} spans moved, {len(placed) - moved} unchanged, {len(failed)} could not be placed"
    if failed:
        summary += " (they keep their old offsets)"
    return proposal, [summary, *failed]


# --- files -------------------------------------------------------------------


def _visible(folder: Path, keep: Callable[[Path], bool]) -> list[Path]:
    """List the entries of a folder that pass `keep`, skipping names starting with "." or "_"."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")) and keep(p))


def _read_text(path: Path) -> str | Problem:
    """Read a JSON or JSONL file as text, or say why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(str(path), "", "", f"the file is {size} bytes; the limit is {MAX_FILE_BYTES} (10 MB)")
        data = path.read_bytes()
    except OSError as err:
        return Problem(str(path), "", "", f"cannot read the file ({err.strerror})")
    nul = data.find(b"\x00")
    if nul >= 0:
        return Problem(str(path), "", "", f"binary content (NUL byte at byte {nul}); expected UTF-8 JSON text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Problem(str(path), "", "", f"not UTF-8 (invalid byte at byte {err.start}); save the file as UTF-8")


def _check_kb(kb_path: Path, report: ValidationReport) -> set[str] | None:
    """Check the KB with `load_kb`; return its ids, or None when it cannot be read.

    When the KB has problems, the ids of its readable lines are still returned,
    so that one broken KB line does not flag every reference to the others.
    """
    if not kb_path.is_file():
        report.problems.append(
            Problem(str(kb_path), "", "", "KB file not found; expected one JSON object per line (SPEC section 2)")
        )
        return None
    text = _read_text(kb_path)
    if isinstance(text, Problem):
        report.problems.append(text)
        return None
    report.files_checked += 1
    try:
        kb = load_kb(kb_path)
    except KBError as err:
        report.problems.extend(_kb_problem(kb_path, line) for line in err.problems)
        return _readable_kb_ids(text)
    report.kb_entries = len(kb.entries)
    return set(kb.entries)


def _kb_problem(kb_path: Path, line: str) -> Problem:
    """Turn one of `load_kb`'s "path:line: message" lines into a located Problem."""
    record, message = "", line.removeprefix(str(kb_path))
    number = _KB_LINE.match(message)
    if number:
        record, message = f"line {number.group(1)}", message[number.end() :]
    else:
        message = message.removeprefix(": ")
    field_message = _FIELD_MESSAGE.fullmatch(message)
    if field_message:
        return Problem(str(kb_path), record, field_message.group(1), field_message.group(2))
    return Problem(str(kb_path), record, "id" if message.startswith("duplicate KB id") else "", message)


def _readable_kb_ids(text: str) -> set[str]:
    """Collect the string ids of the KB lines that parse as JSON objects."""
    ids = set()
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(entry, dict) and _is_text(entry.get("id")):
            ids.add(entry["id"])
    return ids


def _load_article(folder: Path, corpus_dir: Path, report: ValidationReport) -> Article | None:
    """Read the article an annotation folder is named after, or report why not."""
    if not ARTICLE_ID.match(folder.name):
        report.problems.append(
            Problem(
                str(folder), "", "", f"folder name {folder.name!r} is not an article id; expected [a-z0-9][a-z0-9-]*"
            )
        )
        return None
    txt_path = corpus_dir / f"{folder.name}.txt"
    if not txt_path.is_file():
        report.problems.append(Problem(str(folder), "", "", f"no article for this folder: {txt_path} not found"))
        return None
    try:
        return read_article(txt_path)
    except (CorpusError, OSError) as err:
        _article_problem(txt_path, err, report)
    return None


def _article_problem(txt_path: Path, err: Exception, report: ValidationReport) -> None:
    """Report why an article cannot be read, naming the text or the metadata file."""
    if isinstance(err, OSError):
        report.problems.append(Problem(str(txt_path), "", "", f"cannot read the article ({err.strerror})"))
        return
    message = str(err)
    for path in (txt_path, txt_path.with_suffix(".json")):
        if message.startswith(f"{path}: "):
            report.problems.append(Problem(str(path), "", "", message.removeprefix(f"{path}: ")))
            return
    report.problems.append(Problem(str(txt_path), "", "", message))


def _check_annotation_file(
    path: Path,
    folder_id: str,
    article: Article | None,
    kb_ids: Container[str] | None,
    report: ValidationReport,
) -> None:
    """Check one `<article_id>/<annotator>.json` file into the report."""
    text = _read_text(path)
    if isinstance(text, Problem):
        report.problems.append(text)
        return
    report.files_checked += 1
    where = str(path)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        report.problems.append(Problem(where, f"line {err.lineno}, column {err.colno}", "", f"invalid JSON: {err.msg}"))
        return
    except RecursionError:
        report.problems.append(Problem(where, "", "", "invalid JSON: nested too deeply"))
        return
    if isinstance(obj, dict):
        for key, expected, place in (("article_id", folder_id, "folder"), ("annotator", path.stem, "file")):
            value = obj.get(key)
            if _is_text(value) and value != expected:
                report.problems.append(
                    Problem(where, "", key, f"{value!r} does not match the {place} name; expected {expected!r}")
                )
        report.records_checked += sum(len(obj[s]) for s in SECTIONS if isinstance(obj.get(s), list))
    report.problems.extend(
        check_record(
            obj,
            article.text if article is not None else None,
            article.sha256 if article is not None else None,
            kb_ids,
            where,
        )
    )


# --- records -----------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    """A record's valid offsets, kept for the duplicate and crossing checks."""

    index: int
    record: str
    start: int
    end: int
    label: object


@dataclass
class _SectionResult:
    """The problems of one section, and which spans no longer match the text."""

    problems: list[Problem]
    spans_compared: int
    mismatched: list[str]


def _check_section(
    section: str,
    items: list[Any],
    text: str | None,
    kb_ids: Container[str] | None,
    where: str,
) -> _SectionResult:
    """Check the records of one section (entities, dates or claims)."""
    per_record: list[list[Problem]] = []
    spans: list[_Span] = []
    result = _SectionResult([], 0, [])
    first_with_id: dict[str, int] = {}
    for index, item in enumerate(items):
        label = _record_label(section, index, item)
        if not isinstance(item, dict):
            per_record.append([Problem(where, label, "", f"expected an object, got {_describe(item)}")])
            continue
        faults = list(_check_offsets(item, text))
        if not any(key in ("start", "end") for key, _ in faults):
            spans.append(_Span(index, label, item["start"], item["end"], item.get("label")))
            if text is not None and _is_str(item.get("text")):
                result.spans_compared += 1
                if faults:  # with valid offsets, the only possible fault is the text
                    result.mismatched.append(label)
        faults.extend(_FIELD_CHECKS[section](item, kb_ids))
        claim_id = item.get("id")
        if section == "claims" and _is_text(claim_id):
            first = first_with_id.setdefault(claim_id, index)
            if first != index:
                faults.append(("id", f"{claim_id!r} is already the id of claims[{first}]; ids are unique in a file"))
        per_record.append([Problem(where, label, key, message) for key, message in faults])
    for span, message in _span_relations(section, spans):
        per_record[span.index].append(Problem(where, span.record, "start", message))
    result.problems = [problem for found in per_record for problem in found]
    return result


def _check_offsets(item: dict[str, Any], text: str | None) -> Iterator[tuple[str, str]]:
    """Check `start`, `end` and `text` of one span record, yielding (field, message)."""
    yield from (("text", m) for m in _require(item, "text", _is_str, "a string (the exact article slice)"))
    faults = [(key, m) for key in ("start", "end") for m in _require(item, key, _is_int, "an integer offset")]
    if faults:
        yield from faults
        return
    start, end = item["start"], item["end"]
    if start < 0:
        yield "start", f"{start} is negative; offsets count from 0"
    elif end <= start:
        yield "end", f"{end} is not after start {start}; expected start < end"
    elif text is not None and end > len(text):
        yield "end", f"{end} is past the end of the article ({len(text)} characters)"
    elif text is not None and _is_str(item.get("text")) and text[start:end] != item["text"]:
        slice_ = _quote(text[start:end])
        yield "text", f"{_quote(item['text'])} does not equal the article slice {slice_} [{start}:{end}]"


def _check_entity(item: dict[str, Any], kb_ids: Container[str] | None) -> Iterator[tuple[str, str]]:
    """Check the fields of an entity record other than its offsets."""
    yield from (("label", m) for m in _require(item, "label", _one_of(ENTITY_LABELS), _choices(ENTITY_LABELS)))
    yield from (("kb_id", m) for m in _require(item, "kb_id", _is_optional_text, "a KB id or null"))
    if _is_text(item.get("kb_id")):
        yield from (("kb_id", m) for m in _unknown_kb_ids([item["kb_id"]], kb_ids))


def _check_date(item: dict[str, Any], kb_ids: Container[str] | None) -> Iterator[tuple[str, str]]:
    """Check the value of a date record."""
    yield from (("value", m) for m in _require(item, "value", _is_optional_str, "a date value string or null"))
    if _is_str(item.get("value")):
        reason = check_date_value(item["value"])
        if reason:
            yield "value", f"{_quote(item['value'])} is not a valid date value: {reason}"


def _check_claim(item: dict[str, Any], kb_ids: Container[str] | None) -> Iterator[tuple[str, str]]:
    """Check the fields of a claim record other than its offsets."""
    for key, accepts, expected in (
        ("id", _is_text, "a non-empty string such as 'c1'"),
        ("type", _one_of(CLAIM_TYPES), _choices(CLAIM_TYPES)),
        ("certainty", _one_of(CERTAINTIES), _choices(CERTAINTIES)),
        ("polarity", _one_of(POLARITIES), _choices(POLARITIES)),
        ("source", _is_text, "'author' or a KB id"),
        ("predicate", _is_str, "a string (the lemma of the main predicate)"),
        ("actors", _is_str_list, "a list of KB ids"),
        ("targets", _is_str_list, "a list of KB ids"),
        ("dates", _is_str_list, "a list of date values"),
    ):
        yield from ((key, m) for m in _require(item, key, accepts, expected))
    source = item.get("source")
    if _is_text(source) and source != "author" and kb_ids is not None and source not in kb_ids:
        yield "source", f"{source!r} is neither 'author' nor an id in the KB"
    for key in ("actors", "targets"):
        if _is_str_list(item.get(key)):
            yield from ((key, m) for m in _unknown_kb_ids(item[key], kb_ids))
    if _is_str_list(item.get("dates")):
        for value in item["dates"]:
            reason = check_date_value(value)
            if reason:
                yield "dates", f"{_quote(value)} is not a valid date value: {reason}"


_FIELD_CHECKS: dict[str, Callable[[dict[str, Any], Container[str] | None], Iterator[tuple[str, str]]]] = {
    "entities": _check_entity,
    "dates": _check_date,
    "claims": _check_claim,
}


def _span_relations(section: str, spans: list[_Span]) -> Iterator[tuple[_Span, str]]:
    """Yield (later span, message) for duplicate spans, and for crossing entity or date spans.

    Claims may nest or overlap; only their exact duplicates are problems.
    """
    first_at: dict[tuple[int, int], _Span] = {}
    for span in spans:
        earlier = first_at.setdefault((span.start, span.end), span)
        if earlier is span:
            continue
        if section == "entities" and earlier.label != span.label:
            yield span, (
                f"span [{span.start}:{span.end}] is also {earlier.record}, labelled {earlier.label!r}; "
                "a span takes one label"
            )
        else:
            yield span, f"span [{span.start}:{span.end}] duplicates {earlier.record}"
    if section == "claims":
        return
    ordered = sorted(spans, key=lambda s: (s.start, s.end, s.index))
    for position, outer in enumerate(ordered):
        for inner in ordered[position + 1 :]:
            if inner.start >= outer.end:
                break
            if inner.start > outer.start and inner.end > outer.end:
                yield inner, (
                    f"span [{inner.start}:{inner.end}] crosses {outer.record} [{outer.start}:{outer.end}]; "
                    "spans may nest but not partly overlap"
                )


def _stale_problem(where: str, recorded: str, sha256: str, sections: list[_SectionResult]) -> Problem:
    """Describe a record whose article changed after annotation, with the spans it broke."""
    compared = sum(result.spans_compared for result in sections)
    mismatched = [label for result in sections for label in result.mismatched]
    message = f"the article changed after annotation (recorded {recorded[:12]}…, article now {sha256[:12]}…): "
    if not mismatched:
        message += f"all {compared} spans still match the text; set text_sha256 to {sha256}"
    else:
        listed = ", ".join(mismatched[:10]) + (", …" if len(mismatched) > 10 else "")
        message += f"{len(mismatched)} of {compared} spans no longer match: {listed}"
    return Problem(where, "", "text_sha256", message)


def _record_label(section: str, index: int, item: object) -> str:
    """Name a record: "claims[c7]" by its plain id, else "entities[3] (start 104)" by index."""
    if isinstance(item, dict):
        if section == "claims" and isinstance(item.get("id"), str) and _PLAIN_ID.fullmatch(item["id"]):
            return f"claims[{item['id']}]"
        if _is_int(item.get("start")):
            return f"{section}[{index}] (start {item['start']})"
    return f"{section}[{index}]"


# --- values ------------------------------------------------------------------


def _calendar_error(part: str) -> str | None:
    """Say why one ISO 8601 calendar date (YYYY, YYYY-MM, YYYY-MM-DD) is invalid."""
    match = _ISO_DATE.fullmatch(part)
    if not match:
        return (
            "expected YYYY, YYYY-MM or YYYY-MM-DD, an interval START/END of those, "
            f"or one of {', '.join(VAGUE_DATES)}"
        )
    year, month, day = match.groups()
    if month is not None and not 1 <= int(month) <= 12:
        return f"month {month} is not 01-12"
    if month is not None and day is not None:
        last = 29 if int(month) == 2 and calendar.isleap(int(year)) else _DAYS_IN_MONTH[int(month) - 1]
        if not 1 <= int(day) <= last:
            return f"{year}-{month} has no day {day} (01-{last})"
    return None


def _occurrences(span_text: str, text: str) -> list[int]:
    """Find every start of `span_text` in `text`, overlapping ones included."""
    starts = []
    found = text.find(span_text)
    while found != -1:
        starts.append(found)
        found = text.find(span_text, found + 1)
    return starts


def _place_repeated(old_start: int, starts: list[int], anchors: list[tuple[int, int]]) -> int | str:
    """Choose among several occurrences of a span text, or say why none can be chosen.

    Args:
        old_start: The span's start in the old text.
        starts: Where its text occurs in the new text.
        anchors: (old start, shift) of the spans already placed, sorted.

    Returns:
        The new start, or the reason the span cannot be placed.
    """
    if not starts:
        return "not found in the new text"
    # The last anchor starting at or before the span and the first starting at or after it.
    before = bisect.bisect_right(anchors, old_start, key=lambda anchor: anchor[0]) - 1
    after = bisect.bisect_left(anchors, old_start, key=lambda anchor: anchor[0])
    predicted = {old_start + anchors[i][1] for i in {before, after} if 0 <= i < len(anchors)}
    if len(predicted) == 1 and predicted <= set(starts):
        return predicted.pop()
    near = [start for start in starts if abs(start - old_start) <= REALIGN_WINDOW]
    if len(near) == 1:
        return near[0]
    return (
        f"ambiguous: {len(starts)} occurrences, {len(near)} within {REALIGN_WINDOW} "
        f"characters of the old start {old_start}"
    )


def _require(record: dict[str, Any], key: str, accepts: Callable[[object], bool], expected: str) -> Iterator[str]:
    """Yield a message when a required field is missing or has the wrong type or value."""
    if key not in record:
        yield f"is missing; expected {expected}"
    elif not accepts(record[key]):
        yield f"expected {expected}, got {_describe(record[key])}"


def _unknown_kb_ids(values: list[str], kb_ids: Container[str] | None) -> Iterator[str]:
    """Yield a message for each id that is not in the KB (nothing when the KB is unavailable)."""
    if kb_ids is None:
        return
    for value in values:
        if value not in kb_ids:
            yield f"{value!r} is not an id in the KB"


def _one_of(choices: tuple[str, ...]) -> Callable[[object], bool]:
    """Accept exactly the given strings."""
    return lambda value: isinstance(value, str) and value in choices


def _choices(choices: tuple[str, ...]) -> str:
    return "one of " + ", ".join(choices)


def _is_int(value: object) -> TypeGuard[int]:
    # JSON true/false load as bool, which Python counts as int.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str(value: object) -> TypeGuard[str]:
    return isinstance(value, str)


def _is_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value)


def _is_optional_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def _is_optional_text(value: object) -> bool:
    return value is None or _is_text(value)


def _is_list(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


def _is_str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _describe(value: object) -> str:
    """Name a JSON value's type, with the value itself when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"string {_quote(value)}"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _quote(text: str, limit: int = 60) -> str:
    """Quote a string on one line (repr escapes line breaks), shortened to about `limit` characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
