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

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from presswatch.errors import PressWatchError
from presswatch.model import RawDocument
from presswatch.pipeline import process_batch
from presswatch.run.executor import PART_SIZE, Batch, Results, split_batch
from presswatch.run.ingest import IngestReport, ProgressCallback, ingest_paths
from presswatch.store import Store


class BatchWorker:
    """One Ray actor: the NLP model loaded once, then batch after batch."""

    def __init__(self) -> None:
        from presswatch.nlp.pipeline import load_nlp

        load_nlp()

    def ready(self) -> bool:
        return True

    def process(self, raws: Sequence[RawDocument]) -> Results:
        return process_batch(raws)


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise PressWatchError("the Ray executor needs the 'ray' extra: pip install 'presswatch[ray]'") from exc
    return ray


class RayExecutor:
    """Batches on a pool of Ray actors: ``actors`` of them (default: one per CPU Ray offers; when this
    executor starts Ray itself, ``num_cpus`` CPUs, default ``actors``).

    Each batch is cut into parts of about ``part_size`` documents, each sent to the actor with the
    least work queued, and put back together in order. Used as a context manager (or after
    :meth:`start`), the actors are created once, with their models loaded, and serve every ``map``;
    :meth:`start` returns when each actor is ready, so start-up can be kept out of a measurement."""

    def __init__(
        self,
        *,
        address: str | None = None,
        num_cpus: int | None = None,
        actors: int | None = None,
        max_in_flight: int | None = None,
        part_size: int = PART_SIZE,
    ) -> None:
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.num_cpus = num_cpus if num_cpus is not None or address else actors
        self.actors = actors
        self.max_in_flight = max_in_flight
        self.part_size = max(1, part_size)
        self._started_here = False
        self._pool: list[Any] = []

    def _connect(self) -> bool:
        """Connect to (or start) Ray unless already connected; True when this call started it."""
        ray = _ray()
        if ray.is_initialized():
            return False
        options: dict[str, Any] = {"address": self.address, "include_dashboard": False, "log_to_driver": False}
        if self.num_cpus is not None and not self.address:
            options["num_cpus"] = self.num_cpus
        ray.init(**options)
        return True

    def _create_actors(self) -> list[Any]:
        ray = _ray()
        size = self.actors or max(1, int(ray.available_resources().get("CPU", 1)))
        worker = ray.remote(num_cpus=1)(BatchWorker)
        return [worker.remote() for _ in range(size)]

    def start(self) -> RayExecutor:
        """Connect to Ray, create the actors and wait until each has loaded the model."""
        self._started_here = self._connect() or self._started_here
        if not self._pool:
            self._pool = self._create_actors()
            _ray().get([actor.ready.remote() for actor in self._pool])
        return self

    def close(self) -> None:
        ray = _ray()
        for actor in self._pool:
            ray.kill(actor)
        self._pool = []
        if self._started_here:
            self._started_here = False
            ray.shutdown()

    def __enter__(self) -> RayExecutor:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def map(self, batches: Iterable[Batch]) -> Iterator[Results]:
        ray = _ray()
        own = not self._pool
        started_here = self._connect() if own else False
        actors: list[Any] = self._pool or self._create_actors()
        try:
            size = len(actors)
            in_flight = self.max_in_flight or 2
            load = [0] * size
            # the parts of each batch, as (actor, result), in input order
            pending: deque[list[tuple[int, Any]]] = deque()

            def take() -> Results:
                results: Results = []
                for which, ref in pending.popleft():
                    results.extend(ray.get(ref))
                    load[which] -= 1
                return results

            for raws in batches:
                parts = []
                for part in split_batch(raws, size, part_size=self.part_size) if raws else []:
                    which = min(range(size), key=load.__getitem__)  # the actor with the least queued
                    load[which] += 1
                    parts.append((which, actors[which].process.remote(list(part))))
                pending.append(parts)
                while len(pending) >= in_flight:
                    yield take()
            while pending:
                yield take()
        finally:
            if own:
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
    actors: int | None = None,
    resume: bool = True,
    retry_failed: bool = False,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Like :func:`presswatch.run.ingest.ingest_paths`, with the stages on ``actors`` Ray actors."""
    executor = RayExecutor(address=address, num_cpus=num_cpus, actors=actors, max_in_flight=max_in_flight)
    return ingest_paths(
        paths, store, executor=executor, batch_size=batch_size, resume=resume, retry_failed=retry_failed,
        on_progress=on_progress,
    )


__all__ = ["BatchWorker", "RayExecutor", "ingest_paths_ray"]
