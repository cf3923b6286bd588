"""The JSON API, through FastAPI's test client, on a real SQLite database."""

from __future__ import annotations

from fastapi.testclient import TestClient

from presswatch.comments import COMMENT_MAX_CHARS
from presswatch.web.app import create_app
from presswatch.web.security import RateLimit

from web_corpus import SECRET, Corpus


def test_articles_lists_everything_newest_first(client: TestClient, corpus: Corpus):
    r = client.get("/api/articles", params={"fields": "full"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 3
    assert [a["id"] for a in body["items"]] == ["ferry0002", "ferry0001", "tram00001"]
    first = body["items"][1]
    assert first["title"] == "Harbour strike halts ferries across the bay"
    assert first["people"][0]["name"] == "Marta Kowalczyk"
    assert {q["kind"] for q in first["quotes"]} == {"direct", "indirect"}


def test_articles_search_marks_matches_and_gives_facets(client: TestClient):
    r = client.get("/api/articles", params={"q": "tram"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1
    hit = body["items"][0]
    assert hit["id"] == "tram00001"
    assert "<mark>" in hit["snippet"]
    # the article text has a literal <script>: the snippet must carry it escaped
    r = client.get("/api/articles", params={"q": "overruns"})
    snippet = r.json()["items"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    facets = client.get("/api/articles", params={"q": "ferries"}).json()["facets"]
    assert {f["value"]: f["count"] for f in facets["site"]} == {"bayherald.example": 1, "coastwire.example": 1}


def test_articles_filters_by_site_person_and_date(client: TestClient):
    by_site = client.get("/api/articles", params={"site": "coastwire.example"}).json()
    assert [a["id"] for a in by_site["items"]] == ["ferry0002"]
    by_person = client.get("/api/articles", params={"person": "Jonas Berg"}).json()
    assert [a["id"] for a in by_person["items"]] == ["tram00001"]
    by_date = client.get("/api/articles", params={"since": "2024-03-01", "until": "2024-03-31"}).json()
    assert sorted(a["id"] for a in by_date["items"]) == ["ferry0001", "ferry0002"]


def test_articles_paging(client: TestClient):
    page = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 3
    assert [a["id"] for a in page["items"]] == ["tram00001"]


def test_search_syntax_error_is_400_with_message(client: TestClient):
    for bad in ['"ferry strike', "strike OR", "AND OR"]:
        r = client.get("/api/articles", params={"q": bad})
        assert r.status_code == 400, bad
        assert "query" in r.json()["detail"].lower()


def test_bad_parameters_are_4xx(client: TestClient):
    assert client.get("/api/articles", params={"since": "last week"}).status_code == 400
    assert "since" in client.get("/api/articles", params={"since": "last week"}).json()["detail"]
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"limit": "many"}).status_code == 422
    assert client.get("/api/articles", params={"offset": -1}).status_code == 422


def test_article_by_id_with_comments(client: TestClient, corpus: Corpus):
    client.post("/api/articles/ferry0001/comments", json={"name": "Ana", "comment": "Good report."})
    r = client.get("/api/articles/ferry0001")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "ferry0001"
    assert body["text"] == corpus.ferry.text
    assert body["cluster_id"] == corpus.cluster_id and body["is_canonical"] is True
    assert [(c["name"], c["comment"]) for c in body["comments"]] == [("Ana", "Good report.")]
    assert body["comments_count"] == 1


def test_unknown_ids_are_404(client: TestClient):
    for path in ["/api/articles/nope", "/api/people/nobody-here", "/api/clusters/nope"]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.json()["detail"]
    r = client.post("/api/articles/nope/comments", json={"name": "A", "comment": "B"})
    assert r.status_code == 404


def test_post_comment_json(client: TestClient):
    r = client.post("/api/articles/ferry0001/comments", json={"name": "  Ana  ", "comment": "Thanks!"})
    assert r.status_code == 201
    body = r.json()
    assert body["name"] == "Ana" and body["comment"] == "Thanks!" and body["article_id"] == "ferry0001"
    assert body["created_at"].startswith("20")


def test_post_comment_json_validation_messages(client: TestClient):
    r = client.post("/api/articles/ferry0001/comments", json={"name": "", "comment": ""})
    assert r.status_code == 422
    assert r.json()["errors"] == {"comment": "Please enter your comment!", "name": "Please enter your name here"}
    r = client.post("/api/articles/ferry0001/comments", json={"name": "Ana", "comment": "   \n "})
    assert r.json()["errors"] == {"comment": "Please enter your comment!"}
    r = client.post("/api/articles/ferry0001/comments", json={"comment": "no name given"})
    assert r.status_code == 422 and r.json()["errors"] == {"name": "Please enter your name here"}
    r = client.post("/api/articles/ferry0001/comments", json={"name": "Ana", "comment": "x" * (COMMENT_MAX_CHARS + 1)})
    assert r.status_code == 422 and str(COMMENT_MAX_CHARS) in r.json()["errors"]["comment"]
    # not JSON at all (what a cross-site form could send) is refused, and nothing was stored
    r = client.post("/api/articles/ferry0001/comments", content="name=a&comment=b",
                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422
    assert client.get("/api/articles/ferry0001").json()["comments"] == []


def test_post_comment_json_is_rate_limited(corpus: Corpus):
    app = create_app(corpus.db, secret=SECRET, rate_limit=RateLimit(burst=2, per_second=0.01))
    with TestClient(app) as c:
        codes = [c.post("/api/articles/tram00001/comments", json={"name": "A", "comment": f"c{i}"}).status_code
                 for i in range(3)]
        assert codes == [201, 201, 429]
        r = c.post("/api/articles/tram00001/comments", json={"name": "A", "comment": "again"})
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
        assert len(c.get("/api/articles/tram00001").json()["comments"]) == 2


def test_people(client: TestClient):
    body = client.get("/api/people").json()
    names = [p["name"] for p in body["items"]]
    assert names[0] == "Marta Kowalczyk"  # two articles beat one
    assert "Jonas Berg" in names
    assert [p["name"] for p in client.get("/api/people", params={"q": "berg"}).json()["items"]] == ["Jonas Berg"]


def test_person_detail(client: TestClient):
    r = client.get("/api/people/marta-kowalczyk")
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "Marta Kowalczyk"
    assert sorted(body["article_ids"]) == ["ferry0001", "ferry0002"]
    assert "We have waited eleven months for an answer" in [h["quote"]["text"] for h in body["quotes"]]
    assert any("regional secretary" in r["role"] for r in body["roles_over_time"])


def test_quotes(client: TestClient):
    hits = client.get("/api/quotes", params={"q": "eleven months"}).json()["items"]
    assert hits and all("eleven months" in h["quote"]["text"] for h in hits)
    assert hits[0]["quote"]["speaker"] == "Marta Kowalczyk"
    by_speaker = client.get("/api/quotes", params={"speaker": "Jonas Berg"}).json()["items"]
    assert [h["article_id"] for h in by_speaker] == ["tram00001"]


def test_cluster_marks_the_original(client: TestClient, corpus: Corpus):
    r = client.get(f"/api/clusters/{corpus.cluster_id}")
    assert r.status_code == 200
    body = r.json()
    assert body["canonical_id"] == "ferry0001"
    assert [(m["id"], m["is_original"]) for m in body["members"]] == [("ferry0001", True), ("ferry0002", False)]


def test_openapi_and_docs(client: TestClient):
    spec = client.get("/openapi.json").json()
    for path in ["/api/articles", "/api/articles/{article_id}", "/api/articles/{article_id}/comments",
                 "/api/people", "/api/people/{person_id}", "/api/quotes", "/api/clusters/{cluster_id}"]:
        assert path in spec["paths"], path
    assert not any(p.startswith("/articles") for p in spec["paths"])  # HTML pages stay out of the API docs
    docs = client.get("/docs")
    assert docs.status_code == 200 and "openapi.json" in docs.text
