"""The ingest driver: files -> records in the database, batch by batch, on any executor.

The input is walked in batches (``run/ledger.py``); an :class:`~presswatch.run.executor.Executor`
runs the stages on them (``pipeline.process_batch``: in this process, in worker processes, or on
Ray) and hands the results back in input order. Dedup and the database write happen here, in one
place, in input order, so results do not depend on the executor or the number of workers. Each batch
is written in one transaction; a document that fails becomes a Failure record and the run goes on.

Runs resume: a file is marked done in the checkpoint ledger with the batch that writes its last
document (``run/ledger.py``), and a later run skips files still marked done and unchanged, counting
their articles as unchanged. ``resume=False`` processes everything again.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.dedup import ClusterIndex
from presswatch.ingest import walk
from presswatch.model import Article, Failure, RawDocument
from presswatch.run.executor import Executor, LocalExecutor, available_cores
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
    failures_skipped: int = 0  # failures of skipped files that failed before and are unchanged
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def documents(self) -> int:
        return self.stored + self.updated + self.unchanged + self.failed

    def summary(self) -> str:
        stored = self.stored + self.updated
        text = f"{stored} stored, {self.unchanged} unchanged, {self.failed} failed"
        if self.failures_skipped:
            text += f" ({self.failures_skipped} earlier failure(s) in unchanged files not retried; --retry-failed reads them)"
        return text


def count_files(paths: Iterable[str | Path]) -> int:
    """How many files a walk will visit (for the progress bar's total), by the reader's own walk."""
    return sum(sum(1 for _ in walk(Path(p))) if Path(p).exists() else 1 for p in paths)


#: files per worker below which extra worker processes cost more (each loads the NLP model) than they give
FILES_PER_WORKER = 16


def default_workers(files: int) -> int:
    """Worker processes for a run over ``files`` files: one per available core, fewer for a small run."""
    return max(1, min(available_cores(), files // FILES_PER_WORKER))


def open_cluster_index(store: Store) -> ClusterIndex:
    """The syndication index over everything stored, with the store's write number it reflects
    (read first: a write that lands while the index loads is taken in again by ``catch_up``)."""
    seq = store.signature_seq()
    index = ClusterIndex.from_signatures(store.iter_signatures())
    index.seq = seq
    return index


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
    # Other processes may be writing to the same database: inside the write transaction (writers take
    # turns) the index first takes in what they stored, so clusters span everyone's articles.
    with store.writing() as session:
        changes = session.signature_changes(index.seq)
        index.catch_up(changes.signatures, changes.seq)
        batch = index.add(articles)
        outcomes = session.write_batch(
            batch.articles,
            failures=failures,
            assignments=batch.changed,
            signatures=batch.signatures,
            completed_files=completed_files,
            incomplete_files=incomplete_files,
        )
        written = session.seq
    index.seq = written
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
    if documents or settled.completed or settled.failed or settled.incomplete:
        write_processed(
            store,
            index,
            documents,
            report,
            completed_files=[*settled.completed, *settled.failed],
            incomplete_files=settled.incomplete,
        )
        report.files_done -= len(settled.failed)
    for r in results:
        if isinstance(r, SkippedFile):
            report.unchanged += r.articles
            report.articles_skipped += r.articles
            report.files_skipped += 1
            report.failures_skipped += r.failures
    if on_progress is not None:
        for r in results:
            on_progress(r.articles if isinstance(r, SkippedFile) else 1, r.source_path)
        for path in settled.empty:
            on_progress(0, path)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    *,
    workers: int | None = 1,
    executor: Executor | None = None,
    batch_size: int = 32,
    resume: bool = True,
    retry_failed: bool = False,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read every file under ``paths``, clean, annotate, cluster and store it.

    ``executor`` runs the stages (a :class:`~presswatch.run.executor.LocalExecutor` or a
    :class:`~presswatch.run.ray_executor.RayExecutor`); without one, a local executor with
    ``workers`` processes (``None`` picks :func:`default_workers`).

    With ``resume`` (the default) files the ledger marks done and unchanged are skipped, and so are
    files that failed and have not changed since, unless ``retry_failed``.
    Returns counts and the failure records (which are also stored, see ``Store.failures``).
    """
    started = time.perf_counter()
    if executor is None:
        executor = LocalExecutor(default_workers(count_files(paths)) if workers is None else workers)
    report = IngestReport()
    index = open_cluster_index(store)
    keeper = LedgerKeeper()
    handed_out: deque[WorkBatch] = deque()

    def raws_of(batches: Iterable[WorkBatch]) -> Iterator[Sequence[RawDocument]]:
        for batch in batches:
            handed_out.append(batch)
            yield batch.raws

    planned = plan_batches(paths, store, batch_size=batch_size, resume=resume, retry_failed=retry_failed)
    with contextlib.closing(executor.map(raws_of(planned))) as results:
        for done in results:
            finish_batch(store, index, keeper, handed_out.popleft(), iter(done), report, on_progress)
    report.seconds = time.perf_counter() - started
    return report


__all__ = [
    "FILES_PER_WORKER",
    "IngestReport",
    "ProgressCallback",
    "available_cores",
    "count_files",
    "default_workers",
    "finish_batch",
    "ingest_paths",
    "open_cluster_index",
    "write_processed",
]
