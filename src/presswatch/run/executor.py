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


def _split(items: Batch, parts: int) -> list[Batch]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalExecutor:
    """In this process for ``workers=1``; otherwise a pool of worker processes, each loading the NLP
    model once and ending when this process dies. A batch is split across the workers, and the next
    batch is already being worked on while the caller stores the one before."""

    def __init__(self, workers: int = 1, *, batches_ahead: int = 1) -> None:
        self.workers = max(1, workers)
        self.batches_ahead = max(0, batches_ahead)

    def map(self, batches: Iterable[Batch]) -> Iterator[Results]:
        if self.workers == 1:
            for raws in batches:
                yield process_batch(raws) if raws else []
            return
        pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_warm_worker)
        pending: deque[list[Future[Results]]] = deque()

        def take() -> Results:
            return [r for part in pending.popleft() for r in part.result()]

        try:
            for raws in batches:
                if len(raws) > 1:
                    pending.append([pool.submit(process_batch, part) for part in _split(raws, self.workers)])
                else:  # nothing to share: no round trip to a worker
                    here: Future[Results] = Future()
                    here.set_result(process_batch(raws) if raws else [])
                    pending.append([here])
                while len(pending) > self.batches_ahead:
                    yield take()
            while pending:
                yield take()
        finally:
            pool.shutdown(cancel_futures=True)


__all__ = ["Batch", "Executor", "LocalExecutor", "Results", "available_cores"]
