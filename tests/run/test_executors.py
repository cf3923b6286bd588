"""The stored result does not depend on the executor or the number of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presswatch.export import records
from presswatch.run.local import ingest_paths
from presswatch.store import open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _ingest(db: Path, **kwargs) -> tuple[list[dict], str]:
    store = open_store(str(db))
    try:
        runner = kwargs.pop("runner", ingest_paths)
        report = runner([SAMPLES], store, **kwargs)
        return list(records(store.iter_articles())), report.summary()
    finally:
        store.close()


def test_samples_ingest_without_failures(tmp_path: Path) -> None:
    recs, summary = _ingest(tmp_path / "a.db")
    assert summary.endswith(", 0 failed"), summary
    assert len(recs) >= 8  # every format in samples/ yields articles
    assert {Path(r["source_path"].split("#")[0]).suffix for r in recs} >= {".txt", ".html", ".jsonl"}


def test_two_workers_store_the_same_records_as_one(tmp_path: Path) -> None:
    one, _ = _ingest(tmp_path / "one.db", workers=1, batch_size=3)
    two, _ = _ingest(tmp_path / "two.db", workers=2, batch_size=5)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_ray_executor_stores_the_same_records(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    from presswatch.run.ray_executor import ingest_paths_ray

    local, _ = _ingest(tmp_path / "local.db")
    try:
        on_ray, summary = _ingest(tmp_path / "ray.db", runner=ingest_paths_ray, actors=2, batch_size=4)
    finally:
        if ray.is_initialized():
            ray.shutdown()
    assert summary.endswith(", 0 failed")
    assert json.dumps(local, sort_keys=True) == json.dumps(on_ray, sort_keys=True)


def test_a_batch_keeps_input_order_and_turns_bad_documents_into_failures() -> None:
    from presswatch.model import Article, Failure, RawDocument
    from presswatch.run.local import process_batch, process_or_failure

    good = "Pier reopens – .\n\nPier reopens – .\n\nThe harbour pier reopened on Monday, the council said.\n"
    raws = [
        RawDocument("a.txt", good, "text"),
        RawDocument("empty.html", "<html><body><nav>Home</nav></body></html>", "html"),
        RawDocument("b.txt", good.replace("Monday", "Tuesday"), "text"),
    ]
    results = process_batch(raws)
    assert [type(r) for r in results] == [Article, Failure, Article]
    assert results[1].source_path == "empty.html" and results[1].stage == "extract"
    # batched NLP gives exactly what one-by-one processing gives
    assert results[0] == process_or_failure(raws[0]) and results[2] == process_or_failure(raws[2])


def _docs(n: int) -> list:
    from presswatch.model import RawDocument

    body = "Pier reopens\n\nThe harbour pier in Marrowby reopened on {day} after repairs, the council said.\n"
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return [RawDocument(f"d{i}.txt", body.format(day=days[i % 7]) + f"Ticket {i} was sold.\n", "text") for i in range(n)]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_local_executor_returns_each_batch_in_order(workers: int) -> None:
    from presswatch.model import RawDocument
    from presswatch.pipeline import process_batch
    from presswatch.run.executor import Executor, LocalExecutor

    docs = _docs(5)
    bad = RawDocument("bad.html", "<html><body><nav>Home</nav></body></html>", "html")
    batches = [docs[:3], [], [bad], docs[3:] + [bad]]
    executor = LocalExecutor(workers)
    assert isinstance(executor, Executor)
    got = list(executor.map(iter(batches)))
    assert [[r.source_path for r in part] for part in got] == [[d.source_path for d in b] for b in batches]
    assert got[0] == process_batch(docs[:3])
    assert got[2][0].stage == "extract" and got[3][-1].stage == "extract"


def test_ingest_takes_any_executor_and_hands_it_whole_batches(tmp_path: Path) -> None:
    from presswatch.run.executor import LocalExecutor
    from presswatch.service import ingest

    class Recording:
        def __init__(self) -> None:
            self.sizes: list[int] = []

        def map(self, batches):
            def note(it):
                for raws in it:
                    self.sizes.append(len(raws))
                    yield raws

            return LocalExecutor(1).map(note(batches))

    folder = tmp_path / "in"
    folder.mkdir()
    for doc in _docs(7):
        (folder / doc.source_path).write_text(doc.content)
    recording = Recording()
    store = open_store(str(tmp_path / "r.db"))
    try:
        report = ingest([folder], store, executor=recording, batch_size=3)
        assert report.summary() == "7 stored, 0 unchanged, 0 failed"
        assert sorted(recording.sizes, reverse=True) == [3, 3, 1]
        again = ingest([folder], store, executor="local", workers=1, resume=False)
        assert again.summary() == "0 stored, 7 unchanged, 0 failed"
    finally:
        store.close()


def test_an_unknown_executor_is_a_clear_error(tmp_path: Path) -> None:
    from presswatch.errors import ValidationError
    from presswatch.service import ingest

    store = open_store(str(tmp_path / "u.db"))
    try:
        with pytest.raises(ValidationError, match="unknown executor 'spark'"):
            ingest([SAMPLES], store, executor="spark")
    finally:
        store.close()


def test_save_stores_a_text_once_and_a_failure_not_at_all(tmp_path: Path) -> None:
    from presswatch.model import Failure, RawDocument
    from presswatch.service import SaveOutcome, save, save_batch

    text = _docs(1)[0].content
    store = open_store(str(tmp_path / "s.db"))
    try:
        first = save(text, store)
        assert isinstance(first, SaveOutcome) and not first.already_stored and first.title == "Pier reopens"
        second = save(RawDocument("elsewhere.txt", text, "text"), store)
        assert isinstance(second, SaveOutcome) and second.already_stored and second.article_id == first.article_id
        failed = save("<html><body><nav>Home</nav></body></html>", store)
        assert isinstance(failed, Failure) and failed.stage == "extract"
        assert [a.id for a in store.iter_articles()] == [first.article_id]
        # a batch keeps its order, failures met before processing included, and is stored whole
        before = Failure("https://coast.example/gone", "fetch", "HTTP 404")
        results = save_batch([_docs(3)[1], before, _docs(3)[2]], store)
        assert [r.source_path for r in results] == ["d1.txt", "https://coast.example/gone", "d2.txt"]
        assert len(list(store.iter_articles())) == 3
        assert {f.source_path for f in store.failures()} >= {"https://coast.example/gone"}
    finally:
        store.close()


def test_a_batch_is_cut_into_ordered_parts_for_every_worker() -> None:
    from presswatch.run.executor import split_batch

    items = list(range(32))
    parts = split_batch(items, 2, part_size=8)
    assert [x for part in parts for x in part] == items
    assert len(parts) == 4 and max(len(p) for p in parts) == 8
    assert len(split_batch(items[:5], 2, part_size=8)) == 2  # every worker gets a share
    assert split_batch(items[:1], 4) == [[0]]


def test_a_started_local_pool_serves_several_runs_with_the_same_workers() -> None:
    from presswatch.pipeline import process_batch
    from presswatch.run.executor import LocalExecutor

    docs = _docs(6)
    with LocalExecutor(2, part_size=2) as executor:
        workers = executor.worker_pids()
        assert len(workers) == 2  # both started, their models loaded, before any batch
        first = list(executor.map(iter([docs[:4], docs[4:]])))
        second = list(executor.map(iter([docs])))
        assert executor.worker_pids() == workers
    assert executor.worker_pids() == []
    assert [r for part in first for r in part] == second[0] == process_batch(docs)
