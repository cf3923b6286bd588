"""Executors: where the stages run. One protocol, a local and a Ray implementation.

An :class:`Executor` maps batches of raw documents to their results (``pipeline.process_batch``),
lazily, yielding one result list per batch IN INPUT ORDER, with a bounded number of batches in flight
so the caller (the single writer) can store one batch while the next ones are worked on. The caller
closes the iterator (``contextlib.closing``) to end the workers early.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, runtime_checkable

from presswatch.budget import die_with_parent
from presswatch.model import Article, Failure, RawDocument
from presswatch.nlp.pipeline import load_nlp
from presswatch.pipeline import process_batch

Batch = Sequence[RawDocument]
Results = list[Article | Failure]


@runtime_checkable
class Executor(Protocol):
    """Runs ``process_batch`` over batches; ``map`` yields one result list per batch, in order."""

    def map(self, batches: Iterable[Batch]) -> Iterator[Results]: ...


def available_cores() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # platforms without affinity
        return max(1, os.cpu_count() or 1)


def _warm_worker() -> None:
    die_with_parent()
    load_nlp()  # once per worker process, before the first batch arrives


def _ready() -> int:
    """A no-op task: returns once the worker running it has loaded the model (its initializer)."""
    return os.getpid()


#: documents per task sent to a worker: small enough that the workers finish a run's last batch
#: nearly together (no worker idles long while another works through the tail), large enough that
#: spaCy's batched parse keeps its speed
PART_SIZE = 8


def split_batch(items: Batch, parts: int, *, part_size: int = PART_SIZE) -> list[Batch]:
    """``items`` in order, cut into at least ``parts`` pieces (when there are enough items) of about
    ``part_size`` or fewer items each."""
    pieces = max(parts, -(-len(items) // max(1, part_size)))
    size = max(1, -(-len(items) // pieces))
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalExecutor:
    """In this process for ``workers=1``; otherwise a pool of worker processes, each loading the NLP
    model once and ending when this process dies. A batch is cut into parts shared across the
    workers, and the next batch is already being worked on while the caller stores the one before.

    The pool lives as long as the executor: used as a context manager (or after :meth:`start`), it
    serves several ``map`` calls with the models loaded once; :meth:`start` returns when every worker
    is ready, so a caller can keep the start-up out of a measurement. Without that, ``map`` starts a
    pool of its own and shuts it down when done."""

    def __init__(self, workers: int = 1, *, batches_ahead: int = 1, part_size: int = PART_SIZE) -> None:
        self.workers = max(1, workers)
        self.batches_ahead = max(0, batches_ahead)
        self.part_size = max(1, part_size)
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> LocalExecutor:
        """Start the worker processes and wait until each has loaded the model (nothing for one worker)."""
        if self.workers == 1:
            load_nlp()
        elif self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_warm_worker)
            # one task per worker, all submitted before any can finish: the pool starts every process
            for ready in [self._pool.submit(_ready) for _ in range(self.workers)]:
                ready.result()
        return self

    def worker_pids(self) -> list[int]:
        """The process ids of the started pool's workers (none before :meth:`start` or after :meth:`close`)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return sorted(processes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def map(self, batches: Iterable[Batch]) -> Iterator[Results]:
        if self.workers == 1:
            for raws in batches:
                yield process_batch(raws) if raws else []
            return
        own_pool = self._pool is None
        pool = self._pool or ProcessPoolExecutor(max_workers=self.workers, initializer=_warm_worker)
        pending: deque[list[Future[Results]]] = deque()

        def take() -> Results:
            return [r for part in pending.popleft() for r in part.result()]

        try:
            for raws in batches:
                if len(raws) > 1:
                    parts = split_batch(raws, self.workers, part_size=self.part_size)
                    pending.append([pool.submit(process_batch, part) for part in parts])
                else:  # nothing to share: no round trip to a worker
                    here: Future[Results] = Future()
                    here.set_result(process_batch(raws) if raws else [])
                    pending.append([here])
                while len(pending) > self.batches_ahead:
                    yield take()
            while pending:
                yield take()
        finally:
            for futures in pending:
                for future in futures:
                    future.cancel()
            if own_pool:
                pool.shutdown(cancel_futures=True)


__all__ = ["PART_SIZE", "Batch", "Executor", "LocalExecutor", "Results", "available_cores", "split_batch"]
