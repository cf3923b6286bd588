"""Scale-out executor on Ray, for archives too big for one machine.

A pool of Ray actors does the heavy work (``pipeline.process_batch``: extraction and NLP); each actor
loads the NLP model once, when it starts, and is then shipped whole batches. The driver stays the
single writer: it reads the input, keeps a bounded number of batches in flight, and takes results
back IN INPUT ORDER, so dedup and the database see the same sequence as the local executor and the
stored result does not depend on the number of workers. The checkpoint ledger works as in the local
executor (the ingest driver, ``run/ingest.py``, is the same).

Connects to ``$RAY_ADDRESS`` (or ``address=``) when set, else starts a local Ray instance.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from presswatch.errors import PressWatchError
from presswatch.model import RawDocument
from presswatch.pipeline import process_batch
from presswatch.run.executor import Batch, Results
from presswatch.run.ingest import IngestReport, ProgressCallback, ingest_paths
from presswatch.store import Store


class BatchWorker:
    """One Ray actor: the NLP model loaded once, then batch after batch."""

    def __init__(self) -> None:
        from presswatch.nlp.pipeline import load_nlp

        load_nlp()

    def process(self, raws: Sequence[RawDocument]) -> Results:
        return process_batch(raws)


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise PressWatchError("the Ray executor needs the 'ray' extra: pip install 'presswatch[ray]'") from exc
    return ray


class RayExecutor:
    """Batches on a pool of Ray actors, one per CPU (``num_cpus`` when given, else what Ray offers)."""

    def __init__(
        self, *, address: str | None = None, num_cpus: int | None = None, max_in_flight: int | None = None
    ) -> None:
        self.address = address
        self.num_cpus = num_cpus
        self.max_in_flight = max_in_flight
        self._started_here = False

    def _connect(self) -> bool:
        """Connect to (or start) Ray unless already connected; True when this call started it."""
        ray = _ray()
        if ray.is_initialized():
            return False
        ray.init(address=self.address, num_cpus=self.num_cpus, include_dashboard=False, log_to_driver=False)
        return True

    def __enter__(self) -> RayExecutor:
        self._started_here = self._connect()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._started_here:
            self._started_here = False
            _ray().shutdown()

    def map(self, batches: Iterable[Batch]) -> Iterator[Results]:
        ray = _ray()
        started_here = self._connect()
        actors: list[Any] = []
        try:
            size = self.num_cpus or max(1, int(ray.available_resources().get("CPU", 1)))
            worker = ray.remote(num_cpus=1)(BatchWorker)
            actors = [worker.remote() for _ in range(size)]
            in_flight = self.max_in_flight or 2 * size
            load = [0] * size
            # (actor, result) per batch, in input order; a batch with nothing to process has no task
            pending: deque[tuple[int, Any] | None] = deque()

            def take() -> Results:
                head = pending.popleft()
                if head is None:
                    return []
                which, ref = head
                results: Results = ray.get(ref)
                load[which] -= 1
                return results

            for raws in batches:
                if raws:
                    which = min(range(size), key=load.__getitem__)  # the actor with the least queued
                    load[which] += 1
                    pending.append((which, actors[which].process.remote(list(raws))))
                else:
                    pending.append(None)
                while len(pending) >= in_flight:
                    yield take()
            while pending:
                yield take()
        finally:
            for actor in actors:
                ray.kill(actor)
            if started_here:
                ray.shutdown()


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
    """Like :func:`presswatch.run.ingest.ingest_paths`, with the stages on Ray."""
    with RayExecutor(address=address, num_cpus=num_cpus, max_in_flight=max_in_flight) as executor:
        return ingest_paths(
            paths, store, executor=executor, batch_size=batch_size, resume=resume, retry_failed=retry_failed,
            on_progress=on_progress,
        )


__all__ = ["BatchWorker", "RayExecutor", "ingest_paths_ray"]
