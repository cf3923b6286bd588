"""Fixtures shared by every test folder.

``browser``: a headless Chromium (the system's ``/usr/bin/chromium``) for a module of browser tests,
closed when the module is done (Playwright's event loop must not outlive it: other tests run their own).

``pg_url``: a real PostgreSQL server ($PRESSWATCH_TEST_PG, else 127.0.0.1:5432, else a throwaway
server started from the ``pgserver`` package), in a fresh schema of its own that is created for the
test and dropped afterwards, so tests never see each other's rows and leave nothing behind.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import tempfile
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

CHROMIUM = "/usr/bin/chromium"
LOCAL_PG = "postgresql+psycopg://root@127.0.0.1:5432/test"
PG_HELP = (
    "No PostgreSQL server for the store tests: none answers at 127.0.0.1:5432 and the pip package "
    "`pgserver` (in the dev extra) could not start one. Start a server with "
    "`pg_ctlcluster $(ls /etc/postgresql) main start`, or point PRESSWATCH_TEST_PG at one."
)


def _answers(url: str) -> bool:
    engine = sa.create_engine(url, poolclass=sa.NullPool, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


@functools.lru_cache(maxsize=1)
def pg_server() -> str:
    """The PostgreSQL server the tests use: $PRESSWATCH_TEST_PG; else the one at 127.0.0.1:5432; else
    a throwaway server started from the `pgserver` package (stopped when the test run ends)."""
    given = os.environ.get("PRESSWATCH_TEST_PG")
    if given:
        return given
    if _answers(LOCAL_PG):
        return LOCAL_PG
    try:
        import pgserver
    except ImportError:
        pytest.fail(PG_HELP, pytrace=False)
    data_dir = tempfile.mkdtemp(prefix="presswatch-test-pg-")
    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    atexit.register(server.cleanup)
    url = sa.make_url(server.get_uri()).set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _admin_engine() -> sa.Engine:
    url = pg_server()
    engine = sa.create_engine(url, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
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
    url = sa.make_url(pg_server()).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through Playwright; a module that uses it skips when Chromium is absent."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            timeout=30_000,
        )
        try:
            yield chromium
        finally:
            chromium.close()


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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Tests marked ``reference_data`` read ../shared: without it they skip with one line saying so,
    except under CI=true, where the data must be there."""
    if item.get_closest_marker("reference_data") is None:
        return
    from presswatch.bench.data import seed_dir, shared_dir

    if (seed_dir() / "expected.json").is_file():
        return
    message = f"reference data not found at {shared_dir()} (set PRESSWATCH_SHARED to the folder with seed/ and bench/)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
