"""Contract: open_store creates and migrates the schema; reopening an existing database is safe."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import pytest

from presswatch.errors import StoreError
from presswatch.store import UpsertOutcome, open_store
from presswatch.store.factory import parse_db
from presswatch.store.migrate import current_revision, head_revision, upgrade
from presswatch.store.schema import metadata
from store_fixtures import make_article


def test_reopening_runs_migrations_again_without_touching_data(db_url: str) -> None:
    store = open_store(db_url)
    store.upsert_articles([make_article("a1", text="kept across reopen")])
    store.add_comment("a1", "Ann", "still here")
    store.close()

    again = open_store(db_url)
    try:
        upgrade(again.engine)  # type: ignore[attr-defined]  # explicitly, a second time
        assert current_revision(again.engine) == head_revision()  # type: ignore[attr-defined]
        assert again.count_articles() == 1
        assert again.search("reopen").total == 1
        assert [c.comment for c in again.comments("a1")] == ["still here"]
        assert again.upsert_articles([make_article("a1", text="kept across reopen")]) == [UpsertOutcome.UNCHANGED]
    finally:
        again.close()


def test_migrated_schema_matches_the_core_tables(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:  # type: ignore[attr-defined]

            def ours(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
                # Full-text machinery is backend-specific and lives only in the migration.
                return not (name or "").startswith(("articles_fts", "alembic_version", "search_vector", "ix_articles_search_vector"))

            ctx = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": False})
            assert compare_metadata(ctx, metadata) == []
    finally:
        store.close()


def test_database_urls_and_paths_are_understood(tmp_path) -> None:
    assert parse_db(str(tmp_path / "x.db")).drivername == "sqlite"
    assert parse_db("sqlite:///" + str(tmp_path / "x.db")).database == str(tmp_path / "x.db")
    assert parse_db("postgresql://root@127.0.0.1:5432/test").drivername == "postgresql+psycopg"
    assert parse_db("postgresql+psycopg://root@127.0.0.1/test").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("db", ["", "mysql://u@h/db", "/no/such/folder/x.db"])
def test_unusable_databases_are_store_errors(db: str) -> None:
    with pytest.raises(StoreError):
        open_store(db)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(str(bogus))


def test_unreachable_postgres_is_a_store_error_with_a_hint() -> None:
    with pytest.raises(StoreError, match="PostgreSQL running"):
        open_store("postgresql://root@127.0.0.1:1/test?connect_timeout=2")


def test_wal_and_foreign_keys_are_on(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    try:
        with store.engine.connect() as conn:  # type: ignore[attr-defined]
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def test_several_processes_opening_a_new_database_at_once_all_succeed(db_url: str) -> None:
    """Migrations serialise on a lock (BEGIN IMMEDIATE / an advisory lock): nobody creates tables twice."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        stores = list(pool.map(lambda _: open_store(db_url), range(4)))
    try:
        stores[0].upsert_articles([make_article("a1")])
        assert all(s.count_articles() == 1 for s in stores)
    finally:
        for s in stores:
            s.close()


def test_sqlite_full_text_index_stays_consistent_through_updates(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    try:
        for version in range(3):
            store.upsert_articles([make_article(f"a{i}", text=f"story {i} version {version}") for i in range(10)])
        with store.engine.begin() as conn:  # type: ignore[attr-defined]
            # FTS5 raises if the index and the articles table disagree.
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert store.search('"version 2"').total == 10
        assert store.search('"version 1"').total == 0
    finally:
        store.close()


def test_a_database_at_an_older_revision_is_upgraded_with_its_data(db_url: str) -> None:
    from alembic import command

    from presswatch.store.factory import parse_db
    from presswatch.store.migrate import alembic_config

    url = parse_db(db_url)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        # A row written by the old schema, as a previous release would have left it.
        from presswatch.store.schema import articles
        from presswatch.store.sql import _article_row

        old = make_article("old", text="written before the upgrade")
        row = {k: v for k, v in _article_row(old).items() if k not in ("host", "site_given")}  # columns of 0011
        conn.execute(sa.insert(articles).values(**row, stored_at="2026-01-01", updated_at="2026-01-01"))
    engine.dispose()

    store = open_store(db_url)
    try:
        assert current_revision(store.engine) == head_revision() != "0001"  # type: ignore[attr-defined]
        assert store.get_article("old") == make_article("old", text="written before the upgrade")
        store.upsert_articles([make_article("a1", text="after the upgrade")])
        assert store.search("upgrade").total == 2
    finally:
        store.close()
