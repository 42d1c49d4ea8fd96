"""Where articles are processed: in this process, in a pool of local processes, or on Dask.

`extract_corpus` is the incremental extraction: it streams the corpus, takes
every article whose record is in the cache (`cache.py`) as it is, hands the
others to an engine, stores what comes back in the cache, and finally writes
`extractions.jsonl` from the cache in article-id order. Memory does not grow
with the corpus (only ids and keys are kept), and the output is the same bytes
whichever engine made the records and whichever were cached.

Engines are named, swappable objects with one method, `run(articles, spec)`,
yielding `(article_id, record_line)` in any order:

- `LocalEngine(n_process=1)`: `nlp.pipe` in this process;
- `LocalEngine(n_process=N)`: N worker processes, each loading the pipeline
  once and running `nlp.pipe` over batches of articles (spaCy's own
  `n_process` cannot be used: it ships `Doc`s between processes, and our
  extension values are not msgpack-serialisable);
- `DaskEngine(scheduler)`: the same batches as tasks on a Dask distributed
  cluster; each worker loads the pipeline once and keeps it.

The pipeline is built lazily, on the first article that needs it: a rerun with
nothing to do never loads spaCy.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
import time
from collections import OrderedDict
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from .cache import ExtractionCache, PipelineSpec, article_key, atomic_writer, code_version, model_version, sha256_file
from .corpus import Article
from .files import dumps_line

if TYPE_CHECKING:
    from spacy.language import Language

    from .records import AnnotationRecord

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """An engine cannot run: the scheduler is unreachable, or a worker's pipeline differs."""


def record_line(record: AnnotationRecord) -> str:
    """One record as its `extractions.jsonl` line, newline included."""
    return dumps_line(record.to_json()) + "\n"


# -- the pipeline, once per process --------------------------------------------
_PIPELINES: OrderedDict[str, tuple[Language, dict[str, str]]] = OrderedDict()
_PIPELINES_KEPT = 2  # a long-lived Dask worker may see a few configs; keep the latest
_PIPELINE_LOCK = threading.Lock()


def load_pipeline(spec: PipelineSpec) -> tuple[Language, dict[str, str]]:
    """The pipeline `spec` describes and its provenance, built once per process and reused.

    On a machine that lacks the spec's config or KB file (a remote Dask
    worker), the text carried by the spec is written to a temporary file.

    Raises:
        EngineError: this process runs other pipeline code or another model version than the spec's.
        ModelError: the model is not installed here.
    """
    with _PIPELINE_LOCK:
        found = _PIPELINES.get(spec.fingerprint)
        if found is not None:
            _PIPELINES.move_to_end(spec.fingerprint)
            return found
        _check_same_pipeline(spec)
        from .nlp import build_nlp, model_info

        config_path = _local_copy(spec.config_path, spec.config_text.encode("utf-8"), ".cfg") if spec.config_path else None
        kb_path = _local_copy(spec.kb_path, spec.kb_bytes, ".jsonl")
        nlp = build_nlp(config_path, model=spec.model or None, kb_path=kb_path)
        found = (nlp, model_info(nlp, config_path, spec.model or None))
        _PIPELINES[spec.fingerprint] = found
        while len(_PIPELINES) > _PIPELINES_KEPT:
            _PIPELINES.popitem(last=False)
        return found


def _check_same_pipeline(spec: PipelineSpec) -> None:
    host = os.uname().nodename if hasattr(os, "uname") else "this machine"
    if code_version() != spec.code_version:
        raise EngineError(
            f"{host}: the installed pipeline code differs from the client's; install the same version of the project on every worker"
        )
    if model_version(spec.model) != spec.model_version:
        raise EngineError(
            f"{host}: spaCy model {spec.model!r} is {model_version(spec.model)!r} here but {spec.model_version!r} on the client; install the same model on every worker"
        )


def _local_copy(path: str, data: bytes, suffix: str) -> Path:
    """`path` if it holds `data`; else a temporary file holding it (named by its hash, written once)."""
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    local = Path(path)
    try:
        if local.is_file() and sha256_file(local) == digest:
            return local
    except OSError:
        pass
    copy = Path(tempfile.gettempdir()) / f"claims-{digest[:24]}{suffix}"
    if not copy.is_file():
        with atomic_writer(copy, binary=True, fsync=False) as handle:
            handle.write(data)
    return copy


def process_articles(spec: PipelineSpec, articles: list[Article], batch_size: int) -> list[tuple[str, str]]:
    """Run the pipeline over a batch of articles: `(article_id, record_line)` for each.

    This is the task a worker process or a Dask worker runs.
    """
    from .extract import extract

    nlp, provenance = load_pipeline(spec)
    with _PIPELINE_LOCK:  # one nlp object is not meant for concurrent use by threads
        return [
            (record.article_id, record_line(record))
            for record in extract(nlp, articles, provenance, batch_size=batch_size)
        ]


def _one_blas_thread() -> None:
    """In a worker process: one BLAS thread, as N processes on N cores would otherwise oversubscribe them.

    Effective only before numpy is imported, as in a worker forked from the
    command (which never imports it); Dask's nanny does the same for its workers.
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _peek(articles: Iterable[Article]) -> Iterator[Article] | None:
    """The same articles, or None when there are none (so nothing is started for nothing)."""
    iterator = iter(articles)
    first = next(iterator, None)
    return None if first is None else itertools.chain([first], iterator)


# -- engines -------------------------------------------------------------------
class Engine(Protocol):
    """Processes articles into record lines."""

    name: str

    def run(self, articles: Iterable[Article], spec: PipelineSpec) -> Iterator[tuple[str, str]]:
        """Yield `(article_id, record_line)` for every article, in any order."""
        ...


@dataclass
class LocalEngine:
    """`nlp.pipe` on this machine, in this process or in `n_process` worker processes.

    Attributes:
        n_process: worker processes; 1 runs in this process.
        batch_size: documents per `nlp.pipe` batch (and articles per worker task).
    """

    n_process: int = 1
    batch_size: int = 16
    name: str = "local"
    load_seconds: float = 0.0  # time spent building the pipeline in this process

    def run(self, articles: Iterable[Article], spec: PipelineSpec) -> Iterator[tuple[str, str]]:
        """Yield `(article_id, record_line)` for every article (see `Engine`)."""
        pending = _peek(articles)
        if pending is None:
            return
        if self.n_process <= 1:
            started = time.perf_counter()  # importing spaCy is part of loading the pipeline
            from .extract import extract

            nlp, provenance = load_pipeline(spec)
            self.load_seconds += time.perf_counter() - started
            for record in extract(nlp, pending, provenance, batch_size=self.batch_size):
                yield record.article_id, record_line(record)
            return
        yield from self._run_pool(pending, spec)

    def _run_pool(self, articles: Iterator[Article], spec: PipelineSpec) -> Iterator[tuple[str, str]]:
        import multiprocessing

        # fork: workers start at once and share what this process already loaded.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        executor = ProcessPoolExecutor(
            max_workers=self.n_process, mp_context=multiprocessing.get_context(method), initializer=_one_blas_thread
        )
        in_flight: set[Future] = set()
        try:
            for batch in _batches(articles, self.batch_size):
                in_flight.add(executor.submit(process_articles, spec, batch, self.batch_size))
                while len(in_flight) >= 2 * self.n_process:
                    done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield from future.result()
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class DaskEngine:
    """Batches of articles as tasks on a Dask distributed cluster.

    Each worker builds the pipeline once (`load_pipeline`, keyed by the spec's
    fingerprint) and keeps it for later tasks. The article texts travel in the
    tasks, the config and KB once per worker with the spec; workers need the
    project and the same spaCy model installed.

    Attributes:
        scheduler: the scheduler's address ("tcp://host:8786"), or a `distributed.Client`.
        batch_size: articles per task (and per `nlp.pipe` batch).
        timeout: seconds to wait for the scheduler.
    """

    scheduler: Any
    batch_size: int = 16
    timeout: float = 30.0
    name: str = "dask"

    def _connect(self) -> tuple[Any, bool]:
        try:
            from distributed import Client
        except ImportError:
            raise EngineError("the Dask engine needs the package 'distributed' (pip install \"dask[distributed]\")") from None
        if not isinstance(self.scheduler, str):
            return self.scheduler, False
        try:
            return Client(self.scheduler, timeout=self.timeout, set_as_default=False), True
        except (OSError, TimeoutError, ValueError) as err:
            raise EngineError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler ({err})") from None

    def run(self, articles: Iterable[Article], spec: PipelineSpec) -> Iterator[tuple[str, str]]:
        """Yield `(article_id, record_line)` for every article (see `Engine`)."""
        pending = _peek(articles)
        if pending is None:
            return
        from distributed import as_completed

        client, owned = self._connect()
        try:
            threads = sum(client.nthreads().values()) or 1
            spec_on_workers = client.scatter(spec, broadcast=True, hash=False)
            queue = as_completed(loop=client.loop)
            for batch in _batches(pending, self.batch_size):
                queue.add(client.submit(process_articles, spec_on_workers, batch, self.batch_size, pure=False))
                while queue.count() >= 2 * threads:
                    yield from next(queue).result()
            for future in queue:
                yield from future.result()
        finally:
            if owned:
                client.close()


def make_engine(name: str, *, n_process: int = 1, batch_size: int = 16, scheduler: Any = None) -> Engine:
    """The engine called `name` ("local" or "dask") with its options.

    Raises:
        EngineError: an unknown name, or "dask" without a scheduler.
    """
    if name == "local":
        return LocalEngine(n_process=n_process, batch_size=batch_size)
    if name == "dask":
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
        return DaskEngine(scheduler, batch_size=batch_size)
    raise EngineError(f"--engine {name!r}: expected one of {', '.join(ENGINES)}")


# -- incremental extraction ----------------------------------------------------
@dataclass
class ExtractionStats:
    """What an extraction did.

    Attributes:
        articles: articles in the output.
        cached: taken from the cache.
        processed: run through the pipeline.
        rebuilt: cache entries found corrupt or partial (and so processed again).
        seconds: wall time.
        load_seconds: of which building the pipeline in this process (0 if it was not needed).
    """

    articles: int = 0
    cached: int = 0
    processed: int = 0
    rebuilt: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0


def extract_corpus(
    articles: Iterable[Article],
    spec: PipelineSpec,
    engine: Engine,
    cache: ExtractionCache,
    out_path: Path,
    *,
    force: bool = False,
    progress: Callable[[bool], None] | None = None,
) -> ExtractionStats:
    """Write the records of `articles` to `out_path` (JSONL, in the articles' order), reusing the cache.

    Args:
        articles: the corpus, streamed (in article-id order from `corpus.iter_articles`).
        spec: the pipeline (its fingerprint is part of every cache key).
        engine: processes the articles that are not cached.
        cache: where records are kept between runs.
        out_path: the output file, replaced atomically at the end.
        force: process every article, ignoring (and refreshing) the cache.
        progress: called once per article with True if it came from the cache.

    Returns:
        Counts and timing.

    Raises:
        EngineError: the engine failed or returned no record for an article.
    """
    started = time.perf_counter()
    stats = ExtractionStats()
    keys: dict[str, str] = {}  # article id -> cache key, in output order
    rejected_before = cache.rejected

    def uncached() -> Iterator[Article]:
        for article in articles:
            key = article_key(article, spec)
            keys[article.id] = key
            if not force and cache.get(key) is not None:
                stats.cached += 1
                if progress:
                    progress(True)
                continue
            yield article

    for article_id, line in engine.run(uncached(), spec):
        if article_id not in keys:
            raise EngineError(f"the {engine.name} engine returned a record for an unknown article {article_id!r}")
        cache.put(keys[article_id], line)
        stats.processed += 1
        if progress:
            progress(False)
    stats.rebuilt = cache.rejected - rejected_before

    with atomic_writer(out_path) as out:
        for article_id, key in keys.items():
            line = cache.get(key)
            if line is None:
                raise EngineError(f"{cache.path(key)}: no intact record for article {article_id!r} after extraction")
            out.write(line)
    stats.articles = len(keys)
    stats.seconds = time.perf_counter() - started
    stats.load_seconds = getattr(engine, "load_seconds", 0.0)
    return stats
