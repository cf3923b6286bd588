"""The local executor: files -> records in the database, batch by batch.

Reading, extraction and NLP are per-document functions; they run in this process or in a pool of
worker processes (each loads spaCy once). Dedup and the database write happen here, in one place,
in input order, so results do not depend on the number of workers. Each batch is written in one
transaction; a document that fails becomes a Failure record and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from presswatch.dedup import ClusterIndex
from presswatch.errors import PressWatchError
from presswatch.ingest import read_paths
from presswatch.model import Article, Failure, RawDocument
from presswatch.pipeline import process_document
from presswatch.store import Store, UpsertOutcome

ProgressCallback = Callable[[int, str], None]  # (documents done in this step, source path)


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def documents(self) -> int:
        return self.stored + self.updated + self.unchanged + self.failed

    def summary(self) -> str:
        stored = self.stored + self.updated
        return f"{stored} stored, {self.unchanged} unchanged, {self.failed} failed"


def process_or_failure(raw: RawDocument) -> Article | Failure:
    """Run the per-document pipeline; any error becomes a Failure naming the stage and the reason."""
    try:
        return process_document(raw)
    except PressWatchError as exc:
        return Failure(raw.source_path, exc.stage, str(exc))
    except Exception as exc:  # a bug or a library error must not stop the run; record it instead
        return Failure(raw.source_path, "process", f"unexpected {type(exc).__name__}: {exc}")


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files a walk will visit (for the progress bar's total)."""
    total = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            total += sum(1 for f in path.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            total += 1
    return total


def _batches(items: Iterator[RawDocument | Failure], size: int) -> Iterator[list[RawDocument | Failure]]:
    while batch := list(islice(items, size)):
        yield batch


def _warm_worker() -> None:
    from presswatch.nlp import pipeline as nlp_pipeline

    loader = getattr(nlp_pipeline, "get_nlp", None)
    if callable(loader):
        loader()


def write_processed(
    store: Store, index: ClusterIndex, results: Sequence[Article | Failure], report: IngestReport
) -> None:
    """Cluster the new articles against everything stored, then write the batch in one transaction."""
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    batch = index.add(articles)
    outcomes = store.write_batch(
        batch.articles, failures=failures, assignments=batch.changed, signatures=batch.signatures
    )
    for article, outcome in zip(batch.articles, outcomes, strict=True):
        report.article_ids.append(article.id)
        if outcome is UpsertOutcome.STORED:
            report.stored += 1
        elif outcome is UpsertOutcome.UPDATED:
            report.updated += 1
        else:
            report.unchanged += 1
    report.failures.extend(failures)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read every file under ``paths``, clean, annotate, cluster and store it.

    Returns counts and the failure records (which are also stored, see ``Store.failures``).
    """
    started = time.perf_counter()
    report = IngestReport()
    index = ClusterIndex.from_signatures(store.iter_signatures())
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker) if workers > 1 else None
    try:
        for chunk in _batches(iter(read_paths(paths)), batch_size):
            raws = [d for d in chunk if isinstance(d, RawDocument)]
            if pool is not None:
                done = iter(pool.map(process_or_failure, raws, chunksize=max(1, len(raws) // (workers * 2))))
            else:
                done = (process_or_failure(r) for r in raws)
            # keep input order: read failures stay where they were in the walk
            results: list[Article | Failure] = [d if isinstance(d, Failure) else next(done) for d in chunk]
            write_processed(store, index, results, report)
            if on_progress is not None:
                for r in results:
                    on_progress(1, r.source_path)
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["IngestReport", "count_files", "ingest_paths", "process_or_failure", "write_processed"]
