"""Tests for `pipeline/interop.py`: other tools' formats to and from annotation records.

The sample files in `tests/data/interop/` are written for these tests in the
shapes the tools document (an invented article, `corpus/ferry-talks.txt`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.corpus import read_article
from pipeline.gold import read_record
from pipeline.interop import (
    FORMATS,
    InteropError,
    export_records,
    import_records,
    read_import_files,
    write_new_record,
)
from pipeline.kb import load_kb
from pipeline.records import AnnotationRecord, Claim, DateMention, Entity

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "data" / "interop"
SEED_ID = "lukashenka-anti-putin-card"


@pytest.fixture(scope="module")
def seed():
    """The seed article, its gold and the project's KB ids."""
    article = read_article(ROOT / "corpus" / f"{SEED_ID}.txt")
    gold = read_record(ROOT / "annotations" / SEED_ID / "gold.json")
    kb_ids = set(load_kb(ROOT / "annotations" / "kb.jsonl").entries)
    return article, gold, kb_ids


@pytest.fixture(scope="module")
def ferry():
    """The invented sample article and the small test KB's ids."""
    article = read_article(SAMPLES / "corpus" / "ferry-talks.txt")
    kb_ids = set(load_kb(Path(__file__).resolve().parent / "data" / "kb_small.jsonl").entries)
    return article, kb_ids


def _as_bytes(files):
    return {name: content.encode("utf-8") if isinstance(content, str) else content for name, content in files.items()}


def _round_trip(records, articles, fmt, kb_ids=None, **options):
    exported = export_records(records, {a.id: a.text for a in articles}, fmt, **options)
    imported = import_records(_as_bytes(exported.files), fmt, articles={a.id: a for a in articles}, kb_ids=kb_ids)
    return exported, imported


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_gold_round_trips(seed, fmt):
    article, gold, kb_ids = seed
    _, imported = _round_trip([gold], [article], fmt, kb_ids)
    assert imported.problems == []
    assert imported.records == [gold]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_null_values_nesting_and_several_annotators(ferry, fmt):
    article, kb_ids = ferry
    alice = AnnotationRecord(
        article.id, "alice", article.sha256,
        entities=[Entity(90, 94, "Maia", "PERSON", "maia-sandu"), Entity(90, 100, "Maia Sandu", "PERSON", None)],
        dates=[DateMention(29, 39, "4 May 2023", None)],
        claims=[Claim("k9", 107, 129, "The Kremlin may object", "prediction", "possible", "negative",
                      "maia-sandu", "take part", ("kremlin",), ("poland", "lithuania"), ("2023-05/2023-06", "FUTURE_REF"))],
    )
    bob = AnnotationRecord(article.id, "bob", article.sha256, entities=[Entity(40, 46, "Poland", "GPE", "poland")])
    _, imported = _round_trip([alice, bob], [article], fmt, kb_ids)
    assert imported.problems == []
    assert imported.records == [alice, bob]


def test_prodigy_sample(ferry):
    article, kb_ids = ferry
    files = read_import_files(SAMPLES / "prodigy.jsonl", "prodigy")
    result = import_records(files, "prodigy", articles={article.id: article}, kb_ids=kb_ids)
    assert result.problems == []
    assert any("reject" in warning for warning in result.warnings)
    [record] = result.records
    assert (record.article_id, record.annotator, record.text_sha256) == ("ferry-talks", "ferry_spans-alice", article.sha256)
    assert [(e.text, e.label, e.kb_id) for e in record.entities] == [
        ("Poland", "GPE", "poland"), ("Lithuania", "GPE", "lithuania"),
        ("Maia Sandu", "PERSON", "maia-sandu"), ("Kremlin", "ORG", "kremlin"),
    ]
    assert record.dates == [DateMention(29, 39, "4 May 2023", "2023-05-04")]
    agree, objection = record.claims
    assert (agree.id, agree.type, agree.certainty, agree.source, agree.actors, agree.dates) == (
        "c1", "event", "certain", "maia-sandu", ("poland", "lithuania"), ("2023-05-04",)
    )
    assert (objection.id, objection.type, objection.certainty, objection.predicate) == ("c2", "prediction", "possible", "object")


def test_labelstudio_sample(ferry):
    article, kb_ids = ferry
    files = read_import_files(SAMPLES / "labelstudio.json", "labelstudio")
    result = import_records(files, "labelstudio", articles={article.id: article}, kb_ids=kb_ids)
    assert result.problems == []
    [record] = result.records
    assert record.annotator == "bob"  # completed_by.email
    assert [(e.label, e.kb_id) for e in record.entities] == [("GPE", "poland"), ("GPE", None), ("ORG", None)]
    assert record.dates == [DateMention(29, 39, "4 May 2023", "2023-05-04")]
    [claim] = record.claims
    assert (claim.type, claim.certainty, claim.actors, claim.predicate) == ("prediction", "possible", ("kremlin",), "object")


@pytest.mark.parametrize(
    "name, entities, dates",
    [
        ("doccano-labels.jsonl", [("GPE", "Poland"), ("GPE", "Lithuania"), ("PERSON", "Maia Sandu")], ["4 May 2023"]),
        ("doccano-entities.jsonl", [("GPE", "Poland"), ("ORG", "Kremlin")], []),
    ],
)
def test_doccano_samples(ferry, name, entities, dates):
    article, kb_ids = ferry
    files = read_import_files(SAMPLES / name, "doccano")
    missing = import_records(files, "doccano", articles={article.id: article})
    assert missing.records == [] and "--annotator" in missing.problems[0]  # doccano files name no annotator
    result = import_records(files, "doccano", articles={article.id: article}, annotator="carol", kb_ids=kb_ids)
    assert result.problems == []
    [record] = result.records
    assert (record.article_id, record.annotator) == ("ferry-talks", "carol")  # the article found by its text
    assert [(e.label, e.text) for e in record.entities] == entities
    assert [(d.text, d.value) for d in record.dates] == [(text, None) for text in dates]


def test_claim_without_type_is_a_problem(ferry):
    article, _ = ferry
    line = json.dumps({"text": article.text, "label": [[107, 129, "CLAIM"]]})
    result = import_records({"d.jsonl": line.encode()}, "doccano", articles={article.id: article}, annotator="carol")
    assert result.records == []
    assert any("claims[c1]" in problem and "field 'type'" in problem for problem in result.problems)


def test_brat_sample(ferry):
    article, kb_ids = ferry
    files = read_import_files(SAMPLES / "brat", "brat")
    result = import_records(files, "brat", articles={article.id: article}, kb_ids=kb_ids)
    assert result.problems == []
    assert any("'R'" in warning for warning in result.warnings)  # relations are reported, not silently dropped
    [record] = result.records
    assert (record.article_id, record.annotator) == ("ferry-talks", "dave")
    assert [(e.text, e.kb_id) for e in record.entities] == [
        ("Poland", "poland"), ("Lithuania", "lithuania"), ("Maia Sandu", "maia-sandu"),
    ]
    assert record.dates == [DateMention(29, 39, "4 May 2023", "2023-05-04")]
    [claim] = record.claims
    assert (claim.id, claim.type, claim.source, claim.actors, claim.dates) == (
        "c1", "event", "maia-sandu", ("poland", "lithuania"), ("2023-05-04",)
    )


def test_brat_refuses_discontinuous_spans(ferry):
    article, _ = ferry
    files = {
        "eve/ferry-talks.txt": article.text.encode(),
        "eve/ferry-talks.ann": b"T1\tGPE 40 46;51 60\tPoland Lithuania\n",
    }
    result = import_records(files, "brat", articles={article.id: article})
    assert result.records == []
    assert "discontinuous span (40 46;51 60)" in result.problems[0]


def test_spacy_docbin_from_plain_ner(ferry):
    """A DocBin as spaCy training data holds it: entities in `doc.ents` only."""
    import spacy
    from spacy.tokens import DocBin

    article, _ = ferry
    nlp = spacy.blank("en")
    doc = nlp(article.text)
    doc.ents = [doc.char_span(29, 39, "DATE"), doc.char_span(40, 46, "GPE", kb_id="poland"),
                doc.char_span(90, 100, "PERSON"), doc.char_span(30, 33, "CARDINAL")][:3]
    doc_bin = DocBin(store_user_data=True)
    doc_bin.add(doc)
    result = import_records({"train.spacy": doc_bin.to_bytes()}, "spacy", articles={article.id: article}, annotator="frank")
    assert result.problems == []
    [record] = result.records
    assert record.dates == [DateMention(29, 39, "4 May 2023", None)]
    assert [(e.label, e.kb_id) for e in record.entities] == [("GPE", "poland"), ("PERSON", None)]


@pytest.mark.parametrize("fmt", ["prodigy", "labelstudio", "doccano", "brat"])
def test_sample_round_trips(ferry, fmt):
    article, kb_ids = ferry
    source = {"prodigy": "prodigy.jsonl", "labelstudio": "labelstudio.json", "doccano": "doccano-entities.jsonl",
              "brat": "brat"}[fmt]
    first = import_records(read_import_files(SAMPLES / source, fmt), fmt, articles={article.id: article},
                           annotator="gina", kb_ids=kb_ids)
    assert first.problems == []
    for target in FORMATS:
        _, again = _round_trip(first.records, [article], target, kb_ids)
        assert again.records == first.records, target


def test_import_checks_text_and_labels(ferry):
    article, _ = ferry
    changed = json.dumps({"text": article.text.replace("Ferry", "Fairy"), "article_id": article.id,
                          "entities": [{"start_offset": 40, "end_offset": 46, "label": "GPE"}]})
    result = import_records({"x.jsonl": changed.encode()}, "doccano", articles={article.id: article}, annotator="h")
    assert result.records == [] and "differs from the corpus article" in result.problems[0]
    unknown = json.dumps({"text": article.text, "label": [[40, 46, "COUNTRY"], [30, 33, "CARDINAL"]]})
    result = import_records({"y.jsonl": unknown.encode()}, "doccano", articles={article.id: article}, annotator="h")
    assert result.records == []
    assert any("field 'label'" in problem and "COUNTRY" in problem for problem in result.problems)
    assert any("CARDINAL" in warning for warning in result.warnings)


def test_pre_annotation_and_lost_fields(ferry):
    article, _ = ferry
    pipeline = AnnotationRecord(article.id, "pipeline", article.sha256,
                                entities=[Entity(40, 46, "Poland", "GPE", "poland")], extra={"model": "en_core_web_sm"})
    exported, imported = _round_trip([pipeline], [article], "labelstudio", pre_annotation=True)
    [task] = json.loads(exported.files["labelstudio.json"])
    assert task["annotations"] == [] and task["predictions"][0]["model_version"] == "pipeline"
    assert any("'model'" in warning for warning in exported.warnings)
    assert [(r.annotator, r.entities) for r in imported.records] == [("pipeline", pipeline.entities)]
    exported, _ = _round_trip([pipeline], [article], "prodigy", pre_annotation=True)
    assert "answer" not in json.loads(exported.files["prodigy.jsonl"])


def test_unknown_format_and_missing_text(ferry):
    article, _ = ferry
    with pytest.raises(InteropError, match="unknown format"):
        export_records([], {}, "conll")
    with pytest.raises(InteropError, match="no article text"):
        export_records([AnnotationRecord(article.id, "a", article.sha256)], {}, "brat")


def test_write_new_record_never_replaces(tmp_path, ferry):
    article, _ = ferry
    record = AnnotationRecord(article.id, "gold", article.sha256, entities=[Entity(40, 46, "Poland", "GPE", "poland")])
    path = write_new_record(tmp_path, record)
    assert path == tmp_path / article.id / "gold.json"
    assert read_record(path) == record
    with pytest.raises(InteropError, match="refusing to replace"):
        write_new_record(tmp_path, record)
    assert [p.name for p in path.parent.iterdir()] == ["gold.json"]
