"""Tests for `pipeline.agreement` and the bootstrap intervals of `pipeline.evaluate`.

Coefficients are checked against published examples and hand-computed values
(the working is in the comments), and annotator-pair results against a plain
recomputation of Cohen's formula from the paired claims.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import pytest

from pipeline.agreement import (
    align,
    annotator_agreement,
    annotator_order,
    cohen_kappa,
    krippendorff_alpha,
    misaligned_spans,
    token_boundaries,
)
from pipeline.evaluate import HALF_OVERLAP, confidence_intervals, evaluate
from pipeline.records import AnnotationRecord, Claim, DateMention, Entity


def claim(claim_id: str, start: int, end: int, **fields: Any) -> Claim:
    """An `event` claim with default fields unless given."""
    return Claim(claim_id, start, end, f"text of {claim_id}", **{"type": "event", **fields})


def record(annotator: str, *, entities=(), dates=(), claims=(), extra=None) -> AnnotationRecord:
    """An annotation record of the article `a`."""
    return AnnotationRecord("a", annotator, "sha", list(entities), list(dates), list(claims), dict(extra or {}))


def pairs(counts: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Expand a contingency table into a list of paired values."""
    return [pair for pair, count in counts.items() for _ in range(count)]


# --------------------------------------------------------------------------
# Cohen's kappa


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # Wikipedia "Cohen's kappa", simple example: 50 items, yes/yes 20, yes/no 5,
        # no/yes 10, no/no 15. p_o = 35/50 = 0.7; A says yes 25/50, B 30/50:
        # p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7-0.5)/(1-0.5) = 0.4.
        ({("y", "y"): 20, ("y", "n"): 5, ("n", "y"): 10, ("n", "n"): 15}, 0.4),
        # Wikipedia, same agreement, different marginals: 45/15/25/15 of 100.
        # p_o = 0.6; A yes 0.6, B yes 0.7: p_e = 0.42 + 0.12 = 0.54; kappa = 0.06/0.46.
        ({("y", "y"): 45, ("y", "n"): 15, ("n", "y"): 25, ("n", "n"): 15}, 0.06 / 0.46),
        # ... and 25/35/5/35: p_o = 0.6; A yes 0.6, B yes 0.3: p_e = 0.18 + 0.28 = 0.46.
        ({("y", "y"): 25, ("y", "n"): 35, ("n", "y"): 5, ("n", "n"): 35}, 0.14 / 0.54),
        # Three categories, 10 items: p_o = 7/10; A: a 4, b 3, c 3; B: a 3, b 4, c 3:
        # p_e = (12 + 12 + 9) / 100 = 0.33; kappa = 0.37 / 0.67.
        (
            {("a", "a"): 3, ("a", "b"): 1, ("b", "b"): 2, ("b", "c"): 1, ("c", "c"): 2, ("c", "b"): 1},
            0.37 / 0.67,
        ),
        # Perfect agreement over two categories.
        ({("y", "y"): 3, ("n", "n"): 2}, 1.0),
        # Complete, systematic disagreement: p_o = 0, p_e = 0.5: kappa = -1.
        ({("y", "n"): 5, ("n", "y"): 5}, -1.0),
    ],
)
def test_cohen_kappa_known_values(table, expected):
    assert cohen_kappa(pairs(table)).kappa == pytest.approx(expected)


def test_cohen_kappa_is_symmetric():
    table = {("a", "a"): 3, ("a", "b"): 1, ("b", "b"): 2, ("b", "c"): 1, ("c", "c"): 2, ("c", "b"): 1}
    swapped = [(b, a) for a, b in pairs(table)]
    assert cohen_kappa(swapped).kappa == pytest.approx(cohen_kappa(pairs(table)).kappa)


@pytest.mark.parametrize(
    "values",
    [
        [],  # nothing paired
        [("certain", "certain")] * 4,  # one category throughout: p_e = 1, kappa undefined
    ],
)
def test_cohen_kappa_undefined_is_none(values):
    assert cohen_kappa(values).kappa is None


# --------------------------------------------------------------------------
# Krippendorff's alpha


def test_krippendorff_alpha_four_coders_with_missing_values():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
    # 4 observers, 12 units, missing values; nominal alpha = 0.743.
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    alpha = krippendorff_alpha(zip(*data))
    assert alpha.alpha == pytest.approx(0.743, abs=5e-4)
    # The last unit has one value and cannot be paired; n = 40 pairable values.
    assert (alpha.units, alpha.values) == (11, 40)


def test_krippendorff_alpha_two_coders_binary():
    # Krippendorff (2011), example A: two observers, binary data, 10 units: alpha = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(zip(first, second)).alpha == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_alpha_by_hand():
    # Two coders, 4 units: (a,a) (a,b) (b,b) (b,b). Coincidences: o_aa = 2, o_ab = o_ba = 1,
    # o_bb = 4; n_a = 3, n_b = 5, n = 8. alpha = 1 - (n-1) * (o_ab + o_ba) / (2 n_a n_b)
    # = 1 - 7 * 2 / 30 = 16/30.
    alpha = krippendorff_alpha([("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")])
    assert alpha.alpha == pytest.approx(16 / 30)


@pytest.mark.parametrize(
    "units",
    [
        [],  # no data
        [("a", None), (None, "b")],  # nothing pairable
        [("a", "a"), ("a", "a")],  # one value throughout: D_e = 0
    ],
)
def test_krippendorff_alpha_undefined_is_none(units):
    assert krippendorff_alpha(units).alpha is None


def test_alpha_and_kappa_agree_in_the_limit():
    # Two coders, no missing data: alpha = 1 - (n-1)/n * (1 - pi) with Scott's pi,
    # which equals kappa when both coders have the same marginals.
    values = pairs({("a", "a"): 30, ("a", "b"): 5, ("b", "a"): 5, ("b", "b"): 60})
    kappa = cohen_kappa(values).kappa
    n = 2 * len(values)
    assert krippendorff_alpha(values).alpha == pytest.approx(1 - (n - 1) / n * (1 - kappa))


# --------------------------------------------------------------------------
# Alignment


def test_align_groups_items_one_per_annotator():
    units = align(
        {
            "alice": [claim("a1", 0, 10), claim("a2", 20, 30)],
            "bob": [claim("b1", 1, 10), claim("b2", 40, 50)],
            # c2 and c3 both overlap a1; the tighter fit (c3) joins, c2 opens a unit of its own.
            "carol": [claim("c1", 20, 29), claim("c2", 0, 3), claim("c3", 2, 9)],
        },
        HALF_OVERLAP,
    )
    assert [{name: item.id for name, item in unit.items()} for unit in units] == [
        {"carol": "c2"},
        {"alice": "a1", "bob": "b1", "carol": "c3"},
        {"alice": "a2", "carol": "c1"},
        {"bob": "b2"},
    ]


def test_annotator_order_puts_gold_first_and_pipeline_last():
    assert annotator_order(["pipeline", "zoe", "gold", "adam"]) == ["gold", "adam", "zoe", "pipeline"]


# --------------------------------------------------------------------------
# Annotator vs annotator


def _perturbed_pair(seed: int) -> tuple[AnnotationRecord, AnnotationRecord]:
    """A gold record of 30 claims and a second annotator who changes some types and certainties."""
    rnd = random.Random(seed)
    types = ("event", "fact", "assessment", "prediction")
    certainties = ("certain", "probable", "possible")
    gold_claims = [
        claim(f"g{i}", 100 * i, 100 * i + 50, type=rnd.choice(types), certainty=rnd.choice(certainties))
        for i in range(30)
    ]
    other_claims = []
    for i, gold_claim in enumerate(gold_claims):
        if i % 10 == 9:
            continue  # the second annotator misses every tenth claim
        other_claims.append(
            claim(
                f"o{i}",
                gold_claim.start + 5,  # shifted but well over half overlapping
                gold_claim.end,
                type=rnd.choice(types) if rnd.random() < 0.3 else gold_claim.type,
                certainty=rnd.choice(certainties) if rnd.random() < 0.3 else gold_claim.certainty,
            )
        )
    other_claims.append(claim("extra", 5000, 5040))
    entities = [Entity(100 * i, 100 * i + 5, "x" * 5, "PERSON", None) for i in range(10)]
    gold = record("gold", claims=gold_claims, entities=entities)
    other = record("bob", claims=other_claims, entities=entities[:8] + [Entity(2000, 2004, "xxxx", "GPE", None)])
    return gold, other


def _textbook_kappa(values: list[tuple[str, str]]) -> float:
    n = len(values)
    p_o = sum(a == b for a, b in values) / n
    first, second = Counter(a for a, _ in values), Counter(b for _, b in values)
    p_e = sum(first[k] / n * second[k] / n for k in set(first) | set(second))
    return (p_o - p_e) / (1 - p_e)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pairwise_kappa_and_f1_match_a_plain_computation(seed):
    gold, other = _perturbed_pair(seed)
    result = annotator_agreement({"a": {"gold": gold, "bob": other}})
    (pair,) = result["articles"]["a"]["pairs"]
    assert pair["annotators"] == ["gold", "bob"]
    # 27 of 30 gold claims paired (every tenth missed), one extra claim.
    assert pair["claims"]["detection"]["tp"] == 27
    assert pair["claims"]["detection"]["f1"] == pytest.approx(2 * 27 / (2 * 27 + 1 + 3), abs=1e-4)
    # Entities: 8 shared, 2 missed, 1 extra.
    assert pair["entities"]["strict"]["overall"]["f1"] == pytest.approx(16 / 19, abs=1e-4)
    by_start = {c.start - 5: c for c in other.claims}
    for name in ("type", "certainty"):
        values = [(getattr(g, name), getattr(by_start[g.start], name)) for g in gold.claims if g.start in by_start]
        coefficients = pair["claims"]["agreement"][name]
        assert coefficients["n"] == 27
        assert coefficients["kappa"] == pytest.approx(_textbook_kappa(values), abs=1e-4)
        assert coefficients["alpha"] == pytest.approx(krippendorff_alpha(values).alpha, abs=1e-4)
    # With two annotators, pooled totals and the all-annotator alpha equal the article's.
    assert result["total"]["pairs"] == [pair]
    assert result["articles"]["a"]["all"]["type"]["alpha"] == pair["claims"]["agreement"]["type"]["alpha"]


def test_per_label_and_per_type_span_f1():
    gold = record(
        "alice",
        entities=[Entity(0, 5, "xxxxx", "PERSON"), Entity(10, 15, "xxxxx", "GPE")],
        claims=[claim("a1", 0, 20, type="event"), claim("a2", 30, 50, type="fact")],
    )
    other = record(
        "bob",
        entities=[Entity(0, 5, "xxxxx", "PERSON"), Entity(10, 15, "xxxxx", "ORG")],
        claims=[claim("b1", 0, 20, type="event"), claim("b2", 30, 50, type="assessment")],
    )
    (pair,) = annotator_agreement({"a": {"alice": gold, "bob": other}})["articles"]["a"]["pairs"]
    per_label = pair["entities"]["strict"]["per_label"]
    assert (per_label["PERSON"]["f1"], per_label["GPE"]["fn"], per_label["ORG"]["fp"]) == (1.0, 1, 1)
    # Detection ignores type (2 of 2 paired); per type, a2/b2 differ: fact fn, assessment fp.
    assert pair["claims"]["detection"]["f1"] == 1.0
    per_type = pair["claims"]["per_type"]
    assert per_type["event"]["f1"] == 1.0
    assert (per_type["fact"]["fn"], per_type["assessment"]["fp"]) == (1, 1)


def test_pipeline_is_one_more_annotator_and_single_annotator_articles_are_skipped():
    gold = record("gold", claims=[claim("g1", 0, 10, type="fact")])
    alice = record("alice", claims=[claim("a1", 0, 10, type="fact")])
    pipeline = record("pipeline", claims=[claim("p1", 0, 10, type="event")])
    result = annotator_agreement(
        {"a": {"gold": gold, "alice": alice}, "b": {"gold": gold}},
        predictions={"a": pipeline, "b": pipeline},
    )
    assert result["articles"]["a"]["annotators"] == ["gold", "alice", "pipeline"]
    assert [p["annotators"] for p in result["articles"]["a"]["pairs"]] == [
        ["gold", "alice"], ["gold", "pipeline"], ["alice", "pipeline"],
    ]
    # Article b has gold and pipeline: two annotators once the pipeline joins.
    assert result["articles"]["b"]["annotators"] == ["gold", "pipeline"]
    gold_pipeline = result["total"]["pairs"][1]
    assert gold_pipeline["annotators"] == ["gold", "pipeline"]
    assert gold_pipeline["articles"] == ["a", "b"]
    assert gold_pipeline["claims"]["detection"]["tp"] == 2
    assert result["misaligned_spans"] is None
    # Without the pipeline, b has one annotator and is not compared.
    assert list(annotator_agreement({"a": {"gold": gold, "alice": alice}, "b": {"gold": gold}})["articles"]) == ["a"]


def test_agreement_result_is_json_serialisable_and_deterministic():
    gold, other = _perturbed_pair(7)
    first = annotator_agreement({"a": {"gold": gold, "bob": other}})
    second = annotator_agreement({"a": {"bob": other, "gold": gold}})
    assert json.dumps(first) == json.dumps(second)


# --------------------------------------------------------------------------
# Token boundaries


def test_misaligned_spans_are_listed_not_dropped():
    text = "Minsk freed prisoners."
    boundaries = token_boundaries({"a": text})["a"]
    assert boundaries.starts == {0, 6, 12, 21}
    assert boundaries.ends == {5, 11, 21, 22}
    gold = record("gold", entities=[Entity(0, 5, "Minsk", "GPE")], claims=[claim("g1", 0, 21)])
    sloppy = record(
        "bob",
        entities=[Entity(0, 4, "Mins", "GPE")],  # ends inside a token
        claims=[claim("b1", 1, 21)],  # starts inside a token
    )
    found = misaligned_spans({"gold": gold, "bob": sloppy}, boundaries, "a")
    assert [(s["annotator"], s["kind"], s["start"], s["end"], s["start_aligned"], s["end_aligned"]) for s in found] == [
        ("bob", "entity", 0, 4, True, False),
        ("bob", "claim", 1, 21, False, True),
    ]
    result = annotator_agreement({"a": {"gold": gold, "bob": sloppy}}, boundaries={"a": boundaries})
    assert len(result["misaligned_spans"]) == 2
    (pair,) = result["articles"]["a"]["pairs"]
    # Still scored: the misaligned entity pairs partially, the claim by overlap.
    assert pair["entities"]["partial"]["overall"]["tp"] == 1
    assert pair["claims"]["detection"]["tp"] == 1


# --------------------------------------------------------------------------
# Bootstrap confidence intervals (pipeline vs gold, `evaluate.confidence_intervals`)


def _corpus(seed: int, articles: int = 3) -> tuple[dict[str, AnnotationRecord], dict[str, AnnotationRecord]]:
    """Gold and noisy predictions over articles of 20 sentences of 100 characters each."""
    rnd = random.Random(seed)
    gold, pred = {}, {}
    for number in range(articles):
        article_id = f"art-{number}"
        sentences = [{"start": 100 * i, "end": 100 * i + 99, "block": "paragraph"} for i in range(20)]
        g_entities, p_entities, g_dates, p_dates, g_claims, p_claims = [], [], [], [], [], []
        for i in range(20):
            base = 100 * i
            entity = Entity(base, base + 10, "x" * 10, rnd.choice(["PERSON", "GPE"]), rnd.choice(["a", "b", None]))
            g_entities.append(entity)
            if rnd.random() < 0.8:
                shift = 0 if rnd.random() < 0.8 else 2
                p_entities.append(Entity(base + shift, base + 10, "x", entity.label, entity.kb_id))
            if rnd.random() < 0.2:
                p_entities.append(Entity(base + 50, base + 55, "x", "ORG", None))
            date = DateMention(base + 20, base + 30, "x" * 10, "2024")
            g_dates.append(date)
            if rnd.random() < 0.85:
                p_dates.append(DateMention(base + 20, base + 30, "x", "2024" if rnd.random() < 0.9 else "2023"))
            g_claims.append(claim(f"g{i}", base, base + 90))
            if rnd.random() < 0.7:
                p_claims.append(claim(f"p{i}", base + 10, base + 90))
        gold[article_id] = AnnotationRecord(article_id, "gold", "sha", g_entities, g_dates, g_claims)
        pred[article_id] = AnnotationRecord(
            article_id, "pipeline", "sha", p_entities, p_dates, p_claims, {"sentences": sentences}
        )
    return gold, pred


def test_bootstrap_interval_contains_the_point_estimate_which_is_evaluate_s_total():
    gold, pred = _corpus(11)
    intervals = confidence_intervals(gold, pred, resamples=500)
    total = evaluate(gold, pred)["total"]
    assert intervals["units"] == 60
    points = {
        ("entities", "strict"): total["entities"]["strict"]["overall"]["f1"],
        ("entities", "partial"): total["entities"]["partial"]["overall"]["f1"],
        ("entities", "linking"): total["entities"]["linking"]["pairs"]["f1"],
        ("dates", "strict"): total["dates"]["strict"]["f1"],
        ("dates", "partial"): total["dates"]["partial"]["f1"],
        ("dates", "value"): total["dates"]["value_f1"]["f1"],
        ("claims", "detection"): total["claims"]["detection"]["f1"],
    }
    for (section, name), point in points.items():
        interval = intervals[section][name]
        assert interval["f1"] == pytest.approx(point, abs=1e-4)
        assert interval["low"] <= interval["f1"] <= interval["high"], (section, name, interval)
        assert interval["low"] < interval["high"], (section, name)  # noisy data: a real interval


def test_bootstrap_is_deterministic_and_seeded():
    gold, pred = _corpus(5)
    first = confidence_intervals(gold, pred)
    assert json.dumps(first) == json.dumps(confidence_intervals(gold, pred))
    assert (first["resamples"], first["seed"], first["level"]) == (1000, 0, 0.95)
    other_seed = confidence_intervals(gold, pred, seed=1)
    assert other_seed["claims"]["detection"]["f1"] == first["claims"]["detection"]["f1"]
    assert json.dumps(other_seed) != json.dumps(first)


def test_bootstrap_perfect_and_empty():
    gold, _ = _corpus(3, articles=1)
    perfect = confidence_intervals(gold, gold)
    assert perfect["entities"]["strict"] == {"f1": 1.0, "low": 1.0, "high": 1.0}
    nothing = confidence_intervals({}, {})
    assert nothing["units"] == 0
    assert nothing["claims"]["detection"] == {"f1": 0.0, "low": 0.0, "high": 0.0}


def test_report_shows_intervals_and_agreement_when_present():
    from pipeline.evaluate import format_report

    gold, pred = _corpus(2, articles=1)
    result = evaluate(gold, pred)
    plain = format_report(result)
    first, second = _perturbed_pair(4)
    result["confidence"] = confidence_intervals(gold, pred, resamples=50)
    result["agreement"] = annotator_agreement({"a": {"gold": first, "bob": second}})
    report = format_report(result)
    assert report.startswith(plain.rstrip("\n"))
    assert "95% confidence intervals" in report and "claims detection" in report
    assert "  gold vs bob" in report and "TOTAL (pooled over articles)" in report
    json.dumps(result)  # still JSON-serialisable
