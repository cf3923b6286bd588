"""Contract: the checkpoint ledger is written with the batch that finishes a file, or not at all."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_fixtures import make_article

from presswatch.errors import StoreError
from presswatch.model import Failure
from presswatch.store import CompletedFile, Store, open_store


def done(path: str, articles: int = 1, *, size: int = 100, mtime_ns: int = 1_700_000_000_123_456_789) -> CompletedFile:
    return CompletedFile(path, size, mtime_ns, "f" * 64, articles)


def ledger(store: Store) -> dict[str, tuple[int, int, str, int]]:
    return {f.source_path: (f.size, f.mtime_ns, f.fingerprint, f.articles) for f in store.completed_files()}


def test_a_file_is_marked_complete_with_the_batch_that_writes_its_last_document(store: Store) -> None:
    assert list(store.completed_files()) == []
    store.write_batch(
        [make_article("w1", source_path="crawl.warc#record=1"), make_article("w2", source_path="crawl.warc#record=2")],
        completed_files=[done("crawl.warc", 2)],
    )
    entries = list(store.completed_files())
    assert [(e.source_path, e.articles, e.mtime_ns) for e in entries] == [("crawl.warc", 2, 1_700_000_000_123_456_789)]
    assert entries[0].completed_at and entries[0].completed_at.startswith("20")


def test_a_file_done_again_replaces_its_entry(store: Store) -> None:
    store.write_batch([make_article("a1")], completed_files=[done("inbox/a1.txt", 1, size=10)])
    store.write_batch([make_article("a1", text="edited")], completed_files=[done("inbox/a1.txt", 1, size=16)])
    assert ledger(store) == {"inbox/a1.txt": (16, 1_700_000_000_123_456_789, "f" * 64, 1)}


def test_a_file_that_now_fails_leaves_the_ledger(store: Store) -> None:
    store.write_batch([make_article("a1")], completed_files=[done("inbox/a1.txt"), done("inbox/b.txt", 0)])
    store.write_batch(
        [], failures=[Failure("inbox/a1.txt", "extract", "no body")], incomplete_files=["inbox/a1.txt"]
    )
    assert ledger(store) == {"inbox/b.txt": (100, 1_700_000_000_123_456_789, "f" * 64, 0)}
    assert [f.source_path for f in store.failures()] == ["inbox/a1.txt"]


def test_a_batch_that_fails_to_write_marks_nothing(store: Store) -> None:
    # A signature for an article that does not exist breaks the foreign key: the whole batch rolls back.
    with pytest.raises(StoreError):
        store.write_batch(
            [make_article("a1")], signatures=[("no-such-article", b"\x00")], completed_files=[done("inbox/a1.txt")]
        )
    assert store.count_articles() == 0
    assert list(store.completed_files()) == []


def test_a_database_from_before_the_ledger_gets_an_empty_one(db_url: str) -> None:
    from alembic import command

    from presswatch.store.factory import parse_db
    from presswatch.store.migrate import alembic_config

    engine = sa.create_engine(parse_db(db_url))
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        assert "ingested_files" not in sa.inspect(conn).get_table_names()
    engine.dispose()

    store = open_store(db_url)
    try:
        assert list(store.completed_files()) == []
        store.write_batch([make_article("a1")], completed_files=[done("inbox/a1.txt")])
        assert list(ledger(store)) == ["inbox/a1.txt"]
    finally:
        store.close()


def test_a_file_done_clears_failures_left_from_earlier_runs(store: Store) -> None:
    store.record_failures(
        [
            Failure("my_dump.jsonl#L4", "ingest", "line 4 is not valid JSON"),
            Failure("my_dump.jsonl", "ingest", "damaged gzip file"),
            Failure("my_dump.jsonl.old#L1", "ingest", "another file"),
            Failure("myXdump.jsonl#L1", "ingest", "an underscore is not a wildcard"),
        ]
    )
    store.write_batch([make_article("a1", source_path="my_dump.jsonl#L1")], completed_files=[done("my_dump.jsonl")])
    assert sorted(f.source_path for f in store.failures()) == ["myXdump.jsonl#L1", "my_dump.jsonl.old#L1"]
