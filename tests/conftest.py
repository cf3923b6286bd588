"""Fixtures shared by every test folder.

``pg_url``: the real PostgreSQL server (127.0.0.1:5432, or $PRESSWATCH_TEST_PG), in a fresh schema of
its own that is created for the test and dropped afterwards, so tests never see each other's rows and
leave nothing behind. When the server is down the test fails with the command that starts it.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

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


@contextlib.contextmanager
def _fresh_schema() -> Iterator[str]:
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
def pg_url() -> Iterator[str]:
    """A URL whose connections live in a fresh schema of their own."""
    with _fresh_schema() as url:
        yield url


@pytest.fixture
def pg_url_2() -> Iterator[str]:
    """A second fresh schema, for tests that compare two databases."""
    with _fresh_schema() as url:
        yield url
