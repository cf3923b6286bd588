"""Resumable ingest: an interrupted run started again skips the files already done, and ends with
the database an uninterrupted run gives."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.export import records
from presswatch.run.ledger import EDGE_BYTES, stamp_file
from presswatch.run.local import IngestReport, ingest_paths
from presswatch.store import Store, open_store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


class Interrupted(Exception):
    """What a Ctrl-C or a killed worker looks like to the runner: the run stops mid-way."""


def stop_after(calls: int):
    seen: list[str] = []

    def on_progress(_: int, source_path: str) -> None:
        seen.append(source_path)
        if len(seen) >= calls:
            raise Interrupted(source_path)

    return on_progress


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A copy of samples/ (13 files, 18 documents in every format), free to touch and edit."""
    folder = tmp_path / "archive"
    shutil.copytree(SAMPLES, folder)
    return folder


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "resume.db")


def files_under(folder: Path) -> set[str]:
    from presswatch.ingest import walk

    return {str(f) for f in walk(folder)}


def snapshot(store: Store) -> tuple[str, list[tuple[str, str]], dict[str, tuple[int, int, str, int]]]:
    """Everything a user sees: the exported records, the failures and the ledger (times aside)."""
    exported = json.dumps(list(records(store.iter_articles())), sort_keys=True)
    failed = [(f.source_path, f.reason) for f in store.failures()]
    ledger = {f.source_path: (f.size, f.mtime_ns, f.fingerprint, f.articles) for f in store.completed_files()}
    return exported, failed, ledger


def run(folder: Path, db: str, **kwargs) -> IngestReport:
    store = open_store(db)
    try:
        return ingest_paths([folder], store, **kwargs)
    finally:
        store.close()


def test_an_interrupted_run_resumes_with_only_the_files_not_done(archive: Path, db_url: str, tmp_path: Path) -> None:
    whole = str(tmp_path / "whole.db")
    uninterrupted = run(archive, whole, batch_size=2)
    assert uninterrupted.summary() == "18 stored, 0 unchanged, 0 failed"
    with open_store(whole) as store:  # type: ignore[attr-defined]
        expected = snapshot(store)
        source_of = {a.id: a.source_path.split("#")[0] for a in store.iter_articles()}

    # Batches of 2 documents; the 9th progress call comes after the 5th batch, which ends inside
    # dump.jsonl: its first line is stored, but the file is not finished.
    with pytest.raises(Interrupted):
        run(archive, db_url, batch_size=2, on_progress=stop_after(9))
    with open_store(db_url) as store:  # type: ignore[attr-defined]
        done_before = {f.source_path for f in store.completed_files()}
        assert store.count_articles() == 10
    assert 0 < len(done_before) < len(files_under(archive))
    assert str(archive / "jsonl" / "dump.jsonl") not in done_before

    seen: list[str] = []
    resumed = run(archive, db_url, batch_size=2, on_progress=lambda _, path: seen.append(path))
    assert resumed.files_skipped == len(done_before)
    # only documents of files not finished before were read and processed again
    assert sorted(resumed.article_ids) == sorted(i for i, f in source_of.items() if f not in done_before)
    assert resumed.summary() == "8 stored, 10 unchanged, 0 failed"
    assert resumed.articles_skipped + len(resumed.article_ids) == 18
    # the progress reached every file, skipped ones included
    assert {p.split("#")[0] for p in seen} == files_under(archive)
    with open_store(db_url) as store:  # type: ignore[attr-defined]
        assert snapshot(store) == expected


def test_a_touched_file_is_read_again_a_changed_one_updates_and_the_rest_is_skipped(archive: Path, tmp_path: Path) -> None:
    folder = archive / "text"
    db = str(tmp_path / "t.db")
    assert run(folder, db).summary() == "4 stored, 0 unchanged, 0 failed"

    touched = folder / "harbour-bridge-delay.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 5_000_000_000))
    changed = folder / "moscow-ferry-strike.txt"
    changed.write_text(changed.read_text("utf-8").replace("on Monday", "on Tuesday"), "utf-8")

    second = run(folder, db)
    assert second.files_skipped == 2
    assert second.summary() == "1 stored, 3 unchanged, 0 failed"  # the changed story is updated
    assert second.updated == 1
    with open_store(db) as store:  # type: ignore[attr-defined]
        ledger = {f.source_path: f for f in store.completed_files()}
        assert "on Tuesday" in store.find_article(str(changed)).text
    assert ledger[str(touched)].mtime_ns == touched.stat().st_mtime_ns  # the entry follows the touch
    assert ledger[str(changed)].size == changed.stat().st_size

    third = run(folder, db)
    assert (third.files_skipped, third.article_ids, third.summary()) == (4, [], "0 stored, 4 unchanged, 0 failed")


def test_same_size_and_restored_mtime_but_other_bytes_is_still_seen(archive: Path, tmp_path: Path) -> None:
    folder = archive / "text"
    db = str(tmp_path / "t.db")
    run(folder, db)
    story = folder / "moscow-ferry-strike.txt"
    before = story.stat()
    text = story.read_text("utf-8")
    assert "on Monday" in text
    story.write_text(text.replace("on Monday", "on Sunday"), "utf-8")  # same length in bytes
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a restore with preserved times would
    assert (story.stat().st_size, story.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)

    again = run(folder, db)
    assert (again.files_skipped, again.updated) == (3, 1)


def test_the_fingerprint_of_a_big_file_reads_its_head_and_tail(tmp_path: Path) -> None:
    big = tmp_path / "crawl.warc"
    body = bytearray(os.urandom(3 * EDGE_BYTES))
    big.write_bytes(body)
    first = stamp_file(big)
    mtime = big.stat().st_mtime_ns
    for offset in (10, len(body) - 10):  # a byte flipped in the head, then in the tail
        edited = bytearray(body)
        edited[offset] ^= 0xFF
        big.write_bytes(edited)
        os.utime(big, ns=(mtime, mtime))
        stamp = stamp_file(big)
        assert (stamp.size, stamp.mtime_ns) == (first.size, first.mtime_ns)
        assert stamp.fingerprint != first.fingerprint


def test_no_resume_reads_everything_again(archive: Path, tmp_path: Path) -> None:
    folder = archive / "text"
    db = str(tmp_path / "t.db")
    run(folder, db)
    forced = run(folder, db, resume=False)
    assert forced.files_skipped == 0 and len(forced.article_ids) == 4
    assert forced.summary() == "0 stored, 4 unchanged, 0 failed"


def test_a_failed_file_is_remembered_not_reread_until_it_changes_or_is_retried(archive: Path, tmp_path: Path) -> None:
    folder = archive / "jsonl"
    dump = folder / "dump.jsonl"
    good = dump.read_text("utf-8")
    dump.write_text(good + "{this line is broken\n", "utf-8")
    (folder / "later.txt").write_text("")
    db = str(tmp_path / "f.db")

    first = run(folder, db)
    assert first.summary() == "3 stored, 0 unchanged, 2 failed"
    with open_store(db) as store:  # type: ignore[attr-defined]
        entries = {Path(e.source_path).name: e.failures for e in store.completed_files()}
        assert entries == {"dump.jsonl": 1, "later.txt": 1}  # remembered as failed, with their stamps

    second = run(folder, db)  # unchanged: not read again, and the failures are still on record
    assert second.files_skipped == 2 and second.failed == 0 and second.failures_skipped == 2
    assert second.summary().startswith("0 stored, 3 unchanged, 0 failed (2 earlier failure(s)")
    with open_store(db) as store:  # type: ignore[attr-defined]
        assert {f.times for f in store.failure_history()} == {1}

    retried = run(folder, db, retry_failed=True)
    assert (retried.files_skipped, retried.summary()) == (0, "0 stored, 3 unchanged, 2 failed")
    with open_store(db) as store:  # type: ignore[attr-defined]
        history = store.failure_history()
        assert {f.times for f in history} == {2} and all(f.first_failed_at < f.last_failed_at for f in history)

    dump.write_text(good, "utf-8")
    (folder / "later.txt").write_text("Harbour lights return\n\nThe harbour lights were switched back on tonight.\n")
    third = run(folder, db)
    assert third.failed == 0 and third.files_done == 2
    assert run(folder, db).files_skipped == 2
    with open_store(db) as store:  # type: ignore[attr-defined]
        assert store.failures() == [] and all(e.failures == 0 for e in store.completed_files())


def test_the_failures_command_shows_when_and_how_often(archive: Path, tmp_path: Path) -> None:
    folder = archive / "jsonl"
    (folder / "dump.jsonl").write_text("{broken\n", "utf-8")
    db = str(tmp_path / "c.db")
    for extra in ((), ("--retry-failed",), ()):
        CliRunner().invoke(app, ["ingest", str(folder), "--db", db, *extra], catch_exceptions=False)
    result = CliRunner().invoke(app, ["failures", "--json", "--db", db], catch_exceptions=False)
    rows = json.loads(result.output)
    assert [(Path(r["source_path"]).name, r["times"]) for r in rows] == [("dump.jsonl#L1", 2)]
    assert rows[0]["first_failed_at"] <= rows[0]["last_failed_at"]


def test_the_ingest_command_resumes_and_says_so(archive: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")

    def ingest(*args: str) -> str:
        result = CliRunner().invoke(app, ["ingest", str(archive / "text"), "--db", db, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert "4 stored, 0 unchanged, 0 failed" in ingest()
    again = ingest()
    assert "0 stored, 4 unchanged, 0 failed" in again and "4 finished file(s) skipped" in again
    forced = ingest("--no-resume")
    assert "0 stored, 4 unchanged, 0 failed" in forced and "skipped" not in forced


def test_the_ray_executor_resumes_an_interrupted_run(archive: Path, tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    from presswatch.run.ray_executor import ingest_paths_ray

    whole = str(tmp_path / "whole.db")
    run(archive, whole, batch_size=2)
    with open_store(whole) as store:  # type: ignore[attr-defined]
        expected = snapshot(store)

    db = str(tmp_path / "ray.db")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)  # one Ray instance for both runs
    try:
        with pytest.raises(Interrupted):
            store = open_store(db)
            try:
                ingest_paths_ray([archive], store, batch_size=2, num_cpus=2, on_progress=stop_after(9))
            finally:
                store.close()
        store = open_store(db)
        try:
            done_before = len(list(store.completed_files()))
            resumed = ingest_paths_ray([archive], store, batch_size=2, num_cpus=2)
            assert resumed.files_skipped == done_before > 0
            assert resumed.summary() == "8 stored, 10 unchanged, 0 failed"
            assert snapshot(store) == expected
        finally:
            store.close()
    finally:
        if ray.is_initialized():
            ray.shutdown()
