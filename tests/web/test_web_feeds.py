"""Atom feeds as a feed reader takes them: valid for feedparser, stable tag-URI ids that do not name the
host, real dates (an undated story is not dated 1970), authors, content, and links to anchors that exist."""

from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser
import pytest
from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, Corpus, make_article

ATOM_ENTRY_REQUIRED = ("id", "title", "updated")


@pytest.fixture
def with_undated(corpus: Corpus) -> Corpus:
    store = open_store(corpus.db)
    try:
        store.upsert_articles([make_article(
            "ferry0009", title="Ferry timetable notice", paragraphs=[
                "The ferry timetable for the winter months is posted at the terminal.",
                "“Boats will leave every forty minutes from the first of November,” Marta Kowalczyk said.",
            ],
            site="noticeboard.example", published=None,
            quotes=[dict(text="Boats will leave every forty minutes from the first of November", kind="direct",
                         speaker="Marta Kowalczyk")],
            people={"Marta Kowalczyk": ()},
        )])
    finally:
        store.close()
    return corpus


@pytest.fixture
def reader(with_undated: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(with_undated.db, secret=SECRET, rate_limit=ROOMY)) as c:
        yield c


def _parse(client: TestClient, path: str, **params: str) -> feedparser.FeedParserDict:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(r.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    for key in ("id", "title", "updated"):
        assert parsed.feed.get(key), key
    for entry in parsed.entries:
        for key in ATOM_ENTRY_REQUIRED:
            assert entry.get(key), (key, entry)
        assert entry.get("authors") or parsed.feed.get("authors")
        assert entry.get("content") and entry.content[0].type == "text/html"
        assert entry.get("summary")
    return parsed


def test_search_feed_is_valid_atom_with_tag_ids_dates_authors_and_content(reader: TestClient) -> None:
    parsed = _parse(reader, "/feeds/search.atom", q="ferries")
    assert parsed.feed.id.startswith("tag:") and "testserver" not in parsed.feed.id
    by_id = {e.id: e for e in parsed.entries}
    assert {"tag:presswatch,2026:article/ferry0001", "tag:presswatch,2026:article/ferry0002"} <= set(by_id)
    original = by_id["tag:presswatch,2026:article/ferry0001"]
    assert original.published == original.updated == "2024-03-04T09:30:00Z"
    assert [a.name for a in original.authors] == ["Ilse Varga"]
    assert "We have waited eleven months for an answer" in original.content[0].value
    # no byline: the outlet stands as the author
    assert [a.name for a in by_id["tag:presswatch,2026:article/ferry0002"].authors] == ["coastwire.example"]


def test_ids_do_not_depend_on_the_host_the_feed_is_read_from(with_undated: Corpus) -> None:
    ids = []
    for host in ("http://127.0.0.1:8000", "https://news.example.org"):
        with TestClient(create_app(with_undated.db, secret=SECRET, rate_limit=ROOMY), base_url=host) as c:
            parsed = _parse(c, "/feeds/search.atom", q="ferries")
            ids.append((parsed.feed.id, sorted(e.id for e in parsed.entries)))
            assert parsed.entries[0].link.startswith(host)  # links do point at the host
    assert ids[0] == ids[1]


def test_an_undated_story_has_no_published_and_says_whose_time_updated_is(reader: TestClient) -> None:
    parsed = _parse(reader, "/feeds/search.atom", q="timetable")
    (entry,) = parsed.entries
    assert "published" not in entry
    assert not entry.updated.startswith("1970")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.updated)
    assert "when PressWatch stored it" in entry.content[0].value
    assert "Undated" in entry.summary


def test_person_feed_links_each_quote_to_its_passage_and_provenance(reader: TestClient) -> None:
    parsed = _parse(reader, "/feeds/people/marta-kowalczyk.atom")
    assert parsed.feed.id == "tag:presswatch,2026:person/marta-kowalczyk"
    assert len(parsed.entries) == 3  # the wire copy's repeats are one entry each with the original
    for entry in parsed.entries:
        assert re.fullmatch(r"tag:presswatch,2026:quote/[0-9a-z]+-\d+-\d+", entry.id)
        assert [a.name for a in entry.authors] == ["Marta Kowalczyk"]
        article_href = entry.link
        path, anchor = article_href.removeprefix("http://testserver").split("#")
        page = reader.get(path).text
        assert f'id="{anchor}"' in page, (anchor, path)
        related = [l.href for l in entry.links if l.rel == "related"]
        assert related and reader.get(related[0].removeprefix("http://testserver")).status_code == 200
    undated = next(e for e in parsed.entries if "forty minutes" in e.title)
    assert "published" not in undated and not undated.updated.startswith("1970")
    dated = next(e for e in parsed.entries if "eleven months" in e.title)
    assert dated.published == "2024-03-04T09:30:00Z"
    assert "coastwire.example" in dated.content[0].value  # the copy that repeats it


def test_a_feed_tag_authority_can_be_set_and_a_bad_one_is_refused(reader: TestClient, monkeypatch) -> None:
    monkeypatch.setenv("PRESSWATCH_FEED_TAG_AUTHORITY", "news.example.org,2025-01")
    parsed = _parse(reader, "/feeds/people/jonas-berg.atom")
    assert parsed.entries[0].id.startswith("tag:news.example.org,2025-01:quote/tram00001-")
    monkeypatch.setenv("PRESSWATCH_FEED_TAG_AUTHORITY", "http://news.example.org:8000")
    assert reader.get("/feeds/people/jonas-berg.atom").status_code == 422
