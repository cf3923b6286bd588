"""Revisions where a reader sees them: "updated N times" with the paragraph diff and the quotes added
and removed on the article page, and `presswatch revisions URL-or-ID` (table and --json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from fixture_server import FixtureServer, Logged, Reply, article_page
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.store import open_store
from presswatch.watch.pages import fetch_and_ingest
from presswatch.watch.revisions import paragraph_changes, revisions
from presswatch.web.app import create_app

FIRST = [
    "The Esker Bay lifeboat station will get a second boat before winter, the coastal trust said on Friday.",
    "\u201cTwo crews can cover the whole sound at once,\u201d said Petra Lund, who coxes the station\u2019s boat. \u201cWe launch on Monday.\u201d",
    "The old slipway was rebuilt last spring with money raised at the harbour fair and by the fishing cooperative.",
    "Volunteers train on Tuesday evenings, and the station is looking for four more crew members this year.",
]
SECOND = [FIRST[0], FIRST[1].replace("We launch on Monday.", "We launch on Thursday, weather allowing."), *FIRST[2:]]
THIRD = [
    SECOND[0], SECOND[1], SECOND[2],
    "\u201cWe are proud of every one of them,\u201d said Aron Vik, who chairs the coastal trust.",
]


def _serve(server: FixtureServer, versions: list[list[str]]) -> None:
    def page(req: Logged) -> Reply:
        etag = f'"v{len(versions)}"'
        if req.headers.get("If-None-Match") == etag:
            return Reply(304)
        return Reply(body=article_page("Second lifeboat for Esker Bay", versions[-1], site="Esker Bay Courier"),
                     headers={"ETag": etag})

    server.routes["/news/lifeboat"] = page
    server.routes["/news/steady"] = Reply(body=article_page("Harbour fair dates set", [
        "The harbour fair returns on the first weekend of June, organisers said, with stalls along the whole quay.",
        "Tickets stay free for children, and the parade of boats leaves the breakwater at noon on the Saturday.",
    ]))


def test_article_page_and_cli_show_each_update(server: FixtureServer, settings: FetchSettings, tmp_path: Path) -> None:
    versions = [FIRST]
    _serve(server, versions)
    db = str(tmp_path / "rev.db")
    url = server.url("/news/lifeboat")
    store = open_store(db)
    try:
        fetch_and_ingest([url, server.url("/news/steady")], store, client=PoliteClient(settings))
        versions.append(SECOND)
        fetch_and_ingest([url], store, client=PoliteClient(settings))
        versions.append(THIRD)
        report = fetch_and_ingest([url], store, client=PoliteClient(settings))
        (article_id,) = report.revised
        found = revisions(store, article_id)
        steady_id = next(a.id for a in store.iter_articles() if a.id != article_id)
    finally:
        store.close()
    assert len(found) == 2
    edit = [c for c in found[0].changes if c.kind == "changed"]
    assert len(edit) == 1 and edit[0].words[1:] == (("removed", "Monday"), ("added", "Thursday, weather allowing"), ("same", ".\u201d"))
    assert [c.kind for c in found[1].changes] == ["skipped", "same", "removed", "added"]

    with TestClient(create_app(db, secret=b"k" * 32)) as web:
        html = web.get(f"/articles/{article_id}").text
        assert "Updated 2 times" in html
        assert "<del>Monday</del><ins>Thursday, weather allowing</ins>" in html
        assert re.search(r'<li class="removed-paragraph">.*?<del>Volunteers train on Tuesday evenings', html, re.S)
        assert re.search(r'<li class="added">.*?<ins>\u201cWe are proud of every one of them', html, re.S)
        added = "".join(re.findall(r'<ul class="quotes-added">(.*?)</ul>', html, re.S))
        removed = "".join(re.findall(r'<ul class="quotes-removed">(.*?)</ul>', html, re.S))
        assert "We are proud of every one of them" in added and "Aron Vik" in added
        assert "We launch on Monday." in removed and "We launch on Monday." not in added
        assert html.index("Updated 2 times") < html.index('<div class="body">')  # above the story
        assert 'style="' not in html
        assert "Updated" not in web.get(f"/articles/{steady_id}").text  # never revised: no block

    runner = CliRunner()
    table = runner.invoke(app, ["revisions", url + "?utm_source=feed", "--db", db])
    assert table.exit_code == 0, table.output
    assert f"{article_id}: updated 2 times" in table.output
    assert "Aron Vik" in table.output and "+1 -1 ~0" in table.output and "+0 -0 ~1" in table.output
    as_json = runner.invoke(app, ["revisions", article_id, "--json", "--db", db])
    assert as_json.exit_code == 0, as_json.output
    record = json.loads(as_json.output.strip().splitlines()[-1])
    assert record["id"] == article_id and record["updates"] == 2
    assert record["revisions"][1]["quotes_added"] == [{"speaker": "Aron Vik", "text": "We are proud of every one of them"}]
    assert [q["text"] for q in record["revisions"][0]["quotes_removed"]] == ["We launch on Monday."]
    steady = runner.invoke(app, ["revisions", steady_id, "--db", db])
    assert steady.exit_code == 0 and "never updated" in steady.output
    missing = runner.invoke(app, ["revisions", "http://127.0.0.1:9/never-fetched", "--db", db])
    assert missing.exit_code == 3 and "no article fetched from" in missing.output


def test_paragraph_changes_fold_what_did_not_change() -> None:
    before = [f"Paragraph {n} about the quay." for n in range(1, 9)]
    after = [*before[:6], "Paragraph 7 about the new quay.", before[7], "A closing line."]
    rows = paragraph_changes(before, after)
    assert [(r.kind, r.count) for r in rows] == [("skipped", 5), ("same", 0), ("changed", 0), ("same", 0), ("added", 0)]
    assert rows[2].words == (("same", "Paragraph 7 about the "), ("added", "new "), ("same", "quay."))
    swap = paragraph_changes(["The ferry is late."], ["Council meets on Monday to set the budget for next year."])
    assert [r.kind for r in swap] == ["removed", "added"]  # unlike paragraphs are not an edit
