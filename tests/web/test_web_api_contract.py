"""A dependable API: a spec that validates, one error shape, lists with totals and paging that works,
a light article list, quote filters and CSV, and /people paging through everyone."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, Corpus, make_article


def test_the_openapi_document_passes_the_validator(client: TestClient) -> None:
    validator = pytest.importorskip("openapi_spec_validator", reason="openapi-spec-validator is in the dev extra")
    spec = client.get("/openapi.json").json()
    validator.validate(spec)
    # every API operation declares the error shape for its 4xx answers
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for status in ("400", "422"):
                if path.startswith("/api/") and method == "get":
                    ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def _error_shape(body: dict, status: int) -> None:
    assert set(body) == {"detail", "status", "errors"}, body
    assert body["status"] == status and isinstance(body["detail"], str) and body["detail"]
    assert body["errors"] is None or all(isinstance(v, str) for v in body["errors"].values())


def test_every_api_error_has_one_shape(corpus: Corpus) -> None:
    app = create_app(corpus.db, secret=SECRET, rate_limit=ROOMY, max_body_bytes=2000)
    with TestClient(app) as client:
        cases = [
            (client.get("/api/articles", params={"q": '"AND ()'}), 400),
            (client.get("/api/quotes", params={"q": '"AND ()'}), 400),
            (client.get("/api/articles", params={"since": "last week"}), 400),
            (client.get("/api/articles/nope"), 404),
            (client.get("/api/no/such/thing"), 404),
            (client.get("/api/articles", params={"limit": "many"}), 422),
            (client.get("/api/quotes", params={"kind": "shouted"}), 422),
            (client.post("/api/articles/ferry0001/comments", json={"name": "", "comment": "x"}), 422),
            (client.post("/api/articles/ferry0001/comments", content=b"x" * 5000,
                         headers={"content-type": "application/json"}), 413),
        ]
        for response, status in cases:
            assert response.status_code == status, (response.request.url, response.text)
            _error_shape(response.json(), status)
        assert client.get("/api/articles", params={"limit": 0}).json()["errors"] == {
            "limit": "Input should be greater than or equal to 1"
        }
    # the database gone: a 503 of the same shape, without the database's name
    app = create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)
    with TestClient(app) as client:
        app.state.store.engine.dispose()
        app.state.store.url = "sqlite:////no/such/dir/x.db"
        from sqlalchemy import create_engine

        app.state.store.engine = create_engine("sqlite:////no/such/dir/x.db")
        response = client.get("/api/articles")
        assert response.status_code == 503
        _error_shape(response.json(), 503)
        assert "/no/such" not in response.text


def test_article_lists_are_light_by_default_and_full_on_request(client: TestClient) -> None:
    light = client.get("/api/articles").json()
    item = light["items"][0]
    assert {"id", "title", "site", "published", "url", "snippet"} <= set(item) and "text" not in item and "quotes" not in item
    full = client.get("/api/articles", params={"fields": "full"}).json()
    assert [i["id"] for i in full["items"]] == [i["id"] for i in light["items"]]
    assert full["items"][0]["text"] and "quotes" in full["items"][0]
    assert len(client.get("/api/articles").content) < len(client.get("/api/articles", params={"fields": "full"}).content)


@pytest.fixture
def many(tmp_path) -> str:
    """45 fictional briefs, each naming one person (distinct surnames), each with one quote."""
    db = str(tmp_path / "many.db")
    surnames = (
        "Alder Birch Cedar Dogwood Elm Fir Gorse Hazel Ivy Juniper Kale Larch Maple Nettle Oak Poplar Quince Rowan "
        "Sorrel Thistle Umber Vetch Willow Yarrow Zinnia Bracken Clover Daisy Fennel Heather Iris Jasmine Laurel "
        "Mallow Orchid Peony Reed Sage Tansy Violet Wheat Aspen Basil Chicory Dill"
    ).split()
    assert len(set(surnames)) == 45
    store = open_store(db)
    try:
        store.upsert_articles([
            make_article(
                f"brief{n:03d}", title=f"Brief {n}", site="wire.example", published=f"2024-01-{1 + n % 28:02d}T08:00:00+00:00",
                paragraphs=[f"Lena {name} spoke on day {n}.", f"“Number {n} is ready,” {name} said."],
                people={f"Lena {name}": ("spokeswoman",)},
                quotes=[dict(text=f"Number {n} is ready", kind="direct", speaker=f"Lena {name}")],
            )
            for n, name in enumerate(surnames)
        ])
    finally:
        store.close()
    return db


def test_lists_carry_totals_and_pages_move_on(many: str) -> None:
    with TestClient(create_app(many, secret=SECRET, rate_limit=ROOMY)) as client:
        for path in ("/api/articles", "/api/people", "/api/quotes"):
            first = client.get(path, params={"limit": 20}).json()
            second = client.get(path, params={"limit": 20, "page": 2}).json()
            third = client.get(path, params={"limit": 20, "offset": 40}).json()
            key = "id" if path != "/api/quotes" else "article_id"
            ids = [[i[key] if key in i else i["quote"]["text"] for i in page["items"]] for page in (first, second, third)]
            assert first["total"] == second["total"] == 45, path
            assert (second["limit"], second["offset"]) == (20, 20)
            assert [len(x) for x in ids] == [20, 20, 5] and len({i for x in ids for i in x}) == 45, path
            everything = client.get(path, params={"limit": 500}).json()
            assert len(everything["items"]) == 45
        assert client.get("/api/people", params={"offset": 20, "page": 2}).status_code == 400


def test_people_page_pages_through_everyone_with_the_total(many: str, monkeypatch) -> None:
    from presswatch.web import pages

    monkeypatch.setattr(pages, "PEOPLE_PAGE_SIZE", 20)
    with TestClient(create_app(many, secret=SECRET, rate_limit=ROOMY)) as client:
        names = []
        for page in (1, 2, 3):
            html = client.get("/people", params={"page": page}).text
            assert "45 people" in html
            names.append(re.findall(r'<li><a href="/people/([^"]+)"', html))
        assert [len(n) for n in names] == [20, 20, 5] and len({n for p in names for n in p}) == 45
        assert 'rel="next" href="/people?page=2"' in client.get("/people").text


def test_quotes_filter_count_and_download(client: TestClient) -> None:
    direct = client.get("/api/quotes", params={"kind": "direct"}).json()
    assert direct["total"] == 1 and direct["items"][0]["quote"]["kind"] == "direct"
    orgs = client.get("/api/quotes", params={"speaker_type": "org"}).json()
    assert [i["quote"]["speaker"] for i in orgs["items"]] == ["The port authority"]
    dated = client.get("/api/quotes", params={"since": "2024-02-01", "until": "2024-02-28"}).json()
    assert [i["article_id"] for i in dated["items"]] == ["tram00001"]
    assert client.get("/api/quotes", params={"site": "nowhere.example"}).json()["total"] == 0
    assert client.get("/api/quotes", params={"min_confidence": 0.5}).json()["total"] == 0  # nothing here is scored

    page = client.get("/quotes", params={"kind": "indirect"})
    assert page.status_code == 200 and "3 quotes" in page.text
    assert page.text.count('class="quote-item"') == 3 and "We have waited" not in page.text
    assert '<option value="indirect" selected>' in page.text
    assert client.get("/quotes", params={"kind": "shouted"}).status_code == 400

    for response in (client.get("/quotes.csv", params={"kind": "indirect"}),
                     client.get("/api/quotes", params={"kind": "indirect", "format": "csv"})):
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == 3 and {r["kind"] for r in rows} == {"indirect"}
        assert {r["speaker"] for r in rows} == {"Marta Kowalczyk", "The port authority", "Jonas Berg"}
        ferry = next(r for r in rows if r["speaker"] == "Marta Kowalczyk")
        assert ferry["copy_article_ids"] == "ferry0002" and ferry["speaker_person_id"] == "marta-kowalczyk"


def test_search_page_person_filter_takes_a_surname(client: TestClient) -> None:
    page = client.get("/search", params={"person": "Kowalczyk"})
    assert page.status_code == 200 and "2 articles" in page.text
    assert client.get("/api/articles", params={"person": "Berg"}).json()["total"] == 1
