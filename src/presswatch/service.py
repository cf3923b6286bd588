"""The operations the CLI, the web and watch share: ingest files, save documents.

``ingest`` runs the ingest driver on the executor asked for (``local`` or ``ray``, or any
:class:`~presswatch.run.executor.Executor`); ``save`` stores one pasted or fetched document the way
the web's /analyze Save does; ``save_batch`` stores a batch of documents (and failures met before
processing) the way watch does. All of them process through ``pipeline.process_batch`` and write
through the ingest driver's write step (dedup against everything stored, then one transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from presswatch.dedup import ClusterIndex
from presswatch.errors import NotFound, ValidationError
from presswatch.model import Article, Failure, RawDocument
from presswatch.pipeline import process_batch, raw_document
from presswatch.run.executor import Executor, LocalExecutor
from presswatch.run.ingest import (
    IngestReport,
    ProgressCallback,
    count_files,
    default_workers,
    ingest_paths,
    open_cluster_index,
    write_processed,
)
from presswatch.store import Store

#: The executors ``ingest`` knows by name.
EXECUTORS = ("local", "ray")


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    *,
    executor: str | Executor = "local",
    workers: int | None = None,
    batch_size: int = 32,
    resume: bool = True,
    retry_failed: bool = False,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Read, clean, annotate, cluster and store every file under ``paths``.

    ``executor`` is ``"local"`` (``workers`` processes on this machine; ``None``: one per available
    core, fewer for a small run), ``"ray"`` (``workers`` actors; ``None``: one per CPU Ray offers;
    the cluster at ``$RAY_ADDRESS`` when set, else Ray started on this machine) or an
    :class:`~presswatch.run.executor.Executor`. See :func:`presswatch.run.ingest.ingest_paths`."""
    options = {"batch_size": batch_size, "resume": resume, "retry_failed": retry_failed, "on_progress": on_progress}
    if executor == "ray":
        from presswatch.run.ray_executor import ingest_paths_ray

        return ingest_paths_ray(paths, store, actors=workers, **options)  # type: ignore[arg-type]
    if executor == "local":
        return ingest_paths(paths, store, workers=workers, **options)  # type: ignore[arg-type]
    if isinstance(executor, str):
        raise ValidationError({"executor": f"unknown executor {executor!r}: use {' or '.join(EXECUTORS)}"})
    return ingest_paths(paths, store, executor=executor, **options)  # type: ignore[arg-type]


def save_batch(
    documents: Sequence[RawDocument | Failure],
    store: Store,
    *,
    index: ClusterIndex | None = None,
    report: IngestReport | None = None,
) -> list[Article | Failure]:
    """Process the raw documents among ``documents`` and store them, with the failures already among
    them, in one transaction; returns the results in the same order. ``index`` is the syndication
    index to keep using (opened here when not given), ``report`` the counts to add to."""
    done = iter(process_batch([d for d in documents if isinstance(d, RawDocument)]))
    results = [next(done) if isinstance(d, RawDocument) else d for d in documents]
    if results:
        write_processed(store, open_cluster_index(store) if index is None else index, results, report if report is not None else IngestReport())
    return results


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    """What saving a document did: ``article_id`` is the stored article to show, the new one or,
    when ``already_stored``, the one that already has this text (nothing was written)."""

    article_id: str
    already_stored: bool
    title: str | None = None


def save(
    text_or_raw: str | RawDocument,
    store: Store,
    *,
    url: str | None = None,
    index: ClusterIndex | None = None,
) -> SaveOutcome | Failure:
    """Process one document (scraped text or HTML, or a RawDocument) and store it.

    A document no article can be made of is returned as its Failure, and nothing is written. A body
    that is already stored (the same words as a stored article, however it came in) is not stored
    again: a second copy would join the stored one's cluster and could take its place as the
    original. The stored article is returned instead."""
    raw = text_or_raw if isinstance(text_or_raw, RawDocument) else raw_document(text_or_raw, url)
    (article,) = process_batch([raw])
    if isinstance(article, Failure):
        return article
    index = open_cluster_index(store) if index is None else index
    for existing_id in [article.id] * (article.id in index) + index.same_text(article):
        try:
            existing = store.get_article(existing_id)
        except NotFound:
            continue
        if existing_id != article.id or existing.content_hash == article.content_hash:
            return SaveOutcome(existing.id, already_stored=True, title=existing.title)
    write_processed(store, index, [article], IngestReport())
    return SaveOutcome(article.id, already_stored=False, title=article.title)


__all__ = [
    "EXECUTORS",
    "IngestReport",
    "LocalExecutor",
    "SaveOutcome",
    "count_files",
    "default_workers",
    "ingest",
    "open_cluster_index",
    "save",
    "save_batch",
]
