"""/analyze (paste or upload, see, save) and the Atom feeds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from presswatch.pipeline import process
from presswatch.web.app import create_app
from presswatch.web.security import RateLimit
from presswatch.web.views import analyze_source_path

from web_corpus import SECRET, Corpus, csrf_from

ATOM = "{http://www.w3.org/2005/Atom}"

# Fictional, and messy the way scraped text is: the headline twice, a comment form at the end.
MESSY = """Lighthouse keepers return to Skerry Point – .

Lighthouse keepers return to Skerry Point – .

A small island gets its lamp back.

The lighthouse on Skerry Point was relit on Friday after twelve years of automatic operation, the coastal trust said.

“People wanted someone up there again,” said Agnes Mclean, the trust's chief executive, at the ceremony on Friday evening.

Fishermen in the harbour below cheered as the lamp turned for the first time since the keepers left in 2012.

Please enter your comment!

Please enter your name here
"""


def test_analyze_form_page(client: TestClient):
    r = client.get("/analyze")
    assert r.status_code == 200
    assert 'name="text"' in r.text and 'type="file"' in r.text and 'name="csrf_token"' in r.text


def test_analyze_shows_the_clean_article_people_and_quotes(client: TestClient):
    token = csrf_from(client, "/analyze")
    r = client.post("/analyze", data={"text": MESSY, "csrf_token": token})
    assert r.status_code == 200
    expected = process(MESSY, source_path=analyze_source_path(MESSY))
    assert f"<h1>{expected.title}</h1>" in r.text
    assert expected.title.count("Skerry Point") == 1
    assert "relit on Friday after twelve years" in r.text
    for person in expected.people:  # whatever the NLP stage found is shown, with its roles
        assert person.name in r.text
        for role in person.roles:
            assert role.replace("'", "&#39;") in r.text
    for quote in expected.quotes:
        assert quote.text.replace("'", "&#39;")[:40] in r.text
    assert 'action="/analyze/save"' in r.text


def test_analyze_upload_a_file(client: TestClient):
    token = csrf_from(client, "/analyze")
    html_page = (
        "<html><head><title>Tide tables</title></head><body><article><h1>New tide tables for the estuary</h1>"
        "<p>The harbour office published new tide tables for the estuary on Monday, after a survey of the"
        " channel found the sandbanks had moved further than expected over the winter storms.</p>"
        "<p>Skippers are asked to check the new times before sailing, the harbour master said in a notice"
        " posted on the quay and sent to every mooring holder.</p></article></body></html>"
    )
    r = client.post("/analyze", data={"csrf_token": token},
                    files={"file": ("tides.html", html_page.encode("utf-8"), "text/html")})
    assert r.status_code == 200
    assert "sandbanks had moved" in r.text
    binary = client.post("/analyze", data={"csrf_token": token},
                         files={"file": ("x.bin", b"\x00\x01\x02" * 100, "application/octet-stream")})
    assert binary.status_code == 422 and "looks binary" in binary.text


def test_analyze_refuses_empty_input_and_missing_token(client: TestClient):
    token = csrf_from(client, "/analyze")
    r = client.post("/analyze", data={"text": "   ", "csrf_token": token})
    assert r.status_code == 422 and "Paste the text or HTML of an article" in r.text
    # what ingest would record as a failure is shown as a message, with the input kept
    r = client.post("/analyze", data={"text": "<html><body><nav>Home</nav></body></html>", "csrf_token": token})
    assert r.status_code == 422 and "No article could be made of this (extract)" in r.text
    assert "&lt;nav&gt;Home&lt;/nav&gt;&lt;/body&gt;&lt;/html&gt;</textarea>" in r.text
    assert client.post("/analyze", data={"text": MESSY}).status_code == 403
    assert client.post("/analyze/save", data={"text": MESSY}).status_code == 403


def test_analyze_save_stores_it_like_ingest(client: TestClient):
    token = csrf_from(client, "/analyze")
    before = client.get("/api/articles").json()["total"]
    r = client.post("/analyze/save", data={"text": MESSY, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    location = r.headers["location"]
    article_id = location.rsplit("/", 1)[1]
    saved = client.get(f"/api/articles/{article_id}").json()
    expected = process(MESSY, source_path=analyze_source_path(MESSY))
    assert saved["title"] == expected.title and saved["paragraphs"] == list(expected.paragraphs)
    assert [p["name"] for p in saved["people"]] == [p.name for p in expected.people]
    assert client.get("/api/articles").json()["total"] == before + 1
    assert "relit on Friday" in client.get(location).text
    # saving the same text again updates the same record instead of adding a second one
    client.post("/analyze/save", data={"text": MESSY, "csrf_token": token}, follow_redirects=False)
    assert client.get("/api/articles").json()["total"] == before + 1
    found = client.get("/api/articles", params={"q": "lighthouse"}).json()
    assert [a["id"] for a in found["items"]] == [article_id]


def test_search_feed(client: TestClient):
    r = client.get("/feeds/search.atom", params={"q": "ferries"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{ATOM}feed"
    assert "ferries" in feed.findtext(f"{ATOM}title")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    links = {e.find(f"{ATOM}link").get("href") for e in entries}
    assert links == {"http://testserver/articles/ferry0001", "http://testserver/articles/ferry0002"}
    assert {e.findtext(f"{ATOM}updated") for e in entries} == {"2024-03-04T09:30:00Z", "2024-03-04T15:00:00Z"}
    assert feed.findtext(f"{ATOM}updated") == "2024-03-04T15:00:00Z"
    assert client.get("/feeds/search.atom", params={"q": "strike OR"}).status_code == 400


def test_search_feed_escapes_text(client: TestClient):
    feed = ET.fromstring(client.get("/feeds/search.atom", params={"q": "tram"}).content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Council approves new tram line"
    # markup in the text arrives as text, not as XML elements
    assert entry.findtext(f"{ATOM}summary") == "Costs < benefits, say critics & <b>the mayor</b> disagrees."
    assert entry.find(f"{ATOM}summary").findall("*") == []


def test_person_feed(client: TestClient):
    r = client.get("/feeds/people/jonas-berg.atom")
    assert r.status_code == 200
    feed = ET.fromstring(r.content)
    assert "Jonas Berg" in feed.findtext(f"{ATOM}title")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert "the line would open in 2027" in entry.findtext(f"{ATOM}summary")
    # the link goes to the quote's passage, an anchor the article page has
    href = entry.find(f"{ATOM}link").get("href")
    assert href.startswith("http://testserver/articles/tram00001#q")
    assert f'id="{href.split("#")[1]}"' in client.get("/articles/tram00001").text
    assert client.get("/feeds/people/nobody-here.atom").status_code == 404


def test_analyze_is_rate_limited_per_client(corpus: Corpus):
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=RateLimit(burst=1, per_second=0.01))) as c:
        token = csrf_from(c, "/analyze")
        assert c.post("/analyze", data={"text": MESSY, "csrf_token": token}).status_code == 200
        r = c.post("/analyze", data={"text": MESSY, "csrf_token": token})
        assert r.status_code == 429 and "Please wait" in r.text and "Skerry Point" in r.text  # input kept
        # comments are a separate bucket: analysing did not use up this reader's comment
        posted = c.post("/articles/ferry0001/comments", data={"name": "A", "comment": "B", "csrf_token": token},
                        follow_redirects=False)
        assert posted.status_code == 303


def test_saving_a_text_that_is_already_stored_keeps_the_stored_original(corpus: Corpus, tmp_path):
    from presswatch.run.local import ingest_paths
    from presswatch.store import open_store

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "lighthouse.txt").write_text(MESSY)
    store = open_store(corpus.db)
    try:
        report = ingest_paths([folder], store)
        assert report.stored == 1
        (original_id,) = report.article_ids
        before = store.count_articles()
    finally:
        store.close()
    app = create_app(corpus.db, secret=SECRET, rate_limit=RateLimit(burst=1000, per_second=1000.0))
    with TestClient(app) as client:
        token = csrf_from(client, "/analyze")
        # the page's own text, as pasted, and the same with other blank lines: both are the stored article
        for pasted in (MESSY, MESSY.replace("\n\n", "\n\n\n") + "\n"):
            r = client.post("/analyze/save", data={"text": pasted, "csrf_token": token}, follow_redirects=False)
            assert r.status_code == 200, r.text[:300]
            assert "already stored" in r.text and f'href="/articles/{original_id}"' in r.text
        assert client.get("/api/articles").json()["total"] == before
        stored = client.get(f"/api/articles/{original_id}").json()
        assert stored["is_canonical"] is True and stored["source_path"].endswith("lighthouse.txt")
        # a different text is still saved
        other = MESSY.replace("twelve years", "eleven years").replace("2012", "2013")
        r = client.post("/analyze/save", data={"text": other + "\nThe trust thanked the volunteers who repainted the tower over the winter months.\n",
                                              "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        assert client.get("/api/articles").json()["total"] == before + 1
