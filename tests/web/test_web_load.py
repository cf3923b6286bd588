"""The web reader under load on the loopback interface (short form; `make soak` runs the long one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.bench.load import run_load
from presswatch.store import open_store
from web_corpus import build_corpus


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_readers_and_a_burst_of_comments_get_no_server_error_and_every_comment_is_stored_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    db = str(tmp_path / "web.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    corpus = build_corpus(db)
    report = run_load(corpus.db, clients=4, seconds=2.0, comments=40)
    assert report.requests > 0 and report.requests_per_s > 0
    assert report.server_errors == 0, report.statuses
    assert report.p50_ms <= report.p99_ms
    assert report.comments_accepted == 40 and report.comments_stored_once == 40
    assert report.comments_lost_or_doubled == 0
    store = open_store(corpus.db)
    try:
        articles = (corpus.ferry, corpus.ferry_copy, corpus.tram)
        stored = [c.comment for a in articles for c in store.comments(a.id) if " comment " in c.comment]
    finally:
        store.close()
    assert len(stored) == len(set(stored)) == 40
