"""The web reader on the PostgreSQL store: the same pages and API answer the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from presswatch.web.app import create_app

from web_corpus import ROOMY, SECRET, build_corpus, csrf_from

pytestmark = pytest.mark.postgres

@pytest.fixture
def pg_client(pg_url: str) -> Iterator[TestClient]:
    build_corpus(pg_url)
    with TestClient(create_app(pg_url, secret=SECRET, rate_limit=ROOMY)) as client:
        yield client


def test_search_article_person_and_comments_on_postgres(pg_client: TestClient):
    found = pg_client.get("/api/articles", params={"q": "ferries"}).json()
    assert found["total"] == 2 and all("<mark>" in item["snippet"] for item in found["items"])
    assert pg_client.get("/api/articles", params={"q": '"ferry strike'}).status_code == 400
    page = pg_client.get("/articles/ferry0001").text
    assert '<a class="speaker" href="/people/marta-kowalczyk">Marta Kowalczyk</a>' in page
    assert pg_client.get("/people/marta-kowalczyk").status_code == 200
    token = csrf_from(pg_client, "/articles/ferry0001")
    empty = pg_client.post("/articles/ferry0001/comments", data={"name": "", "comment": "", "csrf_token": token})
    assert empty.status_code == 422
    assert "Please enter your comment!" in empty.text and "Please enter your name here" in empty.text
    posted = pg_client.post("/articles/ferry0001/comments",
                            data={"name": "Ana", "comment": "<script>alert(1)</script>", "csrf_token": token})
    assert posted.status_code == 200  # followed the 303 back to the article
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in posted.text
    assert [c["name"] for c in pg_client.get("/api/articles/ferry0001").json()["comments"]] == ["Ana"]
    assert pg_client.get("/api/clusters/cluster-ferry").json()["canonical_id"] == "ferry0001"
