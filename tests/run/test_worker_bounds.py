"""A document that takes too long becomes a failure record and the run goes on; workers end with
the process that started them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import presswatch.pipeline as pipeline
from presswatch.nlp import load_nlp
from presswatch.model import Article, Failure, RawDocument

GOOD = "Pier reopens\n\nThe harbour pier in Marrowby reopened on Monday after repairs, the council said.\n"


def _raws() -> list[RawDocument]:
    return [RawDocument(f"{name}.txt", GOOD.replace("Monday", day), "text") for name, day in (("a", "Monday"), ("slow", "Tuesday"), ("c", "Friday"))]


def test_a_document_over_its_extraction_budget_is_a_failure_and_the_rest_are_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = pipeline.extract

    def extract(raw: RawDocument) -> Article:
        if raw.source_path.startswith("slow"):
            time.sleep(60)
        return real_extract(raw)

    monkeypatch.setattr(pipeline, "extract", extract)
    load_nlp()  # the model loads outside any document's budget
    monkeypatch.setenv("PRESSWATCH_DOCUMENT_TIMEOUT_S", "5")
    started = time.monotonic()
    results = pipeline.process_batch(_raws())
    assert time.monotonic() - started < 30
    assert [type(r) for r in results] == [Article, Failure, Article]
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.stage == "budget"
    assert "took longer than 5 s" in failure.reason and "PRESSWATCH_DOCUMENT_TIMEOUT_S" in failure.reason


def test_a_document_over_its_nlp_budget_is_a_failure_and_the_rest_are_annotated(monkeypatch: pytest.MonkeyPatch) -> None:
    real_annotate = pipeline.annotate

    def slow_batch(articles):  # the batched parse hangs on the slow document
        if any(a.source_path.startswith("slow") for a in articles):
            time.sleep(60)
        return [real_annotate(a) for a in articles]

    def annotate(article: Article) -> Article:
        if article.source_path.startswith("slow"):
            time.sleep(60)
        return real_annotate(article)

    monkeypatch.setattr(pipeline, "annotate_many", slow_batch)
    monkeypatch.setattr(pipeline, "annotate", annotate)
    load_nlp()  # the model loads outside any document's budget
    monkeypatch.setenv("PRESSWATCH_DOCUMENT_TIMEOUT_S", "5")
    results = pipeline.process_batch(_raws())
    assert [type(r) for r in results] == [Article, Failure, Article]
    assert results[1].stage == "budget"
    assert all(r.quotes is not None for r in results if isinstance(r, Article))


def test_a_bad_budget_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.config import document_timeout_s
    from presswatch.errors import ValidationError

    monkeypatch.setenv("PRESSWATCH_DOCUMENT_TIMEOUT_S", "soon")
    with pytest.raises(ValidationError, match="PRESSWATCH_DOCUMENT_TIMEOUT_S"):
        document_timeout_s()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_killing_the_parent_of_two_workers_ends_the_workers(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        record = {"url": f"https://coast.example/{i}", "title": f"Story {i}", "text": GOOD * 20}
        (folder / f"s{i}.jsonl").write_text(json.dumps(record) + "\n")
    cli = [str(Path(sys.executable).with_name("presswatch")), "ingest", str(folder), "--db", str(tmp_path / "n.db"), "--workers", "2"]
    parent = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.2)
        assert len(workers) >= 2, "the ingest never started its two workers"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        if parent.poll() is None:
            parent.kill()
        for w in workers | _children(parent.pid):
            if _alive(w):
                os.kill(w, signal.SIGKILL)


def test_workers_default_to_the_available_cores_and_fewer_for_small_runs(monkeypatch) -> None:
    import os

    from presswatch.run import local

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert local.available_cores() == 4
    assert local.default_workers(1000) == 4
    assert local.default_workers(2 * local.FILES_PER_WORKER) == 2
    assert local.default_workers(3) == 1
    assert local.default_workers(0) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {5}, raising=False)
    assert local.default_workers(1000) == 1
