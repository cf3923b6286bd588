"""The Store contract fixtures: every test runs on SQLite (a temp file) and on the real PostgreSQL
(``pg_url`` from tests/conftest.py: a fresh schema per test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.store import Store, open_store

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
