"""`presswatch comments` and `presswatch serve`, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.comments import post_comment
from presswatch.store import open_store

from web_corpus import Corpus, free_port

runner = CliRunner()


def _seed_comments(db: str) -> list[int]:
    store = open_store(db)
    try:
        return [post_comment(store, "ferry0001", n, c).id for n, c in [("Ana", "Useful."), ("Spam", "[b]Buy[/b] now")]]
    finally:
        store.close()


def test_comments_lists_an_articles_comments(corpus: Corpus):
    _seed_comments(corpus.db)
    result = runner.invoke(app, ["comments", "ferry0001", "--db", corpus.db])
    assert result.exit_code == 0, result.output
    assert "Ana" in result.output and "Useful." in result.output
    assert "[b]Buy[/b] now" in result.output  # reader text is printed as typed, not read as markup
    as_json = runner.invoke(app, ["comments", "ferry0001", "--json", "--db", corpus.db])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert [(r["name"], r["comment"], r["hidden"]) for r in rows] == [("Ana", "Useful.", False),
                                                                      ("Spam", "[b]Buy[/b] now", False)]


def test_comments_hide_moderates(corpus: Corpus):
    _, spam_id = _seed_comments(corpus.db)
    result = runner.invoke(app, ["comments", "--hide", str(spam_id), "--db", corpus.db])
    assert result.exit_code == 0, result.output
    assert "hidden" in result.output
    rows = [json.loads(line) for line in
            runner.invoke(app, ["comments", "ferry0001", "--json", "--db", corpus.db]).output.splitlines()]
    assert [r["name"] for r in rows] == ["Ana"]
    with_hidden = runner.invoke(app, ["comments", "ferry0001", "--all", "--db", corpus.db]).output
    assert "Spam" in with_hidden and "(hidden)" in with_hidden


def test_comments_errors(corpus: Corpus):
    assert runner.invoke(app, ["comments", "no-such-article", "--db", corpus.db]).exit_code == 3
    assert runner.invoke(app, ["comments", "--hide", "99999", "--db", corpus.db]).exit_code == 3
    assert runner.invoke(app, ["comments", "--db", corpus.db]).exit_code == 2


def test_serve_prints_the_url_and_serves(corpus: Corpus, tmp_path: Path):
    port = free_port()
    exe = Path(sys.executable).with_name("presswatch")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", corpus.db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        first_line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first_line
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/articles/ferry0001", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["id"] == "ferry0001"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
