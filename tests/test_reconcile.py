"""Tests for `pipeline.reconcile`: small invented articles with hand-made gold and pipeline records."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from pipeline.corpus import Article, sha256_bytes
from pipeline.kb import KBEntry, KnowledgeBase
from pipeline.reconcile import ReconcileError, article_gold, reconcile, review_queue
from pipeline.records import AnnotationRecord, Claim, DateMention, Entity
from pipeline.sentences import split_sentences

TEXT = (
    "Summit ends in failure\n"
    "Alice Smith met Bob Jones in Paris on 3 May 2024. Bob Jones said the talks failed.\n"
    "The treaty may collapse next year. Paris hosted the summit.\n"
)
OTHER_TEXT = "Carol Diaz resigned on 1 June 2023. Critics may call it overdue.\n"
SHA = sha256_bytes(TEXT.encode("utf-8"))
OTHER_SHA = sha256_bytes(OTHER_TEXT.encode("utf-8"))

KB = KnowledgeBase(
    entries={
        entry.id: entry
        for entry in (
            KBEntry("alice-smith", "PERSON", "Alice Smith"),
            KBEntry("bob-jones", "PERSON", "Robert Jones", aliases=("Bob Jones",)),
            KBEntry("france", "GPE", "France", aliases=("Paris",)),
            KBEntry("paris", "GPE", "Paris"),
            KBEntry("carol-diaz", "PERSON", "Carol Diaz"),
        )
    },
    sha256="kb-sha",
)


def at(phrase: str, nth: int = 0, text: str = TEXT) -> tuple[int, int]:
    """Offsets of the nth occurrence of a phrase."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def entity(phrase: str, label: str, kb_id: str | None, nth: int = 0, text: str = TEXT) -> Entity:
    start, end = at(phrase, nth, text)
    return Entity(start, end, phrase, label, kb_id)


def date(phrase: str, value: str | None, text: str = TEXT) -> DateMention:
    start, end = at(phrase, 0, text)
    return DateMention(start, end, phrase, value)


def claim(claim_id: str, phrase: str, text: str = TEXT, **fields: Any) -> Claim:
    start, end = at(phrase, 0, text)
    return Claim(claim_id, start, end, phrase, **{"type": "event", **fields})


def sentences(text: str) -> list[dict[str, Any]]:
    return [{"start": s, "end": e, "block": "paragraph"} for s, e in split_sentences(text)]


def gold_record(annotator: str = "gold", **overrides: Any) -> AnnotationRecord:
    """The reference gold of article `summit`."""
    claims = {
        "meet": claim("g1", "Alice Smith met Bob Jones in Paris on 3 May 2024", predicate="meet",
                      actors=("alice-smith",), targets=("bob-jones",), dates=("2024-05-03",)),
        "say": claim("g2", "Bob Jones said the talks failed", predicate="say", actors=("bob-jones",)),
        "fail": claim("g3", "the talks failed", predicate="fail", source="bob-jones"),
        "collapse": claim("g4", "The treaty may collapse next year", type="prediction", certainty="possible",
                          predicate="collapse", dates=("2025",)),
    }
    claims.update(overrides.pop("claims", {}))
    return AnnotationRecord(
        "summit",
        annotator,
        SHA,
        entities=overrides.pop("entities", [
            entity("Alice Smith", "PERSON", "alice-smith"),
            entity("Bob Jones", "PERSON", "bob-jones"),
            entity("Paris", "GPE", "paris"),
            entity("Bob Jones", "PERSON", "bob-jones", nth=1),
            entity("Paris", "GPE", "paris", nth=1),
        ]),
        dates=overrides.pop("dates", [date("3 May 2024", "2024-05-03"), date("next year", "2025")]),
        claims=[c for c in claims.values() if c is not None],
    )


def pipeline_record() -> AnnotationRecord:
    """The pipeline's record of `summit`: right, wrong, missing and extra items."""
    return AnnotationRecord(
        "summit",
        "pipeline",
        SHA,
        entities=[
            entity("Alice Smith", "PERSON", "alice-smith"),  # confirmed
            entity("Bob Jones", "ORG", "bob-jones"),  # corrected: label
            entity("Paris", "GPE", "paris-city"),  # corrected: kb_id
            entity("Paris", "GPE", "paris-city", nth=1),  # corrected: kb_id
            entity("talks", "EVENT", None),  # pipeline_only; second "Bob Jones" is gold_only
        ],
        dates=[date("3 May 2024", "2024-05")],  # corrected value; "next year" gold_only
        claims=[
            claim("c1", "Alice Smith met Bob Jones in Paris on 3 May 2024", predicate="meet",
                  actors=("alice-smith",), targets=("bob-jones",), dates=("2024-05-03",)),  # confirmed
            claim("c2", "Bob Jones said the talks failed", type="fact", predicate="say",
                  actors=("bob-jones",)),  # corrected: type
            claim("c3", "The treaty may collapse", type="prediction", certainty="certain",
                  predicate="collapse", dates=("2025",)),  # corrected: span and certainty
            claim("c4", "Paris hosted the summit", predicate="host", actors=("paris-city",),
                  dates=("2024-05",)),  # pipeline_only; "the talks failed" is gold_only
        ],
        extra={"pipeline_version": "9.9", "model": "m", "model_version": "1", "sentences": sentences(TEXT)},
    )


def other_pipeline_record() -> AnnotationRecord:
    """The pipeline's record of `other`, an article without gold."""
    return AnnotationRecord(
        "other",
        "pipeline",
        OTHER_SHA,
        entities=[entity("Carol Diaz", "PERSON", "carol-diaz", text=OTHER_TEXT)],
        dates=[date("1 June 2023", "2023-06-01", text=OTHER_TEXT)],
        claims=[
            claim("c1", "Carol Diaz resigned on 1 June 2023", text=OTHER_TEXT, predicate="resign",
                  actors=("carol-diaz",), dates=("2023-06-01",)),
            claim("c2", "Critics may call it overdue", text=OTHER_TEXT, type="assessment", certainty="possible",
                  predicate="call"),
        ],
        extra={"sentences": sentences(OTHER_TEXT)},
    )


ARTICLES = {
    "summit": Article("summit", TEXT, {"id": "summit"}, SHA),
    "other": Article("other", OTHER_TEXT, {"id": "other"}, OTHER_SHA),
}


@pytest.fixture(scope="module")
def result():
    return reconcile(
        {"summit": {"gold": gold_record()}},
        {"summit": pipeline_record(), "other": other_pipeline_record()},
        KB,
        ARTICLES,
    )


def by_text(rows: list[dict[str, Any]], article_id: str = "summit") -> dict[str, dict[str, Any]]:
    return {row["text"]: row for row in rows if row["article_id"] == article_id}


# --------------------------------------------------------------------------
# Statuses


@pytest.mark.parametrize(
    ("text", "status", "conflict_fields"),
    [
        ("Alice Smith met Bob Jones in Paris on 3 May 2024", "confirmed", []),
        ("Bob Jones said the talks failed", "corrected", ["type"]),
        ("The treaty may collapse next year", "corrected", ["end", "text", "certainty"]),
        ("the talks failed", "gold_only", []),
        ("Paris hosted the summit", "pipeline_only", ["actors", "dates"]),
    ],
)
def test_claim_statuses(result, text, status, conflict_fields):
    row = by_text(result.claims)[text]
    assert row["status"] == status
    assert list(row["conflicts"]) == conflict_fields


def test_corrected_claim_takes_gold_values_and_lists_both_sides(result):
    row = by_text(result.claims)["The treaty may collapse next year"]
    assert (row["certainty"], row["end"]) == ("possible", at("next year")[1])
    assert row["conflicts"]["certainty"] == {"gold": "possible", "pipeline": "certain"}
    assert row["conflicts"]["text"] == {"gold": "The treaty may collapse next year", "pipeline": "The treaty may collapse"}
    assert (row["provenance"]["gold_id"], row["provenance"]["pipeline_id"]) == ("g4", "c3")


def test_pipeline_only_claim_follows_the_curated_mentions(result):
    # Both pipeline "Paris" mentions are linked to paris-city where gold says paris, and the
    # pipeline's date 2024-05 is gold's 2024-05-03: the claim takes the curated values.
    row = by_text(result.claims)["Paris hosted the summit"]
    assert (row["actors"], row["actor_names"], row["dates"]) == (["paris"], ["Paris"], ["2024-05-03"])
    assert row["conflicts"]["actors"] == {"gold": ["paris"], "pipeline": ["paris-city"]}
    assert row["provenance"]["gold_id"] is None


@pytest.mark.parametrize(
    ("text", "nth", "status", "conflict_fields"),
    [
        ("Alice Smith", 0, "confirmed", []),
        ("Bob Jones", 0, "corrected", ["label"]),
        ("Bob Jones", 1, "gold_only", []),
        ("Paris", 0, "corrected", ["kb_id"]),
        ("talks", 0, "pipeline_only", []),
    ],
)
def test_entity_statuses(result, text, nth, status, conflict_fields):
    rows = [row for row in result.entities if row["article_id"] == "summit" and row["text"] == text]
    row = sorted(rows, key=lambda r: r["start"])[nth]
    assert row["status"] == status
    assert list(row["conflicts"]) == conflict_fields


def test_entity_rows_carry_curated_values_and_canonical_names(result):
    bob = next(row for row in result.entities if row["text"] == "Bob Jones")
    assert (bob["label"], bob["kb_id"], bob["name"]) == ("PERSON", "bob-jones", "Robert Jones")
    assert bob["entity_id"] == f"summit:{at('Bob Jones')[0]}-{at('Bob Jones')[1]}:PERSON"


def test_date_statuses(result):
    rows = by_text(result.dates)
    assert rows["3 May 2024"]["status"] == "corrected"
    assert rows["3 May 2024"]["value"] == "2024-05-03"
    assert rows["3 May 2024"]["conflicts"] == {"value": {"gold": "2024-05-03", "pipeline": "2024-05"}}
    assert rows["next year"]["status"] == "gold_only"


def test_article_without_gold_is_only_unreviewed(result):
    for rows in (result.claims, result.entities, result.dates):
        other = [row for row in rows if row["article_id"] == "other"]
        assert other and {row["status"] for row in other} == {"unreviewed"}
        assert all(row["conflicts"] == {} for row in other)
    claim_row = by_text(result.claims, "other")["Carol Diaz resigned on 1 June 2023"]
    assert claim_row["provenance"]["gold_annotator"] is None
    assert claim_row["actor_names"] == ["Carol Diaz"]


def test_gold_without_prediction_is_gold_only_with_fallback_sentences():
    result = reconcile({"summit": {"gold": gold_record()}}, {}, KB, ARTICLES)
    assert {row["status"] for row in result.claims} == {"gold_only"}
    row = by_text(result.claims)["the talks failed"]
    assert row["sentence"] == "Bob Jones said the talks failed."
    assert row["provenance"]["pipeline_version"] is None
    assert result.review == []


def test_sentence_and_provenance(result):
    row = by_text(result.claims)["Bob Jones said the talks failed"]
    assert row["sentence"] == "Bob Jones said the talks failed."
    assert row["provenance"] == {
        "pipeline_version": "9.9",
        "model": "m",
        "model_version": "1",
        "kb_sha256": "kb-sha",
        "gold_annotator": "gold",
        "text_sha256": SHA,
        "gold_id": "g2",
        "pipeline_id": "c2",
    }


def test_summary_counts_every_status(result):
    assert result.summary()["claims"] == {
        "confirmed": 1, "corrected": 2, "gold_only": 1, "pipeline_only": 1, "unreviewed": 2,
    }


# --------------------------------------------------------------------------
# claim_id


def test_claim_ids_are_readable_and_unique(result):
    ids = [row["claim_id"] for row in result.claims]
    assert len(ids) == len(set(ids))
    start, end = at("Bob Jones said the talks failed")
    assert f"summit:{start}-{end}:say" in ids


def _shuffled(record: AnnotationRecord, seed: int) -> AnnotationRecord:
    rnd = random.Random(seed)
    parts = [list(record.entities), list(record.dates), list(record.claims)]
    for part in parts:
        rnd.shuffle(part)
    return AnnotationRecord(record.article_id, record.annotator, record.text_sha256, *parts, dict(record.extra))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_output_does_not_depend_on_input_order(result, seed):
    shuffled = reconcile(
        {"summit": [_shuffled(gold_record(), seed)]},
        {"other": _shuffled(other_pipeline_record(), seed), "summit": _shuffled(pipeline_record(), seed)},
        KB,
        {"other": ARTICLES["other"], "summit": ARTICLES["summit"]},
    )
    for name in ("claims", "entities", "dates", "review"):
        assert json.dumps(getattr(shuffled, name)) == json.dumps(getattr(result, name)), name


def test_repeated_span_and_predicate_get_numbered_ids():
    twin = claim("g9", "Paris hosted the summit", predicate="host", type="fact")
    gold = gold_record(claims={"twin-a": claim("g8", "Paris hosted the summit", predicate="host"), "twin-b": twin})
    ids = [row["claim_id"] for row in reconcile({"summit": {"gold": gold}}, {}, KB, ARTICLES).claims]
    start, end = at("Paris hosted the summit")
    assert {f"summit:{start}-{end}:host", f"summit:{start}-{end}:host#2"} <= set(ids)
    assert len(ids) == len(set(ids))


# --------------------------------------------------------------------------
# Several annotators, no gold.json


def _annotator(name: str, **claim_fields: Any) -> AnnotationRecord:
    """An annotator who agrees with the reference gold except on the `say` claim's fields."""
    say = claim(f"{name}-say", "Bob Jones said the talks failed", predicate="say", actors=("bob-jones",))
    fields = {**say.__dict__, **claim_fields}
    return gold_record(name, claims={"say": Claim(**fields)})


def test_two_annotators_who_agree_win():
    alice, bob = _annotator("alice", type="fact"), _annotator("bob", type="fact")
    gold = article_gold({"alice": alice, "bob": bob})
    assert gold is not None and gold.annotator == "alice+bob"
    say = next(item for item in gold.items["claim"] if item.values["predicate"] == "say")
    assert (say.values["type"], say.disputes) == ("fact", {})


def test_disagreement_is_kept_as_a_conflict_never_resolved():
    result = reconcile(
        {"summit": {"alice": _annotator("alice", type="fact"), "bob": _annotator("bob", type="assessment")}},
        {"summit": pipeline_record()},
        KB,
        ARTICLES,
    )
    row = by_text(result.claims)["Bob Jones said the talks failed"]
    assert row["type"] is None
    assert row["disputed"] == ["type"]
    assert row["conflicts"]["type"] == {
        "gold": None, "pipeline": "fact", "annotators": {"alice": "fact", "bob": "assessment"},
    }
    assert row["status"] == "corrected"
    assert row["provenance"]["gold_annotator"] == "alice+bob"
    # Everything else the two agree on is confirmed as with a single gold file.
    assert by_text(result.claims)["Alice Smith met Bob Jones in Paris on 3 May 2024"]["status"] == "confirmed"
    # The disputed claim heads the review queue.
    assert (result.review[0]["kind"], result.review[0]["text"]) == ("claim", "Bob Jones said the talks failed")


def test_three_annotators_two_against_one():
    records = {
        "alice": _annotator("alice", type="fact", certainty="probable"),
        "bob": _annotator("bob", type="fact", certainty="possible"),
        "carol": _annotator("carol", type="assessment", certainty="certain"),
    }
    gold = article_gold(records)
    assert gold is not None
    say = next(item for item in gold.items["claim"] if item.values["predicate"] == "say")
    # type: fact 2, assessment 1 -> fact wins. certainty: one vote each -> disputed.
    assert say.values["type"] == "fact"
    assert say.values["certainty"] is None
    assert say.disputes == {"certainty": {"alice": "probable", "bob": "possible", "carol": "certain"}}


def test_item_only_one_of_two_annotators_has_is_kept_disputed():
    alice = gold_record("alice")
    bob = gold_record("bob", claims={"fail": None})  # bob did not annotate "the talks failed"
    result = reconcile({"summit": {"alice": alice, "bob": bob}}, {}, KB, ARTICLES)
    row = by_text(result.claims)["the talks failed"]
    assert row["status"] == "gold_only"
    assert row["disputed"] == ["exists"]
    assert row["conflicts"]["exists"]["annotators"] == {"alice": True, "bob": False}
    assert [item["text"] for item in result.review] == ["the talks failed"]


def test_item_two_of_three_annotators_lack_is_dropped():
    records = {
        "alice": gold_record("alice"),
        "bob": gold_record("bob", claims={"fail": None}),
        "carol": gold_record("carol", claims={"fail": None}),
    }
    rows = reconcile({"summit": records}, {}, KB, ARTICLES).claims
    assert "the talks failed" not in by_text(rows)


def test_span_disagreement_keeps_first_annotators_span_and_lists_both():
    short = claim("b4", "The treaty may collapse", type="prediction", certainty="possible", predicate="collapse",
                  dates=("2025",))
    records = {"alice": gold_record("alice"), "bob": gold_record("bob", claims={"collapse": short})}
    row = by_text(reconcile({"summit": records}, {}, KB, ARTICLES).claims)["The treaty may collapse next year"]
    assert row["disputed"] == ["end", "text"]
    assert row["conflicts"]["end"]["annotators"] == {"alice": at("next year")[1], "bob": at("The treaty may collapse")[1]}


def test_gold_json_is_trusted_over_other_annotators():
    records = {"gold": gold_record(), "alice": _annotator("alice", type="assessment")}
    gold = article_gold(records)
    assert gold is not None and gold.annotator == "gold"
    assert all(not item.disputes for items in gold.items.values() for item in items)


# --------------------------------------------------------------------------
# Review queue


def test_review_queue_holds_pipeline_only_corrected_and_disputed_items(result):
    queue = result.review
    assert [item["rank"] for item in queue] == list(range(1, len(queue) + 1))
    assert {item["status"] for item in queue} == {"pipeline_only", "corrected"}
    assert all(item["article_id"] == "summit" for item in queue)
    expected = [
        # tier 1, pipeline_only: the claim, then the entity
        ("claim", "Paris hosted the summit"),
        ("entity", "talks"),
        # tier 2, corrected claims: more conflicting fields first
        ("claim", "The treaty may collapse next year"),
        ("claim", "Bob Jones said the talks failed"),
        # corrected entities in document order, then the date
        ("entity", "Bob Jones"),
        ("entity", "Paris"),
        ("entity", "Paris"),
        ("date", "3 May 2024"),
    ]
    assert [(item["kind"], item["text"]) for item in queue] == expected
    assert queue[0]["sentence"] == "Paris hosted the summit."
    assert queue[1]["sentence"] == "Bob Jones said the talks failed."


def _row(status: str, certainty: str, type_: str, conflicts: int, start: int) -> dict[str, Any]:
    return {
        "claim_id": f"a:{start}", "article_id": "a", "status": status, "start": start, "end": start + 5,
        "text": "x", "sentence": "x.", "type": type_, "certainty": certainty, "polarity": "positive",
        "source": "author", "predicate": "p", "actors": [], "targets": [], "dates": [],
        "conflicts": {f"f{i}": {} for i in range(conflicts)}, "disputed": [],
    }


def test_review_order_among_claims():
    rows = [
        _row("pipeline_only", "possible", "event", 0, 0),
        _row("pipeline_only", "certain", "assessment", 0, 10),
        _row("pipeline_only", "certain", "event", 0, 20),
        _row("corrected", "certain", "event", 1, 30),
        _row("corrected", "possible", "fact", 3, 40),
        _row("confirmed", "certain", "event", 0, 50),
        {**_row("gold_only", "possible", "fact", 1, 60), "disputed": ["f0"]},
    ]
    queue = review_queue(rows, [], [], {})
    assert [item["start"] for item in queue] == [60, 20, 10, 0, 40, 30]


# --------------------------------------------------------------------------
# Bad input


def test_mismatched_text_hash_is_reported():
    stale = pipeline_record()
    stale.text_sha256 = "0" * 64
    with pytest.raises(ReconcileError) as err:
        reconcile({"summit": {"gold": gold_record()}, "gone": {"gold": gold_record()}}, {"summit": stale}, KB, ARTICLES)
    assert len(err.value.problems) == 2
    assert "gone: no article text" in err.value.problems[0]
    assert "summit: pipeline record" in err.value.problems[1]
