"""Annotation records (SPEC section 3) to and from other annotation tools' formats.

`export_records` writes records in one tool's format and says what the format
cannot hold; `import_records` reads a tool's file back into records, checked
with `validate.check_record` like any gold. Neither prints, writes files or
exits: `write_new_record` writes one imported record to a new annotator file
and refuses to replace an existing one (`gold.json` included).

Every format carries entity spans with their label, dates with label `DATE`
and claims with label `CLAIM`. Where the rest goes:

| format | entity `kb_id` | date `value` | claim fields (`id`, `type`, `certainty`, `polarity`, `source`, `predicate`, `actors`, `targets`, `dates`) | record (`article_id`, `annotator`, `text_sha256`) |
| --- | --- | --- | --- | --- |
| `prodigy` (JSONL, `spans.manual` tasks with `tokens`) | span key `kb_id` | span key `value` | span keys of the same names | `meta.article_id`, `meta.text_sha256`; annotator `_annotator_id` (else `_session_id`, else `meta.annotator`) |
| `labelstudio` (JSON list of tasks) | per-region `textarea` result `kb_id` | per-region `textarea` result `value` | per-region `choices` results `type`, `certainty`, `polarity`; per-region `textarea` results `claim_id`, `source`, `predicate`, `actors`, `targets`, `dates` (lists one item per line) | `data.article_id`, `data.text_sha256`; annotator `completed_by` (its `email` before the `@`, or `username`, or a plain string) |
| `doccano` (JSONL, `entities` with `start_offset`/`end_offset`) | `attributes["start:end:LABEL"].kb_id` | `attributes[...].value` | `attributes[...]`, same names | top-level `article_id`, `annotator`, `text_sha256` (doccano keeps extra columns as the example's metadata) |
| `brat` (`<annotator>/<article_id>.txt` + `.ann`, and `annotation.conf`) | `N` line `Reference Tn KB:<kb_id>` | `#` note `AnnotatorNotes Tn <value>` | `A` lines `Type`, `Certainty`, `Polarity`; a `#` note holding the other fields as one JSON object | article id: the file name; annotator: the folder name |
| `spacy` (`DocBin`, `.spacy`) | `doc.ents`, `Span.kb_id_` | `doc.spans["dates"]`, `Span._.date_value` | `doc.spans["claims"]`, `Span._.claim_<field>` | `doc.user_data` keys `article_id`, `annotator`, `text_sha256` |

Span extension values live in `doc.user_data` keyed by the span's character
offsets, which `DocBin(store_user_data=True)` serialises; an entity that
overlaps another cannot be in `doc.ents`, and goes to `doc.spans["entities_overlapping"]`.

What is lost, reported as warnings by `export_records`: the record's extra
fields (the pipeline's `sentences`, versions...) in every format; in doccano,
kb_id, date values and claim fields survive this module's round trip but the
doccano application itself keeps only the spans' labels and offsets (the
`attributes` column survives as metadata, keyed by span, so a span moved or
relabelled there loses its fields); in brat, `text_sha256` (recomputed from the
`.txt` on import). In Label Studio and Prodigy everything survives.

Importing files from the tools themselves: the article text comes from the
file and must equal the corpus article (found by `article_id` when the file
names one, else by identical text); claims without an `id` are numbered
`c1`, `c2`...; unset claim fields take the defaults of SPEC section 3 (certain,
positive, author); a claim without `type` is a problem. Spans labelled with
spaCy's numeric OntoNotes labels (`CARDINAL`, `MONEY`...) are skipped with a
warning, since SPEC section 3 does not annotate numbers; any other unknown
label is a validation problem. brat discontinuous spans are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Article
from .records import CERTAINTIES, CLAIM_TYPES, ENTITY_LABELS, POLARITIES, AnnotationRecord
from .validate import check_record

FORMATS = ("prodigy", "labelstudio", "doccano", "brat", "spacy")
"""The formats `export_records` and `import_records` know."""

DATE_LABEL = "DATE"
CLAIM_LABEL = "CLAIM"
CLAIM_FIELDS = ("id", "type", "certainty", "polarity", "source", "predicate", "actors", "targets", "dates")
LIST_FIELDS = ("actors", "targets", "dates")
# spaCy's OntoNotes labels that SPEC section 3 leaves out (numbers): skipped on import, with a warning.
NUMERIC_LABELS = ("CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME")
# Export file names (brat writes one pair of files per record instead).
EXPORT_NAMES = {
    "prodigy": "prodigy.jsonl",
    "labelstudio": "labelstudio.json",
    "doccano": "doccano.jsonl",
    "spacy": "claims.spacy",
}
LABELSTUDIO_CONFIG = "labelstudio-config.xml"
BRAT_CONF = "annotation.conf"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


class InteropError(ValueError):
    """A file that cannot be imported or a record that cannot be written; one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ExportResult:
    """What `export_records` produced.

    Attributes:
        files: Relative file name (may hold one "/") to its content: `str` for
            text files, `bytes` for `.spacy`.
        warnings: What the format cannot hold, one line each.
    """

    files: dict[str, str | bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    """What `import_records` read.

    Attributes:
        records: The records that keep the contract, in file order.
        problems: Why a document could not be imported or what its record
            breaks (validation problems as their one-line text); a record with
            problems is not in `records`.
        warnings: What was skipped or assumed.
    """

    records: list[AnnotationRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# A span as every format sees it: offsets, label and the fields that go with it.
@dataclass
class _Span:
    start: int
    end: int
    label: str
    fields: dict[str, Any] = field(default_factory=dict)
    text: str | None = None


# --- the common part -----------------------------------------------------------


def _record_spans(record: AnnotationRecord) -> list[_Span]:
    """The record's spans in record order: entities, dates, claims."""
    spans = [
        _Span(e.start, e.end, e.label, {} if e.kb_id is None else {"kb_id": e.kb_id}, e.text) for e in record.entities
    ]
    spans += [
        _Span(d.start, d.end, DATE_LABEL, {} if d.value is None else {"value": d.value}, d.text) for d in record.dates
    ]
    for claim in record.claims:
        fields = {key: value for key, value in claim.to_json().items() if key in CLAIM_FIELDS}
        spans.append(_Span(claim.start, claim.end, CLAIM_LABEL, fields, claim.text))
    return spans


def _lost_extras(record: AnnotationRecord, fmt: str) -> list[str]:
    if not record.extra:
        return []
    return [f"{record.article_id} ({record.annotator}): {fmt} cannot hold the record fields {sorted(record.extra)}; not exported"]


def _sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _safe_name(name: str) -> str:
    """A name usable as an annotator file name."""
    return _SAFE_NAME.sub("-", name).strip(".-")


@dataclass
class _Document:
    """One imported document before it becomes a record."""

    where: str
    text: str
    spans: list[_Span]
    article_id: str | None = None
    annotator: str | None = None
    text_sha256: str | None = None
    broken: bool = False  # a span could not be read: the document yields problems, no record


def _build(
    document: _Document,
    result: ImportResult,
    *,
    articles: Mapping[str, Article] | None,
    annotator: str | None,
    article_id: str | None,
    kb_ids: Container[str] | None,
) -> None:
    """Turn one document into a checked record (or problems) in `result`."""
    where = document.where
    if document.broken:
        return
    article = _find_article(document, articles, article_id)
    resolved_id = article.id if article is not None else (article_id or document.article_id)
    if resolved_id is None:
        result.problems.append(
            f"{where}: cannot tell which article this is: no article id in the file and no corpus article has this text"
        )
        return
    if article is not None and article.text != document.text:
        result.problems.append(
            f"{where}: the text differs from the corpus article {article.id!r} "
            f"(first difference at character {_first_difference(article.text, document.text)}); "
            "offsets would not match it"
        )
        return
    name = annotator or document.annotator
    if not name or not _safe_name(name):
        result.problems.append(f"{where}: no annotator in the file; pass one (--annotator NAME)")
        return
    if _safe_name(name) != name:
        result.warnings.append(f"{where}: annotator {name!r} written as {_safe_name(name)!r}")
        name = _safe_name(name)
    sha256 = article.sha256 if article is not None else (document.text_sha256 or _sha256_text(document.text))
    obj: dict[str, Any] = {
        "article_id": resolved_id,
        "annotator": name,
        "text_sha256": sha256,
        "entities": [],
        "dates": [],
        "claims": [],
    }
    numbered = 0
    taken = {str(s.fields["id"]) for s in document.spans if s.label == CLAIM_LABEL and s.fields.get("id")}
    for span in document.spans:
        text = span.text if span.text is not None else document.text[span.start : span.end]
        if span.label in NUMERIC_LABELS:
            result.warnings.append(f"{where}: span [{span.start}:{span.end}] {text!r} labelled {span.label}: not annotated (SPEC section 3); skipped")
            continue
        if span.label == DATE_LABEL:
            obj["dates"].append({"start": span.start, "end": span.end, "text": text, "value": span.fields.get("value")})
        elif span.label == CLAIM_LABEL:
            claim = {"start": span.start, "end": span.end, "text": text}
            defaults = {"certainty": "certain", "polarity": "positive", "source": "author", "predicate": ""}
            for key in CLAIM_FIELDS:
                value = span.fields.get(key)
                if value is None or value == "" and key not in ("predicate",):
                    if key == "id":
                        numbered += 1
                        while f"c{numbered}" in taken:
                            numbered += 1
                        value = f"c{numbered}"
                    elif key in LIST_FIELDS:
                        value = []
                    elif key in defaults:
                        value = defaults[key]
                    else:
                        continue  # `type` has no default: check_record says it is missing
                claim[key] = value
            obj["claims"].append(claim)
        else:
            obj["entities"].append(
                {"start": span.start, "end": span.end, "text": text, "label": span.label, "kb_id": span.fields.get("kb_id")}
            )
    for section in ("entities", "dates"):  # document order, as gold files keep it
        obj[section].sort(key=lambda item: (item["start"], item["end"]))
    problems = check_record(obj, document.text, sha256, kb_ids, where)
    if problems:
        result.problems.extend(str(problem) for problem in problems)
        return
    result.records.append(AnnotationRecord.from_json(obj))


def _find_article(
    document: _Document, articles: Mapping[str, Article] | None, article_id: str | None
) -> Article | None:
    if not articles:
        return None
    wanted = article_id or document.article_id
    if wanted is not None:
        return articles.get(wanted)
    for article in articles.values():
        if article.text == document.text:
            return article
    return None


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --- tokens (Prodigy, spaCy) ------------------------------------------------------


_BLANK = None


def _blank_nlp():
    global _BLANK
    if _BLANK is None:
        import spacy

        _BLANK = spacy.blank("en")
    return _BLANK


def _aligned_doc(text: str, spans: Iterable[_Span]):
    """A `Doc` of `text` tokenised by spaCy's English rules, split further at every span boundary.

    So every span is a whole number of tokens and `Doc.char_span` finds it exactly.
    """
    from spacy.tokens import Doc

    nlp = _blank_nlp()
    cuts = {0, len(text)}
    for token in nlp.make_doc(text):
        cuts.update((token.idx, token.idx + len(token.text), token.idx + len(token.text_with_ws)))
    span_starts, span_ends = set(), set()
    for span in spans:
        span_starts.add(span.start)
        span_ends.add(span.end)
    cuts |= span_starts | span_ends
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in zip(points, points[1:]):
        piece = text[start:end]
        trailing = start not in span_starts and end not in span_ends
        if piece == " " and trailing and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True  # one space after a word is that word's trailing whitespace
        else:
            words.append(piece)
            spaces.append(False)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert doc.text == text
    return doc


# --- Prodigy ----------------------------------------------------------------------


def _hash32(*parts: str) -> int:
    """A stable signed 32-bit hash, the range of Prodigy's `_input_hash` and `_task_hash`."""
    value = int.from_bytes(hashlib.sha256("\x00".join(parts).encode("utf-8")).digest()[:4], "big")
    return value - (1 << 32) if value >= 1 << 31 else value


def _export_prodigy(records: list[AnnotationRecord], texts: Mapping[str, str], pre_annotation: bool) -> ExportResult:
    result = ExportResult()
    lines = []
    for record in records:
        text = texts[record.article_id]
        spans = _record_spans(record)
        doc = _aligned_doc(text, spans)
        tokens = [
            {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc
        ]
        task_spans = []
        for span in spans:
            tokens_of = doc.char_span(span.start, span.end)
            task_spans.append(
                {"start": span.start, "end": span.end, "text": span.text, "label": span.label,
                 "token_start": tokens_of.start, "token_end": tokens_of.end - 1, **span.fields}
            )
        task: dict[str, Any] = {
            "text": text,
            "meta": {"article_id": record.article_id, "text_sha256": record.text_sha256, "annotator": record.annotator},
            "tokens": tokens,
            "spans": task_spans,
            "_input_hash": _hash32(text),
        }
        task["_task_hash"] = _hash32(text, json.dumps(task_spans, sort_keys=True))
        task["_view_id"] = "spans_manual"
        if not pre_annotation:
            task.update({"answer": "accept", "_annotator_id": record.annotator, "_session_id": record.annotator})
        lines.append(json.dumps(task, ensure_ascii=False))
        result.warnings += _lost_extras(record, "prodigy")
    result.files[EXPORT_NAMES["prodigy"]] = "".join(line + "\n" for line in lines)
    return result


def _jsonl_objects(files: Mapping[str, bytes], result: ImportResult, expected: str) -> Iterator[tuple[str, dict]]:
    """Yield (`file:line`, object) for each JSONL line that is an object with a 'text'.

    Lines that are not JSON, or not such an object, become problems naming the line.
    """
    for name, data in files.items():
        for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                result.problems.append(f"{where}: invalid JSON ({err.msg})")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                result.problems.append(f"{where}: expected {expected}, a JSON object with 'text'")
                continue
            yield where, obj


def _documents_prodigy(files: Mapping[str, bytes], result: ImportResult) -> list[_Document]:
    documents = []
    for where, task in _jsonl_objects(files, result, "a Prodigy task"):
        if task.get("answer", "accept") != "accept":
            result.warnings.append(f"{where}: answer {task.get('answer')!r}, not 'accept'; skipped")
            continue
        meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
        before = len(result.problems)
        spans = []
        for index, span in enumerate(task.get("spans") or []):
            if not isinstance(span, dict):
                span = {}
            start, end = _int(span.get("start")), _int(span.get("end"))
            if start is None or end is None or not isinstance(span.get("label"), str):
                result.problems.append(f"{where}: spans[{index}]: expected integer 'start', 'end' and a 'label'")
                continue
            fields = {k: v for k, v in span.items() if k in CLAIM_FIELDS or k in ("kb_id", "value")}
            spans.append(_Span(start, end, span["label"], fields, span.get("text")))
        annotator = task.get("_annotator_id") or task.get("_session_id") or meta.get("annotator")
        documents.append(
            _Document(where, task["text"], spans, meta.get("article_id"), annotator, meta.get("text_sha256"),
                      len(result.problems) > before)
        )
    return documents


# --- Label Studio -------------------------------------------------------------------

_LS_CHOICES = ("type", "certainty", "polarity")
_LS_TEXTAREAS = {"kb_id": "kb_id", "value": "value", "id": "claim_id", "source": "source",
                 "predicate": "predicate", "actors": "actors", "targets": "targets", "dates": "dates"}


def _labelstudio_config() -> str:
    """A labelling config for the exported tasks: labels, then per-region fields."""
    labels = "\n".join(f'    <Label value="{label}"/>' for label in (*ENTITY_LABELS, DATE_LABEL, CLAIM_LABEL))
    choices = {"type": CLAIM_TYPES, "certainty": CERTAINTIES, "polarity": POLARITIES}
    parts = [
        "<View>",
        '  <Labels name="label" toName="text">',
        labels,
        "  </Labels>",
        '  <Text name="text" value="$text"/>',
    ]
    for name, values in choices.items():
        parts.append(f'  <Choices name="{name}" toName="text" perRegion="true" visibleWhen="region-selected" whenLabelValue="{CLAIM_LABEL}">')
        parts += [f'    <Choice value="{value}"/>' for value in values]
        parts.append("  </Choices>")
    for name in _LS_TEXTAREAS.values():
        parts.append(f'  <TextArea name="{name}" toName="text" perRegion="true" editable="true" displayMode="region-list"/>')
    parts.append("</View>")
    return "\n".join(parts) + "\n"


def _export_labelstudio(records: list[AnnotationRecord], texts: Mapping[str, str], pre_annotation: bool) -> ExportResult:
    result = ExportResult()
    tasks: dict[str, dict[str, Any]] = {}
    for record in records:
        text = texts[record.article_id]
        task = tasks.setdefault(
            record.article_id,
            {"id": len(tasks) + 1,
             "data": {"text": text, "article_id": record.article_id, "text_sha256": record.text_sha256},
             "annotations": [], "predictions": []},
        )
        results = []
        for number, span in enumerate(_record_spans(record), start=1):
            region = f"r{number}"
            where = {"start": span.start, "end": span.end}
            results.append({"id": region, "from_name": "label", "to_name": "text", "type": "labels",
                            "value": {**where, "text": span.text, "labels": [span.label]}})
            for key, value in span.fields.items():
                if key in _LS_CHOICES:
                    results.append({"id": region, "from_name": key, "to_name": "text", "type": "choices",
                                    "value": {**where, "choices": [value]}})
                else:
                    lines = list(value) if isinstance(value, list) else [value]
                    results.append({"id": region, "from_name": _LS_TEXTAREAS[key], "to_name": "text",
                                    "type": "textarea", "value": {**where, "text": lines}})
        if pre_annotation:
            task["predictions"].append({"model_version": record.annotator, "result": results})
        else:
            task["annotations"].append({"id": sum(len(t["annotations"]) for t in tasks.values()) + 1,
                                        "completed_by": {"email": f"{record.annotator}@claims.local"},
                                        "result": results, "was_cancelled": False})
        result.warnings += _lost_extras(record, "labelstudio")
    result.files[EXPORT_NAMES["labelstudio"]] = json.dumps(list(tasks.values()), ensure_ascii=False, indent=2) + "\n"
    result.files[LABELSTUDIO_CONFIG] = _labelstudio_config()
    return result


def _ls_annotator(completed_by: Any) -> str | None:
    if isinstance(completed_by, str):
        return completed_by
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email:
            return email.split("@")[0]
        for key in ("username", "first_name"):
            if isinstance(completed_by.get(key), str) and completed_by[key]:
                return completed_by[key]
        completed_by = completed_by.get("id")
    if _int(completed_by) is not None:
        return f"user-{completed_by}"
    return None


def _documents_labelstudio(files: Mapping[str, bytes], result: ImportResult) -> list[_Document]:
    documents = []
    for name, data in files.items():
        if name.endswith(".xml"):  # the labelling config exported beside the tasks
            continue
        try:
            tasks = json.loads(data.decode("utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            result.problems.append(f"{name}: not Label Studio JSON ({err})")
            continue
        for task_number, task in enumerate(tasks if isinstance(tasks, list) else [tasks]):
            where_task = f"{name}: task {task.get('id', task_number) if isinstance(task, dict) else task_number}"
            task_data = task.get("data") if isinstance(task, dict) else None
            if not isinstance(task_data, dict):
                result.problems.append(f"{where_task}: expected a task object with 'data'")
                continue
            text = task_data.get("text")
            if not isinstance(text, str):
                strings = [v for v in task_data.values() if isinstance(v, str) and len(v) > 0]
                text = max(strings, key=len) if strings else None
            if text is None:
                result.problems.append(f"{where_task}: no text in 'data'")
                continue
            annotations = [(a, None) for a in task.get("annotations") or []]
            if not annotations:  # pre-annotations only: import the model's results, named by its version
                annotations = [(p, p.get("model_version") or "pipeline") for p in task.get("predictions") or []
                               if isinstance(p, dict)]
            for number, (annotation, model) in enumerate(annotations):
                where = f"{where_task} annotation {annotation.get('id', number)}"
                if annotation.get("was_cancelled"):
                    result.warnings.append(f"{where}: cancelled (skipped)")
                    continue
                before = len(result.problems)
                spans = _ls_spans(annotation.get("result") or [], where, result)
                annotator = model or _ls_annotator(annotation.get("completed_by"))
                documents.append(_Document(where, text, spans, task_data.get("article_id"), annotator,
                                           task_data.get("text_sha256"), len(result.problems) > before))
    return documents


def _ls_spans(results: list[Any], where: str, outcome: ImportResult) -> list[_Span]:
    """Regions (`labels` results) with the per-region results that share their id or offsets."""
    spans: list[_Span] = []
    by_id: dict[str, _Span] = {}
    by_offsets: dict[tuple[int, int], _Span] = {}
    extras = []
    for item in results:
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, dict):
            continue
        if item.get("type") in ("labels", "hypertextlabels") or "labels" in value:
            start, end, labels = _int(value.get("start")), _int(value.get("end")), value.get("labels")
            if start is None or end is None or not isinstance(labels, list) or not labels:
                outcome.problems.append(f"{where}: region {item.get('id')}: expected integer start, end and labels")
                continue
            if len(labels) > 1:
                outcome.warnings.append(f"{where}: region {item.get('id')} has labels {labels}; kept {labels[0]!r}")
            span = _Span(start, end, labels[0], {}, value.get("text") if isinstance(value.get("text"), str) else None)
            spans.append(span)
            if item.get("id") is not None:
                by_id[str(item["id"])] = span
            by_offsets.setdefault((start, end), span)
        else:
            extras.append(item)
    names = {v: k for k, v in _LS_TEXTAREAS.items()}
    for item in extras:
        value = item["value"]
        span = by_id.get(str(item.get("id"))) or by_offsets.get((value.get("start"), value.get("end")))
        key = str(item.get("from_name"))
        if span is None:
            outcome.warnings.append(f"{where}: result {key!r} ({item.get('id')}) belongs to no labelled region; skipped")
            continue
        if item.get("type") == "choices" and isinstance(value.get("choices"), list) and value["choices"]:
            span.fields[key] = value["choices"][0]
        elif item.get("type") == "textarea" and isinstance(value.get("text"), list):
            field_name = names.get(key, key)
            lines = [line for text in value["text"] for line in str(text).splitlines() if line.strip()]
            span.fields[field_name] = lines if field_name in LIST_FIELDS else (lines[0].strip() if lines else None)
        else:
            outcome.warnings.append(f"{where}: result {key!r} of type {item.get('type')!r} not understood; skipped")
    return spans


# --- doccano ------------------------------------------------------------------------


def _export_doccano(records: list[AnnotationRecord], texts: Mapping[str, str], pre_annotation: bool) -> ExportResult:
    result = ExportResult()
    lines = []
    next_id = 1
    for record in records:
        entities, attributes = [], {}
        for span in _record_spans(record):
            entities.append({"id": next_id, "label": span.label, "start_offset": span.start, "end_offset": span.end})
            next_id += 1
            if span.fields:
                attributes[f"{span.start}:{span.end}:{span.label}"] = span.fields
        lines.append(json.dumps(
            {"text": texts[record.article_id], "entities": entities, "relations": [],
             "article_id": record.article_id, "annotator": record.annotator,
             "text_sha256": record.text_sha256, "attributes": attributes},
            ensure_ascii=False))
        result.warnings += _lost_extras(record, "doccano")
    result.files[EXPORT_NAMES["doccano"]] = "".join(line + "\n" for line in lines)
    result.warnings.append(
        "doccano: kb_id, date values and claim fields are in the 'attributes' column (keyed 'start:end:LABEL'); "
        "doccano shows and edits only labels and offsets, so a span moved or relabelled in doccano loses its fields"
    )
    return result


def _documents_doccano(files: Mapping[str, bytes], result: ImportResult) -> list[_Document]:
    documents = []
    for where, example in _jsonl_objects(files, result, "a doccano example"):
        before = len(result.problems)
        raw: list[tuple[Any, Any, Any]] = []
        for entity in example.get("entities") or []:
            if isinstance(entity, dict):
                raw.append((entity.get("start_offset"), entity.get("end_offset"), entity.get("label")))
        labels = example.get("label") or example.get("labels") or []
        for entity in labels if isinstance(labels, list) else []:
            if isinstance(entity, (list, tuple)) and len(entity) == 3:
                raw.append(tuple(entity))
            elif isinstance(entity, str):
                result.warnings.append(f"{where}: document label {entity!r} is not a span; skipped")
        attributes = example.get("attributes") if isinstance(example.get("attributes"), dict) else {}
        spans = []
        for start, end, label in raw:
            if _int(start) is None or _int(end) is None or not isinstance(label, str):
                result.problems.append(f"{where}: span {[start, end, label]}: expected integer offsets and a label")
                continue
            fields = attributes.get(f"{start}:{end}:{label}")
            spans.append(_Span(start, end, label, dict(fields) if isinstance(fields, dict) else {}))
        documents.append(_Document(where, example["text"], spans, example.get("article_id"),
                                   example.get("annotator"), example.get("text_sha256"),
                                   len(result.problems) > before))
    return documents


# --- brat ------------------------------------------------------------------------------


def _brat_conf() -> str:
    return "\n".join([
        "[entities]", *ENTITY_LABELS, DATE_LABEL, CLAIM_LABEL, "",
        "[relations]", "", "[events]", "",
        "[attributes]",
        f"Type\tArg:{CLAIM_LABEL}, Value:{'|'.join(CLAIM_TYPES)}",
        f"Certainty\tArg:{CLAIM_LABEL}, Value:{'|'.join(CERTAINTIES)}",
        f"Polarity\tArg:{CLAIM_LABEL}, Value:{'|'.join(POLARITIES)}",
        "",
    ])


_BRAT_ATTRIBUTES = {"type": "Type", "certainty": "Certainty", "polarity": "Polarity"}


def _export_brat(records: list[AnnotationRecord], texts: Mapping[str, str], pre_annotation: bool) -> ExportResult:
    result = ExportResult()
    for record in records:
        lines = []
        counters = {"A": 0, "N": 0, "#": 0}

        def next_id(kind: str) -> str:
            counters[kind] += 1
            return f"{kind}{counters[kind]}"

        for number, span in enumerate(_record_spans(record), start=1):
            tid = f"T{number}"
            shown = (span.text or "").replace("\n", " ").replace("\r", " ")
            lines.append(f"{tid}\t{span.label} {span.start} {span.end}\t{shown}")
            if span.label == CLAIM_LABEL:
                for key, name in _BRAT_ATTRIBUTES.items():
                    lines.append(f"{next_id('A')}\t{name} {tid} {span.fields[key]}")
                note = {k: v for k, v in span.fields.items() if k not in _BRAT_ATTRIBUTES}
                lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{json.dumps(note, ensure_ascii=False)}")
            elif span.label == DATE_LABEL:
                if "value" in span.fields:
                    lines.append(f"{next_id('#')}\tAnnotatorNotes {tid}\t{span.fields['value']}")
            elif "kb_id" in span.fields:
                lines.append(f"{next_id('N')}\tReference {tid} KB:{span.fields['kb_id']}\t{shown}")
        folder = _safe_name(record.annotator) or "annotator"
        result.files[f"{folder}/{record.article_id}.txt"] = texts[record.article_id]
        result.files[f"{folder}/{record.article_id}.ann"] = "".join(line + "\n" for line in lines)
        result.files[f"{folder}/{BRAT_CONF}"] = _brat_conf()
        result.warnings += _lost_extras(record, "brat")
    result.warnings.append(
        "brat: the annotator is the folder name and the article id the file name; "
        "text_sha256 is recomputed from the .txt on import"
    )
    return result


_BRAT_T = re.compile(r"(?P<label>\S+) (?P<frags>\d+ \d+(?:;\d+ \d+)*)\Z")


def _documents_brat(files: Mapping[str, bytes], result: ImportResult) -> list[_Document]:
    documents = []
    for name in sorted(files):
        if not name.endswith(".ann"):
            continue
        stem = name[: -len(".ann")]
        if f"{stem}.txt" not in files:
            result.problems.append(f"{name}: no {Path(stem).name}.txt beside it (brat standoff needs both)")
            continue
        text = files[f"{stem}.txt"].decode("utf-8")
        folder = Path(name).parent.name or None
        before = len(result.problems)
        spans: dict[str, _Span] = {}
        for number, line in enumerate(files[name].decode("utf-8-sig").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            parts = line.split("\t")
            ann_id = parts[0]
            if ann_id.startswith("T"):
                match = _BRAT_T.match(parts[1]) if len(parts) > 1 else None
                if not match:
                    result.problems.append(f"{where}: expected 'Tn<TAB>LABEL START END<TAB>TEXT'")
                    continue
                fragments = match["frags"].split(";")
                if len(fragments) > 1:
                    result.problems.append(
                        f"{where}: {ann_id} is a discontinuous span ({match['frags']}); "
                        "annotation records hold contiguous spans only: join or split it in brat"
                    )
                    continue
                start, end = (int(x) for x in fragments[0].split())
                spans[ann_id] = _Span(start, end, match["label"])
            elif ann_id.startswith(("A", "M", "N", "#")):
                fields = parts[1].split(" ") if len(parts) > 1 else []
                target = spans.get(fields[1]) if len(fields) > 1 else None
                if target is None:
                    result.problems.append(f"{where}: {ann_id} refers to no text-bound annotation above it")
                    continue
                if ann_id[0] in "AM":
                    key = fields[0].lower()
                    if key not in _BRAT_ATTRIBUTES or len(fields) < 3:
                        result.warnings.append(f"{where}: attribute {fields[0]!r} not understood; skipped")
                        continue
                    target.fields[key] = fields[2]
                elif ann_id[0] == "N":
                    reference = fields[2] if len(fields) > 2 else ""
                    target.fields["kb_id"] = reference.split(":", 1)[1] if ":" in reference else reference
                else:
                    note = parts[2] if len(parts) > 2 else ""
                    _brat_note(target, note, where, result)
            else:
                result.warnings.append(f"{where}: {ann_id[:1]!r} annotations (relations, events) are not read; skipped")
        documents.append(_Document(name, text, list(spans.values()), Path(stem).name, folder,
                                   broken=len(result.problems) > before))
    if not any(name.endswith(".ann") for name in files):
        result.problems.append("brat: no .ann file found")
    return documents


def _brat_note(target: _Span, note: str, where: str, result: ImportResult) -> None:
    if target.label == DATE_LABEL:
        target.fields["value"] = note.strip() or None
    elif target.label == CLAIM_LABEL:
        try:
            fields = json.loads(note)
        except json.JSONDecodeError:
            fields = None
        if not isinstance(fields, dict):
            result.problems.append(f"{where}: a CLAIM note holds its fields as one JSON object, got {note!r}")
            return
        target.fields.update({k: v for k, v in fields.items() if k in CLAIM_FIELDS})
    else:
        result.warnings.append(f"{where}: note on a {target.label} span ignored")


# --- spaCy DocBin -------------------------------------------------------------------


def _set_extensions() -> None:
    """Register `Span._.date_value` and `Span._.claim_<field>` (values live in `doc.user_data`)."""
    from spacy.tokens import Span

    for name in ("date_value", *(f"claim_{key}" for key in CLAIM_FIELDS)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _export_spacy(records: list[AnnotationRecord], texts: Mapping[str, str], pre_annotation: bool) -> ExportResult:
    from spacy.tokens import DocBin, Span
    from spacy.util import filter_spans

    _set_extensions()
    result = ExportResult()
    doc_bin = DocBin(store_user_data=True)
    for record in records:
        doc = _aligned_doc(texts[record.article_id], _record_spans(record))
        entities = [doc.char_span(e.start, e.end, label=e.label, kb_id=e.kb_id or "") for e in record.entities]
        in_ents = filter_spans(entities)
        doc.ents = in_ents
        kept = {(s.start_char, s.end_char) for s in in_ents}
        overlapping = [s for s in entities if (s.start_char, s.end_char) not in kept]
        if overlapping:
            doc.spans["entities_overlapping"] = overlapping
        dates = []
        for date in record.dates:
            span = doc.char_span(date.start, date.end, label=DATE_LABEL)
            span._.date_value = date.value
            dates.append(span)
        doc.spans["dates"] = dates
        claims = []
        for claim in record.claims:
            span = doc.char_span(claim.start, claim.end, label=CLAIM_LABEL)
            for key, value in claim.to_json().items():
                if key in CLAIM_FIELDS:
                    setattr(span._, f"claim_{key}", value)
            claims.append(span)
        doc.spans["claims"] = claims
        doc.user_data.update(
            {"article_id": record.article_id, "annotator": record.annotator, "text_sha256": record.text_sha256}
        )
        doc_bin.add(doc)
        result.warnings += _lost_extras(record, "spacy")
    result.files[EXPORT_NAMES["spacy"]] = doc_bin.to_bytes()
    return result


def _documents_spacy(files: Mapping[str, bytes], result: ImportResult) -> list[_Document]:
    from spacy.tokens import DocBin

    documents = []
    vocab = _blank_nlp().vocab
    for name, data in files.items():
        try:
            docs = list(DocBin(store_user_data=True).from_bytes(data).get_docs(vocab))
        except Exception as err:  # noqa: BLE001 - any decoding failure means "not a DocBin"
            result.problems.append(f"{name}: not a spaCy DocBin ({type(err).__name__}: {err})")
            continue
        for number, doc in enumerate(docs):
            user_data = doc.user_data

            def extension(key: str, span) -> Any:
                return user_data.get(("._.", key, span.start_char, span.end_char))

            spans = [
                _Span(s.start_char, s.end_char, s.label_, {"kb_id": s.kb_id_} if s.kb_id_ else {})
                for group in (doc.ents, doc.spans.get("entities_overlapping", []))
                for s in group
            ]
            for span in doc.spans.get("dates", []):
                value = extension("date_value", span)
                spans.append(_Span(span.start_char, span.end_char, DATE_LABEL, {} if value is None else {"value": value}))
            for span in doc.spans.get("claims", []):
                fields = {key: extension(f"claim_{key}", span) for key in CLAIM_FIELDS}
                for key in LIST_FIELDS:  # msgpack gives lists back as tuples
                    if isinstance(fields[key], tuple):
                        fields[key] = list(fields[key])
                spans.append(_Span(span.start_char, span.end_char, CLAIM_LABEL,
                                   {k: v for k, v in fields.items() if v is not None}))
            for key in doc.spans:
                if key not in ("dates", "claims", "entities_overlapping"):
                    result.warnings.append(f"{name}: doc {number}: span group {key!r} is not read; skipped")
            documents.append(_Document(f"{name}: doc {number}", doc.text, spans, user_data.get("article_id"),
                                       user_data.get("annotator"), user_data.get("text_sha256")))
    return documents


# --- public functions --------------------------------------------------------------

_EXPORTERS = {
    "prodigy": _export_prodigy,
    "labelstudio": _export_labelstudio,
    "doccano": _export_doccano,
    "brat": _export_brat,
    "spacy": _export_spacy,
}
_READERS = {
    "prodigy": _documents_prodigy,
    "labelstudio": _documents_labelstudio,
    "doccano": _documents_doccano,
    "brat": _documents_brat,
    "spacy": _documents_spacy,
}


def export_records(
    records: Iterable[AnnotationRecord], texts: Mapping[str, str], fmt: str, *, pre_annotation: bool = False
) -> ExportResult:
    """Write annotation records in another tool's format.

    Args:
        records: The records to export (gold, annotators' or the pipeline's).
        texts: Article text by article id; every record's article must be there.
        fmt: One of `FORMATS`.
        pre_annotation: The records are suggestions for a curator (`claims
            export --pipeline`): Label Studio gets them as `predictions`
            (`model_version` = the annotator), Prodigy as unanswered tasks.

    Returns:
        The files (relative name to content) and what the format cannot hold.

    Raises:
        InteropError: an unknown format or a record without its article text.
    """
    if fmt not in _EXPORTERS:
        raise InteropError([f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"])
    records = list(records)
    missing = sorted({r.article_id for r in records if r.article_id not in texts})
    if missing:
        raise InteropError([f"no article text for {article_id!r}" for article_id in missing])
    return _EXPORTERS[fmt](records, texts, pre_annotation)


def import_records(
    files: Mapping[str, bytes],
    fmt: str,
    *,
    articles: Mapping[str, Article] | None = None,
    annotator: str | None = None,
    article_id: str | None = None,
    kb_ids: Container[str] | None = None,
) -> ImportResult:
    """Read another tool's files into annotation records, checked like any gold.

    Args:
        files: Relative file name to bytes, as `read_import_files` gives them
            (brat: `.txt` and `.ann` pairs; a folder part names the annotator).
        fmt: One of `FORMATS`.
        articles: The corpus by article id: each document's text must equal
            its article's; a document without an article id is matched by text.
        annotator: Overrides the annotator the file names.
        article_id: Overrides the article id the file names.
        kb_ids: The KB ids to check references against (None: not checked).

    Returns:
        The valid records, the problems (a record with any is left out) and warnings.

    Raises:
        InteropError: an unknown format.
    """
    if fmt not in _READERS:
        raise InteropError([f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"])
    result = ImportResult()
    try:
        documents = _READERS[fmt](files, result)
    except UnicodeDecodeError as err:
        result.problems.append(f"{fmt}: a file is not UTF-8 (byte {err.start})")
        return result
    for document in documents:
        _build(document, result, articles=articles, annotator=annotator, article_id=article_id, kb_ids=kb_ids)
    return result


def guess_format(path: Path) -> str | None:
    """The format a path's name suggests (a folder or `.ann` is brat), or None."""
    if path.is_dir() or path.suffix in (".ann", ".txt"):
        return "brat"
    if path.suffix == ".spacy":
        return "spacy"
    name = path.name.lower()
    for fmt in ("prodigy", "doccano", "labelstudio"):
        if fmt in name or (fmt == "labelstudio" and "label-studio" in name):
            return fmt
    return "labelstudio" if path.suffix == ".json" else None


def read_import_files(path: Path, fmt: str) -> dict[str, bytes]:
    """Read the file(s) to import: the file itself, or for brat every `.ann`/`.txt` pair.

    For brat, `path` is a folder (searched recursively) or one `.ann` file;
    names keep the folder the `.ann` is in, which names the annotator.

    Raises:
        OSError: a file cannot be read.
    """
    if fmt != "brat":
        return {path.name: path.read_bytes()}
    if path.is_dir():
        anns = sorted(path.rglob("*.ann"))
    else:
        anns = [path.with_suffix(".ann")]
    files = {}
    for ann in anns:
        base = f"{ann.parent.name}/{ann.stem}" if ann.parent.name else ann.stem
        files[f"{base}.ann"] = ann.read_bytes()
        txt = ann.with_suffix(".txt")
        if txt.exists():
            files[f"{base}.txt"] = txt.read_bytes()
    return files


def record_path(annotations_dir: Path, record: AnnotationRecord) -> Path:
    """Where an imported record goes: `<annotations>/<article_id>/<annotator>.json`."""
    return annotations_dir / record.article_id / f"{record.annotator}.json"


def write_new_record(annotations_dir: Path, record: AnnotationRecord) -> Path:
    """Write an imported record to a new annotator file, never over an existing one.

    The file appears whole or not at all (a temporary file, then a hard link
    that fails if the name is taken).

    Raises:
        InteropError: the file exists already (`gold.json` or an annotator's).
        OSError: the folder cannot be written.
    """
    path = record_path(annotations_dir, record)
    if path.exists():
        raise InteropError([f"{path}: exists already; refusing to replace it (choose another --annotator)"])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(json.dumps(record.to_json(), ensure_ascii=False, indent=2) + "\n")
        os.link(tmp, path)
    except FileExistsError:
        raise InteropError([f"{path}: exists already; refusing to replace it (choose another --annotator)"]) from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
