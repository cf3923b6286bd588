"""The local executor, and the names this module has always offered.

The stages are composed once, in ``presswatch.pipeline``; the executors live in ``run/executor.py``
(local) and ``run/ray_executor.py``; the ingest driver (walk, write, ledger) in ``run/ingest.py``.
"""

from __future__ import annotations

from presswatch.pipeline import process_batch, process_or_failure
from presswatch.run.executor import LocalExecutor, available_cores
from presswatch.run.ingest import (
    FILES_PER_WORKER,
    IngestReport,
    ProgressCallback,
    count_files,
    default_workers,
    finish_batch,
    ingest_paths,
    open_cluster_index,
    write_processed,
)

__all__ = [
    "FILES_PER_WORKER",
    "IngestReport",
    "LocalExecutor",
    "ProgressCallback",
    "available_cores",
    "count_files",
    "default_workers",
    "finish_batch",
    "ingest_paths",
    "open_cluster_index",
    "process_batch",
    "process_or_failure",
    "write_processed",
]
