"""The reader over what `make demo` serves: the project's samples/, ingested the way the CLI does it.

Every page of every article and person must render (no 5xx), and what the pipeline found shows up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.run.local import ingest_paths
from presswatch.store import open_store
from presswatch.store.base import person_id_for
from presswatch.web.app import create_app

from web_corpus import ROOMY, SECRET

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def demo_client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    store = open_store(db)
    try:
        report = ingest_paths([SAMPLES], store)
    finally:
        store.close()
    assert report.stored >= 5, report.summary()
    with TestClient(create_app(db, secret=SECRET, rate_limit=ROOMY)) as client:
        yield client


def test_every_article_and_person_page_renders(demo_client: TestClient):
    listing = demo_client.get("/api/articles", params={"limit": 100, "fields": "full"}).json()
    assert listing["total"] == len(listing["items"]) >= 5
    for item in listing["items"]:
        page = demo_client.get(f"/articles/{item['id']}")
        assert page.status_code == 200, item["id"]
        # every quote of the record is highlighted, with its speaker shown once after it
        # (quotes nested inside another are drawn as part of the outer one)
        spans = sorted((q["start"], q["end"]) for q in item["quotes"])
        outermost = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
        assert page.text.count('<sup class="said-by">') >= len(outermost), item["id"]
        assert page.text.count('<mark class="quote') >= len(outermost)
        for person in item["people"]:
            assert f'href="/people/{person_id_for(person["name"])}"' in page.text
        if item["cluster_id"]:
            assert demo_client.get(f"/api/clusters/{item['cluster_id']}").status_code == 200
    people = demo_client.get("/api/people", params={"limit": 100}).json()["items"]
    assert people
    for person in people:
        assert demo_client.get(f"/people/{person['id']}").status_code == 200, person["id"]
        assert demo_client.get(f"/feeds/people/{person['id']}.atom").status_code == 200


def test_front_page_and_search_over_the_samples(demo_client: TestClient):
    assert demo_client.get("/").status_code == 200
    r = demo_client.get("/search", params={"q": "harbour"})
    assert r.status_code == 200 and "<mark>" in r.text
