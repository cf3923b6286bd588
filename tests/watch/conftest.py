from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixture_server import FixtureServer

from presswatch.fetch.settings import FetchSettings


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    s = FixtureServer().start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def settings() -> FetchSettings:
    """Quick but still polite: small delays, so timing is visible in the request log."""
    return FetchSettings(
        user_agent="PressWatch/test (+http://127.0.0.1/contact)",
        timeout_s=1.0,
        max_bytes=50_000,
        max_redirects=3,
        retries=2,
        backoff_s=0.01,
        max_retry_wait_s=5.0,
        host_delay_s=0.0,
        host_concurrency=2,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "watch.db")
