"""A quote reprinted by syndicated copies of one story is shown once, by the original, with the copies
listed -- on the person page, the quote search, both JSON endpoints and the person feed alike."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.store import ClusterAssignment, open_store
from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, make_article

SAID = "We lost the early varieties in one night"
FROST_PARAGRAPHS = [
    "A late frost swept through the valley's orchards overnight, growers said on Tuesday.",
    f"“{SAID},” said Tomas Reyes, who farms forty hectares of apples near the river.",
]
CIDER_PARAGRAPHS = [
    "The cider season opened on Saturday with fewer apples than usual.",
    "“The apples that survived are sweet,” Tomas Reyes said at the first pressing.",
]
# (id, site, published): the original is the second-oldest row by id, so nothing but the cluster
# can make it the one shown.
FROST_COPIES = [
    ("frost-ledger", "valleyledger.example", "2024-04-02T14:00:00+00:00"),
    ("frost-orig", "orchardnews.example", "2024-04-02T08:00:00+00:00"),
    ("frost-wire", "wirecopy.example", "2024-04-03T06:00:00+00:00"),
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    people = {"Tomas Reyes": ("grower",)}
    frost = [
        make_article(aid, title=f"Frost wipes out early apples ({site.split('.')[0]})", paragraphs=FROST_PARAGRAPHS,
                     site=site, published=published, people=people,
                     quotes=[dict(text=SAID, kind="direct", speaker="Tomas Reyes")])
        for aid, site, published in FROST_COPIES
    ]
    cider = make_article("cider-2024", title="Cider season opens", paragraphs=CIDER_PARAGRAPHS,
                         site="orchardnews.example", published="2024-09-14T10:00:00+00:00", people=people,
                         quotes=[dict(text="The apples that survived are sweet", kind="direct", speaker="Tomas Reyes")])
    db = str(tmp_path / "frost.db")
    store = open_store(db)
    try:
        store.write_batch(
            [*frost, cider],
            assignments=[ClusterAssignment(aid, "cl-frost", "frost-orig", aid == "frost-orig") for aid, _, _ in FROST_COPIES],
        )
    finally:
        store.close()
    with TestClient(create_app(db, secret=SECRET, rate_limit=ROOMY)) as test_client:
        yield test_client


def _assert_one_frost_hit(items: list[dict]) -> None:
    frost = [h for h in items if h["quote"]["text"] == SAID]
    assert len(frost) == 1, items
    hit = frost[0]
    assert (hit["article_id"], hit["site"]) == ("frost-orig", "orchardnews.example")
    assert [c["article_id"] for c in hit["copies"]] == ["frost-ledger", "frost-wire"]
    assert hit["copies"][0] == {
        "article_id": "frost-ledger",
        "article_title": "Frost wipes out early apples (valleyledger)",
        "site": "valleyledger.example",
        "published": "2024-04-02T14:00:00+00:00",
    }
    others = [h for h in items if h["quote"]["text"] != SAID]
    assert [h["copies"] for h in others] == [[] for _ in others]


def test_person_json_lists_the_utterance_once_and_counts_utterances(client: TestClient) -> None:
    body = client.get("/api/people/tomas-reyes").json()
    assert [h["quote"]["text"] for h in body["quotes"]] == ["The apples that survived are sweet", SAID]
    _assert_one_frost_hit(body["quotes"])
    assert body["quote_count"] == 2
    listed = client.get("/api/people", params={"q": "reyes"}).json()["items"]
    assert [(p["id"], p["quote_count"]) for p in listed] == [("tomas-reyes", 2)]


def test_quotes_json_lists_the_utterance_once(client: TestClient) -> None:
    _assert_one_frost_hit(client.get("/api/quotes", params={"q": "early varieties"}).json()["items"])
    _assert_one_frost_hit(client.get("/api/quotes", params={"speaker": "Tomas Reyes"}).json()["items"])
    # paging counts utterances: two of them, so a page of one after the first holds the frost quote
    second = client.get("/api/quotes", params={"speaker": "Tomas Reyes", "limit": 1, "offset": 1}).json()["items"]
    assert [h["article_id"] for h in second] == ["frost-orig"]


def _quote_items(html: str) -> list[str]:
    return re.findall(r'<li class="quote-item">.*?</li>', html, flags=re.S)


def _assert_one_frost_item(html: str) -> None:
    items = [i for i in _quote_items(html) if SAID in i]
    assert len(items) == 1, items
    item = items[0]
    assert re.search(r'<a href="/articles/frost-orig#q\d+-\d+">Frost wipes out early apples \(orchardnews\)</a>', item)
    copies = re.search(r'<p class="meta copies">(.*?)</p>', item, flags=re.S)
    assert copies and "also in 2 other copies" in copies.group(1)
    assert re.findall(r'href="/articles/([^"]+)"', copies.group(1)) == ["frost-ledger", "frost-wire"]
    assert "valleyledger.example" in copies.group(1)


def test_person_page_shows_the_quote_once_with_its_copies(client: TestClient) -> None:
    r = client.get("/people/tomas-reyes")
    assert r.status_code == 200
    assert r.text.count(SAID) == 1
    _assert_one_frost_item(r.text)
    assert "2 quotes" in r.text
    assert len(_quote_items(r.text)) == 2
    cider = [i for i in _quote_items(r.text) if "survived" in i][0]
    assert "also in" not in cider


def test_quote_search_page_shows_the_quote_once_with_its_copies(client: TestClient) -> None:
    r = client.get("/quotes", params={"speaker": "Tomas Reyes"})
    assert r.status_code == 200
    _assert_one_frost_item(r.text)
    assert len(_quote_items(r.text)) == 2


def test_person_feed_has_one_entry_per_utterance(client: TestClient) -> None:
    r = client.get("/feeds/people/tomas-reyes.atom")
    assert r.status_code == 200
    entries = ET.fromstring(r.content).findall(f"{ATOM}entry")
    frost = [e for e in entries if SAID in (e.findtext(f"{ATOM}summary") or "")]
    assert len(entries) == 2 and len(frost) == 1
    assert frost[0].find(f"{ATOM}link").get("href").split("#")[0].endswith("/articles/frost-orig")
    summary = frost[0].findtext(f"{ATOM}summary")
    assert "Also in 2 other copies: valleyledger.example, wirecopy.example." in summary
