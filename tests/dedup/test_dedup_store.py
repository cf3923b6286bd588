"""The index persists with the database: on SQLite and on the real PostgreSQL, a run that starts from
the stored signatures continues exactly where the last one stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dedup_texts import BRIDGE, STORM, bridge_copies, make_article

from presswatch.dedup import ClusterIndex
from presswatch.store import Store, open_store

@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = str(tmp_path / "pw.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    s = open_store(url)
    try:
        yield s
    finally:
        s.close()


def _write(store: Store, index: ClusterIndex, articles) -> None:
    batch = index.add(articles)
    store.write_batch(batch.articles, assignments=batch.changed, signatures=batch.signatures)


def test_a_second_run_rebuilt_from_the_store_updates_stored_copies(store: Store):
    first_run = ClusterIndex.from_signatures(store.iter_signatures())
    assert len(first_run) == 0
    _write(store, first_run, bridge_copies()[:2])
    _write(store, first_run, [*bridge_copies()[2:], make_article("storm", STORM)])

    second_run = ClusterIndex.from_signatures(store.iter_signatures())
    for a in [*bridge_copies(), make_article("storm", STORM)]:
        assert second_run.assignment(a.id) == first_run.assignment(a.id)

    _write(store, second_run, [make_article("orig-bridge", BRIDGE, "2026-03-02T08:00:00+00:00")])
    (cluster,) = store.clusters(min_size=2)
    assert cluster.canonical_id == "orig-bridge"
    assert set(cluster.member_ids) == {"orig-bridge", *(c.id for c in bridge_copies())}
    copy = store.get_article("copy-trimmed")
    assert (copy.cluster_id, copy.canonical_id, copy.is_canonical) == ("orig-bridge", "orig-bridge", False)
    assert store.get_article("storm").cluster_id == "storm"

    # a third run agrees with everything stored, so it has nothing to correct
    third_run = ClusterIndex.from_signatures(store.iter_signatures())
    assert third_run.add([]).changed == []
