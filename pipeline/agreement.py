"""Annotator agreement: aligning several annotators' items, Cohen's kappa, Krippendorff's alpha.

Everything here is a pure function of records (no file I/O, no printing).

* `align` groups the items (entities, dates or claims) of several annotators
  of one article into units, one item per annotator at most, with a SPEC
  section 4 matching strategy; `reconcile.py` votes over these units.
* `cohen_kappa` is Cohen's (1960) kappa for two coders over paired values:
  kappa = (p_o - p_e) / (1 - p_e), p_o the observed share of agreeing pairs,
  p_e = sum over categories k of p_a(k) * p_b(k), each coder's marginal share
  of k over the same pairs.
* `krippendorff_alpha` is Krippendorff's alpha for nominal data, any number
  of coders and missing values (Krippendorff 2011, "Computing Krippendorff's
  Alpha-Reliability"): from the coincidence matrix o_ck (each unit with m_u >= 2
  values adds 1 / (m_u - 1) for every ordered pair of its values),
  n_c = sum_k o_ck, n = sum_c n_c, alpha = 1 - (n - 1) * sum_{c != k} o_ck /
  sum_{c != k} n_c * n_k.
* `annotator_agreement` compares every pair of annotators of every article
  with two or more annotation files (the pipeline optionally one more
  annotator): span P/R/F1 of entities (per label), dates and claims (per
  type), and kappa and alpha for claim `type` and `certainty` over the claims
  paired by HALF_OVERLAP; also alpha over all annotators at once, and a list
  of the spans that do not sit on token boundaries (listed, never dropped).

Undefined statistics are None (JSON null): kappa and alpha with no paired
values, or when chance agreement is already perfect (p_e = 1: both coders used
one and the same category throughout; D_e = 0 for alpha).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, TypeVar

from pipeline.evaluate import (
    HALF_OVERLAP,
    PRF,
    ArticleScores,
    MatchStrategy,
    MinOverlapMatch,
    Span,
    _in_order,
    score_article,
)
from pipeline.records import CLAIM_TYPES, AnnotationRecord, Claim

#: Name of the reconciled gold annotator (file `gold.json`) and of the pipeline.
GOLD = "gold"
PIPELINE = "pipeline"
#: Claim fields whose agreement is measured with kappa and alpha.
AGREEMENT_FIELDS = ("type", "certainty")

_DECIMALS = 4
_T = TypeVar("_T", bound=Span)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, _DECIMALS)


# --------------------------------------------------------------------------
# Alignment of several annotators


def align(items_by_annotator: Mapping[str, Sequence[_T]], strategy: MatchStrategy) -> list[dict[str, _T]]:
    """Group several annotators' items into units, at most one item per annotator each.

    Annotators are taken in the mapping's order. Each unit is represented by
    its first member; the next annotator's items are paired one-to-one with
    the representatives by `strategy` (best pair first), and an item left
    over opens a unit of its own.

    Args:
        items_by_annotator: Each annotator's items of one article.
        strategy: The pairing rule (HALF_OVERLAP for claims).

    Returns:
        Units as `{annotator: item}`, ordered by their representative's
        offsets, then by annotator order.
    """
    units: list[dict[str, _T]] = []
    representatives: list[_T] = []
    for annotator, items in items_by_annotator.items():
        matching = strategy.match(representatives, items)
        for unit_index, item_index in matching.pairs:
            units[unit_index][annotator] = items[item_index]
        for item_index in matching.unmatched_pred:
            units.append({annotator: items[item_index]})
            representatives.append(items[item_index])
    order = {name: rank for rank, name in enumerate(items_by_annotator)}
    keyed = [
        ((rep.start, rep.end, min(order[name] for name in unit)), unit)
        for rep, unit in zip(representatives, units)
    ]
    return [unit for _, unit in sorted(keyed, key=lambda pair: pair[0])]


def annotator_order(names: Iterable[str]) -> list[str]:
    """Order annotators: `gold` first, then the others by name, the pipeline last."""
    def rank(name: str) -> tuple[int, str]:
        return (0 if name == GOLD else 2 if name == PIPELINE else 1, name)

    return sorted(set(names), key=rank)


# --------------------------------------------------------------------------
# Coefficients


@dataclass(frozen=True)
class Kappa:
    """Cohen's kappa with its parts.

    Attributes:
        n: Paired values compared.
        observed: p_o, share of pairs with equal values.
        expected: p_e, chance agreement from the two coders' marginals.
    """

    n: int
    observed: float
    expected: float

    @property
    def kappa(self) -> float | None:
        """(p_o - p_e) / (1 - p_e); None with no pairs or when p_e = 1."""
        if self.n == 0 or self.expected >= 1.0:
            return None
        return (self.observed - self.expected) / (1.0 - self.expected)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> Kappa:
    """Cohen's (1960) kappa of two coders over paired nominal values.

    Args:
        pairs: `(value by coder A, value by coder B)` for every unit both coded.

    Returns:
        The kappa with n, p_o and p_e (`Kappa.kappa` is the coefficient).
    """
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        return Kappa(0, 0.0, 0.0)
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[value] * second[value] for value in first) / (n * n)
    return Kappa(n, observed, expected)


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha (nominal) with its parts.

    Attributes:
        units: Units with at least two values (the pairable ones).
        values: n, the number of pairable values.
        observed_disagreement: D_o = sum_{c != k} o_ck / n.
        expected_disagreement: D_e = sum_{c != k} n_c n_k / (n (n - 1)).
    """

    units: int
    values: int
    observed_disagreement: float
    expected_disagreement: float

    @property
    def alpha(self) -> float | None:
        """1 - D_o / D_e; None with fewer than two pairable values or when D_e = 0."""
        if self.values < 2 or self.expected_disagreement <= 0.0:
            return None
        return 1.0 - self.observed_disagreement / self.expected_disagreement


def krippendorff_alpha(units: Iterable[Iterable[Hashable | None]]) -> Alpha:
    """Krippendorff's alpha for nominal values, any number of coders, missing values allowed.

    Args:
        units: One sequence per unit of the values the coders gave it; None
            (or a shorter sequence) for a coder who gave none. Units with
            fewer than two values cannot be paired and are left out.

    Returns:
        The alpha with its parts (`Alpha.alpha` is the coefficient).
    """
    coincidence: dict[tuple[Hashable, Hashable], float] = {}
    pairable = 0
    for unit in units:
        values = [value for value in unit if value is not None]
        m = len(values)
        if m < 2:
            continue
        pairable += 1
        counts = Counter(values)
        for c, count_c in counts.items():
            for k, count_k in counts.items():
                # Ordered pairs of distinct values within the unit: count_c * count_k,
                # less the pairs of a value with itself when c == k.
                pairs = count_c * (count_k - 1) if c == k else count_c * count_k
                if pairs:
                    coincidence[(c, k)] = coincidence.get((c, k), 0.0) + pairs / (m - 1)
    marginals: dict[Hashable, float] = {}
    for (c, _), weight in coincidence.items():
        marginals[c] = marginals.get(c, 0.0) + weight
    n = sum(marginals.values())
    n_int = round(n)
    if n_int < 2:
        return Alpha(pairable, n_int, 0.0, 0.0)
    disagree = sum(weight for (c, k), weight in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    return Alpha(pairable, n_int, disagree / n, expected / (n * (n - 1)))


def _coefficients_json(kappa: Kappa, alpha: Alpha) -> dict[str, Any]:
    return {
        "n": kappa.n,
        "observed": _round(kappa.observed),
        "expected": _round(kappa.expected),
        "kappa": _round(kappa.kappa),
        "alpha": _round(alpha.alpha),
    }


# --------------------------------------------------------------------------
# Token boundaries


@dataclass(frozen=True)
class TokenBoundaries:
    """Token start and end offsets of one article text."""

    starts: frozenset[int]
    ends: frozenset[int]


def token_boundaries(texts: Mapping[str, str], tokenizer: Any = None) -> dict[str, TokenBoundaries]:
    """Token boundaries of each article, from spaCy's English tokenizer.

    Args:
        texts: Article text by article id.
        tokenizer: A spaCy tokenizer (`nlp.tokenizer`); by default that of
            `spacy.blank("en")`, whose rules the English models share.

    Returns:
        Boundaries by article id.
    """
    if tokenizer is None:
        import spacy

        tokenizer = spacy.blank("en").tokenizer
    boundaries = {}
    for article_id, text in texts.items():
        doc = tokenizer(text)
        boundaries[article_id] = TokenBoundaries(
            frozenset(token.idx for token in doc if not token.is_space),
            frozenset(token.idx + len(token.text) for token in doc if not token.is_space),
        )
    return boundaries


def misaligned_spans(
    records: Mapping[str, AnnotationRecord],
    boundaries: TokenBoundaries,
    article_id: str,
) -> list[dict[str, Any]]:
    """Spans of one article whose start or end is not on a token boundary.

    Args:
        records: Annotation records of the article by annotator.
        boundaries: The article's token boundaries.
        article_id: Reported with each span.

    Returns:
        `{"article_id", "annotator", "kind", "id", "start", "end", "text",
        "start_aligned", "end_aligned"}` per misaligned span, by annotator,
        kind (entity, date, claim), then offsets.
    """
    found = []
    for annotator, record in records.items():
        kinds: list[tuple[str, Sequence[Any]]] = [
            ("entity", record.entities), ("date", record.dates), ("claim", record.claims),
        ]
        for kind, items in kinds:
            for item in sorted(items, key=lambda i: (i.start, i.end)):
                start_ok = item.start in boundaries.starts
                end_ok = item.end in boundaries.ends
                if not (start_ok and end_ok):
                    found.append({
                        "article_id": article_id,
                        "annotator": annotator,
                        "kind": kind,
                        "id": getattr(item, "id", None),
                        "start": item.start,
                        "end": item.end,
                        "text": item.text,
                        "start_aligned": start_ok,
                        "end_aligned": end_ok,
                    })
    return found


# --------------------------------------------------------------------------
# Annotator vs annotator


@dataclass(frozen=True)
class SameTypeOverlap(MinOverlapMatch):
    """HALF_OVERLAP restricted to claims of the same `type` (for per-type span F1)."""

    name: str = "half_overlap_same_type"

    def affinity(self, gold: Span, pred: Span) -> tuple[float, ...] | None:
        """As `MinOverlapMatch`, None when the claim types differ."""
        if getattr(gold, "type", None) != getattr(pred, "type", None):
            return None
        return super().affinity(gold, pred)


SAME_TYPE_OVERLAP = SameTypeOverlap()
_type_order = _in_order(CLAIM_TYPES)


def _per_type(first: Sequence[Claim], second: Sequence[Claim]) -> dict[str, PRF]:
    """Claim span counts per type: pairs need HALF_OVERLAP and the same type."""
    matching = SAME_TYPE_OVERLAP.match(first, second)
    tp = Counter(first[a].type for a, _ in matching.pairs)
    fn = Counter(first[a].type for a in matching.unmatched_gold)
    fp = Counter(second[b].type for b in matching.unmatched_pred)
    return {t: PRF(tp[t], fp[t], fn[t]) for t in _type_order({*tp, *fn, *fp})}


@dataclass
class _PairTally:
    """What one pair of annotators accumulates over articles."""

    scores: ArticleScores
    per_type: dict[str, PRF]
    values: dict[str, list[tuple[Any, Any]]]
    articles: list[str]

    def add(self, other: _PairTally) -> None:
        self.scores = self.scores + other.scores
        for name, prf in other.per_type.items():
            self.per_type[name] = self.per_type.get(name, PRF()) + prf
        self.per_type = {t: self.per_type[t] for t in _type_order(self.per_type)}
        for name, pairs in other.values.items():
            self.values.setdefault(name, []).extend(pairs)
        self.articles.extend(other.articles)

    def to_json(self, first: str, second: str) -> dict[str, Any]:
        scores = self.scores.to_json(include_claims=False)
        claims = scores["claims"]
        claims["per_type"] = {name: prf.to_json() for name, prf in self.per_type.items()}
        claims["agreement"] = {
            name: _coefficients_json(cohen_kappa(pairs), krippendorff_alpha(pairs))
            for name, pairs in self.values.items()
        }
        return {
            "annotators": [first, second],
            "articles": sorted(self.articles),
            "entities": scores["entities"],
            "dates": scores["dates"],
            "claims": claims,
        }


def _pair_tally(article_id: str, first: AnnotationRecord, second: AnnotationRecord) -> _PairTally:
    """Compare two annotators of one article; `first` plays the part of gold (fn side)."""
    matching = HALF_OVERLAP.match(first.claims, second.claims)
    paired = [(first.claims[a], second.claims[b]) for a, b in matching.pairs]
    return _PairTally(
        scores=score_article(first, second),
        per_type=_per_type(first.claims, second.claims),
        values={name: [(getattr(a, name), getattr(b, name)) for a, b in paired] for name in AGREEMENT_FIELDS},
        articles=[article_id],
    )


def _claim_units(records: Mapping[str, AnnotationRecord]) -> list[dict[str, Claim]]:
    """Claims of all annotators of one article aligned into units by HALF_OVERLAP."""
    return align({name: record.claims for name, record in records.items()}, HALF_OVERLAP)


def _all_json(units: Sequence[Mapping[str, Claim]], coders: Sequence[str]) -> dict[str, Any]:
    """Krippendorff's alpha over aligned claim units, per agreement field."""
    result: dict[str, Any] = {"annotators": list(coders)}
    for name in AGREEMENT_FIELDS:
        alpha = krippendorff_alpha(
            [getattr(unit[coder], name) if coder in unit else None for coder in coders] for unit in units
        )
        result[name] = {
            "units": alpha.units,
            "values": alpha.values,
            "observed_disagreement": _round(alpha.observed_disagreement),
            "expected_disagreement": _round(alpha.expected_disagreement),
            "alpha": _round(alpha.alpha),
        }
    return result


def annotator_agreement(
    annotations: Mapping[str, Mapping[str, AnnotationRecord]],
    *,
    predictions: Mapping[str, AnnotationRecord] | None = None,
    boundaries: Mapping[str, TokenBoundaries] | None = None,
) -> dict[str, Any]:
    """Agreement between the annotators of every article with two or more of them.

    Args:
        annotations: By article id, each annotator's record keyed by annotator
            name (the file stem: `gold`, `alice`, ...); see
            `reconcile.load_annotations`.
        predictions: The pipeline's records by article id; when given, the
            pipeline is one more annotator (`pipeline`) of every annotated article.
        boundaries: Token boundaries by article id (see `token_boundaries`);
            when given, every annotator's spans (and the pipeline's) that do not
            start and end on a token boundary are listed. Articles missing
            here are not checked.

    Returns:
        A JSON-serialisable dict::

            {"articles": {article_id: {"annotators": [names],
                                       "pairs": [PAIR, ...],
                                       "all": ALL}},
             "total": {"pairs": [PAIR, ...], "all": ALL},
             "misaligned_spans": [SPAN, ...] or null}

        Annotators are ordered `gold` first, others by name, `pipeline`
        last; a pair is every two of them in that order, the first in the
        part of gold (its unpaired items are false negatives). PAIR is
        ``{"annotators": [a, b], "articles": [ids], "entities": {"strict":
        {"overall": PRF, "per_label": {label: PRF}}, "partial": {...},
        "linking": {...}}, "dates": {"strict": PRF, "partial": PRF,
        "value_f1": PRF, "value_accuracy": {...}}, "claims": {"detection":
        PRF, "per_type": {type: PRF}, "fields": {...}, "sets": {...},
        "type_confusion": {...}, "agreement": {"type": COEF, "certainty":
        COEF}}}`` (the shapes of `evaluate()`; claims pair by HALF_OVERLAP,
        and per type only with the same type). COEF is ``{"n", "observed",
        "expected", "kappa", "alpha"}`` over the HALF_OVERLAP pairs (Cohen's
        kappa, and Krippendorff's alpha of the two coders). ALL is
        ``{"annotators": [names], "type": A, "certainty": A}`` with A =
        ``{"units", "values", "observed_disagreement",
        "expected_disagreement", "alpha"}``: alpha over all annotators at
        once, on claim units aligned across them (a coder without the claim
        is a missing value). Totals pool the pairs of the same two annotator
        names over articles (micro counts; kappa over the pooled pairs), and
        alpha over the claim units of every compared article, coders
        identified by name. SPAN is described in `misaligned_spans`.
    """
    articles: dict[str, Any] = {}
    totals: dict[tuple[str, str], _PairTally] = {}
    pooled_units: list[dict[str, Claim]] = []
    misaligned: list[dict[str, Any]] = []
    for article_id in sorted(annotations):
        records = dict(annotations[article_id])
        if predictions is not None and article_id in predictions and records:
            records[PIPELINE] = predictions[article_id]
        names = annotator_order(records)
        records = {name: records[name] for name in names}
        if boundaries is not None and article_id in boundaries:
            misaligned += misaligned_spans(records, boundaries[article_id], article_id)
        if len(records) < 2:
            continue
        pairs = []
        for first, second in combinations(names, 2):
            tally = _pair_tally(article_id, records[first], records[second])
            pairs.append(tally.to_json(first, second))
            if (first, second) in totals:
                totals[(first, second)].add(tally)
            else:
                totals[(first, second)] = tally
        units = _claim_units(records)
        pooled_units += units
        articles[article_id] = {"annotators": names, "pairs": pairs, "all": _all_json(units, names)}
    coders = annotator_order({name for unit in pooled_units for name in unit})
    rank = {name: index for index, name in enumerate(annotator_order({n for key in totals for n in key}))}
    return {
        "articles": articles,
        "total": {
            "pairs": [totals[key].to_json(*key) for key in sorted(totals, key=lambda k: (rank[k[0]], rank[k[1]]))],
            "all": _all_json(pooled_units, coders),
        },
        "misaligned_spans": misaligned if boundaries is not None else None,
    }
