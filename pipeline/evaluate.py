"""Scoring of pipeline annotations against gold (SPEC section 4, Matching).

Everything here is a pure function of records: no file I/O and no printing.
`evaluate()` returns a JSON-serialisable dict; `format_report()` turns that
dict into a plain-text table for a terminal.

Matching is done by named, swappable strategy objects (as in nervaluate's
`strategies.py`): `STRICT` and `PARTIAL` for entity and date spans, and
`HALF_OVERLAP` for claims. Each pairs gold with predictions one-to-one,
greedily, best candidate pair first. Counts are kept as `PRF` and `Accuracy`
values (cf. spaCy's `PRFScore`), which add up, so totals over a corpus are
micro-averages: the sum of the per-article counts.

Conventions:
    * A ratio with a zero denominator is 0.0 (so empty against empty scores
      precision = recall = F1 = 0.0); the raw counts are always reported
      alongside, so a reader can tell "nothing to score" from "all wrong".
    * Field equality is exact string equality (`kb_id`, date `value`, claim
      `type`, `predicate`, ...); `None` equals `None`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Protocol, TypeVar

from pipeline.records import (
    CLAIM_TYPES,
    ENTITY_LABELS,
    AnnotationRecord,
    Claim,
    DateMention,
    Entity,
)

#: Claim fields scored by accuracy over paired claims.
CLAIM_FIELDS = ("type", "certainty", "polarity", "source", "predicate")
#: Claim fields holding sets of values, scored by micro set-F1 over paired claims.
CLAIM_SET_FIELDS = ("actors", "targets", "dates")

_DECIMALS = 4


def _ratio(numerator: int, denominator: int) -> float:
    """Return `numerator / denominator`, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


# --------------------------------------------------------------------------
# Counts


@dataclass(frozen=True)
class PRF:
    """True-positive, false-positive and false-negative counts.

    Attributes:
        tp: Predictions paired with gold.
        fp: Predictions without a gold partner.
        fn: Gold items without a predicted partner.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0.0 when nothing was predicted."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0.0 when there is no gold."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 0.0 when both are 0."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, Any]:
        """Return counts and ratios, the ratios rounded to 4 decimals."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, _DECIMALS),
            "recall": round(self.recall, _DECIMALS),
            "f1": round(self.f1, _DECIMALS),
        }


@dataclass(frozen=True)
class Accuracy:
    """How many of `total` compared items were `correct`."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """correct / total, 0.0 when nothing was compared."""
        return _ratio(self.correct, self.total)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_json(self) -> dict[str, Any]:
        """Return counts and the accuracy rounded to 4 decimals."""
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": round(self.accuracy, _DECIMALS),
        }


_Summable = TypeVar("_Summable", PRF, Accuracy)


def _add_maps(
    left: Mapping[str, _Summable],
    right: Mapping[str, _Summable],
    zero: _Summable,
    order: Callable[[Iterable[str]], list[str]] = list,
) -> dict[str, _Summable]:
    """Add two keyed count tables; keys missing on one side count as `zero`."""
    keys = order(dict.fromkeys([*left, *right]))
    return {key: left.get(key, zero) + right.get(key, zero) for key in keys}


def _in_order(known: Sequence[str]) -> Callable[[Iterable[str]], list[str]]:
    """Return a sorter putting `known` values first, in their order, then others sorted."""
    rank = {value: index for index, value in enumerate(known)}

    def order(values: Iterable[str]) -> list[str]:
        return sorted(values, key=lambda value: (rank.get(value, len(rank)), value))

    return order


_label_order = _in_order(ENTITY_LABELS)
_type_order = _in_order(CLAIM_TYPES)


# --------------------------------------------------------------------------
# Matching strategies


class Span(Protocol):
    """Anything with character offsets: `Entity`, `DateMention`, `Claim`."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=Span)


def _overlap(gold: Span, pred: Span) -> int:
    """Return the number of characters two spans share."""
    return max(0, min(gold.end, pred.end) - max(gold.start, pred.start))


def _jaccard(gold: Span, pred: Span) -> float:
    """Return overlap / union of two spans (0.0 for two empty spans)."""
    overlap = _overlap(gold, pred)
    union = (gold.end - gold.start) + (pred.end - pred.start) - overlap
    return _ratio(overlap, union)


def _label(span: Span) -> str | None:
    """Return the span's label, or None for spans without one (dates, claims)."""
    label: str | None = getattr(span, "label", None)
    return label


@dataclass(frozen=True)
class Matching:
    """A one-to-one pairing of gold items with predictions, by list index.

    Attributes:
        pairs: `(gold_index, pred_index)` pairs, sorted by gold index.
        unmatched_gold: Indices of gold items left without a partner.
        unmatched_pred: Indices of predictions left without a partner.
    """

    pairs: tuple[tuple[int, int], ...]
    unmatched_gold: tuple[int, ...]
    unmatched_pred: tuple[int, ...]

    @property
    def prf(self) -> PRF:
        """Pairs as true positives, leftovers as false positives / negatives."""
        return PRF(len(self.pairs), len(self.unmatched_pred), len(self.unmatched_gold))


@dataclass(frozen=True)
class MatchStrategy(ABC):
    """A named rule for which gold and predicted spans may pair, and which first.

    Subclasses define `affinity`; `match` pairs greedily, highest affinity
    first, ties broken by document order (gold start, end, then prediction
    start, end, then list position), so the result never depends on chance.

    Attributes:
        name: Key under which this strategy's scores are reported.
    """

    name: str

    @abstractmethod
    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """Rank a candidate pair.

        Args:
            gold: A gold span.
            pred: A predicted span.

        Returns:
            None if the two cannot pair, else a tuple compared
            lexicographically: higher pairs first.
        """

    def match(self, gold: Sequence[_S], pred: Sequence[_S]) -> Matching:
        """Pair gold with predictions one-to-one, best candidate pair first.

        Args:
            gold: Gold spans.
            pred: Predicted spans.

        Returns:
            The pairing, by index into `gold` and `pred`.
        """
        candidates = []
        for gold_index, gold_span in enumerate(gold):
            for pred_index, pred_span in enumerate(pred):
                affinity = self.affinity(gold_span, pred_span)
                if affinity is not None:
                    candidates.append(
                        (
                            tuple(-value for value in affinity),
                            (gold_span.start, gold_span.end, pred_span.start, pred_span.end),
                            gold_index,
                            pred_index,
                        )
                    )
        candidates.sort()
        paired_gold: set[int] = set()
        paired_pred: set[int] = set()
        pairs = []
        for _, _, gold_index, pred_index in candidates:
            if gold_index not in paired_gold and pred_index not in paired_pred:
                paired_gold.add(gold_index)
                paired_pred.add(pred_index)
                pairs.append((gold_index, pred_index))
        return Matching(
            pairs=tuple(sorted(pairs)),
            unmatched_gold=tuple(i for i in range(len(gold)) if i not in paired_gold),
            unmatched_pred=tuple(i for i in range(len(pred)) if i not in paired_pred),
        )


@dataclass(frozen=True)
class StrictMatch(MatchStrategy):
    """Same `start` and `end`, and the same `label` where spans have labels."""

    name: str = "strict"

    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """Return `(1,)` for an exact match, else None."""
        same_offsets = (gold.start, gold.end) == (pred.start, pred.end)
        return (1,) if same_offsets and _label(gold) == _label(pred) else None


@dataclass(frozen=True)
class PartialMatch(MatchStrategy):
    """Overlapping spans with the same `label` where spans have labels.

    The largest overlap (in characters) pairs first; among equal overlaps the
    tighter fit (higher overlap / union) wins, so a prediction that exactly
    covers one gold span is not taken by a longer gold span it merely touches.
    """

    name: str = "partial"

    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """Return `(overlap, overlap / union)`, or None if disjoint or labels differ."""
        overlap = _overlap(gold, pred)
        if overlap == 0 or _label(gold) != _label(pred):
            return None
        return (overlap, _jaccard(gold, pred))


@dataclass(frozen=True)
class MinOverlapMatch(MatchStrategy):
    """Spans sharing at least `min_fraction` of the shorter span (SPEC 4, claims).

    "Best overlap first" is read as highest overlap / union, then most shared
    characters: claims nest (a dated event inside a noun phrase is a claim of
    its own inside the enclosing clause's claim), and a predicted inner claim
    must pair with the gold inner claim rather than with the longer enclosing
    one it overlaps just as much.

    Attributes:
        min_fraction: Least share of the shorter span that must overlap.
    """

    name: str = "half_overlap"
    min_fraction: float = 0.5

    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """Return `(overlap / union, overlap)`, or None below the threshold."""
        overlap = _overlap(gold, pred)
        shorter = min(gold.end - gold.start, pred.end - pred.start)
        if overlap == 0 or overlap < self.min_fraction * shorter:
            return None
        return (_jaccard(gold, pred), overlap)


STRICT = StrictMatch()
PARTIAL = PartialMatch()
HALF_OVERLAP = MinOverlapMatch()
#: Strategies reported for entity and date spans, in report order.
SPAN_STRATEGIES: tuple[MatchStrategy, ...] = (STRICT, PARTIAL)


# --------------------------------------------------------------------------
# Entities


@dataclass(frozen=True)
class LabelledPRF:
    """Span counts overall and per label (labels in `ENTITY_LABELS` order)."""

    overall: PRF = PRF()
    per_label: Mapping[str, PRF] = field(default_factory=dict)

    def __add__(self, other: LabelledPRF) -> LabelledPRF:
        return LabelledPRF(
            self.overall + other.overall,
            _add_maps(self.per_label, other.per_label, PRF(), _label_order),
        )

    def to_json(self) -> dict[str, Any]:
        """Return `{"overall": PRF, "per_label": {label: PRF}}`."""
        return {
            "overall": self.overall.to_json(),
            "per_label": {label: prf.to_json() for label, prf in self.per_label.items()},
        }


@dataclass(frozen=True)
class LinkingScores:
    """Entity-linking scores.

    Attributes:
        pairs: Counts of same-entity mention pairs (see `score_linking_pairs`).
        kb_id_accuracy: Exact `kb_id` agreement over matched mentions whose
            gold `kb_id` is not null, keyed by matching strategy name.
    """

    pairs: PRF = PRF()
    kb_id_accuracy: Mapping[str, Accuracy] = field(default_factory=dict)

    def __add__(self, other: LinkingScores) -> LinkingScores:
        return LinkingScores(
            self.pairs + other.pairs,
            _add_maps(self.kb_id_accuracy, other.kb_id_accuracy, Accuracy()),
        )

    def to_json(self) -> dict[str, Any]:
        """Return `{"pairs": PRF, "kb_id_accuracy": {strategy: Accuracy}}`."""
        return {
            "pairs": self.pairs.to_json(),
            "kb_id_accuracy": {
                name: accuracy.to_json() for name, accuracy in self.kb_id_accuracy.items()
            },
        }


@dataclass(frozen=True)
class EntityScores:
    """Entity span scores per matching strategy, and linking scores."""

    spans: Mapping[str, LabelledPRF] = field(default_factory=dict)
    linking: LinkingScores = LinkingScores()

    def __add__(self, other: EntityScores) -> EntityScores:
        names = dict.fromkeys([*self.spans, *other.spans])
        return EntityScores(
            {
                name: self.spans.get(name, LabelledPRF()) + other.spans.get(name, LabelledPRF())
                for name in names
            },
            self.linking + other.linking,
        )

    def to_json(self) -> dict[str, Any]:
        """Return `{strategy: LabelledPRF, ..., "linking": LinkingScores}`."""
        result: dict[str, Any] = {name: scores.to_json() for name, scores in self.spans.items()}
        result["linking"] = self.linking.to_json()
        return result


def _per_label(gold: Sequence[Entity], pred: Sequence[Entity], matching: Matching) -> LabelledPRF:
    """Split a matching's counts by label: tp and fn by gold label, fp by predicted label."""
    tp = Counter(gold[g].label for g, _ in matching.pairs)
    fn = Counter(gold[g].label for g in matching.unmatched_gold)
    fp = Counter(pred[p].label for p in matching.unmatched_pred)
    labels = _label_order({*tp, *fn, *fp})
    return LabelledPRF(
        matching.prf,
        {label: PRF(tp[label], fp[label], fn[label]) for label in labels},
    )


def _same_entity_pairs(
    mentions: Iterable[tuple[int | str, str | None]],
) -> set[frozenset[int | str]]:
    """Return the unordered pairs of mention nodes that share a non-null `kb_id`.

    Args:
        mentions: `(node, kb_id)` for every mention; a node identifies a mention.
    """
    clusters: dict[str, list[int | str]] = {}
    for node, kb_id in mentions:
        if kb_id is not None:
            clusters.setdefault(kb_id, []).append(node)
    return {frozenset(pair) for nodes in clusters.values() for pair in combinations(nodes, 2)}


def score_linking_pairs(gold: Sequence[Entity], pred: Sequence[Entity], matching: Matching) -> PRF:
    """Score linking as pairs of mentions of the same entity.

    Mentions are clustered by `kb_id` (a null `kb_id` is a singleton). Each
    side contributes the set of unordered mention pairs inside its clusters.
    A predicted mention counts as the gold mention it is matched to; an
    unmatched prediction is a mention of its own, so its pairs are false
    positives, and pairs with an unmatched gold mention are false negatives.
    (This is pairwise clustering F1; frequent entities weigh quadratically.)

    Args:
        gold: Gold entity mentions.
        pred: Predicted entity mentions.
        matching: A matching of `gold` with `pred` (usually `PARTIAL`).

    Returns:
        Counts of mention pairs.
    """
    gold_pairs, pred_pairs = _linking_pair_sets(gold, pred, matching)
    return PRF(
        len(gold_pairs & pred_pairs), len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs)
    )


def _linking_pair_sets(
    gold: Sequence[Entity], pred: Sequence[Entity], matching: Matching
) -> tuple[set[frozenset[int | str]], set[frozenset[int | str]]]:
    """Same-entity mention pairs of gold and of predictions, as in `score_linking_pairs`.

    Nodes are gold indices (int) and, for unmatched predictions, `"pred-<index>"`.
    """
    gold_node = {p: g for g, p in matching.pairs}
    gold_pairs = _same_entity_pairs((g, entity.kb_id) for g, entity in enumerate(gold))
    pred_pairs = _same_entity_pairs(
        (gold_node.get(p, f"pred-{p}"), entity.kb_id) for p, entity in enumerate(pred)
    )
    return gold_pairs, pred_pairs


def _kb_id_accuracy(gold: Sequence[Entity], pred: Sequence[Entity], matching: Matching) -> Accuracy:
    """Return exact `kb_id` agreement over matched pairs with a non-null gold `kb_id`."""
    linked = [(gold[g], pred[p]) for g, p in matching.pairs if gold[g].kb_id is not None]
    return Accuracy(sum(g.kb_id == p.kb_id for g, p in linked), len(linked))


def score_entities(
    gold: Sequence[Entity],
    pred: Sequence[Entity],
    strategies: Sequence[MatchStrategy] = SPAN_STRATEGIES,
    linking_strategy: MatchStrategy = PARTIAL,
) -> EntityScores:
    """Score predicted entity mentions against gold.

    Args:
        gold: Gold entity mentions of one article.
        pred: Predicted entity mentions of the same article.
        strategies: Span matching strategies to report, each under its name.
        linking_strategy: Matching that identifies predicted with gold
            mentions for the linking pair score.

    Returns:
        Per strategy: overall and per-label counts, and `kb_id` accuracy;
        plus the linking pair counts.
    """
    matchings = {strategy.name: strategy.match(gold, pred) for strategy in strategies}
    return EntityScores(
        spans={name: _per_label(gold, pred, m) for name, m in matchings.items()},
        linking=LinkingScores(
            pairs=score_linking_pairs(gold, pred, linking_strategy.match(gold, pred)),
            kb_id_accuracy={name: _kb_id_accuracy(gold, pred, m) for name, m in matchings.items()},
        ),
    )


# --------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class DateScores:
    """Date span and value scores.

    Attributes:
        spans: Span counts keyed by matching strategy name.
        value_accuracy: Equal `value` over matched pairs, per strategy.
        value_f1: tp = partially matched pairs with equal `value`;
            fp = predictions - tp; fn = gold - tp.
    """

    spans: Mapping[str, PRF] = field(default_factory=dict)
    value_accuracy: Mapping[str, Accuracy] = field(default_factory=dict)
    value_f1: PRF = PRF()

    def __add__(self, other: DateScores) -> DateScores:
        return DateScores(
            _add_maps(self.spans, other.spans, PRF()),
            _add_maps(self.value_accuracy, other.value_accuracy, Accuracy()),
            self.value_f1 + other.value_f1,
        )

    def to_json(self) -> dict[str, Any]:
        """Return `{strategy: PRF, ..., "value_f1": PRF, "value_accuracy": {strategy: ACC}}`."""
        result: dict[str, Any] = {name: prf.to_json() for name, prf in self.spans.items()}
        result["value_f1"] = self.value_f1.to_json()
        result["value_accuracy"] = {
            name: accuracy.to_json() for name, accuracy in self.value_accuracy.items()
        }
        return result


def score_dates(
    gold: Sequence[DateMention],
    pred: Sequence[DateMention],
    strategies: Sequence[MatchStrategy] = SPAN_STRATEGIES,
    value_strategy: MatchStrategy = PARTIAL,
) -> DateScores:
    """Score predicted date mentions against gold, spans and values.

    Args:
        gold: Gold date mentions of one article.
        pred: Predicted date mentions of the same article.
        strategies: Span matching strategies to report, each under its name.
        value_strategy: Matching whose pairs count towards `value_f1`.

    Returns:
        Span counts and value accuracy per strategy, and value F1 counts.
    """
    matchings = {strategy.name: strategy.match(gold, pred) for strategy in strategies}
    value_pairs = value_strategy.match(gold, pred).pairs
    equal_values = sum(gold[g].value == pred[p].value for g, p in value_pairs)
    return DateScores(
        spans={name: m.prf for name, m in matchings.items()},
        value_accuracy={
            name: Accuracy(sum(gold[g].value == pred[p].value for g, p in m.pairs), len(m.pairs))
            for name, m in matchings.items()
        },
        value_f1=PRF(equal_values, len(pred) - equal_values, len(gold) - equal_values),
    )


# --------------------------------------------------------------------------
# Claims


@dataclass(frozen=True)
class ClaimScores:
    """Claim detection and field scores (SPEC section 4).

    Attributes:
        detection: Paired claims (tp), spurious predictions (fp), missed gold (fn).
        fields: Exact agreement over pairs for each of `CLAIM_FIELDS`.
        sets: Micro set-F1 over pairs for each of `CLAIM_SET_FIELDS`: per
            pair, tp = |gold ∩ pred|, fp = |pred - gold|, fn = |gold - pred|,
            summed over pairs. Unpaired claims do not count here.
        type_confusion: Pair counts keyed by `(gold type, predicted type)`.
        missed: Gold claims without a predicted partner.
        spurious: Predicted claims without a gold partner.
    """

    detection: PRF = PRF()
    fields: Mapping[str, Accuracy] = field(default_factory=dict)
    sets: Mapping[str, PRF] = field(default_factory=dict)
    type_confusion: Mapping[tuple[str, str], int] = field(default_factory=dict)
    missed: tuple[Claim, ...] = ()
    spurious: tuple[Claim, ...] = ()

    def __add__(self, other: ClaimScores) -> ClaimScores:
        return ClaimScores(
            self.detection + other.detection,
            _add_maps(self.fields, other.fields, Accuracy()),
            _add_maps(self.sets, other.sets, PRF()),
            dict(Counter(self.type_confusion) + Counter(other.type_confusion)),
            self.missed + other.missed,
            self.spurious + other.spurious,
        )

    def to_json(self, include_claims: bool = True) -> dict[str, Any]:
        """Return the scores as JSON.

        Args:
            include_claims: Whether to list missed and spurious claims
                (`{"id", "start", "end", "text"}` each). Claim ids are only
                unique within an article, so corpus totals leave them out.

        Returns:
            `{"detection", "fields", "sets", "type_confusion"[, "missed", "spurious"]}`;
            `type_confusion` is `{gold_type: {pred_type: count}}`, square over
            `CLAIM_TYPES` plus any other type seen.
        """
        types = _type_order({t for pair in self.type_confusion for t in pair} | set(CLAIM_TYPES))
        result: dict[str, Any] = {
            "detection": self.detection.to_json(),
            "fields": {name: accuracy.to_json() for name, accuracy in self.fields.items()},
            "sets": {name: prf.to_json() for name, prf in self.sets.items()},
            "type_confusion": {
                gold_type: {
                    pred_type: self.type_confusion.get((gold_type, pred_type), 0)
                    for pred_type in types
                }
                for gold_type in types
            },
        }
        if include_claims:
            result["missed"] = [_claim_ref(claim) for claim in self.missed]
            result["spurious"] = [_claim_ref(claim) for claim in self.spurious]
        return result


def _claim_ref(claim: Claim) -> dict[str, Any]:
    """Return what a reader needs to find a claim: id, offsets, text."""
    return {"id": claim.id, "start": claim.start, "end": claim.end, "text": claim.text}


def _set_prf(gold: Iterable[str], pred: Iterable[str]) -> PRF:
    """Return set-overlap counts of two collections of values."""
    gold_set, pred_set = set(gold), set(pred)
    return PRF(len(gold_set & pred_set), len(pred_set - gold_set), len(gold_set - pred_set))


def score_claims(
    gold: Sequence[Claim],
    pred: Sequence[Claim],
    strategy: MatchStrategy = HALF_OVERLAP,
) -> ClaimScores:
    """Score predicted claims against gold.

    Args:
        gold: Gold claims of one article.
        pred: Predicted claims of the same article.
        strategy: Claim pairing rule; by default SPEC section 4's overlap of
            at least half the shorter span, best overlap first.

    Returns:
        Detection counts; field accuracy, set-F1 counts and the `type`
        confusion over pairs; the missed and spurious claims.
    """
    matching = strategy.match(gold, pred)
    pairs = [(gold[g], pred[p]) for g, p in matching.pairs]
    return ClaimScores(
        detection=matching.prf,
        fields={
            name: Accuracy(sum(getattr(g, name) == getattr(p, name) for g, p in pairs), len(pairs))
            for name in CLAIM_FIELDS
        },
        sets={
            name: sum((_set_prf(getattr(g, name), getattr(p, name)) for g, p in pairs), PRF())
            for name in CLAIM_SET_FIELDS
        },
        type_confusion=dict(Counter((g.type, p.type) for g, p in pairs)),
        missed=tuple(gold[g] for g in matching.unmatched_gold),
        spurious=tuple(pred[p] for p in matching.unmatched_pred),
    )


# --------------------------------------------------------------------------
# Whole corpus


@dataclass(frozen=True)
class ArticleScores:
    """Entity, date and claim scores of one article, or summed over several."""

    entities: EntityScores
    dates: DateScores
    claims: ClaimScores

    def __add__(self, other: ArticleScores) -> ArticleScores:
        return ArticleScores(
            self.entities + other.entities,
            self.dates + other.dates,
            self.claims + other.claims,
        )

    def to_json(self, include_claims: bool = True) -> dict[str, Any]:
        """Return `{"entities", "dates", "claims"}`; see `ClaimScores.to_json`."""
        return {
            "entities": self.entities.to_json(),
            "dates": self.dates.to_json(),
            "claims": self.claims.to_json(include_claims),
        }


def score_article(gold: AnnotationRecord, pred: AnnotationRecord) -> ArticleScores:
    """Score one article's predicted record against its gold record."""
    return ArticleScores(
        score_entities(gold.entities, pred.entities),
        score_dates(gold.dates, pred.dates),
        score_claims(gold.claims, pred.claims),
    )


def evaluate(
    gold_records: Mapping[str, AnnotationRecord],
    pred_records: Mapping[str, AnnotationRecord],
) -> dict[str, Any]:
    """Score predictions against gold for every article that has both.

    Args:
        gold_records: Gold records keyed by article id.
        pred_records: Predicted records keyed by article id.

    Returns:
        A JSON-serialisable dict, keys in a fixed order::

            {"articles": {article_id: ARTICLE, ...},   # sorted by id
             "total": ARTICLE,                          # micro: summed counts
             "missing": {"no_prediction": [ids], "no_gold": [ids]}}

        where ARTICLE is ``{"entities": {"strict": {"overall": PRF,
        "per_label": {label: PRF}}, "partial": {...}, "linking": {"pairs":
        PRF, "kb_id_accuracy": {"strict": ACC, "partial": ACC}}}, "dates":
        {"strict": PRF, "partial": PRF, "value_f1": PRF, "value_accuracy":
        {"strict": ACC, "partial": ACC}}, "claims": {"detection": PRF,
        "fields": {field: ACC}, "sets": {field: PRF}, "type_confusion":
        {gold_type: {pred_type: n}}, "missed": [...], "spurious": [...]}}``
        (the total has no "missed"/"spurious" lists), PRF is
        ``{"tp", "fp", "fn", "precision", "recall", "f1"}`` and ACC is
        ``{"correct", "total", "accuracy"}``.
    """
    article_ids = sorted(gold_records.keys() & pred_records.keys())
    per_article = {
        article_id: score_article(gold_records[article_id], pred_records[article_id])
        for article_id in article_ids
    }
    empty = AnnotationRecord(article_id="", annotator="", text_sha256="")
    total = sum(per_article.values(), score_article(empty, empty))
    return {
        "articles": {article_id: scores.to_json() for article_id, scores in per_article.items()},
        "total": total.to_json(include_claims=False),
        "missing": {
            "no_prediction": sorted(gold_records.keys() - pred_records.keys()),
            "no_gold": sorted(pred_records.keys() - gold_records.keys()),
        },
    }


# --------------------------------------------------------------------------
# Confidence intervals


#: The F1 scores given a bootstrap interval, as `(section, name)` of `evaluate()`'s JSON.
BOOTSTRAP_METRICS: tuple[tuple[str, str], ...] = (
    ("entities", "strict"),
    ("entities", "partial"),
    ("entities", "linking"),
    ("dates", "strict"),
    ("dates", "partial"),
    ("dates", "value"),
    ("claims", "detection"),
)


def _unit_counts(
    gold: AnnotationRecord, pred: AnnotationRecord, bounds: Sequence[tuple[int, int]]
) -> list[list[list[float]]]:
    """Per sentence of one article, `[tp, fp, fn]` of every metric in `BOOTSTRAP_METRICS`.

    A true positive and a false negative belong to the gold item's sentence, a
    false positive to the predicted item's (the sentence an item starts in).
    A linking pair spans two mentions, so it counts one half in each
    mention's sentence: the sum over all sentences is the article's count.
    """
    import bisect

    starts = [start for start, _ in bounds] or [0]
    counts = [[[0.0, 0.0, 0.0] for _ in BOOTSTRAP_METRICS] for _ in starts]

    def unit(position: int) -> int:
        return max(0, bisect.bisect_right(starts, position) - 1)

    def add(metric: int, matching: Matching, gold_items: Sequence[Span], pred_items: Sequence[Span]) -> None:
        for g, _ in matching.pairs:
            counts[unit(gold_items[g].start)][metric][0] += 1
        for p in matching.unmatched_pred:
            counts[unit(pred_items[p].start)][metric][1] += 1
        for g in matching.unmatched_gold:
            counts[unit(gold_items[g].start)][metric][2] += 1

    add(0, STRICT.match(gold.entities, pred.entities), gold.entities, pred.entities)
    partial = PARTIAL.match(gold.entities, pred.entities)
    add(1, partial, gold.entities, pred.entities)
    gold_pairs, pred_pairs = _linking_pair_sets(gold.entities, pred.entities, partial)

    def node_start(node: int | str) -> int:
        if isinstance(node, int):
            return gold.entities[node].start
        return pred.entities[int(node.split("-", 1)[1])].start

    for pairs, slot in ((gold_pairs & pred_pairs, 0), (pred_pairs - gold_pairs, 1), (gold_pairs - pred_pairs, 2)):
        for pair in pairs:
            for node in pair:
                counts[unit(node_start(node))][2][slot] += 0.5
    add(3, STRICT.match(gold.dates, pred.dates), gold.dates, pred.dates)
    date_pairs = PARTIAL.match(gold.dates, pred.dates)
    add(4, date_pairs, gold.dates, pred.dates)
    equal = {(g, p) for g, p in date_pairs.pairs if gold.dates[g].value == pred.dates[p].value}
    for g, _ in equal:
        counts[unit(gold.dates[g].start)][5][0] += 1
    right_pred = {p for _, p in equal}
    right_gold = {g for g, _ in equal}
    for p, mention in enumerate(pred.dates):
        if p not in right_pred:
            counts[unit(mention.start)][5][1] += 1
    for g, mention in enumerate(gold.dates):
        if g not in right_gold:
            counts[unit(mention.start)][5][2] += 1
    add(6, HALF_OVERLAP.match(gold.claims, pred.claims), gold.claims, pred.claims)
    return counts


def _pipeline_sentences(record: AnnotationRecord) -> list[tuple[int, int]]:
    """Sentence bounds from a pipeline record's `sentences`, or one unit for the whole article."""
    sentences = record.extra.get("sentences")
    if isinstance(sentences, list) and sentences:
        return sorted((int(s["start"]), int(s["end"])) for s in sentences)
    return [(0, 0)]


def confidence_intervals(
    gold_records: Mapping[str, AnnotationRecord],
    pred_records: Mapping[str, AnnotationRecord],
    sentences: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    *,
    resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> dict[str, Any]:
    """Bootstrap confidence intervals of the corpus (micro) F1 scores, resampling sentences.

    Every sentence of every article with gold and a prediction is one unit;
    each resample draws as many units with replacement (numpy's PCG64 seeded
    with `seed`, so the result is the same on every run), sums their counts
    and computes F1; the interval is the percentile interval of the resampled
    F1 values (Efron and Tibshirani 1993, ch. 13). Items count in the
    sentence they start in; see `_unit_counts` for linking pairs.

    Args:
        gold_records: Gold records keyed by article id.
        pred_records: Predicted records keyed by article id.
        sentences: Sentence bounds per article; by default the pipeline
            record's `sentences`, else the whole article is one unit.
        resamples: Number of bootstrap resamples.
        seed: Seed of the random generator.
        level: Confidence level of the interval.

    Returns:
        ``{"method": "percentile bootstrap over sentences", "level", "resamples",
        "seed", "units": n_sentences, "entities": {"strict": CI, "partial": CI,
        "linking": CI}, "dates": {"strict": CI, "partial": CI, "value": CI},
        "claims": {"detection": CI}}`` with CI = ``{"f1", "low", "high"}``,
        `f1` being the point estimate over all sentences (the same as
        `evaluate()`'s total), all rounded to 4 decimals.
    """
    import numpy as np

    units: list[list[list[float]]] = []
    for article_id in sorted(gold_records.keys() & pred_records.keys()):
        gold, pred = gold_records[article_id], pred_records[article_id]
        bounds = (sentences or {}).get(article_id) or _pipeline_sentences(pred)
        units += _unit_counts(gold, pred, sorted(bounds))
    table = np.asarray(units, dtype=float).reshape(len(units), len(BOOTSTRAP_METRICS), 3)

    def f1(counts: Any) -> Any:
        tp, fp, fn = counts[..., 0], counts[..., 1], counts[..., 2]
        denominator = 2 * tp + fp + fn
        return np.divide(2 * tp, denominator, out=np.zeros_like(denominator), where=denominator > 0)

    point = f1(table.sum(axis=0))
    if len(units):
        rng = np.random.default_rng(seed)
        # One resample = how often each unit is drawn; its counts are the weighted sum.
        resampled = f1(np.stack([
            np.tensordot(np.bincount(rng.integers(0, len(units), size=len(units)), minlength=len(units)), table, axes=1)
            for _ in range(resamples)
        ]))
        tail = (1.0 - level) / 2.0
        low, high = np.quantile(resampled, [tail, 1.0 - tail], axis=0)
    else:
        low = high = point
    result: dict[str, Any] = {
        "method": "percentile bootstrap over sentences",
        "level": level,
        "resamples": resamples,
        "seed": seed,
        "units": len(units),
    }
    for index, (section, name) in enumerate(BOOTSTRAP_METRICS):
        result.setdefault(section, {})[name] = {
            "f1": round(float(point[index]), _DECIMALS),
            "low": round(float(low[index]), _DECIMALS),
            "high": round(float(high[index]), _DECIMALS),
        }
    return result


# --------------------------------------------------------------------------
# Plain-text report

_NAME_WIDTH = 30


def _prf_row(name: str, prf: Mapping[str, Any]) -> str:
    """Format one row of a count table from a `PRF.to_json()` dict."""
    return (
        f"{name:<{_NAME_WIDTH}}{prf['tp']:>7}{prf['fp']:>7}{prf['fn']:>7}"
        f"{prf['precision']:>9.4f}{prf['recall']:>9.4f}{prf['f1']:>9.4f}"
    )


def _accuracy_row(name: str, accuracy: Mapping[str, Any]) -> str:
    """Format one row of an accuracy table from an `Accuracy.to_json()` dict."""
    return (
        f"{name:<{_NAME_WIDTH}}{accuracy['correct']:>9}{accuracy['total']:>9}"
        f"{accuracy['accuracy']:>10.4f}"
    )


def _format_scores(title: str, scores: Mapping[str, Any]) -> list[str]:
    """Format one `ArticleScores.to_json()` dict as tables under a title."""
    entities, dates, claims = scores["entities"], scores["dates"], scores["claims"]
    span_names = [name for name in entities if name != "linking"]
    lines = [f"== {title} ==", ""]

    lines.append(f"{'':<{_NAME_WIDTH}}{'TP':>7}{'FP':>7}{'FN':>7}{'P':>9}{'R':>9}{'F1':>9}")
    lines += [_prf_row(f"entities {name}", entities[name]["overall"]) for name in span_names]
    labels = _label_order({label for name in span_names for label in entities[name]["per_label"]})
    for label in labels:
        for name in span_names:
            per_label = entities[name]["per_label"]
            if label in per_label:
                lines.append(_prf_row(f"  {label} {name}", per_label[label]))
    lines.append(_prf_row("entity linking (mention pairs)", entities["linking"]["pairs"]))
    lines += [
        _prf_row(f"dates {name}", dates[name])
        for name in dates
        if name not in ("value_f1", "value_accuracy")
    ]
    lines.append(_prf_row("date values", dates["value_f1"]))
    lines.append(_prf_row("claims detected", claims["detection"]))
    lines += [_prf_row(f"claim {name} (set)", prf) for name, prf in claims["sets"].items()]

    lines.append("")
    lines.append(f"{'':<{_NAME_WIDTH}}{'correct':>9}{'total':>9}{'accuracy':>10}")
    lines += [
        _accuracy_row(f"entity kb_id {name}", accuracy)
        for name, accuracy in entities["linking"]["kb_id_accuracy"].items()
    ]
    lines += [
        _accuracy_row(f"date value {name}", accuracy)
        for name, accuracy in dates["value_accuracy"].items()
    ]
    lines += [
        _accuracy_row(f"claim {name}", accuracy) for name, accuracy in claims["fields"].items()
    ]

    confusion = claims["type_confusion"]
    if any(count for row in confusion.values() for count in row.values()):
        types = list(confusion)
        width = max(len(t) for t in types) + 2
        lines += ["", "claim type confusion (rows gold, columns predicted)"]
        lines.append(f"{'':<{width}}" + "".join(f"{t:>{width}}" for t in types))
        lines += [
            f"{gold_type:<{width}}" + "".join(f"{row[t]:>{width}}" for t in types)
            for gold_type, row in confusion.items()
        ]
    lines.append("")
    return lines


def format_report(result: Mapping[str, Any]) -> str:
    """Render an `evaluate()` result as fixed-width plain-text tables.

    Args:
        result: The dict returned by `evaluate()` (or read back from JSON).

    Returns:
        One block per article, then the micro total and the articles that
        lack gold or a prediction.
    """
    lines: list[str] = []
    for article_id, scores in result["articles"].items():
        lines += _format_scores(article_id, scores)
    count = len(result["articles"])
    lines += _format_scores(f"TOTAL (micro, {count} article{'s' * (count != 1)})", result["total"])
    missing = result["missing"]
    lines.append(f"gold but no prediction: {', '.join(missing['no_prediction']) or '-'}")
    lines.append(f"prediction but no gold: {', '.join(missing['no_gold']) or '-'}")
    if result.get("confidence"):
        lines += ["", *_format_confidence(result["confidence"])]
    if result.get("agreement"):
        lines += ["", *_format_agreement(result["agreement"])]
    return "\n".join(lines) + "\n"


def _format_confidence(confidence: Mapping[str, Any]) -> list[str]:
    """Format a `confidence_intervals()` dict: one row per F1 with its interval."""
    level = round(100 * confidence["level"])
    title = (
        f"== F1 with {level}% confidence intervals ({confidence['method']}, "
        f"{confidence['units']} sentences, {confidence['resamples']} resamples, seed {confidence['seed']}) =="
    )
    lines = [
        title,
        "",
        f"{'':<{_NAME_WIDTH}}{'F1':>9}{'low':>9}{'high':>9}",
    ]
    for section, name in BOOTSTRAP_METRICS:
        interval = confidence.get(section, {}).get(name)
        if interval:
            lines.append(
                f"{section + ' ' + name:<{_NAME_WIDTH}}{interval['f1']:>9.4f}{interval['low']:>9.4f}{interval['high']:>9.4f}"
            )
    return lines


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.4f}"


def _format_agreement(agreement: Mapping[str, Any]) -> list[str]:
    """Format an `agreement.annotator_agreement()` dict: one row per annotator pair."""
    header = (
        f"{'annotators':<{_NAME_WIDTH}}{'ent F1':>9}{'ent ~F1':>9}{'date F1':>9}{'claim F1':>9}"
        f"{'k type':>9}{'k cert':>9}{'a type':>9}{'a cert':>9}"
    )

    def pair_row(name: str, pair: Mapping[str, Any]) -> str:
        entities, dates, claims = pair["entities"], pair["dates"], pair["claims"]
        coefficients = claims["agreement"]
        return (
            f"{name:<{_NAME_WIDTH}}{entities['strict']['overall']['f1']:>9.4f}"
            f"{entities['partial']['overall']['f1']:>9.4f}{dates['strict']['f1']:>9.4f}"
            f"{claims['detection']['f1']:>9.4f}"
            f"{_number(coefficients['type']['kappa']):>9}{_number(coefficients['certainty']['kappa']):>9}"
            f"{_number(coefficients['type']['alpha']):>9}{_number(coefficients['certainty']['alpha']):>9}"
        )

    lines = [
        "== annotator agreement (F1: strict entities, partial entities, strict dates, claims;",
        "   kappa and alpha of claim type and certainty over paired claims) ==",
        "",
        header,
    ]
    for article_id, article in agreement["articles"].items():
        lines.append(article_id)
        lines += [pair_row("  " + " vs ".join(pair["annotators"]), pair) for pair in article["pairs"]]
        everyone = article["all"]
        lines.append(
            f"  alpha, all {len(everyone['annotators'])} annotators: type {_number(everyone['type']['alpha'])}, "
            f"certainty {_number(everyone['certainty']['alpha'])}"
        )
    if agreement["total"]["pairs"]:
        lines.append("TOTAL (pooled over articles)")
        lines += [pair_row("  " + " vs ".join(pair["annotators"]), pair) for pair in agreement["total"]["pairs"]]
    if not agreement["articles"]:
        lines.append("no article has two or more annotators")
    misaligned = agreement.get("misaligned_spans")
    if misaligned:
        lines += ["", f"spans not on token boundaries ({len(misaligned)}):"]
        lines += [
            f"  {span['article_id']} {span['annotator']} {span['kind']} {span['start']}-{span['end']} {span['text']!r}"
            for span in misaligned
        ]
    elif misaligned is not None:
        lines.append("every span is on token boundaries")
    return lines
