"""Quote provenance on the reader and the API, and the article page's source line, removed lines,
entity links and passage anchors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from presswatch.model import RemovedLine, quote_id
from presswatch.store import open_store
from presswatch.web.app import create_app
from web_corpus import FERRY_PARAGRAPHS, ROOMY, SECRET, Corpus, make_article

WAITED = "We have waited eleven months for an answer"


@pytest.fixture
def reprinted(corpus: Corpus) -> Corpus:
    """The ferry strike quote printed again by other outlets (not syndicated copies): one re-typed,
    one undated, one crediting someone else; and an article with nothing but its file."""
    store = open_store(corpus.db)
    try:
        store.upsert_articles([
            make_article("weekly001", title="A week on the waterfront", paragraphs=[
                "The week began with the strike.",
                "“We have waited eleven months for an answer,” the union's Marta Kowalczyk told reporters.",
            ], site="harbourweekly.example", published="2024-03-06T08:00:00+00:00",
                quotes=[dict(text=WAITED, kind="direct", speaker="Marta Kowalczyk")],
                people={"Marta Kowalczyk": ()}),
            make_article("digest001", title="Strike digest", paragraphs=[
                "“we have waited 11 months for an answer”, said a union official.".replace("11", "eleven"),
            ], site="digest.example", published=None,
                quotes=[dict(text="we have waited eleven months for an answer", kind="direct", speaker=None,
                             speaker_type="anonymous")]),
            make_article("letters01", title="Letters", paragraphs=[
                "“We have waited eleven months for an answer,” wrote Piotr Nowak in a letter to the port.",
            ], site="portletters.example", published="2024-03-08T08:00:00+00:00",
                quotes=[dict(text=WAITED, kind="direct", speaker="Piotr Nowak")],
                people={"Piotr Nowak": ()}),
        ])
        bare = make_article("bare00001", title="Notice", paragraphs=["The quay is closed for repairs this week."],
                            site="x", published=None)
        store.upsert_articles([replace(
            bare, site=None, url=None, source_path="scraped/2024/notice.txt",
            removed=(RemovedLine("Please enter your comment!", "comment_form"), RemovedLine("Share this:", "share_line")),
        )])
    finally:
        store.close()
    return corpus


@pytest.fixture
def reader(reprinted: Corpus) -> Iterator[TestClient]:
    with TestClient(create_app(reprinted.db, secret=SECRET, rate_limit=ROOMY)) as c:
        yield c


def _waited_id(corpus: Corpus, article_id: str = "ferry0001") -> str:
    article = corpus.ferry if article_id == "ferry0001" else corpus.ferry_copy
    return quote_id(article.id, next(q for q in article.quotes if q.text == WAITED))


def test_api_quote_gives_first_printing_later_ones_undated_last_and_other_credits(reader: TestClient, reprinted: Corpus):
    qid = _waited_id(reprinted)
    r = reader.get(f"/api/quotes/{qid}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["quote_id"] == qid and body["quote"]["article_id"] == "ferry0001"
    assert body["first"]["site"] == "bayherald.example" and body["first"]["published"] == "2024-03-04T09:30:00+00:00"
    order = [(a["article_id"], a["undated"]) for a in body["appearances"]]
    assert order == [("ferry0001", False), ("ferry0002", False), ("weekly001", False), ("letters01", False),
                     ("digest001", True)]
    assert body["appearances"][-1]["published"] is None
    assert [a["same_story"] for a in body["appearances"]][:3] == [True, True, False]
    letters = next(a for a in body["appearances"] if a["article_id"] == "letters01")
    assert letters["speaker_differs"] and body["disputed"] == [letters["quote_id"]]
    # the anonymous digest credits nobody: not a different speaker
    assert not body["appearances"][-1]["speaker_differs"]
    assert [c["speaker"] for c in body["credits"]] == ["Marta Kowalczyk", "Piotr Nowak"]
    assert all(a["link"].startswith(f"/articles/{a['article_id']}#q") for a in body["appearances"])
    # a quote id from the article's record and from the quote list leads here
    record = reader.get("/api/articles/ferry0001").json()
    assert qid in [q["quote_id"] for q in record["quotes"]]
    hits = reader.get("/api/quotes", params={"q": "eleven months"}).json()["items"]
    assert qid in [h["quote_id"] for h in hits]


def test_api_quote_unknown_ids_are_404_in_the_error_shape(reader: TestClient):
    for bad in ("ferry0001-1-2", "nothing", "ferry0001-9-3"):
        r = reader.get(f"/api/quotes/{bad}")
        assert r.status_code == 404, bad
        assert r.json()["status"] == 404 and "No quote" in r.json()["detail"]
    assert reader.get("/quotes/nothing").status_code == 404


def test_quote_page_shows_provenance(reader: TestClient, reprinted: Corpus):
    r = reader.get(f"/quotes/{_waited_id(reprinted, 'ferry0002')}")
    assert r.status_code == 200
    page = r.text
    assert re.search(r"By <strong>bayherald\.example</strong>, <time[^>]*>4 Mar 2024</time>", page)
    rows = re.findall(r"<tr id=\"at-[^\"]+\"[^>]*>(.*?)</tr>", page, re.S)
    assert len(rows) == 5
    assert "undated" in rows[-1] and "digest.example" in rows[-1]
    assert "a different speaker" in next(r for r in rows if "portletters.example" in r)
    assert "Printings without a publication date are listed last" in page
    assert "Credited to a different speaker in 1 article" in page


def test_article_sidebar_gives_each_quote_its_provenance_and_jumps_to_its_passage(reader: TestClient, reprinted: Corpus):
    page = reader.get("/articles/weekly001").text
    sidebar = page[page.index('id="who-said-what"'):]
    assert re.search(r"First printed by <a href=\"/articles/ferry0001#q\d+-\d+\">bayherald\.example</a>", sidebar)
    assert "in 4 articles beyond this story" in sidebar
    assert "credited to Piotr Nowak in 1 article" in sidebar
    assert "2 wordings" not in sidebar  # case and typography are not a new wording
    for anchor in re.findall(r'<a class="passage" href="#(q\d+-\d+)"', sidebar):
        assert f'id="{anchor}"' in page
    original = reader.get("/articles/ferry0001").text
    assert "First printed here" in original
    # quotes only the story's syndicated copy repeats get no note: "Also published as" says it
    assert original.count('class="meta provenance"') == 1
    anchors = re.findall(r'<a class="passage" href="#(q\d+-\d+)"', original)
    assert len(anchors) == len(reprinted.ferry.quotes) == 3
    for q, anchor in zip(reprinted.ferry.quotes, anchors):
        assert re.search(rf'<mark class="quote[^"]*"[^>]*id="{anchor}">{re.escape(q.text)}</mark>', original.replace("&#39;", "'"))


def test_person_page_shows_provenance_per_quote(reader: TestClient):
    page = reader.get("/people/marta-kowalczyk").text
    item = next(i for i in page.split('<li class="quote-item">')[1:] if WAITED in i)
    assert "First printed here" in item and "credited to Piotr Nowak" in item
    assert re.search(r'<a href="/quotes/ferry0001-\d+-\d+">provenance</a>', item)


def test_article_without_site_or_date_has_a_source_line_and_shows_what_was_removed(reader: TestClient):
    page = reader.get("/articles/bare00001").text
    line = re.search(r'<p class="meta source-line">(.*?)</p>', page, re.S).group(1)
    assert "Undated" in line and "<code>scraped/2024/notice.txt</code>" in line
    removed = re.search(r'<details class="removed-lines">(.*?)</details>', page, re.S).group(1)
    assert "2 lines removed by extraction" in removed
    assert "<code>Please enter your comment!</code>" in removed and "comment_form" in removed
    dated = reader.get("/articles/ferry0001").text
    dated_line = re.search(r'<p class="meta source-line">(.*?)</p>', dated, re.S).group(1)
    assert "Undated" not in dated_line and "https://bayherald.example/news/ferry0001" in dated_line
    assert "removed-lines" not in dated


def test_entity_chips_search_for_the_name(reader: TestClient):
    page = reader.get("/articles/ferry0001").text
    chips = dict((text, href) for href, text in re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)</a>', page))
    assert chips["Marta Kowalczyk"] == "/search?person=Marta%20Kowalczyk"
    assert chips["port authority"] == "/search?q=%22port%20authority%22"
    for href in chips.values():
        found = reader.get(href.replace("&amp;", "&"))
        assert found.status_code == 200 and "/articles/ferry0001" in found.text, href


def test_who_said_what_comes_before_the_comment_form_in_the_page(reader: TestClient):
    page = reader.get("/articles/ferry0001").text
    assert page.index('id="who-said-what"') < page.index('id="comment-form"')
    # and the text of the article before both
    assert page.index(FERRY_PARAGRAPHS[0]) < page.index('id="who-said-what"')
