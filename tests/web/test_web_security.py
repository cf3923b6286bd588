"""Hostile requests: headers on every response, links only to the web, bodies bounded, every query a
200 or a 400 on both backends, no connection string in any error, Secure cookies, offline docs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from presswatch.errors import StoreError
from presswatch.store import open_store
from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, Corpus, build_corpus, csrf_from

HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_client(request: pytest.FixtureRequest, tmp_path) -> Iterator[TestClient]:
    db = str(tmp_path / "web.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    build_corpus(db)
    with TestClient(create_app(db, secret=SECRET, rate_limit=ROOMY)) as client:
        yield client


@pytest.mark.parametrize("path", [
    "/", "/articles/ferry0001", "/api/articles", "/api/articles/nope", "/feeds/latest.atom", "/no/such/page",
    "/static/style.css", "/static/nope.css", "/openapi.json", "/api/articles?limit=abc",
])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp, path


def test_only_http_urls_become_links(corpus: Corpus) -> None:
    store = open_store(corpus.db)
    try:
        for n, url in enumerate(["javascript:alert(1)", "data:text/html,<b>x</b>", " javascript:alert(2)", "//evil.example/x"]):
            store.upsert_articles([replace(corpus.tram, id=f"evil{n}", url=url, source_path=f"evil{n}.txt")])
    finally:
        store.close()
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)) as client:
        for n in range(4):
            page = client.get(f"/articles/evil{n}").text
            hrefs = re.findall(r'href="([^"]*)"', page)
            assert not [h for h in hrefs if "javascript" in h or h.startswith(("data:", "//"))], hrefs
            assert "Original page" not in page
        good = client.get("/articles/ferry0001").text
        assert 'href="https://bayherald.example/news/ferry0001"' in good


def test_a_body_over_the_limit_is_413_before_it_is_read(corpus: Corpus) -> None:
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY, max_body_bytes=64_000)) as client:
        token = csrf_from(client, "/articles/ferry0001")
        big = client.post("/articles/ferry0001/comments", data={"name": "Ana", "comment": "x" * 200_000, "csrf_token": token})
        assert big.status_code == 413 and "limit" in big.json()["detail"]
        assert big.headers["x-content-type-options"] == "nosniff"

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            for _ in range(100):
                yield b"x" * 10_000

        streamed = client.post("/api/articles/ferry0001/comments", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        ok = client.post("/articles/ferry0001/comments", data={"name": "Ana", "comment": "Fine piece.", "csrf_token": token})
        assert ok.status_code == 200 and "Fine piece." in ok.text


def test_the_body_limit_setting_is_read_and_checked(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.errors import ValidationError

    monkeypatch.setenv("PRESSWATCH_MAX_BODY_BYTES", "lots")
    with pytest.raises(ValidationError, match="PRESSWATCH_MAX_BODY_BYTES"):
        create_app(corpus.db, secret=SECRET)
    monkeypatch.setenv("PRESSWATCH_MAX_BODY_BYTES", "100")
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)) as client:
        assert client.post("/api/articles/ferry0001/comments", json={"name": "A", "comment": "y" * 500}).status_code == 413


@pytest.mark.parametrize("words", [10, 100, 64])
def test_long_queries_answer_200_or_400_on_both_backends(any_client: TestClient, words: int) -> None:
    query = " ".join(f"w{i}" for i in range(words))
    for path in ("/api/articles", "/search"):
        response = any_client.get(path, params={"q": query})
        assert response.status_code in (200, 400), (path, response.status_code)
        if words > 64:
            assert response.status_code == 400 and "limit is 64" in response.text
    or_query = " OR ".join(f"w{i}" for i in range(60))
    assert any_client.get("/api/articles", params={"q": or_query}).status_code == 200


@pytest.mark.parametrize("url", ["/api/articles/%00", "/articles/%00", "/api/articles?q=ferry%00", "/search?q=%00",
                                 "/api/quotes?speaker=%00", "/people/%00x"])
def test_a_nul_byte_is_a_400_on_both_backends(any_client: TestClient, url: str) -> None:
    response = any_client.get(url)
    assert response.status_code == 400 and "NUL" in response.text


def test_no_error_shows_the_database_url(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build_corpus(pg_url)
    app = create_app(pg_url, secret=SECRET, rate_limit=ROOMY)
    store = app.state.store

    def broken(*_a, **_k):
        raise StoreError(f"Could not read from {pg_url}: connection refused")

    monkeypatch.setattr(type(store), "search", broken)
    monkeypatch.setattr(type(store), "get_article", broken)
    with TestClient(app) as client:
        for path in ("/api/articles", "/search?q=ferry", "/articles/ferry0001", "/api/articles/ferry0001"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert "postgresql" not in response.text and "127.0.0.1" not in response.text and "search_path" not in response.text
            assert "unavailable" in response.text


def test_cookies_are_secure_over_https_or_when_told(corpus: Corpus) -> None:
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)) as plain:
        assert "secure" not in plain.get("/").headers["set-cookie"].lower()
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY), base_url="https://testserver") as https:
        assert "secure" in https.get("/").headers["set-cookie"].lower()
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY, secure_cookies=True)) as told:
        assert "secure" in told.get("/").headers["set-cookie"].lower()


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_docs_load_only_local_assets(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs), refs
    for ref in refs:
        assert client.get(ref).status_code == 200, ref
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "http" not in csp and "unsafe-eval" not in csp
    assert "cdn" not in response.text.lower()
