"""Tests for `pipeline.evaluate`: hand-made records with answers worked out in comments."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from pipeline.evaluate import (
    HALF_OVERLAP,
    PARTIAL,
    PRF,
    STRICT,
    Accuracy,
    evaluate,
    format_report,
    score_claims,
    score_dates,
    score_entities,
)
from pipeline.records import AnnotationRecord, Claim, DateMention, Entity


def ent(start: int, end: int, label: str = "PERSON", kb_id: str | None = None) -> Entity:
    """An entity whose text is irrelevant to scoring."""
    return Entity(start, end, "x" * (end - start), label, kb_id)


def date(start: int, end: int, value: str | None) -> DateMention:
    """A date mention whose text is irrelevant to scoring."""
    return DateMention(start, end, "x" * (end - start), value)


def claim(claim_id: str, start: int, end: int, **fields: Any) -> Claim:
    """An `event` claim with default fields unless given."""
    return Claim(claim_id, start, end, f"text of {claim_id}", **{"type": "event", **fields})


def counts(prf: PRF) -> tuple[int, int, int]:
    """The raw counts of a `PRF`."""
    return (prf.tp, prf.fp, prf.fn)


# --------------------------------------------------------------------------
# PRF and Accuracy


@pytest.mark.parametrize(
    ("prf", "expected"),
    [
        # 2 tp, 1 fp, 1 fn: P = 2/3, R = 2/3, F1 = 4/6.
        (PRF(2, 1, 1), (0.6667, 0.6667, 0.6667)),
        # Perfect.
        (PRF(3, 0, 0), (1.0, 1.0, 1.0)),
        # Nothing predicted: P has a zero denominator -> 0.0 by convention.
        (PRF(0, 0, 4), (0.0, 0.0, 0.0)),
        # Empty against empty: all ratios 0.0, counts tell the reader why.
        (PRF(0, 0, 0), (0.0, 0.0, 0.0)),
        # 1 tp, 3 fp, 0 fn: P = 1/4, R = 1, F1 = 2/5.
        (PRF(1, 3, 0), (0.25, 1.0, 0.4)),
    ],
)
def test_prf_ratios(prf: PRF, expected: tuple[float, float, float]) -> None:
    as_json = prf.to_json()
    assert (as_json["precision"], as_json["recall"], as_json["f1"]) == expected
    assert (as_json["tp"], as_json["fp"], as_json["fn"]) == counts(prf)


def test_prf_and_accuracy_add() -> None:
    assert PRF(1, 2, 3) + PRF(10, 20, 30) == PRF(11, 22, 33)
    assert Accuracy(1, 2) + Accuracy(3, 4) == Accuracy(4, 6)
    assert Accuracy().to_json() == {"correct": 0, "total": 0, "accuracy": 0.0}


# --------------------------------------------------------------------------
# Span matching


@pytest.mark.parametrize(
    ("gold", "pred", "strict", "partial"),
    [
        # Perfect match: one tp under both strategies.
        ([ent(0, 5)], [ent(0, 5)], (1, 0, 0), (1, 0, 0)),
        # Boundary error (0-5 vs 0-4): partial pairs them, strict has 1 fp + 1 fn.
        ([ent(0, 5)], [ent(0, 4)], (0, 1, 1), (1, 0, 0)),
        # Label mismatch on the same span: neither strategy pairs them.
        ([ent(0, 5, "PERSON")], [ent(0, 5, "ORG")], (0, 1, 1), (0, 1, 1)),
        # Two predictions overlap one gold: one-to-one, so 1 tp and 1 fp.
        ([ent(0, 10)], [ent(0, 6), ent(5, 10)], (0, 2, 1), (1, 1, 0)),
        # Adjacent spans do not overlap (end is exclusive).
        ([ent(0, 5)], [ent(5, 9)], (0, 1, 1), (0, 1, 1)),
        # Nothing at all.
        ([], [], (0, 0, 0), (0, 0, 0)),
        # Only gold / only predictions.
        ([ent(0, 5)], [], (0, 0, 1), (0, 0, 1)),
        ([], [ent(0, 5)], (0, 1, 0), (0, 1, 0)),
    ],
)
def test_entity_span_counts(
    gold: list[Entity],
    pred: list[Entity],
    strict: tuple[int, int, int],
    partial: tuple[int, int, int],
) -> None:
    scores = score_entities(gold, pred)
    assert counts(scores.spans["strict"].overall) == strict
    assert counts(scores.spans["partial"].overall) == partial


@pytest.mark.parametrize(
    ("gold", "pred", "pairs"),
    [
        # Pred 0-6 overlaps gold 0-10 by 6; pred 5-10 by 5: the larger overlap wins.
        ([ent(0, 10)], [ent(5, 10), ent(0, 6)], ((0, 1),)),
        # Equal overlap (5) and equal overlap/union (1/2): document order wins.
        ([ent(0, 10)], [ent(5, 10), ent(0, 5)], ((0, 1),)),
        # Pred 5-18 overlaps gold A 0-10 by 5 and gold B 8-20 by 10: pairs with B;
        # pred 0-6 then takes A (overlap 6).
        ([ent(0, 10), ent(8, 20)], [ent(5, 18), ent(0, 6)], ((0, 1), (1, 0))),
        # Equal overlap (5) with gold 0-5 and gold 0-20: the tighter fit (0-5) wins.
        ([ent(0, 20), ent(0, 5)], [ent(0, 5)], ((1, 0),)),
    ],
)
def test_partial_pairs_greedily_by_overlap(
    gold: list[Entity], pred: list[Entity], pairs: tuple[tuple[int, int], ...]
) -> None:
    assert PARTIAL.match(gold, pred).pairs == pairs


def test_strict_matches_spans_without_labels() -> None:
    # Dates have no label: strict compares offsets only.
    matching = STRICT.match([date(0, 4, "2020")], [date(0, 4, "2021")])
    assert matching.pairs == ((0, 0),)


def test_per_label_counts() -> None:
    # PERSON 0-5 found; ORG 10-15 predicted as GPE: ORG fn, GPE fp.
    # Labels come out in ENTITY_LABELS order (PERSON, ORG, GPE).
    gold = [ent(0, 5, "PERSON"), ent(10, 15, "ORG")]
    pred = [ent(0, 5, "PERSON"), ent(10, 15, "GPE")]
    per_label = score_entities(gold, pred).spans["strict"].per_label
    assert {label: counts(prf) for label, prf in per_label.items()} == {
        "PERSON": (1, 0, 0),
        "ORG": (0, 0, 1),
        "GPE": (0, 1, 0),
    }
    assert list(per_label) == ["PERSON", "ORG", "GPE"]


# --------------------------------------------------------------------------
# Linking


THREE_X = [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x"), ent(20, 25, kb_id="x")]


@pytest.mark.parametrize(
    ("gold", "pred", "pairs"),
    [
        # 3 gold mentions of x = 3 pairs; all predicted linked to x: 3 tp.
        (THREE_X, THREE_X, (3, 0, 0)),
        # Prediction splits them 2 + 1 (x, x, y): only pair {0, 1} survives,
        # {0, 2} and {1, 2} are missed: 1 tp, 0 fp, 2 fn.
        (
            THREE_X,
            [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x"), ent(20, 25, kb_id="y")],
            (1, 0, 2),
        ),
        # Boundary errors do not matter: predictions are identified with the gold
        # mention they partially match (0-4 ~ 0-5, 11-15 ~ 10-15): 1 tp, 2 fn.
        (THREE_X, [ent(0, 4, kb_id="x"), ent(11, 15, kb_id="x")], (1, 0, 2)),
        # An extra unmatched predicted mention 30-35 of x joins the predicted
        # cluster {g0, g1, p3}: pairs {g0,g1} tp; {g0,p3}, {g1,p3} fp; the gold
        # pairs with the unpredicted g2 are fn: 1 tp, 2 fp, 2 fn.
        (
            THREE_X,
            [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x"), ent(30, 35, kb_id="x")],
            (1, 2, 2),
        ),
        # A null kb_id is a singleton: no pairs on either side.
        ([ent(0, 5), ent(10, 15)], [ent(0, 5), ent(10, 15)], (0, 0, 0)),
        # Predictions merge two gold entities (x, y -> x, x): 0 tp, 1 fp.
        (
            [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="y")],
            [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x")],
            (0, 1, 0),
        ),
    ],
)
def test_linking_pairs(gold: list[Entity], pred: list[Entity], pairs: tuple[int, int, int]) -> None:
    assert counts(score_entities(gold, pred).linking.pairs) == pairs


def test_kb_id_accuracy() -> None:
    # Gold kb_ids x, x, None; pred x, y, z on the spans 0-5, 10-15, 20-24.
    # Strict pairs the first two (1 of 2 correct); the third has a null gold
    # kb_id and is not counted. Partial also pairs 20-24 ~ 20-25 but it is
    # still excluded (null gold kb_id): 1 of 2.
    gold = [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x"), ent(20, 25)]
    pred = [ent(0, 5, kb_id="x"), ent(10, 15, kb_id="y"), ent(20, 24, kb_id="z")]
    accuracy = score_entities(gold, pred).linking.kb_id_accuracy
    assert accuracy == {"strict": Accuracy(1, 2), "partial": Accuracy(1, 2)}


# --------------------------------------------------------------------------
# Dates


def test_dates() -> None:
    # Gold 0-4 "2020", 10-20 "2021-03"; pred 0-4 "2020", 10-18 "2021-04", 30-35 "2022".
    gold = [date(0, 4, "2020"), date(10, 20, "2021-03")]
    pred = [date(0, 4, "2020"), date(10, 18, "2021-04"), date(30, 35, "2022")]
    scores = score_dates(gold, pred)
    # Strict: only 0-4 pairs -> 1 tp, 2 fp, 1 fn.  Partial: 0-4 and 10-18 pair -> 2 tp, 1 fp.
    assert counts(scores.spans["strict"]) == (1, 2, 1)
    assert counts(scores.spans["partial"]) == (2, 1, 0)
    # Value accuracy: strict 1 of 1 pair equal; partial 1 of 2.
    assert scores.value_accuracy == {"strict": Accuracy(1, 1), "partial": Accuracy(1, 2)}
    # Value F1: tp = 1 equal value; P = 1/3 predictions, R = 1/2 gold; F1 = 2/5.
    assert counts(scores.value_f1) == (1, 2, 1)
    assert (scores.value_f1.precision, scores.value_f1.recall) == (1 / 3, 1 / 2)
    assert scores.value_f1.f1 == pytest.approx(0.4)


# --------------------------------------------------------------------------
# Claims


@pytest.mark.parametrize(
    ("pred_span", "pairs"),
    [
        # Gold claim 0-10 throughout.
        ((5, 15), True),  # overlap 5 = exactly half of the shorter (10)
        ((6, 16), False),  # overlap 4 < 5
        ((0, 4), True),  # shorter is the prediction (4), fully inside
        ((8, 12), True),  # overlap 2 = exactly half of the shorter (4)
        ((9, 12), False),  # overlap 1 < half of 3
        ((10, 20), False),  # touching, no overlap
        ((0, 10), True),  # identical
    ],
)
def test_claim_overlap_by_half(pred_span: tuple[int, int], pairs: bool) -> None:
    scores = score_claims([claim("g", 0, 10)], [claim("p", *pred_span)])
    assert counts(scores.detection) == ((1, 0, 0) if pairs else (0, 1, 1))


def test_nested_claims_pair_with_the_tighter_fit() -> None:
    # Gold: sentence claim 0-100 and a dated event inside it at 20-50.
    # Pred 20-52 overlaps 0-100 by 32 and 20-50 by 30, but its overlap/union
    # is 32/100 against 30/32: it pairs with the inner claim.
    gold = [claim("sentence", 0, 100), claim("inner", 20, 50)]
    assert HALF_OVERLAP.match(gold, [claim("p", 20, 52)]).pairs == ((1, 0),)


def test_claim_fields() -> None:
    gold = [
        claim(
            "c1",
            0,
            20,
            type="event",
            actors=("a", "b"),
            targets=(),
            dates=("2020",),
            predicate="release",
        ),
        claim("c2", 40, 60),
    ]
    pred = [
        claim(
            "p1",
            0,
            20,
            type="fact",
            actors=("a",),
            targets=("t",),
            dates=("2020",),
            predicate="release",
        ),
        claim("p2", 80, 90),
    ]
    scores = score_claims(gold, pred)
    # c1 ~ p1 pair; c2 is missed, p2 spurious.
    assert counts(scores.detection) == (1, 1, 1)
    assert scores.fields["type"] == Accuracy(0, 1)
    assert scores.fields["certainty"] == Accuracy(1, 1)
    assert scores.fields["predicate"] == Accuracy(1, 1)
    # actors {a, b} vs {a}: 1 tp, 1 fn; targets {} vs {t}: 1 fp; dates equal: 1 tp.
    assert {name: counts(prf) for name, prf in scores.sets.items()} == {
        "actors": (1, 0, 1),
        "targets": (0, 1, 0),
        "dates": (1, 0, 0),
    }
    as_json = scores.to_json()
    assert as_json["type_confusion"]["event"]["fact"] == 1
    assert sum(n for row in as_json["type_confusion"].values() for n in row.values()) == 1
    assert as_json["missed"] == [{"id": "c2", "start": 40, "end": 60, "text": "text of c2"}]
    assert [c["id"] for c in as_json["spurious"]] == ["p2"]


# --------------------------------------------------------------------------
# Whole corpus


def record(article_id: str, annotator: str, **layers: Any) -> AnnotationRecord:
    """A record with the given `entities`, `dates` and `claims` lists."""
    return AnnotationRecord(article_id, annotator, "sha", **layers)


GOLD = {
    "a": record(
        "a",
        "gold",
        entities=[ent(0, 5, kb_id="x"), ent(10, 15, kb_id="x")],
        dates=[date(20, 24, "2020")],
        claims=[claim("c1", 0, 30)],
    ),
    "b": record("b", "gold", entities=[ent(0, 5, "ORG")]),
    "gold-only": record("gold-only", "gold", entities=[ent(0, 5)]),
}
PRED = {
    "a": record(
        "a",
        "pipeline",
        entities=[ent(0, 5, kb_id="x"), ent(10, 14, kb_id="x")],
        dates=[date(20, 24, "2020")],
        claims=[claim("p1", 5, 30)],
    ),
    "b": record("b", "pipeline", entities=[ent(0, 5, "GPE")]),
    "pred-only": record("pred-only", "pipeline"),
}


def test_evaluate_shape_and_micro_total() -> None:
    result = evaluate(GOLD, PRED)
    assert list(result) == ["articles", "total", "missing"]
    assert list(result["articles"]) == ["a", "b"]
    assert result["missing"] == {"no_prediction": ["gold-only"], "no_gold": ["pred-only"]}
    # Strict entities: a = 1 tp, 1 fp, 1 fn (10-14 vs 10-15); b = 0 tp, 1 fp, 1 fn.
    # Total = 1 tp, 2 fp, 2 fn.
    total = result["total"]
    strict = total["entities"]["strict"]["overall"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 2, 2)
    assert list(total["entities"]["strict"]["per_label"]) == ["PERSON", "ORG", "GPE"]
    # Linking: a has one gold pair, found through the partial match -> 1 tp.
    assert total["entities"]["linking"]["pairs"]["f1"] == 1.0
    assert total["dates"]["value_f1"]["f1"] == 1.0
    assert total["claims"]["detection"]["tp"] == 1
    assert "missed" in result["articles"]["a"]["claims"]
    assert "missed" not in total["claims"]
    json.dumps(result)  # serialisable


def test_empty_inputs() -> None:
    empty = record("e", "gold")
    result = evaluate({"e": empty}, {"e": record("e", "pipeline")})
    detection = result["total"]["claims"]["detection"]
    assert detection == {"tp": 0, "fp": 0, "fn": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["total"]["entities"]["strict"]["per_label"] == {}
    assert result["total"]["claims"]["fields"]["type"] == {
        "correct": 0,
        "total": 0,
        "accuracy": 0.0,
    }
    nothing = evaluate({}, {})
    assert nothing["articles"] == {}
    assert "TOTAL (micro, 0 articles)" in format_report(nothing)
    assert "TOTAL (micro, 1 article)" in format_report(result)


def test_evaluate_is_deterministic() -> None:
    # Same records, shuffled dict and list order: identical JSON.
    def shuffled(records: dict[str, AnnotationRecord], seed: int) -> dict[str, AnnotationRecord]:
        rng = random.Random(seed)
        ids = list(records)
        rng.shuffle(ids)
        result = {}
        for article_id in ids:
            rec = records[article_id]
            layers = {
                name: rng.sample(getattr(rec, name), len(getattr(rec, name)))
                for name in ("entities", "dates", "claims")
            }
            result[article_id] = record(article_id, rec.annotator, **layers)
        return result

    expected = json.dumps(evaluate(GOLD, PRED))
    for seed in range(5):
        assert json.dumps(evaluate(shuffled(GOLD, seed), shuffled(PRED, seed + 100))) == expected


def test_format_report() -> None:
    report = format_report(evaluate(GOLD, PRED))
    lines = report.splitlines()
    assert "== a ==" in lines and "== b ==" in lines
    assert any(line.startswith("entities strict ") for line in lines)
    assert any(line.startswith("  PERSON partial ") for line in lines)
    assert any(line.startswith("entity linking (mention pairs)") for line in lines)
    assert any(line.startswith("date values ") for line in lines)
    assert any(line.startswith("claim type ") for line in lines)
    assert "gold but no prediction: gold-only" in lines
    # Fixed-width: every count row in one table has the same length.
    prf_rows = [
        line for line in lines if line.startswith(("entities ", "dates ", "claims detected"))
    ]
    assert len({len(line) for line in prf_rows}) == 1
