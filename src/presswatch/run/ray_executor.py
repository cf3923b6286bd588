"""Scale-out executor on Ray, for archives too big for one machine.

Ray tasks do the heavy per-document work (extraction and NLP; each worker process loads spaCy once
and keeps it). The driver stays the single writer: it reads the input, keeps a bounded number of
batches in flight, and takes results back IN INPUT ORDER, so dedup and the database see the same
sequence as the local executor and the stored result does not depend on the number of workers.

Connects to ``$RAY_ADDRESS`` (or ``address=``) when set, else starts a local Ray instance.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from presswatch.dedup import ClusterIndex
from presswatch.errors import PressWatchError
from presswatch.ingest import read_paths
from presswatch.model import Article, Failure, RawDocument
from presswatch.run.local import IngestReport, ProgressCallback, _batches, process_or_failure, write_processed
from presswatch.store import Store


def _process_batch(raws: list[RawDocument]) -> list[Article | Failure]:
    return [process_or_failure(r) for r in raws]


def ingest_paths_ray(
    paths: Sequence[str | Path],
    store: Store,
    *,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Like :func:`presswatch.run.local.ingest_paths`, with the per-document work on Ray."""
    try:
        import ray
    except ImportError as exc:
        raise PressWatchError("the Ray executor needs the 'ray' extra: pip install 'presswatch[ray]'") from exc

    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address=address, num_cpus=num_cpus, include_dashboard=False, log_to_driver=False)
    remote_batch = ray.remote(_process_batch)
    in_flight = max_in_flight or max(2, int(ray.available_resources().get("CPU", 1)) * 2)

    started = time.perf_counter()
    report = IngestReport()
    index = ClusterIndex.from_signatures(store.iter_signatures())
    pending: deque[tuple[list[RawDocument | Failure], object]] = deque()

    def drain_one() -> None:
        chunk, ref = pending.popleft()
        done = iter(ray.get(ref))
        results = [d if isinstance(d, Failure) else next(done) for d in chunk]
        write_processed(store, index, results, report)
        if on_progress is not None:
            for r in results:
                on_progress(1, r.source_path)

    try:
        for chunk in _batches(iter(read_paths(paths)), batch_size):
            raws = [d for d in chunk if isinstance(d, RawDocument)]
            pending.append((chunk, remote_batch.remote(raws)))
            if len(pending) >= in_flight:
                drain_one()
        while pending:
            drain_one()
    finally:
        if started_here:
            ray.shutdown()
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["ingest_paths_ray"]
