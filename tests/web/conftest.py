"""Fixtures for the web reader tests (data and helpers live in web_corpus.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, Corpus, LiveServer, build_corpus, free_port


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build_corpus(tmp_path / "web.db")


@pytest.fixture
def client(corpus: Corpus) -> Iterator[TestClient]:
    app = create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def live_server(corpus: Corpus) -> Iterator[LiveServer]:
    app = create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)
    with LiveServer(app, free_port()) as server:
        yield server
