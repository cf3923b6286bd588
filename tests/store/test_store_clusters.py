"""Contract: cluster fields on articles, cluster listing, and dedup signatures persisted beside them."""

from __future__ import annotations

import pytest

from presswatch.errors import NotFound
from presswatch.store import ClusterAssignment, Store
from store_fixtures import make_article


def test_assignments_set_cluster_fields_and_clusters_list_members(store: Store) -> None:
    store.write_batch(
        [
            make_article("orig", text="Wire story body.", published="2024-01-01T08:00:00+00:00"),
            make_article("copy1", text="Wire story body. Reprinted.", published="2024-01-02T08:00:00+00:00"),
            make_article("copy2", text="Wire story body!", published="2024-01-03T08:00:00+00:00"),
            make_article("alone", text="Something else entirely."),
        ],
        assignments=[
            ClusterAssignment("orig", "c1", "orig", True),
            ClusterAssignment("copy1", "c1", "orig", False),
            ClusterAssignment("copy2", "c1", "orig", False),
            ClusterAssignment("alone", "c2", "alone", True),
        ],
        signatures=[("orig", b"\x01\x02"), ("copy1", b"\x03"), ("copy2", b"\x04"), ("alone", b"\x05")],
    )
    copy = store.get_article("copy1")
    assert (copy.cluster_id, copy.canonical_id, copy.is_canonical) == ("c1", "orig", False)
    assert store.clusters() == [store.cluster("c1")]
    cluster = store.cluster("c1")
    assert cluster.canonical_id == "orig"
    assert cluster.member_ids == ("orig", "copy1", "copy2")
    assert [c.id for c in store.clusters(min_size=1)] == ["c1", "c2"]
    with pytest.raises(NotFound):
        store.cluster("c9")


def test_reassignment_moves_an_article_and_re_upsert_keeps_its_cluster(store: Store) -> None:
    store.upsert_articles([make_article("a", text="x"), make_article("b", text="y")])
    store.apply_cluster_assignments([ClusterAssignment("a", "c1", "a", True), ClusterAssignment("b", "c1", "a", False)])
    # An edited copy re-ingested before dedup has looked at it keeps the cluster it had.
    store.upsert_articles([make_article("b", text="y, edited")])
    assert store.get_article("b").cluster_id == "c1"
    store.apply_cluster_assignments([ClusterAssignment("b", "c2", "b", True)])
    assert store.cluster("c1").member_ids == ("a",)
    assert store.clusters() == []


def test_signatures_round_trip_and_are_replaced(store: Store) -> None:
    store.upsert_articles([make_article("a"), make_article("b")])
    blob = bytes(range(256)) * 4
    store.save_signatures([("b", blob), ("a", b"old")])
    store.save_signatures([("a", b"new")])
    assert list(store.iter_signatures()) == [("a", b"new"), ("b", blob)]
