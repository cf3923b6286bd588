"""The local executor: files -> records in the database, batch by batch.

Reading, extraction and NLP are per-document functions; they run in this process or in a pool of
worker processes (each loads spaCy once). Dedup and the database write happen here, in one place,
in input order, so results do not depend on the number of workers. Each batch is written in one
transaction; a document that fails becomes a Failure record and the run goes on.

Runs resume: a file is marked done in the checkpoint ledger with the batch that writes its last
document (``run/ledger.py``), and a later run skips files still marked done and unchanged, counting
their articles as unchanged. ``resume=False`` processes everything again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.dedup import ClusterIndex
from presswatch.errors import PressWatchError
from presswatch.ingest import walk
from presswatch.model import Article, Failure, RawDocument
from presswatch.pipeline import process_document
from presswatch.run.ledger import LedgerKeeper, SkippedFile, WorkBatch, plan_batches
from presswatch.store import CompletedFile, Store, UpsertOutcome

# (documents done in this step, source path). A skipped file is reported once, with its file path
# and the number of articles it holds; a file that gave no document at all, once with 0.
ProgressCallback = Callable[[int, str], None]


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # of the documents processed in this run
    files_done: int = 0  # files marked complete in the ledger by this run
    files_skipped: int = 0  # files the ledger said were done and unchanged: not read again
    articles_skipped: int = 0  # their articles (counted in ``unchanged`` too)
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
    """How many files a walk will visit (for the progress bar's total), by the reader's own walk."""
    return sum(sum(1 for _ in walk(Path(p))) if Path(p).exists() else 1 for p in paths)


def _warm_worker() -> None:
    from presswatch.nlp import pipeline as nlp_pipeline

    loader = getattr(nlp_pipeline, "get_nlp", None)
    if callable(loader):
        loader()


def write_processed(
    store: Store,
    index: ClusterIndex,
    results: Sequence[Article | Failure],
    report: IngestReport,
    *,
    completed_files: Sequence[CompletedFile] = (),
    incomplete_files: Sequence[str] = (),
) -> None:
    """Cluster the new articles against everything stored, then write the batch -- and the ledger
    entries of the files it finishes -- in one transaction."""
    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    batch = index.add(articles)
    outcomes = store.write_batch(
        batch.articles,
        failures=failures,
        assignments=batch.changed,
        signatures=batch.signatures,
        completed_files=completed_files,
        incomplete_files=incomplete_files,
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
    report.files_done += len(completed_files)


def finish_batch(
    store: Store,
    index: ClusterIndex,
    keeper: LedgerKeeper,
    batch: WorkBatch,
    processed: Iterator[Article | Failure],
    report: IngestReport,
    on_progress: ProgressCallback | None,
) -> None:
    """Put the processed documents back in walk order, write them with the files they finish, then
    report progress in that same order. ``processed`` yields one result per ``batch.raws``, in order."""
    # read failures and skipped files stay where they were in the walk
    results = [p.item if not isinstance(p.item, RawDocument) else next(processed) for p in batch.pieces]
    settled = keeper.settle(batch, results)
    documents = [r for r in results if not isinstance(r, SkippedFile)]
    if documents or settled.completed or settled.incomplete:
        write_processed(
            store,
            index,
            documents,
            report,
            completed_files=settled.completed,
            incomplete_files=settled.incomplete,
        )
    for r in results:
        if isinstance(r, SkippedFile):
            report.unchanged += r.articles
            report.articles_skipped += r.articles
            report.files_skipped += 1
    if on_progress is not None:
        for r in results:
            on_progress(r.articles if isinstance(r, SkippedFile) else 1, r.source_path)
        for path in settled.empty:
            on_progress(0, path)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 32,
    resume: bool = True,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read every file under ``paths``, clean, annotate, cluster and store it.

    With ``resume`` (the default) files the ledger marks done and unchanged are skipped.
    Returns counts and the failure records (which are also stored, see ``Store.failures``).
    """
    started = time.perf_counter()
    report = IngestReport()
    index = ClusterIndex.from_signatures(store.iter_signatures())
    keeper = LedgerKeeper()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker) if workers > 1 else None
    try:
        for batch in plan_batches(paths, store, batch_size=batch_size, resume=resume):
            raws = batch.raws
            if pool is not None and raws:
                done = iter(pool.map(process_or_failure, raws, chunksize=max(1, len(raws) // (workers * 2))))
            else:
                done = (process_or_failure(r) for r in raws)
            finish_batch(store, index, keeper, batch, done, report, on_progress)
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["IngestReport", "count_files", "finish_batch", "ingest_paths", "process_or_failure", "write_processed"]
