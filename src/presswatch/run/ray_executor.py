"""Scale-out executor on Ray, for archives too big for one machine.

Ray tasks do the heavy per-document work (extraction and NLP; each worker process loads spaCy once
and keeps it). The driver stays the single writer: it reads the input, keeps a bounded number of
batches in flight, and takes results back IN INPUT ORDER, so dedup and the database see the same
sequence as the local executor and the stored result does not depend on the number of workers.
The checkpoint ledger works as in the local executor: the driver skips finished files and marks files
done with the batch that writes their last document.

Connects to ``$RAY_ADDRESS`` (or ``address=``) when set, else starts a local Ray instance.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from presswatch.errors import PressWatchError
from presswatch.run.ledger import LedgerKeeper, WorkBatch, plan_batches
from presswatch.run.local import (
    IngestReport,
    ProgressCallback,
    finish_batch,
    open_cluster_index,
    process_batch,
)
from presswatch.store import Store


def ingest_paths_ray(
    paths: Sequence[str | Path],
    store: Store,
    *,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    resume: bool = True,
    retry_failed: bool = False,
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
    remote_batch = ray.remote(process_batch)
    in_flight = max_in_flight or max(2, int(ray.available_resources().get("CPU", 1)) * 2)

    started = time.perf_counter()
    report = IngestReport()
    index = open_cluster_index(store)
    keeper = LedgerKeeper()
    # a batch with nothing to process (only skipped files) waits in line without a task
    pending: deque[tuple[WorkBatch, object | None]] = deque()

    def drain_one() -> None:
        batch, ref = pending.popleft()
        done = iter(ray.get(ref)) if ref is not None else iter(())
        finish_batch(store, index, keeper, batch, done, report, on_progress)

    try:
        for batch in plan_batches(paths, store, batch_size=batch_size, resume=resume, retry_failed=retry_failed):
            raws = batch.raws
            pending.append((batch, remote_batch.remote(raws) if raws else None))
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
