"""The Store contract fixtures: every test runs on SQLite (a temp file) and on the real PostgreSQL.

Each PostgreSQL test gets its own schema (created here, dropped afterwards) in the ``test`` database,
so tests never see each other's rows and leave nothing behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from presswatch.store import Store, open_store

PG_SERVER = os.environ.get("PRESSWATCH_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")
PG_HELP = (
    f"PostgreSQL is not reachable at {PG_SERVER}. The store contract suite always runs on it: start it with "
    "`pg_ctlcluster $(ls /etc/postgresql) main start` (or `service postgresql start`), "
    "or point PRESSWATCH_TEST_PG at a server."
)


def _admin_engine() -> sa.Engine:
    engine = sa.create_engine(PG_SERVER, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        pytest.fail(f"{PG_HELP}\n({exc.orig})", pytrace=False)
    return engine


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema of their own."""
    engine = _admin_engine()
    schema = f"pw_test_{uuid.uuid4().hex[:12]}"
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(PG_SERVER).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "presswatch.db")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return request.getfixturevalue("sqlite_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
