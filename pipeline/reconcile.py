"""Reconciliation of pipeline output with gold into the structured claims dataset (SPEC section 5).

Everything here is a pure function of records, except `load_annotations`,
which reads the annotation folder. `reconcile()` returns a `ReconcileResult`:
the claim rows of `outputs/claims.jsonl`, reconciled entity and date tables,
and the review queue of `outputs/review.jsonl`; `dataset.py` writes them.

Gold of an article (SPEC section 3):
    * the annotator `gold` (file `gold.json`) where present, else the only
      annotator;
    * else, with several annotators and no `gold.json`, their agreement: items
      are aligned across annotators (claims by HALF_OVERLAP, entities and dates
      by `OVERLAP`, see `agreement.align`), and every field is put to a vote.
      A value that at least two annotators give, and more give than any other
      value, wins; otherwise the field is *disputed*: its value is null (the
      span, which cannot be null, is the first annotator's by name), and the
      annotators' values are kept in `conflicts`. An item is kept when at
      least two annotators and a plurality have it, dropped when at least two
      and a plurality do not, and otherwise kept as disputed (`exists`): with
      two annotators, an item only one of them has is kept, disputed.

Status of each item (claims pair with gold by HALF_OVERLAP, entities and dates
by `OVERLAP`):
    * `confirmed`: paired, every field equal (`actors`, `targets`, `dates`
      compare as sets);
    * `corrected`: paired, and gold overrides at least one field, or the gold
      is disputed; `conflicts` is `{field: {"gold": g, "pipeline": p}}`, with
      `"gold": null` and `"annotators": {name: value}` added for a disputed
      field, and a field `exists` for an item not all annotators have;
    * `gold_only`: a gold item the pipeline missed (`conflicts` holds only
      disputes);
    * `pipeline_only`: a pipeline item not in the gold, a candidate for review.
      Its `actors`, `targets`, `source` and `dates` follow the curated entity
      and date mentions: where every pipeline mention of a `kb_id` (date
      value) that pairs with a gold mention pairs with one carrying the same
      other `kb_id` (value), the gold one replaces it, and `conflicts` shows
      both (`"gold"`: the curated value);
    * `unreviewed`: the article has no gold.

Gold values win wherever gold exists, so actor names and date values in the
dataset are the curated ones.

`claim_id` is `<article_id>:<start>-<end>:<predicate>` of the reconciled
claim (gold span and predicate where gold exists), whitespace in the
predicate replaced by `_`, `_` for an empty or disputed predicate; two claims
with the same id (same span and predicate) get `#2`, `#3`, ... in the order of
their full content, so ids never depend on input order. Entities and dates
have `entity_id` `<article_id>:<start>-<end>:<label>` and `date_id`
`<article_id>:<start>-<end>` the same way.

Review queue (`review`), most consequential first. It holds every item
(claim, entity or date) that is `pipeline_only`, `corrected` or disputed,
ordered by:
    1. what the curator must do: disputed gold first (annotators disagree,
       nobody has decided), then `pipeline_only` (accept into gold or
       reject), then `corrected` (already decided; check the pipeline error);
    2. kind: claims, then entities (they name the actors), then dates;
    3. more conflicting fields first;
    4. for claims, certainty (`certain` before `probable` before `possible`:
       a confidently stated claim misleads most when wrong), then type
       (`event`, `fact`, `prediction`, `assessment`: checkable claims first);
    5. article id, then offsets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.agreement import GOLD, align
from pipeline.corpus import Article
from pipeline.evaluate import HALF_OVERLAP, MatchStrategy, Span, _jaccard, _label, _overlap
from pipeline.gold import annotation_files, read_record
from pipeline.kb import KnowledgeBase
from pipeline.records import AnnotationRecord, Claim
from pipeline.sentences import Bound, enclosing_sentence, record_sentences, split_sentences

STATUSES = ("confirmed", "corrected", "gold_only", "pipeline_only", "unreviewed")
KINDS = ("claim", "entity", "date")

SPAN_FIELDS = ("start", "end", "text")
#: Fields compared and voted on, besides the span, per kind of item.
FIELDS = {
    "claim": ("type", "certainty", "polarity", "source", "predicate", "actors", "targets", "dates"),
    "entity": ("label", "kb_id"),
    "date": ("value",),
}
#: Fields holding lists whose order does not matter.
SET_FIELDS = frozenset({"actors", "targets", "dates"})
#: Key of `conflicts` for an item that not every annotator has.
EXISTS = "exists"

_CERTAINTY_RANK = {"certain": 0, "probable": 1, "possible": 2}
_TYPE_RANK = {"event": 0, "fact": 1, "prediction": 2, "assessment": 3}
_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


class ReconcileError(ValueError):
    """Inputs that cannot be reconciled; `problems` holds one line per fault."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --------------------------------------------------------------------------
# Matching entities and dates


@dataclass(frozen=True)
class OverlapMatch(MatchStrategy):
    """Any overlap pairs, whatever the labels: a wrong label is a correction, not a miss.

    Best first: highest overlap / union, then the same label, then most
    shared characters, so an exact span pairs before a longer one around it.
    """

    name: str = "overlap"

    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """Return `(overlap / union, same label, overlap)`, or None if disjoint."""
        overlap = _overlap(gold, pred)
        if overlap == 0:
            return None
        return (_jaccard(gold, pred), float(_label(gold) == _label(pred)), overlap)


OVERLAP = OverlapMatch()
_STRATEGY: dict[str, MatchStrategy] = {"claim": HALF_OVERLAP, "entity": OVERLAP, "date": OVERLAP}


# --------------------------------------------------------------------------
# Gold of one article


@dataclass(frozen=True)
class GoldItem:
    """One gold item (claim, entity or date), possibly disputed between annotators.

    Attributes:
        anchor: The item of the first annotator who has it (for matching).
        values: Its JSON fields (SPEC section 3) as decided; a disputed field is None.
        disputes: For each disputed field (or `exists`), every annotator's value.
    """

    anchor: Any
    values: dict[str, Any]
    disputes: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleGold:
    """The gold of one article.

    Attributes:
        annotator: `gold`, the single annotator's name, or `a+b+...` for
            the agreement of several.
        items: Gold items per kind (`claim`, `entity`, `date`).
    """

    annotator: str
    items: dict[str, list[GoldItem]]


def _items(record: AnnotationRecord, kind: str) -> list[Any]:
    if kind == "claim":
        return list(record.claims)
    return list(record.entities) if kind == "entity" else list(record.dates)


def _key(name: str, value: Any) -> Hashable:
    """A comparable form of a field value: lists as sorted sets where order does not matter."""
    if name in SET_FIELDS and value is not None:
        return tuple(sorted(set(value)))
    if isinstance(value, list):
        return tuple(value)
    return value  # type: ignore[no-any-return]


def _vote(ballots: Mapping[str, Hashable]) -> tuple[bool, Hashable]:
    """Return `(decided, winner)`: a value given by two or more and by more than any other wins.

    A single ballot decides by itself (the only annotator who has the item).
    """
    if len(ballots) == 1:
        return True, next(iter(ballots.values()))
    ranked = Counter(ballots.values()).most_common()
    top, count = ranked[0]
    if count >= 2 and (len(ranked) == 1 or ranked[1][1] < count):
        return True, top
    return False, None


def _merge_unit(unit: Mapping[str, Any], annotators: Sequence[str], kind: str) -> GoldItem | None:
    """Vote one aligned unit of several annotators into a gold item (None if voted out)."""
    disputes: dict[str, dict[str, Any]] = {}
    if len(annotators) > 1:
        decided, exists = _vote({name: name in unit for name in annotators})
        if decided and not exists:
            return None
        if not decided:
            disputes[EXISTS] = {name: name in unit for name in annotators}
    members = {name: item.to_json() for name, item in unit.items()}
    first = next(iter(unit))
    values = dict(members[first])
    decided, span = _vote({name: (obj["start"], obj["end"]) for name, obj in members.items()})
    if not decided:
        for span_field in SPAN_FIELDS:
            if len({obj[span_field] for obj in members.values()}) > 1:
                disputes[span_field] = {name: obj[span_field] for name, obj in members.items()}
    else:
        values.update(next(obj for obj in members.values() if (obj["start"], obj["end"]) == span))
    for name in FIELDS[kind]:
        decided, winner = _vote({who: _key(name, obj[name]) for who, obj in members.items()})
        if decided:
            values[name] = next(obj[name] for obj in members.values() if _key(name, obj[name]) == winner)
        else:
            values[name] = None
            disputes[name] = {who: obj[name] for who, obj in members.items()}
    if kind == "claim":
        values["id"] = members[first]["id"]
    return GoldItem(unit[first], values, disputes)


def article_gold(records: Mapping[str, AnnotationRecord]) -> ArticleGold | None:
    """The gold of one article from its annotators' records (see the module docstring).

    Args:
        records: Records keyed by annotator name (file stem).

    Returns:
        The gold, or None when there is no record.
    """
    if not records:
        return None
    if GOLD in records or len(records) == 1:
        name = GOLD if GOLD in records else next(iter(records))
        record = records[name]
        return ArticleGold(
            name,
            {kind: [GoldItem(item, item.to_json()) for item in _items(record, kind)] for kind in KINDS},
        )
    names = sorted(records)
    items: dict[str, list[GoldItem]] = {}
    for kind in KINDS:
        units = align({name: _items(records[name], kind) for name in names}, _STRATEGY[kind])
        merged = (_merge_unit(unit, names, kind) for unit in units)
        items[kind] = [item for item in merged if item is not None]
    return ArticleGold("+".join(names), items)


# --------------------------------------------------------------------------
# Rows


def _slug(predicate: str | None) -> str:
    return re.sub(r"\s+", "_", predicate.strip()) if predicate and predicate.strip() else "_"


def _item_id(article_id: str, kind: str, values: Mapping[str, Any]) -> str:
    base = f"{article_id}:{values['start']}-{values['end']}"
    if kind == "claim":
        return f"{base}:{_slug(values.get('predicate'))}"
    if kind == "entity":
        return f"{base}:{values.get('label') or '_'}"
    return base


def _unique_ids(rows: list[dict[str, Any]], id_field: str) -> None:
    """Suffix `#2`, `#3`, ... to repeated ids, in the order of the rows' full content."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[id_field], []).append(row)
    for base, group in groups.items():
        if len(group) > 1:
            group.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
            for number, row in enumerate(group[1:], start=2):
                row[id_field] = f"{base}#{number}"


def _conflicts(
    kind: str, gold: GoldItem | None, pipeline: Mapping[str, Any] | None
) -> dict[str, dict[str, Any]]:
    """Fields on which gold overrides the pipeline, or the annotators disagree."""
    conflicts: dict[str, dict[str, Any]] = {}
    if gold is None:
        return conflicts
    for name in (*SPAN_FIELDS, *FIELDS[kind]):
        pipeline_value = pipeline.get(name) if pipeline is not None else None
        if name in gold.disputes:
            conflicts[name] = {"gold": None, "pipeline": pipeline_value, "annotators": gold.disputes[name]}
        elif pipeline is not None and _key(name, gold.values[name]) != _key(name, pipeline_value):
            conflicts[name] = {"gold": gold.values[name], "pipeline": pipeline_value}
    if EXISTS in gold.disputes:
        conflicts[EXISTS] = {"gold": None, "pipeline": pipeline is not None, "annotators": gold.disputes[EXISTS]}
    return conflicts


def _mention_corrections(pairs: Sequence[tuple[GoldItem, Any]], attribute: str) -> dict[str, Any]:
    """Pipeline value -> gold value, where every paired pipeline mention with that value agrees on another."""
    seen: dict[Any, set[Any]] = {}
    for gold, pipeline in pairs:
        pipeline_value = getattr(pipeline, attribute)
        if pipeline_value is None or attribute in gold.disputes:
            continue
        seen.setdefault(pipeline_value, set()).add(gold.values[attribute])
    corrections = {}
    for pipeline_value, gold_values in seen.items():
        if len(gold_values) == 1:
            (gold_value,) = gold_values
            if gold_value is not None and gold_value != pipeline_value:
                corrections[pipeline_value] = gold_value
    return corrections


def _apply_corrections(
    values: dict[str, Any], kb_ids: Mapping[str, Any], date_values: Mapping[str, Any]
) -> dict[str, dict[str, Any]]:
    """Rewrite a pipeline-only claim's ids and date values to the curated ones; return the changes."""
    changes: dict[str, dict[str, Any]] = {}
    for name, corrections in (("source", kb_ids), ("actors", kb_ids), ("targets", kb_ids), ("dates", date_values)):
        old = values[name]
        if isinstance(old, list):
            new: Any = list(dict.fromkeys(corrections.get(value, value) for value in old))
        else:
            new = corrections.get(old, old)
        if new != old:
            changes[name] = {"gold": new, "pipeline": old}
            values[name] = new
    return changes


@dataclass
class _Article:
    """What building one article's rows needs."""

    article: Article
    gold: ArticleGold | None
    prediction: AnnotationRecord | None
    sentences: list[Bound]
    provenance: dict[str, Any]
    names: dict[str, str]

    def sentence(self, start: int, end: int) -> str | None:
        bound = enclosing_sentence(self.sentences, start, end)
        return self.article.text[bound[0] : bound[1]] if bound else None

    def name(self, kb_id: str) -> str:
        return self.names.get(kb_id, kb_id)


def _names(kb: KnowledgeBase, entity_rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Canonical name per `kb_id`: the KB's name, else the first reconciled mention's text."""
    names: dict[str, str] = {}
    for row in sorted(entity_rows, key=lambda row: (row["start"], row["end"])):
        kb_id = row["kb_id"]
        if kb_id and kb_id not in names and row["status"] != "pipeline_only":
            names[kb_id] = row["text"]
    for row in entity_rows:
        kb_id = row["kb_id"]
        if kb_id and kb_id not in names:
            names[kb_id] = row["text"]
    for kb_id in list(names):
        entry = kb.get(kb_id)
        if entry is not None:
            names[kb_id] = entry.name
    return names


def _status(gold: ArticleGold | None, gold_item: GoldItem | None, conflicts: Mapping[str, Any], paired: bool) -> str:
    if gold is None:
        return "unreviewed"
    if gold_item is None:
        return "pipeline_only"
    if not paired:
        return "gold_only"
    return "corrected" if conflicts else "confirmed"


def _pairs(kind: str, gold: ArticleGold | None, prediction: AnnotationRecord | None) -> list[tuple[GoldItem | None, Any]]:
    """Every gold and pipeline item of one kind, as `(gold, pipeline)` with None for a missing side."""
    gold_items = gold.items[kind] if gold is not None else []
    pipeline_items = _items(prediction, kind) if prediction is not None else []
    matching = _STRATEGY[kind].match([item.anchor for item in gold_items], pipeline_items)
    result: list[tuple[GoldItem | None, Any]] = [(gold_items[g], pipeline_items[p]) for g, p in matching.pairs]
    result += [(gold_items[g], None) for g in matching.unmatched_gold]
    result += [(None, pipeline_items[p]) for p in matching.unmatched_pred]
    return result


def _mention_rows(kind: str, context: _Article, pairs: Sequence[tuple[GoldItem | None, Any]]) -> list[dict[str, Any]]:
    """Reconciled entity or date rows of one article."""
    article_id = context.article.id
    rows = []
    for gold_item, pipeline_item in pairs:
        pipeline_json = pipeline_item.to_json() if pipeline_item is not None else None
        values = gold_item.values if gold_item is not None else pipeline_json
        assert values is not None
        conflicts = _conflicts(kind, gold_item, pipeline_json)
        row: dict[str, Any] = {
            f"{kind}_id": _item_id(article_id, kind, values),
            "article_id": article_id,
            "status": _status(context.gold, gold_item, conflicts, pipeline_item is not None),
            "start": values["start"],
            "end": values["end"],
            "text": values["text"],
        }
        row.update({name: values[name] for name in FIELDS[kind]})
        if kind == "entity":
            row["name"] = None
        row["conflicts"] = conflicts
        row["disputed"] = [name for name in conflicts if gold_item is not None and name in gold_item.disputes]
        rows.append(row)
    return rows


def _claim_rows(
    context: _Article,
    pairs: Sequence[tuple[GoldItem | None, Claim | None]],
    kb_ids: Mapping[str, Any],
    date_values: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Dataset rows of one article's claims (SPEC section 5)."""
    article_id = context.article.id
    rows = []
    for gold_item, pipeline_claim in pairs:
        pipeline_json = pipeline_claim.to_json() if pipeline_claim is not None else None
        values = dict(gold_item.values if gold_item is not None else pipeline_json or {})
        conflicts = _conflicts("claim", gold_item, pipeline_json)
        status = _status(context.gold, gold_item, conflicts, pipeline_claim is not None)
        if status == "pipeline_only":
            conflicts = _apply_corrections(values, kb_ids, date_values)
        actors, targets = values["actors"], values["targets"]
        rows.append({
            "claim_id": _item_id(article_id, "claim", values),
            "article_id": article_id,
            "status": status,
            "id": values["id"],
            "start": values["start"],
            "end": values["end"],
            "text": values["text"],
            "sentence": context.sentence(values["start"], values["end"]),
            "type": values["type"],
            "certainty": values["certainty"],
            "polarity": values["polarity"],
            "source": values["source"],
            "predicate": values["predicate"],
            "actors": actors,
            "actor_names": None if actors is None else [context.name(kb_id) for kb_id in actors],
            "targets": targets,
            "target_names": None if targets is None else [context.name(kb_id) for kb_id in targets],
            "dates": values["dates"],
            "conflicts": conflicts,
            "disputed": [name for name in conflicts if gold_item is not None and name in gold_item.disputes],
            "provenance": {
                **context.provenance,
                "gold_id": gold_item.values["id"] if gold_item is not None else None,
                "pipeline_id": pipeline_claim.id if pipeline_claim is not None else None,
            },
        })
    return rows


# --------------------------------------------------------------------------
# Review queue


def _review_item(kind: str, row: Mapping[str, Any], sentence: str | None) -> dict[str, Any]:
    """One entry of the review queue (rank filled in later)."""
    disputed = list(row["disputed"])
    status = row["status"]
    conflicting = [name for name in row["conflicts"] if name not in disputed]
    if disputed:
        reason = f"annotators disagree on {', '.join(disputed)}"
    elif status == "pipeline_only":
        reason = f"pipeline {kind} not in gold"
    else:
        reason = f"gold overrides the pipeline on {', '.join(conflicting)}"
    return {
        "rank": 0,
        "kind": kind,
        "id": row[f"{kind}_id"],
        "article_id": row["article_id"],
        "status": status,
        "reason": reason,
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "sentence": sentence,
        "fields": {name: row[name] for name in (*FIELDS[kind], *(("name",) if kind == "entity" else ()))},
        "conflicts": row["conflicts"],
        "disputed": disputed,
    }


def _review_key(item: Mapping[str, Any]) -> tuple[Any, ...]:
    """Most consequential first; see the module docstring."""
    tier = 0 if item["disputed"] else 1 if item["status"] == "pipeline_only" else 2
    fields = item["fields"]
    return (
        tier,
        _KIND_RANK[item["kind"]],
        -len(item["conflicts"]),
        _CERTAINTY_RANK.get(fields.get("certainty"), len(_CERTAINTY_RANK)) if item["kind"] == "claim" else 0,
        _TYPE_RANK.get(fields.get("type"), len(_TYPE_RANK)) if item["kind"] == "claim" else 0,
        item["article_id"],
        item["start"],
        item["end"],
        item["id"],
    )


def review_queue(
    claims: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    dates: Sequence[Mapping[str, Any]],
    sentences: Mapping[tuple[str, str], str | None],
) -> list[dict[str, Any]]:
    """Every pipeline-only, corrected or disputed item, most consequential first.

    Args:
        claims: Claim rows.
        entities: Entity rows.
        dates: Date rows.
        sentences: The sentence around each entity and date, by `(kind, id)`.

    Returns:
        Review items (`rank` from 1) as `{"rank", "kind", "id", "article_id",
        "status", "reason", "start", "end", "text", "sentence", "fields",
        "conflicts", "disputed"}`; `fields` are the item's own fields (claim:
        type ... dates; entity: label, kb_id, name; date: value).
    """
    items = []
    for kind, rows in (("claim", claims), ("entity", entities), ("date", dates)):
        for row in rows:
            if row["disputed"] or row["status"] in ("pipeline_only", "corrected"):
                sentence = row["sentence"] if kind == "claim" else sentences.get((kind, row[f"{kind}_id"]))
                items.append(_review_item(kind, row, sentence))
    items.sort(key=_review_key)
    for rank, item in enumerate(items, start=1):
        item["rank"] = rank
    return items


# --------------------------------------------------------------------------
# Reconcile


@dataclass
class ReconcileResult:
    """The reconciled corpus.

    Attributes:
        claims: Dataset rows, columns as `dataset.CLAIM_COLUMNS`, by article then offsets.
        entities: Entity rows, columns as `dataset.ENTITY_COLUMNS`.
        dates: Date rows, columns as `dataset.DATE_COLUMNS`.
        review: The review queue, most consequential first.
    """

    claims: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    review: list[dict[str, Any]]

    def summary(self) -> dict[str, dict[str, int]]:
        """Item counts per table and status (every status present, in `STATUSES` order)."""
        result = {}
        for table, rows in (("claims", self.claims), ("entities", self.entities), ("dates", self.dates)):
            counts = Counter(row["status"] for row in rows)
            result[table] = {status: counts[status] for status in STATUSES}
        result["review"] = {"items": len(self.review)}
        return result


def _by_annotator(records: Mapping[str, AnnotationRecord] | Sequence[AnnotationRecord]) -> dict[str, AnnotationRecord]:
    """Records keyed by annotator name; a list is keyed by each record's `annotator` (repeats numbered)."""
    if isinstance(records, Mapping):
        return dict(records)
    keyed: dict[str, AnnotationRecord] = {}
    for record in records:
        name, number = record.annotator, 1
        while name in keyed:
            number += 1
            name = f"{record.annotator}~{number}"
        keyed[name] = record
    return keyed


def _check(
    article_id: str,
    article: Article | None,
    records: Mapping[str, AnnotationRecord],
    prediction: AnnotationRecord | None,
) -> list[str]:
    """Problems that make an article's offsets untrustworthy."""
    if article is None:
        return [f"{article_id}: no article text in the corpus for this article's annotations"]
    problems = []
    for name, record in sorted(records.items()):
        if record.text_sha256 != article.sha256:
            problems.append(
                f"{article_id}: annotator {name!r}: text_sha256 {record.text_sha256[:12]}... does not match "
                f"the article text ({article.sha256[:12]}...); the annotation is for another version of the text"
            )
    if prediction is not None and prediction.text_sha256 != article.sha256:
        problems.append(
            f"{article_id}: pipeline record: text_sha256 does not match the article text; run `claims extract` again"
        )
    return problems


def reconcile(
    annotations: Mapping[str, Mapping[str, AnnotationRecord] | Sequence[AnnotationRecord]],
    predictions: Mapping[str, AnnotationRecord],
    kb: KnowledgeBase,
    articles: Mapping[str, Article],
) -> ReconcileResult:
    """Reconcile the pipeline's claims, entities and dates with the gold of every article.

    Args:
        annotations: By article id, its annotators' records keyed by
            annotator name (file stem, see `load_annotations`), or as a list
            (keyed by each record's `annotator`).
        predictions: The pipeline's records by article id (`load_predictions`).
        kb: The knowledge base (canonical names; its hash goes into provenance).
        articles: Articles by id (text for sentences, hash for provenance).

    Returns:
        Claim, entity and date rows of every article that has gold or a
        pipeline record, and the review queue.

    Raises:
        ReconcileError: an article's text is missing, or a record's
            `text_sha256` does not match it (one line per problem).
    """
    annotated = {article_id: _by_annotator(records) for article_id, records in annotations.items()}
    article_ids = sorted({*(a for a, r in annotated.items() if r), *predictions})
    problems = []
    for article_id in article_ids:
        problems += _check(article_id, articles.get(article_id), annotated.get(article_id, {}), predictions.get(article_id))
    if problems:
        raise ReconcileError(problems)

    claims: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    sentences: dict[tuple[str, str], str | None] = {}
    for article_id in article_ids:
        article = articles[article_id]
        prediction = predictions.get(article_id)
        gold = article_gold(annotated.get(article_id, {}))
        extra = prediction.extra if prediction is not None else {}
        context = _Article(
            article=article,
            gold=gold,
            prediction=prediction,
            sentences=(record_sentences(extra) if prediction is not None else None) or split_sentences(article.text),
            provenance={
                "pipeline_version": extra.get("pipeline_version"),
                "model": extra.get("model"),
                "model_version": extra.get("model_version"),
                "kb_sha256": kb.sha256 or None,
                "gold_annotator": gold.annotator if gold is not None else None,
                "text_sha256": article.sha256,
            },
            names={},
        )
        entity_pairs = _pairs("entity", gold, prediction)
        date_pairs = _pairs("date", gold, prediction)
        entity_rows = _mention_rows("entity", context, entity_pairs)
        date_rows = _mention_rows("date", context, date_pairs)
        context.names = _names(kb, entity_rows)
        for row in entity_rows:
            row["name"] = context.name(row["kb_id"]) if row["kb_id"] else None
        paired_entities = [(g, p) for g, p in entity_pairs if g is not None and p is not None]
        paired_dates = [(g, p) for g, p in date_pairs if g is not None and p is not None]
        claim_rows = _claim_rows(
            context,
            _pairs("claim", gold, prediction),
            _mention_corrections(paired_entities, "kb_id"),
            _mention_corrections(paired_dates, "value"),
        )
        for rows, id_field in ((claim_rows, "claim_id"), (entity_rows, "entity_id"), (date_rows, "date_id")):
            _unique_ids(rows, id_field)
            rows.sort(key=lambda row: (row["start"], row["end"], row[id_field]))
        for kind, rows in (("entity", entity_rows), ("date", date_rows)):
            for row in rows:
                sentences[(kind, row[f"{kind}_id"])] = context.sentence(row["start"], row["end"])
        claims += claim_rows
        entities += entity_rows
        dates += date_rows
    return ReconcileResult(claims, entities, dates, review_queue(claims, entities, dates, sentences))


def load_annotations(annotations_dir: Path) -> dict[str, dict[str, AnnotationRecord]]:
    """Every annotator's record of every article, keyed by article id then file stem.

    Raises:
        AnnotationFileError: a file cannot be read.
    """
    return {
        article_id: {path.stem: read_record(path) for path in files}
        for article_id, files in annotation_files(annotations_dir).items()
    }
