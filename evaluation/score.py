"""Score the pipeline on the invented evaluation articles (`make quality`; not a test).

Each folder under `evaluation/articles/` is one article in the project's
layout (`corpus/`, `annotations/kb.jsonl`, `annotations/<id>/gold.json`). For
every article this runs `claims extract` twice, with the project's KB and with
the article's own KB, then `claims evaluate`, in a temporary folder, and
prints one line per article and KB, then the pooled (micro) figures of each
group of articles named in `evaluation/README.md`. A set in the same layout
with several articles (the development set) can be added with `--set DIR`.

Usage: python evaluation/score.py [--set NAME=DIR ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "evaluation" / "articles"
PROJECT_KB = ROOT / "annotations" / "kb.jsonl"
# The three batches, in the order they were written (evaluation/README.md says what was read when).
GROUPS = {
    "batch 1": ["hungary-veto-politics", "kazakhstan-multivector", "serbia-eu-drift"],
    "batch 2": ["lithuania-border", "moldova-pressure", "turkey-mediator"],
    "batch 3": ["bosnia-dayton-strain", "slovakia-fico-turn", "uzbekistan-opening"],
}
COLUMNS = [
    ("ent strict", "entities", "strict"),
    ("ent partial", "entities", "partial"),
    ("linking", "entities", "linking"),
    ("date value", "dates", "value"),
    ("claims", "claims", "detection"),
    ("type", "claims", "type"),
    ("certainty", "claims", "certainty"),
    ("predicate", "claims", "predicate"),
    ("actors", "claims", "actors"),
    ("dates", "claims", "dates"),
]


def counts(total: dict) -> Counter:
    """The raw counts behind the figures of one `evaluation.json` total, so that sets can be pooled."""
    found: Counter = Counter()
    entities, dates, claims = total["entities"], total["dates"], total["claims"]
    for name, block in (
        ("entities strict", entities["strict"]["overall"]),
        ("entities partial", entities["partial"]["overall"]),
        ("entities linking", entities["linking"]["pairs"]),
        ("dates value", dates["value_f1"]),
        ("claims detection", claims["detection"]),
        ("claims actors", claims["sets"]["actors"]),
        ("claims dates", claims["sets"]["dates"]),
    ):
        for key in ("tp", "fp", "fn"):
            found[f"{name} {key}"] += block[key]
    for field in ("type", "certainty", "predicate"):
        found[f"claims {field} correct"] += claims["fields"][field]["correct"]
        found[f"claims {field} total"] += claims["fields"][field]["total"]
    return found


def figure(found: Counter, name: str) -> float:
    """F1 of a span or set measure, or the accuracy of a claim field, from pooled counts."""
    if f"{name} correct" in found:
        total = found[f"{name} total"]
        return found[f"{name} correct"] / total if total else 0.0
    tp, fp, fn = (found[f"{name} {key}"] for key in ("tp", "fp", "fn"))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(corpus: Path, annotations: Path, kb: Path, out: Path) -> Counter:
    """Extract and evaluate one set with one KB; return its pooled counts."""
    cli = [sys.executable, "-m", "pipeline"]
    for command in (
        [*cli, "extract", "--corpus", str(corpus), "--kb", str(kb), "--out", str(out)],
        [*cli, "evaluate", "--annotations", str(annotations), "--corpus", str(corpus), "--out", str(out)],
    ):
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command[2:4])} failed on {corpus.parent.name}:\n{done.stderr.strip()}")
    return counts(json.loads((out / "evaluation.json").read_text(encoding="utf-8"))["total"])


def line(label: str, found: Counter) -> str:
    return f"{label:<34}" + "".join(f"{figure(found, f'{group} {measure}'):>12.2f}" for _, group, measure in COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME=DIR",
                        help="also score a set in the project's layout (DIR/corpus, DIR/annotations)")
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="claims-quality-"))
    print(f"{'article':<26}{'KB':<8}" + "".join(f"{title:>12}" for title, _, _ in COLUMNS))
    pooled: dict[tuple[str, str], Counter] = {}
    for folder in sorted(p for p in ARTICLES.iterdir() if p.is_dir()):
        group = next((name for name, members in GROUPS.items() if folder.name in members), "other")
        for which, kb in (("project", PROJECT_KB), ("own", folder / "annotations" / "kb.jsonl")):
            found = score(folder / "corpus", folder / "annotations", kb, work / f"{folder.name}-{which}")
            pooled.setdefault((group, which), Counter()).update(found)
            print(line(f"{folder.name[:25]:<26}{which}", found))
    for spec in args.set:
        name, _, folder = spec.partition("=")
        folder = Path(folder)
        for which, kb in (("project", PROJECT_KB), ("own", folder / "annotations" / "kb.jsonl")):
            found = score(folder / "corpus", folder / "annotations", kb, work / f"set-{name}-{which}")
            pooled[(name, which)] = found
    for which in ("project", "own"):  # every evaluation article together
        pooled[("all articles", which)] = sum((pooled.get((g, which), Counter()) for g in [*GROUPS, "other"]), Counter())
    print("\npooled (micro) over each group:")
    order = [*GROUPS, "other", "all articles", *(spec.partition("=")[0] for spec in args.set)]
    for group in order:
        for which in ("project", "own"):
            if pooled.get((group, which)):
                print(line(f"{group[:25]:<26}{which}", pooled[(group, which)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
