"""Reading the corpus: ids, encodings and metadata are checked."""

from __future__ import annotations

import json

import pytest

from pipeline.corpus import CorpusError, iter_articles, read_article


def write(tmp_path, name, data: bytes, meta=None):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    if meta is not None:
        (tmp_path / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def test_reads_text_exactly_and_hashes_bytes(tmp_path):
    path = write(tmp_path, "a-1", "Title\r\nBody ’quoted’.".encode("utf-8"), {"id": "a-1", "published": "2025-01"})
    article = read_article(path)
    assert article.text == "Title\r\nBody ’quoted’."
    assert article.published == "2025-01"
    assert len(article.sha256) == 64


@pytest.mark.parametrize(
    "name, data, meta, message",
    [
        ("bad_id", b"Title\nBody.", None, "article id"),
        ("latin1", "Café\nBody.".encode("latin-1"), None, "not UTF-8"),
        ("empty", b"  \n ", None, "empty"),
        ("binary", b"Title\x00\x01", None, "binary"),
        ("meta", b"Title\nBody.", {"published": "13 December 2025"}, "published"),
        ("meta2", b"Title\nBody.", {"published": "2025-13"}, "published"),
    ],
)
def test_bad_articles_raise_a_clear_error(tmp_path, name, data, meta, message):
    path = write(tmp_path, name, data, meta)
    with pytest.raises(CorpusError, match=message) as info:
        read_article(path)
    assert str(path.with_suffix("")) in str(info.value)


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        list(iter_articles(tmp_path / "nowhere"))


def test_articles_come_in_id_order(tmp_path):
    for name in ("b", "a", "c"):
        write(tmp_path, name, b"Title\nBody.")
    assert [a.id for a in iter_articles(tmp_path)] == ["a", "b", "c"]


@pytest.mark.parametrize("published", ["2025", "2025-11", "2025-11-24", "2025-11-24T10:00:00Z"])
def test_publication_dates_accepted(tmp_path, published):
    path = write(tmp_path, "ok", b"Title\nBody.", {"published": published})
    assert read_article(path).published == published


@pytest.mark.parametrize("published", ["2025-02-30", "2025-11-24T", "24/11/2025"])
def test_impossible_publication_dates_refused(tmp_path, published):
    path = write(tmp_path, "bad", b"Title\nBody.", {"published": published})
    with pytest.raises(CorpusError, match="published"):
        read_article(path)
