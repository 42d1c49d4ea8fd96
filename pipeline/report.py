"""The human-readable report: one self-contained HTML page (`outputs/report.html`).

`render_report()` is a pure function of records: articles, gold, the
pipeline's records, the `evaluate()` result and the claims dataset rows
(SPEC section 5). It returns one HTML document with

* a table of contents, a legend and toggles for the highlight layers;
* the figures of `evaluate()` as tables (per article and the micro total;
  confidence intervals and extra blocks such as inter-annotator agreement
  are shown when the result carries them);
* a timeline of dated claims by actor, drawn as inline SVG;
* per article, gold and pipeline side by side with entities, dates and claims
  highlighted over the text, differences marked, and the claims table with
  each claim's reconciliation status.

The page makes no network request: CSS and the one tiny script (it records
script errors on `<html data-js-errors>`, for the browser test) are inline,
fonts are the reader's own, and a Content-Security-Policy forbids anything
else. The same inputs give the same bytes: nothing depends on the clock, and
everything is sorted.

Highlights are our own markup rather than displaCy's `ent` style, because the
layers overlap: a claim contains entities and dates and may contain another
claim, which displaCy's `ent` renderer (non-overlapping spans) cannot show.
The markup splits crossing spans into fragments so the HTML always nests.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any, TypeGuard

from .corpus import Article
from .evaluate import HALF_OVERLAP, MinOverlapMatch
from .records import (
    CLAIM_TYPES,
    ENTITY_LABELS,
    VAGUE_DATES,
    AnnotationRecord,
    Claim,
    DateMention,
    Entity,
)

#: Claim fields compared when gold and pipeline claims pair (SPEC section 3).
CLAIM_COMPARED_FIELDS = ("type", "certainty", "polarity", "source", "predicate", "actors", "targets", "dates")
#: Reconciliation statuses of SPEC section 5, in legend order.
STATUSES = ("confirmed", "corrected", "gold_only", "pipeline_only", "unreviewed")
_STATUS_TEXT = {
    "confirmed": "confirmed",
    "corrected": "corrected",
    "gold_only": "gold only",
    "pipeline_only": "pipeline only",
    "unreviewed": "unreviewed",
}
#: Any overlap pairs two entity or date spans for the difference marks.
_ANY_OVERLAP = MinOverlapMatch(name="overlap", min_fraction=0.0)
_NO_ACTOR = "(no actor)"


def _esc(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _attr_text(lines: Iterable[str]) -> str:
    """Escape tooltip lines for a `title` attribute, one line each."""
    return _esc("\n".join(line for line in lines if line)).replace("\n", "&#10;")


def _css_token(value: Any) -> str:
    """Return a safe class-name fragment for a label, type or status."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(value)) or "none"


# --------------------------------------------------------------------------
# Annotated text: nested, never crossing, highlight markup


@dataclass(frozen=True)
class _Mark:
    """One highlighted span and its markup.

    Attributes:
        start, end: Character offsets into the article text.
        layer: 0 for lines (block elements), 1 for claims, 2 for entities and dates;
            lower layers enclose higher ones.
        order: Tie-breaker keeping equal spans in input order.
        tag: Element name.
        cls: Class attribute.
        title: Escaped tooltip (`title` attribute), or "".
        head: HTML emitted at the start of the first fragment only.
        tail: HTML emitted at the end of the last fragment only.
    """

    start: int
    end: int
    layer: int
    order: int
    tag: str
    cls: str
    title: str = ""
    head: str = ""
    tail: str = ""


def _render_marked(text: str, marks: Sequence[_Mark]) -> str:
    """Return `text` as HTML with every mark wrapped around its span.

    Text outside every layer-0 mark (the newlines between lines) is dropped.
    Where two marks cross, the inner one is closed and reopened, so the
    result always nests; reopened fragments get the class `cont`.
    """
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    ordered = sorted(usable, key=lambda m: (m.layer, m.start, -m.end, m.order))
    bounds = sorted({0, len(text), *(m.start for m in usable), *(m.end for m in usable)})
    out: list[str] = []
    stack: list[_Mark] = []

    def close(mark: _Mark, at: int) -> None:
        if at == mark.end:
            out.append(mark.tail)
        out.append(f"</{mark.tag}>")

    def open_(mark: _Mark, at: int) -> None:
        cls = mark.cls if at == mark.start else f"{mark.cls} cont"
        title = f' title="{mark.title}"' if mark.title else ""
        out.append(f'<{mark.tag} class="{cls}"{title}>')
        if at == mark.start:
            out.append(mark.head)

    for begin, finish in pairwise(bounds):
        active = [m for m in ordered if m.start <= begin and m.end >= finish]
        wanted = active if any(m.layer == 0 for m in active) else []
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] is wanted[common]:
            common += 1
        for mark in reversed(stack[common:]):
            close(mark, begin)
        for mark in wanted[common:]:
            open_(mark, begin)
        stack = wanted
        if wanted:
            out.append(_esc(text[begin:finish]))
    for mark in reversed(stack):
        close(mark, len(text))
    return "".join(out)


def _line_marks(text: str, blocks: Mapping[int, str]) -> list[_Mark]:
    """One block mark per non-empty line, classed by its block kind.

    Args:
        text: The article text.
        blocks: Block kind by line start offset (from the pipeline's
            `sentences`), where known; the first line is the title otherwise.
    """
    marks = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if line.strip():
            kind = blocks.get(offset) or ("title" if number == 0 else "paragraph")
            marks.append(_Mark(offset, offset + len(line), 0, number, "div", f"ln blk-{_css_token(kind)}"))
        offset += len(line) + 1
    return marks


def _line_blocks(text: str, record: AnnotationRecord | None) -> dict[int, str]:
    """Map each line's start offset to its block kind, from the pipeline's `sentences`."""
    sentences = record.extra.get("sentences") if record is not None else None
    if not isinstance(sentences, list):
        return {}
    blocks: dict[int, str] = {}
    for sentence in sentences:
        if not isinstance(sentence, dict) or not isinstance(sentence.get("start"), int):
            continue
        line_start = text.rfind("\n", 0, sentence["start"]) + 1
        if isinstance(sentence.get("block"), str):
            blocks.setdefault(line_start, sentence["block"])
    return blocks


# --------------------------------------------------------------------------
# Differences between gold and pipeline


@dataclass(frozen=True)
class _Diff:
    """How one span compares with the other side.

    Attributes:
        status: "same", "changed" (paired, but some field differs) or "only".
        other: The paired span on the other side, for "changed".
    """

    status: str
    other: Any = None


def _entity_key(entity: Entity) -> tuple[Any, ...]:
    return (entity.start, entity.end, entity.label, entity.kb_id)


def _date_key(mention: DateMention) -> tuple[Any, ...]:
    return (mention.start, mention.end, mention.value)


def _claim_key(claim: Claim) -> tuple[Any, ...]:
    return (claim.start, claim.end, *(getattr(claim, name) for name in CLAIM_COMPARED_FIELDS))


def _compare(
    gold: Sequence[Any], pred: Sequence[Any], key: Any, strategy: MinOverlapMatch
) -> tuple[list[_Diff], list[_Diff]]:
    """Compare two span lists: identical first, then paired by `strategy`, the rest alone.

    Returns:
        The comparison of each gold span and of each predicted span.
    """
    gold_diff: list[_Diff | None] = [None] * len(gold)
    pred_diff: list[_Diff | None] = [None] * len(pred)
    waiting: dict[tuple[Any, ...], list[int]] = {}
    for index, span in enumerate(pred):
        waiting.setdefault(key(span), []).append(index)
    for index, span in enumerate(gold):
        candidates = waiting.get(key(span))
        if candidates:
            pred_index = candidates.pop(0)
            gold_diff[index] = _Diff("same", pred[pred_index])
            pred_diff[pred_index] = _Diff("same", span)
    rest_gold = [i for i, d in enumerate(gold_diff) if d is None]
    rest_pred = [i for i, d in enumerate(pred_diff) if d is None]
    matching = strategy.match([gold[i] for i in rest_gold], [pred[i] for i in rest_pred])
    for g, p in matching.pairs:
        gold_diff[rest_gold[g]] = _Diff("changed", pred[rest_pred[p]])
        pred_diff[rest_pred[p]] = _Diff("changed", gold[rest_gold[g]])
    return (
        [d or _Diff("only") for d in gold_diff],
        [d or _Diff("only") for d in pred_diff],
    )


_DIFF_CLASS = {("gold", "changed"): "d-chg", ("gold", "only"): "d-miss",
               ("pipeline", "changed"): "d-chg", ("pipeline", "only"): "d-extra"}


def _diff_class(side: str, diff: _Diff | None) -> str:
    return _DIFF_CLASS.get((side, diff.status), "") if diff is not None else ""


def _diff_note(side: str, diff: _Diff | None, describe: Any) -> str:
    """A tooltip line saying how the span differs from the other side."""
    if diff is None or diff.status == "same":
        return ""
    other_side = "pipeline" if side == "gold" else "gold"
    if diff.status == "only":
        return "missed by the pipeline" if side == "gold" else "not in gold"
    return f"{other_side}: {describe(diff.other)}"


# --------------------------------------------------------------------------
# Highlight marks of one record


def _describe_entity(entity: Entity) -> str:
    return f"{entity.label} · kb_id {entity.kb_id or '—'} · [{entity.start}, {entity.end}) {entity.text!r}"


def _describe_date(mention: DateMention) -> str:
    return f"value {mention.value or '—'} · [{mention.start}, {mention.end}) {mention.text!r}"


def _claim_changes(mine: Claim, other: Claim) -> str:
    """The fields in which a paired claim differs, as `field: other value`."""
    changes = []
    for name in ("start", "end", *CLAIM_COMPARED_FIELDS):
        value, other_value = getattr(mine, name), getattr(other, name)
        if value != other_value:
            changes.append(f"{name} {_show(other_value)}")
    return f"{other.id}, differs in " + "; ".join(changes) if changes else other.id


def _join(values: Iterable[str]) -> str:
    return ", ".join(values) or "—"


def _record_marks(
    record: AnnotationRecord,
    side: str,
    diffs: Mapping[str, Sequence[_Diff]] | None,
    names: Mapping[str, str],
) -> list[_Mark]:
    """Highlight marks for a record's claims, entities and dates."""
    marks: list[_Mark] = []
    diffs = diffs or {}
    for index, claim in enumerate(record.claims):
        diff = diffs["claims"][index] if "claims" in diffs else None
        title = _attr_text([
            f"claim {claim.id}: {claim.type} · {claim.certainty} · {claim.polarity}",
            f"predicate: {claim.predicate or '—'} · source: {names.get(claim.source, claim.source)}",
            f"actors: {_join(names.get(a, a) for a in claim.actors)}",
            f"targets: {_join(names.get(t, t) for t in claim.targets)}",
            f"dates: {_join(claim.dates)}",
            _diff_note(side, diff, lambda other: _claim_changes(claim, other)),  # noqa: B023
        ])
        cls = " ".join(filter(None, [
            "claim", f"ct-{_css_token(claim.type)}", f"cert-{_css_token(claim.certainty)}",
            f"pol-{_css_token(claim.polarity)}", _diff_class(side, diff),
        ]))
        head = f'<span class="cid" data-t="{_esc(claim.id)}"></span>'
        marks.append(_Mark(claim.start, claim.end, 1, index, "span", cls, title, head=head))
    for index, entity in enumerate(record.entities):
        diff = diffs["entities"][index] if "entities" in diffs else None
        label = entity.label if entity.label in ENTITY_LABELS else "other"
        title = _attr_text([
            f"{entity.label} · kb_id: {entity.kb_id or '— (not in the KB)'}",
            names.get(entity.kb_id or "", ""),
            _diff_note(side, diff, _describe_entity),
        ])
        cls = " ".join(filter(None, ["ent", f"lab-{_css_token(label)}", _diff_class(side, diff)]))
        tail = f'<span class="tag" data-t="{_esc(entity.label)}"></span>'
        marks.append(_Mark(entity.start, entity.end, 2, index, "span", cls, title, tail=tail))
    for index, mention in enumerate(record.dates):
        diff = diffs["dates"][index] if "dates" in diffs else None
        title = _attr_text([
            f"date · value: {mention.value or '— (unresolved)'}", _diff_note(side, diff, _describe_date),
        ])
        cls = " ".join(filter(None, ["date", _diff_class(side, diff)]))
        tail = f'<span class="tag" data-t="{_esc(mention.value or "?")}"></span>'
        marks.append(_Mark(mention.start, mention.end, 2, len(record.entities) + index, "span", cls, title, tail=tail))
    return marks


def _bad_spans(text: str, record: AnnotationRecord) -> list[str]:
    """Spans whose offsets do not hold `text`: they are not drawn, and are listed."""
    problems = []
    for kind, spans in (("entity", record.entities), ("date", record.dates), ("claim", record.claims)):
        for span in spans:
            if not (0 <= span.start < span.end <= len(text)) or text[span.start:span.end] != span.text:
                problems.append(f"{kind} [{span.start}, {span.end}) {span.text!r}")
    return problems


def _valid_only(text: str, record: AnnotationRecord) -> AnnotationRecord:
    """A copy of `record` without spans whose offsets do not hold their text."""

    def ok(span: Any) -> bool:
        return 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text

    return AnnotationRecord(
        record.article_id, record.annotator, record.text_sha256,
        [e for e in record.entities if ok(e)], [d for d in record.dates if ok(d)],
        [c for c in record.claims if ok(c)], record.extra,
    )


# --------------------------------------------------------------------------
# Claims dataset rows (SPEC section 5), derived when none are given


def _claim_id(article_id: str, claim: Claim) -> str:
    """A stable id from article, span and predicate (not from run order)."""
    digest = hashlib.sha1(f"{article_id}|{claim.start}|{claim.end}|{claim.predicate}".encode()).hexdigest()
    return f"{article_id}:{digest[:10]}"


def _sentence_of(text: str, record: AnnotationRecord | None, start: int) -> str:
    """The sentence holding offset `start`: the pipeline's sentence, else the line."""
    sentences = record.extra.get("sentences") if record is not None else None
    if isinstance(sentences, list):
        for sentence in sentences:
            if isinstance(sentence, dict) and sentence.get("start", 1) <= start < sentence.get("end", 0):
                return text[sentence["start"]:sentence["end"]]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return text[line_start:line_end if line_end >= 0 else len(text)]


def _claim_row(
    article: Article,
    pred_record: AnnotationRecord | None,
    claim: Claim,
    status: str,
    conflicts: Mapping[str, Any],
    annotator: str,
    names: Mapping[str, str],
) -> dict[str, Any]:
    """One claims-dataset row (SPEC section 5) for a claim of `article`."""
    extra = pred_record.extra if pred_record is not None else {}
    return {
        "claim_id": _claim_id(article.id, claim),
        "article_id": article.id,
        **claim.to_json(),
        "sentence": _sentence_of(article.text, pred_record, claim.start),
        "actor_names": [names.get(a, a) for a in claim.actors],
        "target_names": [names.get(t, t) for t in claim.targets],
        "status": status,
        "conflicts": dict(conflicts),
        "provenance": {
            "annotator": annotator,
            "pipeline_version": extra.get("pipeline_version"),
            "model": extra.get("model"),
            "text_sha256": article.sha256,
        },
    }


def derive_claim_rows(
    articles: Sequence[Article],
    gold: Mapping[str, AnnotationRecord],
    predictions: Mapping[str, AnnotationRecord],
    kb_names: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Build claims-dataset rows (SPEC section 5) from gold and pipeline records.

    A light reconciliation for the report when no dataset is given: gold and
    pipeline claims pair as in evaluation (half of the shorter span, best
    overlap first); gold fields win.

    Args:
        articles: The articles (their text gives each claim's sentence).
        gold: Gold records by article id.
        predictions: Pipeline records by article id.
        kb_names: Canonical name by `kb_id`, for `actor_names` and `target_names`.

    Returns:
        Rows sorted by article id and offset, with `status` and `conflicts`.
    """
    names = kb_names or {}
    rows: list[dict[str, Any]] = []
    for article in sorted(articles, key=lambda a: a.id):
        gold_record, pred_record = gold.get(article.id), predictions.get(article.id)
        gold_claims = list(gold_record.claims) if gold_record else []
        pred_claims = list(pred_record.claims) if pred_record else []

        article_rows = []

        def row(claim: Claim, status: str, conflicts: Mapping[str, Any], annotator: str) -> dict[str, Any]:
            return _claim_row(article, pred_record, claim, status, conflicts, annotator, names)  # noqa: B023

        if gold_record is None:
            article_rows += [row(c, "unreviewed", {}, "pipeline") for c in pred_claims]
        else:
            matching = HALF_OVERLAP.match(gold_claims, pred_claims)
            for g, p in matching.pairs:
                gold_json, pred_json = gold_claims[g].to_json(), pred_claims[p].to_json()
                conflicts = {
                    name: {"gold": gold_json[name], "pipeline": pred_json[name]}
                    for name in ("start", "end", *CLAIM_COMPARED_FIELDS)
                    if gold_json[name] != pred_json[name]
                }
                article_rows.append(row(gold_claims[g], "corrected" if conflicts else "confirmed", conflicts, "gold"))
            article_rows += [row(gold_claims[g], "gold_only", {}, "gold") for g in matching.unmatched_gold]
            article_rows += [row(pred_claims[p], "pipeline_only", {}, "pipeline") for p in matching.unmatched_pred]
        article_rows.sort(key=lambda r: (r["start"], r["end"], r["claim_id"]))
        rows += article_rows
    return rows


# --------------------------------------------------------------------------
# Figures from `evaluate()`


def _dig(obj: Any, *keys: str) -> Any:
    """Follow `keys` into nested dicts; None where any is missing."""
    for key in keys:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _mapping(value: Any) -> Mapping[str, Any]:
    """`value` if it is a mapping, else an empty one: figures may lack any key."""
    return value if isinstance(value, Mapping) else {}


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_prf(obj: Any) -> bool:
    return isinstance(obj, Mapping) and any(k in obj for k in ("f1", "precision", "recall"))


def _is_accuracy(obj: Any) -> bool:
    return isinstance(obj, Mapping) and "accuracy" in obj and not _is_prf(obj)


def _interval(value: Any) -> tuple[float, float] | None:
    """Read a confidence interval given as `[low, high]` or `{"low"/"lower"/"lo", ...}`."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_number(v) for v in value):
        return float(value[0]), float(value[1])
    if isinstance(value, Mapping):
        for low, high in (("low", "high"), ("lower", "upper"), ("lo", "hi")):
            if _is_number(value.get(low)) and _is_number(value.get(high)):
                return float(value[low]), float(value[high])
    return None


def _ci(container: Any, metric: str) -> tuple[float, float] | None:
    """The confidence interval of `metric` in a PRF or accuracy dict, if it has one."""
    if not isinstance(container, Mapping):
        return None
    for candidate in (
        container.get(f"{metric}_ci"),
        _dig(container, "ci", metric),
        _dig(container, "confidence_interval", metric),
        _dig(container, "confidence_intervals", metric),
        _dig(container, "bootstrap", metric),
    ):
        found = _interval(candidate)
        if found is not None:
            return found
    return None


def _score_cell(
    container: Any, metric: str, heat: bool = False, interval: tuple[float, float] | None = None
) -> str:
    """A table cell with a ratio from `container[metric]`, its CI, and an optional heat colour."""
    found = _mapping(container).get(metric)
    if not _is_number(found):
        return '<td class="num na">–</td>'
    value = float(found)
    interval = interval or _ci(container, metric)
    ci = f'<span class="ci">[{interval[0]:.3f}–{interval[1]:.3f}]</span>' if interval else ""
    style = ""
    if heat:
        hue = round(120 * max(0.0, min(1.0, value)))
        style = f' style="background:hsl({hue},62%,93%)"'
    return f'<td class="num"{style}>{value:.3f}{ci}</td>'


def _count_cell(container: Any, *keys: str) -> str:
    values = [container.get(k) if isinstance(container, Mapping) else None for k in keys]
    if not any(_is_number(v) for v in values):
        return '<td class="num na">–</td>'
    return '<td class="num counts">' + " / ".join(_esc(v if v is not None else "–") for v in values) + "</td>"


def _prf_table(caption: str, rows: Sequence[tuple[str, Any]]) -> str:
    """A table of PRF dicts: measure, P, R, F1, TP / FP / FN."""
    body = "".join(
        f"<tr><th>{_esc(name)}</th>{_score_cell(prf, 'precision')}{_score_cell(prf, 'recall')}"
        f"{_score_cell(prf, 'f1', heat=True)}{_count_cell(prf, 'tp', 'fp', 'fn')}</tr>"
        for name, prf in rows
    )
    if not body:
        return ""
    return (
        f'<table class="fig"><caption>{_esc(caption)}</caption><thead><tr><th></th><th>P</th><th>R</th>'
        f"<th>F1</th><th>TP / FP / FN</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _accuracy_table(caption: str, rows: Sequence[tuple[str, Any]]) -> str:
    """A table of accuracy dicts: measure, accuracy, correct / total."""
    body = "".join(
        f"<tr><th>{_esc(name)}</th>{_score_cell(acc, 'accuracy', heat=True)}{_count_cell(acc, 'correct', 'total')}</tr>"
        for name, acc in rows
    )
    if not body:
        return ""
    return (
        f'<table class="fig"><caption>{_esc(caption)}</caption><thead><tr><th></th><th>accuracy</th>'
        f"<th>correct / total</th></tr></thead><tbody>{body}</tbody></table>"
    )


def _label_sort_key(label: str) -> tuple[int, str]:
    return (ENTITY_LABELS.index(label) if label in ENTITY_LABELS else len(ENTITY_LABELS), label)


def _entity_table(entities: Mapping[str, Any]) -> str:
    """Entity spans: all labels, then per label, for each matching strategy side by side."""
    strategies = [name for name, value in entities.items() if name != "linking" and isinstance(value, Mapping)]
    if not strategies:
        return ""
    labels = sorted(
        {label for name in strategies for label in _mapping(_dig(entities, name, "per_label"))}, key=_label_sort_key
    )
    head = "".join(f'<th colspan="4" class="grp">{_esc(name)}</th>' for name in strategies)
    sub = "<th>P</th><th>R</th><th>F1</th><th>TP / FP / FN</th>" * len(strategies)

    def cells(prf: Any) -> str:
        return (
            f"{_score_cell(prf, 'precision')}{_score_cell(prf, 'recall')}"
            f"{_score_cell(prf, 'f1', heat=True)}{_count_cell(prf, 'tp', 'fp', 'fn')}"
        )

    overall = "".join(cells(_dig(entities, name, "overall")) for name in strategies)
    rows = [f"<tr class='total'><th>all labels</th>{overall}</tr>"]
    for label in labels:
        rows.append(
            f'<tr><th><span class="chip lab-{_css_token(label if label in ENTITY_LABELS else "other")}">{_esc(label)}'
            "</span></th>" + "".join(cells(_dig(entities, n, "per_label", label)) for n in strategies) + "</tr>"
        )
    return (
        '<table class="fig wide"><caption>Entity spans (strict: same offsets and label; partial: overlap, same label)'
        f"</caption><thead><tr><th></th>{head}</tr><tr><th></th>{sub}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _confusion_table(confusion: Any) -> str:
    """The claim type confusion matrix (rows gold, columns pipeline), if any pair was scored."""
    if not isinstance(confusion, Mapping) or not confusion:
        return ""
    gold_types = list(confusion)
    pred_types = list(dict.fromkeys(t for row in confusion.values() if isinstance(row, Mapping) for t in row))
    if not any(_is_number(v) and v for row in confusion.values() if isinstance(row, Mapping) for v in row.values()):
        return ""
    head = "".join(f"<th>{_esc(t)}</th>" for t in pred_types)
    body = "".join(
        f"<tr><th>{_esc(g)}</th>"
        + "".join(
            f'<td class="num{" diag" if g == p else ""}">{_esc(_dig(confusion, g, p) or 0)}</td>' for p in pred_types
        )
        + "</tr>"
        for g in gold_types
    )
    return (
        '<table class="fig"><caption>Claim type confusion (rows gold, columns pipeline)</caption>'
        f'<thead><tr><th class="corner">gold \\ pipeline</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _flatten(obj: Any, path: tuple[str, ...] = ()) -> Iterable[tuple[tuple[str, ...], Any]]:
    """Leaves of nested dicts: scalars, lists, and PRF or accuracy dicts kept whole."""
    if isinstance(obj, Mapping) and not _is_prf(obj) and not _is_accuracy(obj):
        for key, value in obj.items():
            yield from _flatten(value, (*path, str(key)))
    else:
        yield path, obj


def _generic_figures(caption: str, obj: Any) -> str:
    """Render figures of an unknown shape (agreement, extra blocks) as tables."""
    prf_rows, accuracy_rows, value_rows = [], [], []
    for path, leaf in _flatten(obj):
        name = " › ".join(path) or caption
        if _is_prf(leaf):
            prf_rows.append((name, leaf))
        elif _is_accuracy(leaf):
            accuracy_rows.append((name, leaf))
        elif isinstance(leaf, list):
            shown = ", ".join(str(v) for v in leaf[:12] if not isinstance(v, (dict, list)))
            if shown or not leaf:
                value_rows.append((name, shown + (" …" if len(leaf) > 12 else "")))
            else:
                value_rows.append((name, f"{len(leaf)} items"))
        elif _is_number(leaf) and isinstance(leaf, float):
            value_rows.append((name, f"{leaf:.4f}".rstrip("0").rstrip(".") if leaf != int(leaf) else f"{leaf:.1f}"))
        else:
            value_rows.append((name, "–" if leaf is None else str(leaf)))
    parts = [_prf_table(caption, prf_rows), _accuracy_table(caption, accuracy_rows)]
    if value_rows:
        body = "".join(f'<tr><th>{_esc(k)}</th><td class="val">{_esc(v)}</td></tr>' for k, v in value_rows)
        parts.append(f'<table class="fig"><caption>{_esc(caption)}</caption><tbody>{body}</tbody></table>')
    return "".join(p for p in parts if p)


_KNOWN_SCORE_KEYS = ("entities", "dates", "claims")


def _scores_tables(scores: Mapping[str, Any]) -> str:
    """All tables of one `ArticleScores.to_json()` dict (an article or the total)."""
    if not isinstance(scores, Mapping):
        return ""
    parts: list[str] = []
    entities = _mapping(scores.get("entities"))
    dates = _mapping(scores.get("dates"))
    claims = _mapping(scores.get("claims"))
    parts.append(_entity_table(entities))
    linking = _mapping(entities.get("linking"))
    parts.append(_prf_table("Entity linking (pairs of mentions of the same entity)",
                            [("mention pairs", linking["pairs"])] if "pairs" in linking else []))
    parts.append(_accuracy_table("kb_id accuracy over matched mentions with a gold kb_id", [
        (f"{name} matches", acc) for name, acc in _mapping(linking.get("kb_id_accuracy")).items()
    ]))
    date_rows = [
        (f"{name} spans", prf)
        for name, prf in dates.items()
        if name not in ("value_f1", "value_accuracy") and _is_prf(prf)
    ]
    if _is_prf(dates.get("value_f1")):
        date_rows.append(("values", dates["value_f1"]))
    parts.append(_prf_table("Dates (spans, and values over partially matched spans)", date_rows))
    parts.append(_accuracy_table("Date value accuracy over matched spans", [
        (f"{name} matches", acc) for name, acc in _mapping(dates.get("value_accuracy")).items()
    ]))
    claim_rows = [("detection", claims["detection"])] if _is_prf(claims.get("detection")) else []
    claim_rows += [(f"{name} (set F1 over pairs)", prf) for name, prf in _mapping(claims.get("sets")).items()]
    parts.append(_prf_table("Claims (pairs: overlap ≥ half the shorter span)", claim_rows))
    parts.append(_accuracy_table("Claim fields over paired claims", list(_mapping(claims.get("fields")).items())))
    parts.append(_confusion_table(claims.get("type_confusion")))
    for key, value in scores.items():
        if key not in _KNOWN_SCORE_KEYS:
            parts.append(_generic_figures(key, value))
    return '<div class="figs">' + "".join(p for p in parts if p) + "</div>"


#: The headline figures: column name, path into an `ArticleScores.to_json()` dict, and
#: `(section, name)` of the F1's interval in `confidence_intervals()` (or None).
_SUMMARY_COLUMNS: tuple[tuple[str, tuple[str, ...], tuple[str, str] | None], ...] = (
    ("entities strict F1", ("entities", "strict", "overall", "f1"), ("entities", "strict")),
    ("entities partial F1", ("entities", "partial", "overall", "f1"), ("entities", "partial")),
    ("linking F1", ("entities", "linking", "pairs", "f1"), ("entities", "linking")),
    ("kb_id accuracy", ("entities", "linking", "kb_id_accuracy", "strict", "accuracy"), None),
    ("dates strict F1", ("dates", "strict", "f1"), ("dates", "strict")),
    ("date value F1", ("dates", "value_f1", "f1"), ("dates", "value")),
    ("claims F1", ("claims", "detection", "f1"), ("claims", "detection")),
    ("claim type accuracy", ("claims", "fields", "type", "accuracy"), None),
)


def _summary_row(name_html: str, scores: Any, css: str = "", confidence: Any = None) -> str:
    cells = "".join(
        _score_cell(
            _dig(scores, *path[:-1]), path[-1], heat=True,
            interval=_interval(_dig(confidence, *where)) if where and confidence else None,
        )
        for _, path, where in _SUMMARY_COLUMNS
    )
    return f'<tr class="{css}"><th>{name_html}</th>{cells}</tr>'


def _confidence_table(confidence: Mapping[str, Any]) -> str:
    """F1 scores with their bootstrap intervals (`evaluate.confidence_intervals()`), drawn as bars."""
    rows = []
    for section, metrics in confidence.items():
        for name, interval in _mapping(metrics).items():
            bounds = _interval(interval)
            point = _mapping(interval).get("f1")
            if bounds is None:
                continue
            low, high = (max(0.0, min(1.0, b)) for b in bounds)
            dot = (
                f'<span class="pt" style="left:{100 * max(0.0, min(1.0, point)):.1f}%"></span>'
                if _is_number(point) else ""
            )
            bar = (
                f'<span class="track"><span class="band" style="left:{100 * low:.1f}%;'
                f'width:{100 * (high - low):.1f}%"></span>{dot}</span>'
            )
            rows.append(
                f"<tr><th>{_esc(section)} {_esc(name)}</th>{_score_cell(interval, 'f1', heat=True)}"
                f'<td class="num">{bounds[0]:.3f}</td><td class="num">{bounds[1]:.3f}</td>'
                f'<td class="cibar">{bar}</td></tr>'
            )
    if not rows:
        return _generic_figures("confidence", confidence)
    level = confidence.get("level")
    level_text = f"{round(100 * level)}% " if _is_number(level) else ""
    details = ", ".join(
        text for text in (
            str(confidence["method"]) if confidence.get("method") else "",
            f"{confidence['units']} sentences" if _is_number(confidence.get("units")) else "",
            f"{confidence['resamples']} resamples" if _is_number(confidence.get("resamples")) else "",
            f"seed {confidence['seed']}" if confidence.get("seed") is not None else "",
        ) if text
    )
    note = f'<p class="note">{_esc(details[:1].upper() + details[1:])}.</p>' if details else ""
    return (
        f'<table class="fig"><caption>Corpus F1 with {_esc(level_text)}confidence intervals</caption>'
        '<thead><tr><th></th><th>F1</th><th>low</th><th>high</th><th class="cibar">0 … 1</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>{note}'
    )


def _coefficient(value: Any) -> str:
    return f'<td class="num">{value:.3f}</td>' if _is_number(value) else '<td class="num na">–</td>'


def _agreement_tables(agreement: Mapping[str, Any]) -> str:
    """Annotator agreement (`agreement.annotator_agreement()`): F1 per pair, kappa and alpha."""
    articles, total = _mapping(agreement.get("articles")), _mapping(agreement.get("total"))
    if not isinstance(agreement.get("articles"), Mapping):
        return _generic_figures("agreement", agreement)
    columns = (
        ("entities strict F1", ("entities", "strict", "overall")),
        ("entities partial F1", ("entities", "partial", "overall")),
        ("dates strict F1", ("dates", "strict")),
        ("claims F1", ("claims", "detection")),
    )
    coefficient_columns = (("κ type", "type", "kappa"), ("κ certainty", "certainty", "kappa"),
                           ("α type", "type", "alpha"), ("α certainty", "certainty", "alpha"))
    width = 1 + len(columns) + len(coefficient_columns)

    def pair_rows(pairs: Any) -> list[str]:
        rows = []
        for pair in pairs if isinstance(pairs, list) else []:
            names = " vs ".join(_as_list(_mapping(pair).get("annotators"))) or "?"
            cells = "".join(_score_cell(_dig(pair, *path), "f1", heat=True) for _, path in columns)
            cells += "".join(
                _coefficient(_dig(pair, "claims", "agreement", field, key)) for _, field, key in coefficient_columns
            )
            rows.append(f"<tr><th>{_esc(names)}</th>{cells}</tr>")
        return rows

    def all_row(everyone: Any) -> list[str]:
        if not isinstance(everyone, Mapping):
            return []
        coders = _as_list(everyone.get("annotators"))
        if len(coders) <= 2:  # the pair's own row says it all
            return []
        cells = '<td class="na" colspan="6"></td>' + "".join(
            _coefficient(_dig(everyone, field, "alpha")) for field in ("type", "certainty")
        )
        return [f"<tr><th>α over all {len(coders)} annotators</th>{cells}</tr>"]

    body = []
    for article_id, article in articles.items():
        body.append(f'<tr class="group"><th colspan="{width}">{_esc(article_id)}</th></tr>')
        body += pair_rows(_mapping(article).get("pairs")) + all_row(_mapping(article).get("all"))
    if total.get("pairs"):
        body.append(f'<tr class="group"><th colspan="{width}">total (pooled over articles)</th></tr>')
        body += pair_rows(total.get("pairs")) + all_row(total.get("all"))
    parts = []
    if body:
        head = "".join(f"<th>{_esc(name)}</th>" for name, _ in columns)
        head += "".join(f'<th class="nocase">{_esc(name)}</th>' for name, _, _ in coefficient_columns)
        parts.append(
            '<table class="fig wide"><caption>Annotator against annotator (the first of a pair in the part of gold; '
            "κ Cohen's kappa, α Krippendorff's alpha, over paired claims)</caption>"
            f"<thead><tr><th>annotators</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
    else:
        parts.append('<p class="empty">No article has two or more annotators.</p>')
    misaligned = agreement.get("misaligned_spans")
    if isinstance(misaligned, list) and misaligned:
        items = "".join(
            f"<li>{_esc(_mapping(span).get('article_id'))} · {_esc(_mapping(span).get('annotator'))} · "
            f"{_esc(_mapping(span).get('kind'))} [{_esc(_mapping(span).get('start'))}, "
            f"{_esc(_mapping(span).get('end'))}) <q>{_esc(_mapping(span).get('text'))}</q></li>"
            for span in misaligned[:50]
        )
        more = f"<li>… and {len(misaligned) - 50} more</li>" if len(misaligned) > 50 else ""
        parts.append(f'<p class="note">Spans not on token boundaries ({len(misaligned)}):</p><ul class="notes">'
                     f"{items}{more}</ul>")
    elif misaligned is not None:
        parts.append('<p class="note">Every span starts and ends on a token boundary.</p>')
    return "".join(parts)


def _figures_section(evaluation: Mapping[str, Any] | None) -> str:
    """The figures section: headline table, total detail, missing, extra blocks."""
    parts = ['<section id="figures"><h2>Figures</h2>']
    if not isinstance(evaluation, Mapping):
        parts.append('<p class="empty">No evaluation was given: run <code>claims evaluate</code>.</p></section>')
        return "".join(parts)
    per_article = _mapping(evaluation.get("articles"))
    total = evaluation.get("total")
    head = "".join(f"<th>{_esc(name)}</th>" for name, _, _ in _SUMMARY_COLUMNS)
    confidence = _mapping(evaluation.get("confidence"))
    rows = [
        _summary_row(f'<a href="#article-{_esc(aid)}">{_esc(aid)}</a>', scores)
        for aid, scores in sorted(per_article.items())
    ]
    count = len(per_article)
    if isinstance(total, Mapping):
        rows.append(_summary_row(f"total (micro, {count} article{'s' * (count != 1)})", total, "total", confidence))
    parts.append(
        '<div class="card"><table class="fig wide summary"><caption>Pipeline against gold: headline figures '
        "(micro totals sum the counts of every article)</caption>"
        f"<thead><tr><th>article</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    missing = _mapping(evaluation.get("missing"))
    notes = []
    for key, text in (("no_prediction", "gold but no pipeline record"), ("no_gold", "pipeline record but no gold")):
        ids = missing.get(key)
        if isinstance(ids, list) and ids:
            notes.append(f"<li>{_esc(text)}: {_esc(', '.join(map(str, ids)))}</li>")
    if notes:
        parts.append(f'<ul class="notes">{"".join(notes)}</ul>')
    parts.append("</div>")
    if isinstance(total, Mapping):
        parts.append(f'<div class="card"><h3>Total, in detail</h3>{_scores_tables(total)}</div>')
    if confidence:
        parts.append(f'<div class="card"><h3>Confidence intervals</h3>{_confidence_table(confidence)}</div>')
    if isinstance(evaluation.get("agreement"), Mapping):
        parts.append(
            f'<div class="card"><h3>Inter-annotator agreement</h3>{_agreement_tables(evaluation["agreement"])}</div>'
        )
    for key, value in evaluation.items():
        if key not in ("articles", "total", "missing", "confidence", "agreement"):
            title = key.replace("_", " ")
            heading = _esc(title[:1].upper() + title[1:])
            parts.append(f'<div class="card"><h3>{heading}</h3>{_generic_figures(key, value)}</div>')
    parts.append("</section>")
    return "".join(parts)


# --------------------------------------------------------------------------
# Timeline of dated claims (inline SVG)


_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def _point_range(value: str) -> tuple[date, date] | None:
    """First day and the day after the last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    found = _DAY.match(value)
    if not found:
        return None
    year = int(found.group(1))
    try:
        if found.group(3):
            first = date(year, int(found.group(2)), int(found.group(3)))
            return first, date.fromordinal(first.toordinal() + 1)
        if found.group(2):
            month = int(found.group(2))
            first = date(year, month, 1)
            return first, date(year + month // 12, month % 12 + 1, 1)
        return date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError:
        return None


def date_value_range(value: str) -> tuple[date, date] | None:
    """The time a date `value` covers, as `[first day, day after the last)`.

    Args:
        value: An ISO 8601 value of SPEC section 3: `YYYY`, `YYYY-MM`,
            `YYYY-MM-DD` or an interval `START/END` of those.

    Returns:
        The covered range, or None for a TimeML vague reference
        (`PAST_REF`, ...), an empty value or one that is not a valid date.
    """
    if not isinstance(value, str) or value in VAGUE_DATES:
        return None
    if value.count("/") == 1:
        start, end = (_point_range(part) for part in value.split("/"))
        if start is None or end is None or end[1] <= start[0]:
            return None
        return start[0], end[1]
    return _point_range(value)


def _year_fraction(day: date) -> float:
    """The day as a fractional year, the x coordinate of the timeline."""
    start = date(day.year, 1, 1).toordinal()
    return day.year + (day.toordinal() - start) / (date(day.year + 1, 1, 1).toordinal() - start)


@dataclass(frozen=True)
class _Dated:
    """A claim with its calendar dates, ready for the timeline."""

    key: str
    label: str
    article_id: str
    text: str
    type: str
    status: str
    actors: tuple[str, ...]
    ranges: tuple[tuple[float, float, str], ...]


def _as_list(value: Any) -> list[str]:
    """A row's list field as strings: a lone string is one item, None and nulls are dropped."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item is not None]
    return [str(value)]


def _row_actor_names(row: Mapping[str, Any], names: Mapping[str, str]) -> list[str]:
    """Actor names of a row: `actor_names` when given, else the actors' names (from `names`) or ids."""
    actors = _as_list(row.get("actors"))
    given = row.get("actor_names")
    if isinstance(given, (list, tuple)) and given and (len(given) == len(actors) or not actors):
        ids = actors or [""] * len(given)
        return [str(name) if name else names.get(actor, actor) for name, actor in zip(given, ids, strict=True)]
    return [names.get(actor, actor) for actor in actors]


def timeline_svg(claim_rows: Sequence[Mapping[str, Any]], kb_names: Mapping[str, str] | None = None) -> str:
    """Draw dated claims by actor as an inline SVG figure with notes.

    Args:
        claim_rows: Claims dataset rows (SPEC section 5), or rows with at least
            `dates`, `actors` and `text`.
        kb_names: Canonical name by `kb_id`, used when a row has no `actor_names`.

    Returns:
        HTML: the SVG (one `<g class="tl-claim">` per claim with a calendar
        date, one shape per actor and date), a legend, and a note on claims
        dated only by vague references or unreadable values; or a short
        message when no claim has a calendar date.
    """
    names = kb_names or {}
    dated: list[_Dated] = []
    vague: list[str] = []
    unreadable: list[str] = []
    for row in claim_rows:
        values = _as_list(row.get("dates"))
        label = str(row.get("id") or row.get("claim_id") or "?")
        where = f"{label} ({row.get('article_id', '?')})"
        ranges = []
        for value in values:
            covered = date_value_range(value)
            if covered is not None:
                ranges.append((_year_fraction(covered[0]), _year_fraction(covered[1]), value))
            elif value in VAGUE_DATES:
                vague.append(f"{where}: {value}")
            else:
                unreadable.append(f"{where}: {value}")
        if ranges:
            dated.append(_Dated(
                key=str(row.get("claim_id") or f"{row.get('article_id', '')}:{label}"),
                label=label,
                article_id=str(row.get("article_id", "")),
                text=str(row.get("text", "")),
                type=str(row.get("type", "")),
                status=str(row.get("status", "")),
                actors=tuple(name for name in _row_actor_names(row, names) if name) or (_NO_ACTOR,),
                ranges=tuple(ranges),
            ))
    notes = []
    if vague:
        notes.append(f"Dated only by a vague reference, so not drawn: {'; '.join(vague)}.")
    if unreadable:
        notes.append(f"Date values not read as calendar dates: {'; '.join(unreadable)}.")
    note_html = "".join(f'<p class="note">{_esc(n)}</p>' for n in notes)
    if not dated:
        return f'<p class="empty">No claim has a calendar date, so there is no timeline to draw.</p>{note_html}'

    first_seen: dict[str, float] = {}
    for claim in sorted(dated, key=lambda c: (min(r[0] for r in c.ranges), c.key)):
        for actor in claim.actors:
            first_seen.setdefault(actor, min(r[0] for r in claim.ranges))
    actors = sorted(first_seen, key=lambda a: (a == _NO_ACTOR, first_seen[a], a))
    low = min(r[0] for c in dated for r in c.ranges)
    high = max(r[1] for c in dated for r in c.ranges)
    low, high = math.floor(low), math.ceil(high)
    if high - low < 1:
        high = low + 1
    left, right, top, row_h = 210, 24, 34, 30
    width = 1160
    height = top + row_h * len(actors) + 28
    span = high - low

    def x(year: float) -> float:
        return round(left + (year - low) / span * (width - left - right), 2)

    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if span / s <= 14)
    parts = [
        (
            f'<svg class="timeline" viewBox="0 0 {width} {height}" '
            f'width="100%" role="img" aria-label="Timeline of {len(dated)} dated claims by actor">'
        )
    ]
    for index, actor in enumerate(actors):
        y = top + row_h * index
        stripe = " odd" if index % 2 else ""
        parts.append(f'<rect class="tl-row{stripe}" x="0" y="{y}" width="{width}" height="{row_h}"/>')
        shown = actor if len(actor) <= 28 else actor[:27] + "…"
        parts.append(
            f'<text class="tl-actor" x="{left - 10}" y="{y + row_h / 2 + 4}">{_esc(shown)}'
            f"<title>{_esc(actor)}</title></text>"
        )
    if span <= 3:
        for month in range(low * 12, high * 12 + 1, 3 if span > 1 else 1):
            at = x(month / 12)
            parts.append(f'<line class="tl-minor" x1="{at}" x2="{at}" y1="{top}" y2="{height - 28}"/>')
    for year in range(low - low % step, high + 1, step):
        if year < low:
            continue
        parts.append(f'<line class="tl-tick" x1="{x(year)}" x2="{x(year)}" y1="{top - 6}" y2="{height - 28}"/>')
        parts.append(f'<text class="tl-year" x="{x(year)}" y="{top - 12}">{year}</text>')
    for claim in sorted(dated, key=lambda c: (c.article_id, c.key)):
        classes = f"tl-claim t-{_css_token(claim.type)} st-{_css_token(claim.status)}"
        status = _STATUS_TEXT.get(claim.status, claim.status) or "?"
        tip = [f"{claim.label} · {claim.article_id}", f"{claim.type or '?'} · {status}",
               "dates: " + ", ".join(r[2] for r in claim.ranges), "actors: " + ", ".join(claim.actors), claim.text]
        parts.append(f'<g class="{classes}" data-claim="{_esc(claim.key)}"><title>{_esc(chr(10).join(tip))}</title>')
        for actor in claim.actors:
            centre = top + row_h * actors.index(actor) + row_h / 2
            for start, end, _ in claim.ranges:
                x1, x2 = x(start), x(end)
                if x2 - x1 >= 8:
                    parts.append(f'<rect x="{x1}" y="{centre - 6}" width="{round(x2 - x1, 2)}" height="12" rx="4"/>')
                else:
                    parts.append(f'<circle cx="{round((x1 + x2) / 2, 2)}" cy="{centre}" r="6"/>')
        parts.append("</g>")
    parts.append("</svg>")
    legend = (
        '<div class="tl-legend">'
        + "".join(f'<span><i class="sw t-{t}"></i>{t}</span>' for t in CLAIM_TYPES)
        + '<span><i class="sw hollow"></i>not reviewed (pipeline only, unreviewed)</span>'
        "<span>dot: a day or a short span; bar: a month, year or interval</span></div>"
    )
    return "".join(parts) + legend + note_html


# --------------------------------------------------------------------------
# Claims table


def _claims_table(rows: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> str:
    """The claims of one article with their reconciliation status."""
    if not rows:
        return '<p class="empty">No claims.</p>'
    body = []
    for row in rows:
        status = str(row.get("status") or "")
        badge = f'<span class="badge st-{_css_token(status)}">{_esc(_STATUS_TEXT.get(status, status) or "—")}</span>'
        actor_names = _row_actor_names(row, names)
        targets = _as_list(row.get("targets"))
        given_targets = row.get("target_names")
        target_names = (
            [str(n) for n in given_targets] if isinstance(given_targets, list) and len(given_targets) == len(targets)
            else [names.get(t, t) for t in targets]
        )
        conflicts = row.get("conflicts")
        conflict_html = ""
        if isinstance(conflicts, Mapping) and conflicts:
            items = []
            for field_name, values in conflicts.items():
                gold_value, pipeline_value = _dig(values, "gold"), _dig(values, "pipeline")
                items.append(
                    f"<li><b>{_esc(field_name)}</b>: <span class='g'>{_esc(_show(gold_value))}</span>"
                    f" <span class='vs'>pipeline</span> <s>{_esc(_show(pipeline_value))}</s></li>"
                )
            conflict_html = f'<ul class="conflicts">{"".join(items)}</ul>'
        polarity = str(row.get("polarity") or "")
        sentence = row.get("sentence")
        text_title = f' title="{_attr_text(["sentence: " + str(sentence)])}"' if sentence else ""
        source = str(row.get("source") or "author")
        body.append(
            f'<tr class="st-{_css_token(status)}"><td>{badge}</td>'
            f'<td class="cidcol">{_esc(row.get("id") or row.get("claim_id") or "")}</td>'
            f'<td class="ctext"{text_title}>{_esc(row.get("text", ""))}'
            f'<div class="pred">predicate <b>{_esc(row.get("predicate") or "—")}</b>'
            f' · source {_esc(names.get(source, source))}</div>{conflict_html}</td>'
            f'<td><span class="ty t-{_css_token(row.get("type"))}">{_esc(row.get("type") or "—")}</span></td>'
            f'<td>{_esc(row.get("certainty") or "—")}</td>'
            f'<td class="{"negative" if polarity == "negative" else ""}">{_esc(polarity or "—")}</td>'
            f"<td>{_esc(_join(actor_names))}</td><td>{_esc(_join(target_names))}</td>"
            f'<td class="dates">{_esc(_join(_as_list(row.get("dates"))))}</td></tr>'
        )
    head = "".join(
        f"<th>{name}</th>"
        for name in ("status", "id", "claim", "type", "certainty", "polarity", "actors", "targets", "dates")
    )
    return f'<table class="claims"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _show(value: Any) -> str:
    """A field value for display: lists joined, None as a dash."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "[]"
    return "—" if value is None else str(value)


# --------------------------------------------------------------------------
# Article sections


def _record_counts(record: AnnotationRecord | None) -> str:
    if record is None:
        return "—"
    return f"{len(record.entities)} entities · {len(record.dates)} dates · {len(record.claims)} claims"


def _article_section(
    article: Article,
    gold_record: AnnotationRecord | None,
    pred_record: AnnotationRecord | None,
    scores: Any,
    rows: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
) -> str:
    """One article: metadata, gold and pipeline side by side, figures, claims table."""
    text = article.text
    title = str(article.meta.get("title") or text.split("\n", 1)[0])
    meta_bits = [
        f"<b>{_esc(article.id)}</b>",
        *(f"{_esc(key)}: {_esc(article.meta[key])}" for key in ("author", "publisher", "published")
          if article.meta.get(key)),
    ]
    if pred_record is not None:
        dct = pred_record.extra.get("dct")
        if dct:
            inferred = " (inferred from the text)" if pred_record.extra.get("dct_inferred") else ""
            meta_bits.append(f"dates resolved against {_esc(dct)}{inferred}")
    if article.meta.get("url"):
        meta_bits.append(f'source: <span class="url">{_esc(article.meta["url"])}</span>')
    warnings = []
    columns = []
    diffs: dict[str, dict[str, list[_Diff]]] = {"gold": {}, "pipeline": {}}
    checked: dict[str, AnnotationRecord] = {}
    for side, record in (("gold", gold_record), ("pipeline", pred_record)):
        if record is None:
            continue
        if record.text_sha256 and article.sha256 and record.text_sha256 != article.sha256:
            warnings.append(f"The {side} record was made on a different version of the text (text_sha256 differs).")
        bad = _bad_spans(text, record)
        if bad:
            warnings.append(f"{len(bad)} {side} span(s) do not match the text and are not drawn: {'; '.join(bad[:5])}"
                            + (" …" if len(bad) > 5 else ""))
        checked[side] = _valid_only(text, record)
    if "gold" in checked and "pipeline" in checked:
        for kind, key, strategy in (
            ("entities", _entity_key, _ANY_OVERLAP),
            ("dates", _date_key, _ANY_OVERLAP),
            ("claims", _claim_key, HALF_OVERLAP),
        ):
            gold_side, pred_side = _compare(
                getattr(checked["gold"], kind), getattr(checked["pipeline"], kind), key, strategy
            )
            diffs["gold"][kind], diffs["pipeline"][kind] = gold_side, pred_side
    blocks = _line_blocks(text, pred_record)
    for side, heading in (("gold", "Gold"), ("pipeline", "Pipeline")):
        record = checked.get(side)
        if record is None:
            continue
        side_diffs = diffs[side] if len(checked) == 2 else None
        marks = _line_marks(text, blocks) + _record_marks(record, side, side_diffs, names)
        who = f"annotator <code>{_esc(record.annotator)}</code>"
        if side == "pipeline":
            info = record.extra
            bits = [f"pipeline {info['pipeline_version']}" if info.get("pipeline_version") else "",
                    " ".join(str(info[k]) for k in ("model", "model_version") if info.get(k))]
            who = _esc(" · ".join(b for b in bits if b)) or who
        columns.append(
            f'<div class="col col-{side}"><div class="colhead"><div class="l1"><span class="who">{heading}</span>'
            f'<span class="meta">{who}</span></div><div class="l2">{_record_counts(record)}</div></div>'
            f'<div class="doc">{_render_marked(text, marks)}</div></div>'
        )
    if gold_record is None:
        warnings.append("No gold for this article: the pipeline's annotations are shown alone, unreviewed.")
    if pred_record is None:
        warnings.append("No pipeline record for this article: gold is shown alone.")
    if not columns:
        plain = _render_marked(text, _line_marks(text, blocks))
        columns.append(f'<div class="col"><div class="doc">{plain}</div></div>')
    diff_summary = ""
    if len(checked) == 2:
        kinds = []
        for kind in ("entities", "dates", "claims"):
            counts = (
                ("d-miss-k", "missed", sum(d.status == "only" for d in diffs["gold"][kind])),
                ("d-extra-k", "extra", sum(d.status == "only" for d in diffs["pipeline"][kind])),
                ("d-chg-k", "changed", sum(d.status == "changed" for d in diffs["gold"][kind])),
            )
            chips = " ".join(f'<span class="k {css}">{n} {word}</span>' for css, word, n in counts if n)
            kinds.append(f"<b>{kind}</b> {chips or 'agree'}")
        diff_summary = f'<p class="diffsum">Gold against pipeline: {" · ".join(kinds)}</p>'

    figures = ""
    if isinstance(scores, Mapping):
        figures = (
            '<details class="card figs-article"><summary>Figures for this article</summary>'
            f"{_scores_tables(scores)}</details>"
        )
    warning_html = "".join(f'<p class="warn">{_esc(w)}</p>' for w in warnings)
    layout = "sbs" if len(columns) == 2 else "sbs one"
    return (
        f'<section class="article" id="article-{_esc(article.id)}" data-article-id="{_esc(article.id)}">'
        f'<h2>{_esc(title)}</h2><p class="ameta">{" · ".join(meta_bits)}</p>{warning_html}{diff_summary}'
        f'<div class="{layout}">{"".join(columns)}</div>{figures}'
        f'<h3>Claims</h3>{_claims_table(rows, names)}'
        '<p class="back"><a href="#top">↑ back to the top</a></p></section>'
    )


# --------------------------------------------------------------------------
# Page


_CLAIM_COLOURS = {"event": "#2563eb", "fact": "#0f9f6e", "assessment": "#9333ea", "prediction": "#e8590c"}
_LABEL_COLOURS = {  # displaCy's palette, so the colours read as they do in spaCy's own visualiser
    "PERSON": "#aa9cfc", "NORP": "#c887fb", "FAC": "#9cc9cc", "ORG": "#7aecec", "GPE": "#feca74",
    "LOC": "#ff9561", "PRODUCT": "#bfeeb7", "EVENT": "#ffeb80", "WORK_OF_ART": "#f0d0ff",
    "LAW": "#ff8197", "LANGUAGE": "#ff8197", "other": "#dddddd",
}
_STATUS_COLOURS = {
    "confirmed": ("#d3f9d8", "#2b8a3e"), "corrected": ("#fff3bf", "#a86200"), "gold_only": ("#ffe3e3", "#c92a2a"),
    "pipeline_only": ("#dbe4ff", "#364fc7"), "unreviewed": ("#f1f3f5", "#495057"),
}

_CSS = """
:root{--ink:#1d2230;--muted:#5f6678;--line:#e2e5ec;--bg:#f6f7fa;--card:#fff;--accent:#3451b2;
--miss:#e03131;--extra:#e8590c;--chg:#d9a400}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
"Liberation Sans","DejaVu Sans",sans-serif;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code{font:12.5px/1 ui-monospace,"DejaVu Sans Mono",monospace;background:#eef0f5;padding:1px 4px;border-radius:4px}
header.top{background:linear-gradient(135deg,#1b2236,#2c3a63);color:#fff;padding:26px 32px 22px}
header.top h1{margin:0 0 6px;font-size:26px;letter-spacing:-.01em}
header.top p{margin:0;color:#c9d1e8;font-size:14px}
.toolbar{position:sticky;top:0;z-index:10;background:rgba(246,247,250,.96);border-bottom:1px solid var(--line);
padding:8px 32px;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;font-size:13px;color:var(--muted)}
.toolbar label{cursor:pointer;user-select:none;color:var(--ink)}.toolbar input{vertical-align:-2px;margin-right:4px}
.toolbar nav{margin-left:auto;display:flex;gap:14px}
main{max-width:1280px;margin:0 auto;padding:4px 32px 56px}
h2{font-size:21px;margin:36px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line);letter-spacing:-.01em}
h3{font-size:15.5px;margin:22px 0 8px}.card>h3:first-child{margin-top:2px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 18px;margin:14px 0;
box-shadow:0 1px 2px rgba(20,30,60,.04)}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 22px}
.toc ol{margin:4px 0 0;padding-left:22px}.toc li{margin:3px 0}.toc .meta{color:var(--muted);font-size:13px}
.toc .nogold{color:#a86200}
.legend h4{margin:10px 0 6px;font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.legend h4:first-child{margin-top:0}
.legend .items{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:13px}
.chip{display:inline-block;border-radius:4px;padding:0 6px;font:600 11.5px/20px system-ui,sans-serif;
letter-spacing:.02em}
.sample{font-family:Georgia,"Noto Serif","DejaVu Serif",serif;font-size:14px;line-height:26px}
.sbs{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px;margin-top:10px}
.sbs.one{grid-template-columns:minmax(0,1fr)}
.col{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.colhead{padding:7px 14px;border-bottom:1px solid var(--line);background:#fafbfd;font-size:12.5px;color:var(--muted)}
.colhead>div{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.colhead .l1{display:flex;justify-content:space-between;gap:10px;align-items:baseline}
.colhead .who{font-weight:700;color:var(--ink);font-size:13.5px;text-transform:uppercase;letter-spacing:.05em}
.col-gold .colhead{border-top:3px solid #c9a227}.col-pipeline .colhead{border-top:3px solid #3451b2}
.doc{font-family:Georgia,"Noto Serif","DejaVu Serif","Times New Roman",serif;font-size:15px;line-height:2.15;
padding:10px 16px 14px;overflow-wrap:break-word}
.ln{white-space:pre-wrap;margin:0 0 10px}
.ln.blk-title{font-size:1.3em;font-weight:700;line-height:1.8}
.ln.blk-standfirst{font-style:italic;color:#39404f}
.ln.blk-heading{font-weight:700;font-size:1.07em}
.ln.blk-byline{color:var(--muted);font-size:.92em}
.ent,.date{border-radius:4px;padding:2px 3px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.date{background:#bfe1d9}
.tag::after{content:attr(data-t);font:700 9px/1 system-ui,sans-serif;letter-spacing:.04em;margin-left:4px;
vertical-align:2px;color:rgba(0,0,0,.62);white-space:nowrap}
.date .tag::after{color:#0c5e4c;font-weight:600}
.claim{border-bottom:2.5px solid;padding-bottom:3px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.claim .claim{padding-bottom:7px}.claim .claim .claim{padding-bottom:11px}
.cert-probable{border-bottom-style:dashed}.cert-possible{border-bottom-style:dotted}
.cid::before{content:attr(data-t);font:700 9px/1 system-ui,sans-serif;color:#fff;background:var(--c,#666);
border-radius:3px;padding:2px 3px;margin-right:3px;vertical-align:2px;white-space:nowrap}
.pol-negative>.cid::after{content:"NOT";font:700 8.5px/1 system-ui,sans-serif;color:#c92a2a;border:1px solid #c92a2a;
border-radius:3px;padding:1px 2px;margin-right:3px;vertical-align:2px}
.ent.d-miss,.date.d-miss{outline:2px dashed var(--miss);outline-offset:1px}
.ent.d-extra,.date.d-extra{outline:2px dotted var(--extra);outline-offset:1px}
.ent.d-chg,.date.d-chg{outline:2px solid var(--chg);outline-offset:1px}
.claim.d-miss>.cid::before{content:"−\\00a0" attr(data-t);background:#fff;color:var(--miss);
outline:1.5px dashed var(--miss)}
.claim.d-extra>.cid::before{content:"+\\00a0" attr(data-t);background:#fff;color:var(--extra);
outline:1.5px dotted var(--extra)}
.claim.d-chg>.cid::before{content:"≠\\00a0" attr(data-t);background:#fff;color:#8a6d00;outline:1.5px solid var(--chg)}
body:has(#tg-ent:not(:checked)) .ent{background:none!important;outline:none;padding:0}
body:has(#tg-ent:not(:checked)) .ent>.tag{display:none}
body:has(#tg-date:not(:checked)) .date{background:none;outline:none;padding:0}
body:has(#tg-date:not(:checked)) .date>.tag{display:none}
body:has(#tg-claim:not(:checked)) .claim{background:none!important;border-bottom-color:transparent!important}
body:has(#tg-claim:not(:checked)) .cid{display:none}
body:has(#tg-diff:checked) .ent:not(.d-miss,.d-extra,.d-chg),
body:has(#tg-diff:checked) .date:not(.d-miss,.d-extra,.d-chg)
{background:none!important;padding:0}
body:has(#tg-diff:checked) .ent:not(.d-miss,.d-extra,.d-chg)>.tag,
body:has(#tg-diff:checked) .date:not(.d-miss,.d-extra,.d-chg)>.tag{display:none}
body:has(#tg-diff:checked) .claim:not(.d-miss,.d-extra,.d-chg){background:none!important;
border-bottom-color:transparent!important}
body:has(#tg-diff:checked) .claim:not(.d-miss,.d-extra,.d-chg)>.cid{display:none}
.ameta{color:var(--muted);font-size:13px;margin:0 0 6px}.url{font-family:ui-monospace,monospace;font-size:12px}
.warn{background:#fff4e6;border:1px solid #ffd8a8;color:#8a4b00;border-radius:8px;padding:6px 12px;font-size:13px;
margin:6px 0}
.diffsum{font-size:13px;color:var(--muted);margin:4px 0}
.k{display:inline-block;border-radius:4px;padding:0 6px;margin-right:4px;color:var(--ink);background:#fff}
.d-miss-k{outline:2px dashed var(--miss)}.d-extra-k{outline:2px dotted var(--extra)}
.d-chg-k{outline:2px solid var(--chg)}
table{border-collapse:collapse;font-size:13px}
table.fig{margin:8px 0 14px;min-width:420px;font-variant-numeric:tabular-nums}
table.fig caption{text-align:left;font-weight:600;padding:0 0 6px;color:var(--ink);font-size:13px}
table.fig th,table.fig td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left}
table.fig thead th{font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;
border-bottom:2px solid var(--line)}
table.fig thead th.nocase{text-transform:none;font-size:12.5px}
table.fig th.grp{text-align:center;border-left:2px solid var(--line)}
table.fig tbody th{font-weight:500;white-space:nowrap}
table.fig td.num{text-align:right;white-space:nowrap}
table.fig td.counts{color:var(--muted);font-size:12px}
table.fig td.na{color:#adb5bd}
table.fig td.diag{font-weight:700;background:#f1f3f5}
table.fig tr.total th,table.fig tr.total td{font-weight:700;border-top:2px solid #c7ccd8}
table.wide{width:100%}
.ci{display:block;font-size:10.5px;color:var(--muted);font-weight:400}
td.cibar,th.cibar{width:220px}
.track{position:relative;display:block;height:10px;background:#eef0f5;border-radius:5px}
.band{position:absolute;top:0;bottom:0;background:#91a7ff;border-radius:5px;min-width:2px}
.pt{position:absolute;top:-2px;width:3px;height:14px;margin-left:-1px;background:#1d2230;border-radius:1px}
table.fig tr.group th{background:#f6f7fa;font-weight:700;text-transform:none;color:var(--ink)}
ul.notes{font-size:12.5px;color:var(--muted);margin:4px 0;padding-left:18px}
.figs{display:flex;flex-wrap:wrap;gap:0 28px;align-items:flex-start}
.figs>table.wide{flex-basis:100%}
details.figs-article summary{cursor:pointer;font-weight:600;font-size:14px}
details.figs-article[open] summary{margin-bottom:6px}
table.claims{width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
table.claims th{background:#fafbfd;text-align:left;font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;
color:var(--muted);padding:7px 8px;border-bottom:2px solid var(--line)}
table.claims td{padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}
table.claims td.ctext{font-family:Georgia,"Noto Serif","DejaVu Serif",serif;font-size:14px;max-width:460px}
table.claims .pred{font-family:system-ui,sans-serif;font-size:12px;color:var(--muted);margin-top:2px}
table.claims .cidcol{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted)}
table.claims td.negative{color:#c92a2a;font-weight:600}
table.claims td.dates{white-space:nowrap;font-variant-numeric:tabular-nums}
.conflicts{margin:4px 0 0;padding-left:16px;font:12px/1.45 system-ui,sans-serif}
.conflicts s{color:#c92a2a}.conflicts .g{color:#2b8a3e;font-weight:600}.conflicts .vs{color:var(--muted)}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font:600 11.5px/18px system-ui,sans-serif;
white-space:nowrap;border:1px solid}
.ty{font-weight:600}
svg.timeline{display:block;font-family:system-ui,sans-serif}
.tl-row{fill:#fff}.tl-row.odd{fill:#f6f7fb}
.tl-actor{font-size:12.5px;fill:#1d2230;text-anchor:end}
.tl-year{font-size:11.5px;fill:#5f6678;text-anchor:middle}
.tl-tick{stroke:#c9ceda;stroke-width:1}.tl-minor{stroke:#e9ecf2;stroke-width:1}
.tl-claim rect,.tl-claim circle{fill-opacity:.78;stroke-width:1.5}
.tl-claim:hover rect,.tl-claim:hover circle{fill-opacity:1;stroke:#111}
.tl-claim.st-pipeline_only rect,.tl-claim.st-pipeline_only circle,.tl-claim.st-unreviewed rect,
.tl-claim.st-unreviewed circle{fill:#fff!important;fill-opacity:1;stroke-dasharray:3 2}
.tl-legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:12.5px;color:var(--muted);margin-top:8px}
.sw{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:5px;vertical-align:-1px}
.sw.hollow{border:1.5px dashed #555;background:#fff}
.note{font-size:12.5px;color:var(--muted);margin:8px 0 0}
.empty{color:var(--muted);font-style:italic}
.back{font-size:12.5px;margin:10px 0 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
@media (max-width:900px){.sbs,.grid2{grid-template-columns:minmax(0,1fr)}}
@media print{.toolbar{display:none}.col,.card{break-inside:avoid}}
"""


def _colour_css() -> str:
    """CSS rules for label, claim type and status colours (generated, so legend and text agree)."""
    rules = [f".lab-{label}{{background:{colour}}}" for label, colour in _LABEL_COLOURS.items()]
    for claim_type, colour in _CLAIM_COLOURS.items():
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        rules.append(f".ct-{claim_type}{{border-bottom-color:{colour};background:rgba({red},{green},{blue},.075);--c:{colour}}}")
        rules.append(f".t-{claim_type}{{color:{colour};fill:{colour};stroke:{colour}}}")
        rules.append(f".sw.t-{claim_type}{{background:{colour}}}")
    for status, (fill, ink) in _STATUS_COLOURS.items():
        rules.append(f".badge.st-{status}{{background:{fill};color:{ink};border-color:{ink}33}}")
    return "\n".join(rules)


#: Records script errors where `chromium --dump-dom` (and any reader) can see them.
_SCRIPT = """(function(){var root=document.documentElement,errors=[];root.setAttribute("data-js-errors","0");
window.addEventListener("error",function(event){errors.push(String(event.message||event.type));
root.setAttribute("data-js-errors",String(errors.length));
root.setAttribute("data-js-error-messages",errors.join(" | "));});
document.addEventListener("DOMContentLoaded",function(){root.setAttribute("data-report-ready","1");});})();"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _legend(labels_seen: Iterable[str]) -> str:
    """The legend: entity labels, dates, claim bands, difference marks and statuses."""
    seen = set(labels_seen)
    labels = [label for label in ENTITY_LABELS if label in seen] or list(ENTITY_LABELS)
    entity_items = "".join(f'<span class="chip lab-{label}">{label}</span>' for label in labels)
    claim_items = "".join(
        f'<span class="sample"><span class="claim ct-{t}"><span class="cid" data-t="{t}"></span>a claim</span></span>'
        for t in CLAIM_TYPES
    )
    return (
        '<div class="card legend" id="legend">'
        "<h4>Entities (label after the name; kb_id in the tooltip) and dates (value after the date)</h4>"
        f'<div class="items">{entity_items}<span class="sample"><span class="date">13 May 2025<span class="tag" '
        'data-t="2025-05-13"></span></span></span></div>'
        "<h4>Claims: underlined band coloured by type; line style by certainty</h4>"
        f'<div class="items">{claim_items}'
        '<span class="sample"><span class="claim ct-fact cert-probable"><span class="cid" data-t="c"></span>'
        "probable</span></span>"
        '<span class="sample"><span class="claim ct-fact cert-possible"><span class="cid" data-t="c"></span>'
        "possible</span></span>"
        '<span class="sample"><span class="claim ct-fact pol-negative"><span class="cid" data-t="c"></span>'
        "negative polarity</span></span></div>"
        "<h4>Differences between gold and pipeline</h4>"
        '<div class="items"><span class="sample"><span class="ent lab-other d-miss">in gold only<span class="tag" '
        'data-t="missed"></span></span></span>'
        '<span class="sample"><span class="ent lab-other d-extra">in the pipeline only<span class="tag" '
        'data-t="extra"></span></span></span>'
        '<span class="sample"><span class="ent lab-other d-chg">both, different label, value or offsets'
        '<span class="tag" data-t="changed"></span></span></span>'
        '<span class="sample"><span class="claim ct-event d-miss"><span class="cid" data-t="c1"></span>claim</span> '
        '<span class="claim ct-event d-extra"><span class="cid" data-t="c2"></span>claim</span> '
        '<span class="claim ct-event d-chg"><span class="cid" data-t="c3"></span>claim</span></span></div>'
        "<h4>Claim status (SPEC section 5)</h4><div class=\"items\">"
        + "".join(f'<span class="badge st-{s}">{_STATUS_TEXT[s]}</span>' for s in STATUSES)
        + "</div></div>"
    )


def render_report(
    articles: Sequence[Article],
    gold: Mapping[str, AnnotationRecord],
    predictions: Mapping[str, AnnotationRecord],
    evaluation: Mapping[str, Any] | None,
    claim_rows: Sequence[Mapping[str, Any]] | None,
    *,
    kb_names: Mapping[str, str] | None = None,
    title: str = "Claims report",
) -> str:
    """Render the whole report as one self-contained, deterministic HTML document.

    Args:
        articles: The corpus articles; one section each, in id order.
        gold: Trusted gold records by article id (may lack some articles).
        predictions: Pipeline records by article id (may lack some articles).
        evaluation: The result of `evaluate()` (or its JSON read back), or None.
        claim_rows: Claims dataset rows (SPEC section 5), or None to derive
            them from the records (`derive_claim_rows`).
        kb_names: Canonical name by `kb_id`, for actors and tooltips
            (optional; ids are shown where a name is unknown).
        title: The page title.

    Returns:
        The HTML page: no external reference, no clock, the same bytes for
        the same inputs.
    """
    names = dict(kb_names or {})
    ordered = sorted(articles, key=lambda a: a.id)
    rows = list(claim_rows) if claim_rows is not None else derive_claim_rows(ordered, gold, predictions, names)
    rows_by_article: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        rows_by_article.setdefault(str(row.get("article_id", "")), []).append(row)
    for article_rows in rows_by_article.values():
        article_rows.sort(key=_row_order)
    per_article_scores = _dig(evaluation, "articles") or {}

    toc_items = []
    for article in ordered:
        gold_record = gold.get(article.id)
        headline = _dig(per_article_scores, article.id, "entities", "strict", "overall", "f1")
        f1 = f" · entities strict F1 {headline:.3f}" if _is_number(headline) else ""
        status = "" if gold_record is not None else ' · <span class="nogold">no gold</span>'
        toc_items.append(
            f'<li><a href="#article-{_esc(article.id)}">{_esc(article.meta.get("title") or article.id)}</a> '
            f'<span class="meta">{_esc(article.id)} · {len(rows_by_article.get(article.id, []))} claims'
            f"{f1}{status}</span></li>"
        )
    known_ids = {a.id for a in ordered}
    orphans = sorted((set(gold) | set(predictions)) - known_ids)

    labels_seen = {e.label for r in [*gold.values(), *predictions.values()] for e in r.entities}
    pipeline_info = ""
    for article_id in sorted(predictions):
        extra = predictions[article_id].extra
        bits = [f"pipeline {extra['pipeline_version']}" if extra.get("pipeline_version") else "",
                f"model {extra['model']} {extra.get('model_version') or ''}".strip() if extra.get("model") else "",
                f"spaCy {extra['spacy_version']}" if extra.get("spacy_version") else ""]
        pipeline_info = " · ".join(b for b in bits if b)
        break
    n_gold = sum(a.id in gold for a in ordered)
    subtitle = " · ".join(filter(None, [
        f"{len(ordered)} article{'s' * (len(ordered) != 1)}", f"{n_gold} with gold",
        f"{len(rows)} claims", pipeline_info,
    ]))
    sections = [
        _article_section(
            article, gold.get(article.id), predictions.get(article.id),
            _dig(per_article_scores, article.id), rows_by_article.get(article.id, []), names,
        )
        for article in ordered
    ]
    orphan_note = (
        f'<p class="warn">Records without an article text (not shown): {_esc(", ".join(orphans))}</p>'
        if orphans
        else ""
    )
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_esc(title)}</title>",
        f"<script>{_SCRIPT}</script>",
        f"<style>{_CSS}\n{_colour_css()}</style></head>\n",
        '<body id="top">',
        f'<header class="top"><h1>{_esc(title)}</h1><p>{_esc(subtitle)}</p></header>',
        '<div class="toolbar"><span>Show:</span>',
        '<label><input type="checkbox" id="tg-ent" checked>entities</label>',
        '<label><input type="checkbox" id="tg-date" checked>dates</label>',
        '<label><input type="checkbox" id="tg-claim" checked>claims</label>',
        '<label><input type="checkbox" id="tg-diff">only differences</label>',
        (
            '<nav><a href="#contents">contents</a><a href="#legend">legend</a><a href="#figures">figures</a>'
            '<a href="#timeline">timeline</a></nav></div>'
        ),
        "<main>",
        '<div class="grid2"><div class="card toc" id="contents"><h3 style="margin-top:0">Contents</h3><ol>',
        '<li><a href="#figures">Figures</a></li><li><a href="#timeline">Timeline of dated claims</a></li>',
        *toc_items,
        f"</ol>{orphan_note}</div>",
        _legend(labels_seen),
        "</div>",
        _figures_section(evaluation),
        '<section id="timeline"><h2>Timeline of dated claims by actor</h2><div class="card">',
        timeline_svg(rows, names),
        "</div></section>",
        *sections,
        (
            "</main><footer>Generated by <code>pipeline.report</code> from the records, the evaluation and the "
            "claims dataset; hover a highlight for its details.</footer></body></html>\n"
        ),
    ])


def _row_order(row: Mapping[str, Any]) -> tuple[int, int, str]:
    """Claims-table order: by offsets, then claim id; rows without offsets first."""

    def offset(value: Any) -> int:
        return value if isinstance(value, int) and not isinstance(value, bool) else -1

    return offset(row.get("start")), offset(row.get("end")), str(row.get("claim_id", ""))


def kb_names(kb: Any) -> dict[str, str]:
    """Canonical name by `kb_id` from a `KnowledgeBase` (see `kb.load_kb`), for `render_report`."""
    return {entry_id: entry.name for entry_id, entry in kb.entries.items()}
