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
        on_ray, summary = _ingest(tmp_path / "ray.db", runner=ingest_paths_ray, num_cpus=2, batch_size=4)
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
