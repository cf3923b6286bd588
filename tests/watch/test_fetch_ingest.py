"""`presswatch fetch`: pages fetched, archived as WARC, ingested; failures recorded; re-ingest agrees."""

from __future__ import annotations

from pathlib import Path

from fixture_server import FixtureServer, Logged, Reply, article_page
from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.fetch.archive import WarcArchive
from presswatch.fetch.client import PoliteClient
from presswatch.fetch.settings import FetchSettings
from presswatch.run.local import ingest_paths
from presswatch.store import open_store
from presswatch.store.monitor import MonitorStore
from presswatch.watch.pages import fetch_and_ingest
from presswatch.watch.revisions import revisions

STORIES = {
    "/news/ferry-timetable": article_page(
        "Night ferry returns to the Skerry route",
        [
            "The night ferry between Port Alder and the Skerry islands will run again from March, the harbour board said on Tuesday.",
            "\u201cWe heard the islanders loud and clear,\u201d said Tomas Veir, chair of the harbour board. \u201cThe late crossing is a lifeline.\u201d",
            "The service was cut two winters ago after fuel costs rose. Island traders had collected 1,400 signatures to bring it back.",
            "Tickets will cost the same as the day crossing, and the first sailing leaves the quay at eleven in the evening.",
        ],
    ),
    "/news/library-roof": article_page(
        "Library roof repairs finish early",
        [
            "Repairs to the roof of the Port Alder public library finished three weeks ahead of schedule, the town council said.",
            "\u201cThe builders were lucky with the weather,\u201d said Ines Caldera, who manages the library. \u201cWe reopen on Monday.\u201d",
            "The reading room had been closed since a storm in September tore away part of the slate roof above the children's section.",
            "Books moved to the school hall during the work will come back over the weekend, with volunteers helping to carry them.",
        ],
        author="Jon Reeve",
    ),
}


def serve_outlet(server: FixtureServer) -> None:
    server.routes["/robots.txt"] = Reply(body="User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    for path, html in STORIES.items():
        server.routes[path] = Reply(body=html, headers={"ETag": f'"{abs(hash(html))}"'})
    server.routes["/members/secret"] = Reply(body=article_page("Members only", ["Not for robots."] * 3))
    server.routes["/news/huge"] = Reply(body="<p>" + "filler " * 20_000 + "</p>")
    server.routes["/news/slow"] = Reply(body=STORIES["/news/library-roof"], delay=2.0)


def records(db: str) -> list[dict]:
    store = open_store(db)
    try:
        return sorted((a.to_record() for a in store.iter_articles()), key=lambda r: r["id"])
    finally:
        store.close()


def test_fetch_ingests_pages_and_warc_reingest_gives_the_same_records(
    server: FixtureServer, settings: FetchSettings, db_url: str, pg_url_2: str, tmp_path: Path
) -> None:
    serve_outlet(server)
    quick = FetchSettings(**{**{f: getattr(settings, f) for f in settings.__slots__}, "retries": 0})  # type: ignore[attr-defined]
    urls = [server.url(p) for p in STORIES] + [server.url(p) for p in ("/members/secret", "/news/missing", "/news/huge", "/news/slow")]
    urls.append(server.url("/news/ferry-timetable?utm_source=newsletter"))  # the same story again
    store = open_store(db_url)
    archive = WarcArchive(tmp_path / "archive")
    try:
        report = fetch_and_ingest(urls, store, client=PoliteClient(quick), archive=archive)
        assert report.ingest.stored == 2
        reasons = {f.source_path.rsplit("/", 1)[-1]: f.reason for f in report.failures}
        assert "disallows /members/secret" in reasons["secret"]
        assert reasons["missing"] == "HTTP 404 Not Found"
        assert reasons["huge"].startswith("too large")
        assert reasons["slow"].startswith("timed out")
        assert {f.stage for f in store.failures()} == {"fetch"}
        assert len(server.requests_for("/news/ferry-timetable")) == 1
        stored = {a.title: a for a in store.iter_articles()}
        ferry = stored["Night ferry returns to the Skerry route"]
        assert ferry.url == server.url("/news/ferry-timetable")
        assert any(q.speaker == "Tomas Veir" for q in ferry.quotes)
        # the missing page appears: fetched again, stored, and its failure record is gone
        server.routes["/news/missing"] = Reply(body=STORIES["/news/library-roof"].replace("Library roof", "Library floor"))
        later = fetch_and_ingest([server.url("/news/missing")], store, client=PoliteClient(quick), archive=archive)
        assert later.ingest.stored == 1
        assert not any(f.source_path.endswith("/news/missing") for f in store.failures())
    finally:
        store.close()
    files = sorted(archive.folder.glob("*.warc.gz"))
    assert len(files) == 1 and files[0].name.endswith("-127.0.0.1-" + str(server.port) + ".warc.gz")

    # a later run re-processes the archive alone (no network) and gets the same records
    other = open_store(pg_url_2 if db_url.startswith("postgresql") else str(tmp_path / "again.db"))
    try:
        again = ingest_paths(files, other)
        assert again.stored == 3
    finally:
        other.close()
    assert records(db_url) == records(pg_url_2 if db_url.startswith("postgresql") else str(tmp_path / "again.db"))


def test_refetch_is_conditional_and_a_changed_text_is_a_revision(
    server: FixtureServer, settings: FetchSettings, tmp_path: Path
) -> None:
    texts = [STORIES["/news/library-roof"]]

    def page(req: Logged) -> Reply:
        etag = f'"v{len(texts)}"'
        if req.headers.get("If-None-Match") == etag:
            return Reply(304)
        return Reply(body=texts[-1], headers={"ETag": etag})

    server.routes["/news/library-roof"] = page
    store = open_store(str(tmp_path / "rev.db"))
    try:
        url = server.url("/news/library-roof")
        first = fetch_and_ingest([url], store, client=PoliteClient(settings))
        second = fetch_and_ingest([url], store, client=PoliteClient(settings))
        assert first.ingest.stored == 1 and second.not_modified == 1
        assert server.requests_for("/news/library-roof")[1].headers.get("If-None-Match") == '"v1"'
        texts.append(texts[0].replace("We reopen on Monday.", "We reopen on Wednesday instead."))
        third = fetch_and_ingest([url], store, client=PoliteClient(settings))
        assert third.ingest.updated == 1 and len(third.revised) == 1
        versions = MonitorStore(store).versions(third.revised[0])
        assert len(versions) == 2
        assert "Monday" in versions[0].text and "Wednesday instead" in versions[1].text
        assert store.get_article(third.revised[0]).text == versions[1].text
        (change,) = revisions(store, third.revised[0])
        assert "-\u201cThe builders were lucky with the weather,\u201d said Ines Caldera, who manages the library. \u201cWe reopen on Monday.\u201d" in change.diff
        assert any(line.startswith("+") and "Wednesday instead" in line for line in change.diff)
        assert [text for _, text in change.quotes_added] == ["We reopen on Wednesday instead."]
        assert [text for _, text in change.quotes_removed] == ["We reopen on Monday."]
    finally:
        store.close()


def test_cli_fetch_reads_urls_from_a_file_and_reports_failures(
    server: FixtureServer, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    serve_outlet(server)
    monkeypatch.setenv("PRESSWATCH_HOST_DELAY_S", "0")
    monkeypatch.setenv("PRESSWATCH_FETCH_RETRIES", "0")
    url_file = tmp_path / "urls.txt"
    url_file.write_text(f"{server.url('/news/ferry-timetable')}\n# a comment\n\n{server.url('/news/missing')}\nnot a url\n")
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["fetch", "--urls", str(url_file), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output and "2 failed" in result.output
    assert "HTTP 404" in result.output and "not an http(s) URL" in result.output
    assert list((tmp_path / "archive").glob("*.warc.gz"))  # beside the database by default
