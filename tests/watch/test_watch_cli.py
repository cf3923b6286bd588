"""The commands: sources add/list/remove, watch --once, SIGTERM mid-poll then restart, the health API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient
from fixture_server import FixtureServer, Reply, article_page, rss, story_paragraphs
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.store import open_store
from presswatch.web.app import create_app

SRC = str(Path(__file__).resolve().parents[2] / "src")


def serve(server: FixtureServer, count: int, *, delay: float = 0.0) -> None:
    items = []
    for n in range(1, count + 1):
        server.routes[f"/news/{n}"] = Reply(body=article_page(f"Quay works, part {n}", story_paragraphs(n)), delay=delay)
        items.append({"title": f"Quay works, part {n}", "link": server.url(f"/news/{n}")})
    server.routes["/feed.xml"] = Reply(body=rss("Quay Courier", items, link=server.url("/")), content_type="application/rss+xml")
    server.routes["/"] = Reply(body='<html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head><body>x</body></html>')


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC, "PRESSWATCH_HOST_DELAY_S": "0", "PRESSWATCH_FETCH_RETRIES": "0",
            "PRESSWATCH_HOST_CONCURRENCY": "2"}


def test_sources_commands_and_watch_once(server: FixtureServer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    serve(server, 3)
    for k, v in env().items():
        monkeypatch.setenv(k, v)
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    added = runner.invoke(app, ["sources", "add", server.url("/"), "--every", "1h", "--db", db])
    assert added.exit_code == 0, added.output
    assert "Quay Courier" in added.output and "every 1h" in added.output
    bad = runner.invoke(app, ["sources", "add", server.url("/missing.xml"), "--db", db])
    assert bad.exit_code == 1 and "HTTP 404" in bad.output
    watched = runner.invoke(app, ["watch", "--once", "--db", db])
    assert watched.exit_code == 0, watched.output
    assert "1 source(s) polled, 3 new item(s)" in watched.output and "3 stored" in watched.output
    listed = runner.invoke(app, ["sources", "list", "--json", "--db", db])
    (health,) = json.loads(listed.output)
    assert health["name"] == "Quay Courier" and health["status"] == "ok" and health["last_new_item_at"]
    assert health["items_per_day_7"] == round(3 / 7, 2)
    monkeypatch.setenv("COLUMNS", "200")
    table = runner.invoke(app, ["sources", "list", "--db", db])
    assert "Quay Courier" in table.output and "ok" in table.output
    with TestClient(create_app(db)) as client:
        api = client.get("/api/sources/health")
        assert api.status_code == 200 and api.json()[0]["url"] == server.url("/feed.xml")
    removed = runner.invoke(app, ["sources", "remove", "Quay Courier", "--db", db])
    assert removed.exit_code == 0 and "removed" in removed.output
    assert runner.invoke(app, ["sources", "remove", "Quay Courier", "--db", db]).exit_code == 3


def test_sigterm_mid_poll_then_restart_loses_and_duplicates_nothing(server: FixtureServer, tmp_path: Path) -> None:
    count = 40
    serve(server, count, delay=0.1)
    db = str(tmp_path / "term.db")
    cmd = [sys.executable, "-c", "from presswatch.cli import main; main()"]
    subprocess.run([*cmd, "sources", "add", server.url("/feed.xml"), "--db", db], env=env(), check=True, capture_output=True)
    watcher = subprocess.Popen([*cmd, "watch", "--db", db], env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while sum(1 for r in server.log if r.path.startswith("/news/")) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    watcher.send_signal(signal.SIGTERM)
    out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err.decode()
    assert b"SIGTERM" in err
    fetched_first = {r.path for r in server.log if r.path.startswith("/news/")}
    assert 3 <= len(fetched_first) < count  # stopped mid-poll, after the batch in hand
    store = open_store(db)
    try:
        assert store.count_articles() == len(fetched_first)  # what was fetched was stored
    finally:
        store.close()

    again = subprocess.run([*cmd, "watch", "--once", "--db", db], env=env(), capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr.decode()
    pages = [r.path for r in server.log if r.path.startswith("/news/")]
    assert sorted(pages) == sorted(f"/news/{n}" for n in range(1, count + 1))  # each page fetched once in all
    store = open_store(db)
    try:
        titles = [a.title for a in store.iter_articles()]
        assert sorted(titles) == sorted(f"Quay works, part {n}" for n in range(1, count + 1))
    finally:
        store.close()
