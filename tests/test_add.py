"""`claims add`: a new article enters the corpus checked, never over another, with an optional draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.gold import annotation_files
from pipeline.validate import validate

TEXT = "Border Talks Resume\nOn 2 May 2025 Lithuania and Poland resumed talks in Vilnius.\n"


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def add(tiny_corpus: Path, *args: str) -> int:
    annotations = tiny_corpus.parent / "annotations"
    return main(["add", *args, "--corpus", str(tiny_corpus), "--annotations", str(annotations), "--quiet"])


def test_add_copies_the_text_and_writes_metadata(tiny_corpus, article_file):
    assert add(tiny_corpus, str(article_file), "--id", "border-talks", "--published", "2025-05-03", "--author", "A. Writer") == 0
    assert (tiny_corpus / "border-talks.txt").read_bytes() == article_file.read_bytes()
    meta = json.loads((tiny_corpus / "border-talks.json").read_text(encoding="utf-8"))
    assert meta == {
        "id": "border-talks", "title": "Border Talks Resume", "author": "A. Writer", "published": "2025-05-03",
        "publisher": None, "language": "en", "url": None,
    }


@pytest.mark.parametrize(
    "article_id, message",
    [
        ("alpha-talks", "already exists"),
        ("../escape", "not a path"),
        ("sub/dir", "not a path"),
        ("Border-Talks", "did you mean 'border-talks'"),
        ("-leading", "must match"),
        ("ａｌｐｈａ-talks", "must match"),  # full-width letters
        ("x" * 200, "longer than"),
    ],
)
def test_bad_or_taken_ids_are_refused(tiny_corpus, article_file, capsys, article_id, message):
    before = sorted(p.name for p in tiny_corpus.iterdir())
    assert add(tiny_corpus, str(article_file), f"--id={article_id}") == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in tiny_corpus.iterdir()) == before


def test_an_id_equal_up_to_case_to_an_existing_file_is_refused(tiny_corpus, article_file, capsys):
    (tiny_corpus / "Border-Talks.txt").write_text("Old\nText.\n", encoding="utf-8")
    assert add(tiny_corpus, str(article_file), "--id", "border-talks") == 2
    assert "collides" in capsys.readouterr().err
    assert not (tiny_corpus / "border-talks.txt").exists()


@pytest.mark.parametrize(
    "data, options, message",
    [
        ("Café\nText.".encode("latin-1"), [], "not UTF-8"),
        (b" \n\n", [], "empty"),
        (TEXT.encode(), ["--published", "3 May 2025"], "YYYY-MM-DD"),
        (TEXT.encode(), ["--published", "2025-02-30"], "no such day"),
    ],
)
def test_bad_text_or_date_is_refused(tiny_corpus, tmp_path, capsys, data, options, message):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert add(tiny_corpus, str(path), "--id", "new-one", *options) == 2
    assert message in capsys.readouterr().err
    assert not (tiny_corpus / "new-one.txt").exists() and not (tiny_corpus / "new-one.json").exists()


def test_a_missing_file_is_a_clear_error(tiny_corpus, tmp_path, capsys):
    assert add(tiny_corpus, str(tmp_path / "nowhere.txt"), "--id", "new-one") == 2
    assert "nowhere.txt" in capsys.readouterr().err


def test_draft_is_the_pipelines_record_and_never_gold(tiny_corpus, article_file, small_kb_path, nlp_small_kb):
    assert add(tiny_corpus, str(article_file), "--id", "border-talks", "--kb", str(small_kb_path), "--draft") == 0
    annotations = tiny_corpus.parent / "annotations"
    draft_path = annotations / "border-talks" / "pipeline.draft.json"
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    assert draft["article_id"] == "border-talks" and draft["annotator"] == "pipeline"
    assert {e["kb_id"] for e in draft["entities"]} >= {"lithuania", "poland"}
    assert annotation_files(annotations) == {}
    (annotations / "kb.jsonl").write_bytes(small_kb_path.read_bytes())
    report = validate(annotations, tiny_corpus)
    assert report.ok and report.records_checked == 0

    # A second draft is refused with the article (which exists now) left alone.
    assert add(tiny_corpus, str(article_file), "--id", "border-talks", "--kb", str(small_kb_path), "--draft") == 2


def test_a_rerun_after_add_processes_only_the_new_article(tiny_corpus, article_file, tmp_path, small_kb_path, nlp_small_kb, capsys):
    def extract() -> str:
        assert main(["extract", "--corpus", str(tiny_corpus), "--kb", str(small_kb_path), "--out", str(tmp_path / "out")]) == 0
        return capsys.readouterr().err

    extract()
    assert add(tiny_corpus, str(article_file), "--id", "border-talks") == 0
    assert "1 processed, 3 from cache" in extract()
