"""Incremental extraction and its engines: only what changed is processed, and every
engine (in process, worker processes, Dask) writes the same bytes as a cold run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cache import ExtractionCache, PipelineSpec
from pipeline.cli import main
from pipeline.corpus import iter_articles
from pipeline.engines import DaskEngine, EngineError, LocalEngine, extract_corpus, make_engine


class RecordingEngine:
    """Stands in for the pipeline: a record line naming the article and its text hash."""

    name = "recording"

    def __init__(self):
        self.seen: list[str] = []

    def run(self, articles, spec):
        for article in articles:
            self.seen.append(article.id)
            yield article.id, json.dumps({"article_id": article.id, "sha": article.sha256}) + "\n"


def run_fake(corpus: Path, out: Path, kb: Path, **options) -> tuple[RecordingEngine, object]:
    engine = RecordingEngine()
    spec = PipelineSpec.create(None, None, kb)
    cache = ExtractionCache(out / ".cache" / "extract")
    stats = extract_corpus(iter_articles(corpus), spec, engine, cache, out / "extractions.jsonl", **options)
    return engine, stats


def test_a_rerun_processes_exactly_what_changed(tiny_corpus, tmp_path, small_kb_path):
    out = tmp_path / "out"
    engine, stats = run_fake(tiny_corpus, out, small_kb_path)
    assert engine.seen == ["alpha-talks", "beta-release", "gamma-summit"]
    cold = (out / "extractions.jsonl").read_bytes()
    assert [json.loads(line)["article_id"] for line in cold.splitlines()] == engine.seen

    engine, stats = run_fake(tiny_corpus, out, small_kb_path)
    assert engine.seen == [] and (stats.cached, stats.processed) == (3, 0)
    assert (out / "extractions.jsonl").read_bytes() == cold

    (tiny_corpus / "beta-release.txt").write_text("A Release\nSomeone was released.\n", encoding="utf-8")
    meta = json.loads((tiny_corpus / "gamma-summit.json").read_text())
    (tiny_corpus / "gamma-summit.json").write_text(json.dumps({**meta, "published": "2023-05-01"}))
    engine, _ = run_fake(tiny_corpus, out, small_kb_path)
    assert engine.seen == ["beta-release", "gamma-summit"]

    engine, stats = run_fake(tiny_corpus, out, small_kb_path, force=True)
    assert engine.seen == ["alpha-talks", "beta-release", "gamma-summit"] and stats.cached == 0


def test_a_kb_change_reprocesses_every_article(tiny_corpus, tmp_path, small_kb_path):
    kb = tmp_path / "kb.jsonl"
    kb.write_bytes(small_kb_path.read_bytes())
    run_fake(tiny_corpus, tmp_path / "out", kb)
    with kb.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "latvia", "label": "GPE", "name": "Latvia", "aliases": []}\n')
    engine, _ = run_fake(tiny_corpus, tmp_path / "out", kb)
    assert len(engine.seen) == 3


def test_a_damaged_entry_is_rebuilt_and_the_output_unchanged(tiny_corpus, tmp_path, small_kb_path):
    out = tmp_path / "out"
    run_fake(tiny_corpus, out, small_kb_path)
    cold = (out / "extractions.jsonl").read_bytes()
    entry = sorted((out / ".cache").rglob("*.rec"))[0]
    entry.write_bytes(entry.read_bytes()[:-5])  # a partial write
    engine, stats = run_fake(tiny_corpus, out, small_kb_path)
    assert len(engine.seen) == 1 and stats.rebuilt == 1
    assert (out / "extractions.jsonl").read_bytes() == cold


def test_a_failed_run_leaves_the_output_as_it_was(tiny_corpus, tmp_path, small_kb_path):
    out = tmp_path / "out"
    run_fake(tiny_corpus, out, small_kb_path)
    before = (out / "extractions.jsonl").read_bytes()
    (tiny_corpus / "zeta.txt").write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(Exception, match="zeta.txt"):
        run_fake(tiny_corpus, out, small_kb_path)
    assert (out / "extractions.jsonl").read_bytes() == before
    assert not list(out.glob(".*.tmp"))


@pytest.mark.parametrize("name, options", [("dask", {}), ("spark", {"scheduler": "x"})])
def test_engine_options_are_checked(name, options):
    with pytest.raises(EngineError):
        make_engine(name, **options)


# -- with the model --------------------------------------------------------------
def extract(corpus: Path, out: Path, kb: Path, *options: str) -> bytes:
    code = main(["extract", "--corpus", str(corpus), "--kb", str(kb), "--out", str(out), "--quiet", *options])
    assert code == 0
    return (out / "extractions.jsonl").read_bytes()


@pytest.fixture()
def cold_output(tiny_corpus, tmp_path, small_kb_path, nlp_small_kb) -> bytes:
    """The tiny corpus extracted in this process from a cold cache."""
    return extract(tiny_corpus, tmp_path / "cold", small_kb_path)


def test_records_are_the_pipelines(cold_output, tiny_corpus):
    records = [json.loads(line) for line in cold_output.decode("utf-8").splitlines()]
    assert [r["article_id"] for r in records] == ["alpha-talks", "beta-release", "gamma-summit"]
    for record in records:
        text = (tiny_corpus / f"{record['article_id']}.txt").read_text(encoding="utf-8")
        assert record["annotator"] == "pipeline" and record["entities"]
        for span in record["entities"] + record["dates"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_a_cached_rerun_does_not_load_spacy(cold_output, tiny_corpus, tmp_path, small_kb_path):
    out = tmp_path / "cold"
    script = (
        "import sys; from pipeline.cli import main; "
        f"code = main(['extract', '--corpus', {str(tiny_corpus)!r}, '--kb', {str(small_kb_path)!r}, '--out', {str(out)!r}]); "
        "assert code == 0; assert 'spacy' not in sys.modules, 'spaCy was imported'"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "0 processed, 3 from cache" in result.stderr
    assert (out / "extractions.jsonl").read_bytes() == cold_output


def test_worker_processes_give_the_same_bytes(cold_output, tiny_corpus, tmp_path, small_kb_path):
    assert extract(tiny_corpus, tmp_path / "pool", small_kb_path, "--n-process", "2", "--batch-size", "1") == cold_output


def test_one_article_through_the_engine_matches_the_corpus_run(cold_output, tiny_corpus, small_kb_spec):
    article = next(a for a in iter_articles(tiny_corpus) if a.id == "beta-release")
    [(article_id, line)] = LocalEngine().run([article], small_kb_spec)
    assert line.encode("utf-8") == cold_output.splitlines(keepends=True)[1]


def test_dask_engine_gives_the_same_bytes(cold_output, tiny_corpus, tmp_path, small_kb_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
        scheduler_port=0, dashboard_address=None,
    ) as cluster:
        output = extract(
            tiny_corpus, tmp_path / "dask", small_kb_path, "--engine", "dask", "--scheduler", cluster.scheduler_address,
            "--batch-size", "2",
        )
    assert output == cold_output


def test_an_unreachable_scheduler_is_a_clear_error(tiny_corpus, small_kb_spec):
    pytest.importorskip("distributed")
    engine = DaskEngine("tcp://127.0.0.1:9", timeout=0.3)
    with pytest.raises(EngineError, match="tcp://127.0.0.1:9"):
        list(engine.run(iter_articles(tiny_corpus), small_kb_spec))


def test_a_worker_without_the_kb_file_uses_the_copy_in_the_spec(tmp_path, small_kb_spec):
    from pipeline.engines import _local_copy

    data = small_kb_spec.kb_bytes
    assert _local_copy(small_kb_spec.kb_path, data, ".jsonl") == Path(small_kb_spec.kb_path)
    copy = _local_copy(str(tmp_path / "not-on-this-machine.jsonl"), data, ".jsonl")
    assert copy.read_bytes() == data


@pytest.mark.parametrize("field", ["code_version", "model_version"])
def test_a_worker_with_other_code_or_model_refuses(small_kb_spec, field):
    from dataclasses import replace

    from pipeline.engines import load_pipeline

    other = replace(small_kb_spec, fingerprint="f" * 64, **{field: "something else"})
    with pytest.raises(EngineError, match="every worker"):
        load_pipeline(other)
