"""/api/clusters: every syndication cluster with its members, paged with a total, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, build_corpus


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_clusters_are_listed_with_their_original_and_a_total(backend: str, tmp_path: Path, request) -> None:
    db = str(tmp_path / "web.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    corpus = build_corpus(db)
    with TestClient(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY)) as client:
        body = client.get("/api/clusters").json()
        assert (body["total"], body["limit"], body["offset"]) == (1, 50, 0)
        (cluster,) = body["items"]
        assert cluster["id"] == corpus.cluster_id and cluster["canonical_id"] == corpus.ferry.id
        assert [(m["id"], m["is_original"]) for m in cluster["members"]] == [
            (corpus.ferry.id, True), (corpus.ferry_copy.id, False)]
        assert client.get(f"/api/clusters/{corpus.cluster_id}").json() == cluster
        # paging moves on; a larger minimum leaves the pair out
        second = client.get("/api/clusters", params={"limit": 1, "page": 2}).json()
        assert (second["total"], second["offset"], second["items"]) == (1, 1, [])
        assert client.get("/api/clusters", params={"min_size": 3}).json()["total"] == 0
        assert client.get("/api/clusters", params={"min_size": 0}).status_code == 422
