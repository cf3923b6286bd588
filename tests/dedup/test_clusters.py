from __future__ import annotations

import random
from dataclasses import replace

import pytest

from presswatch.dedup import ClusterIndex
from presswatch.model import Article

from dedup_texts import BRIDGE, COUNCIL_PREVIEW, COUNCIL_VOTE, STORM, bridge_copies, make_article


def clusters_by_id(articles: list[Article]) -> dict[str, str]:
    return {a.id: a.cluster_id for a in articles}


def run_batches(articles: list[Article], batch_size: int) -> dict[str, tuple[str, str, bool]]:
    """Feed ``articles`` batch by batch the way the ingest runner does, applying ``changed`` as the
    store would; returns id -> (cluster_id, canonical_id, is_canonical) as the database would hold it."""
    index = ClusterIndex()
    db: dict[str, tuple[str, str, bool]] = {}
    for start in range(0, len(articles), batch_size):
        batch = index.add(articles[start : start + batch_size])
        for a in batch.articles:
            db[a.id] = (a.cluster_id, a.canonical_id, a.is_canonical)
        for c in batch.changed:
            db[c.article_id] = (c.cluster_id, c.canonical_id, c.is_canonical)
    return db


def test_copies_join_the_original_and_name_it_canonical(bridge_original):
    batch = ClusterIndex().add([bridge_original, *bridge_copies()])
    got = clusters_by_id(batch.articles)
    assert set(got.values()) == {"orig-bridge"}, got
    by_id = {a.id: a for a in batch.articles}
    assert by_id["orig-bridge"].is_canonical
    assert all(by_id[c.id].canonical_id == "orig-bridge" and not by_id[c.id].is_canonical for c in bridge_copies())


def test_same_topic_same_day_articles_stay_apart(corpus):
    db = run_batches(corpus, batch_size=len(corpus))
    assert db["council-vote"][0] == db["council-vote-wire"][0]
    assert db["council-preview"][0] not in {db["council-vote"][0], db["orig-bridge"][0]}
    assert db["storm"][0] == "storm"
    assert len({v[0] for v in db.values()}) == 4  # bridge, council vote, preview, storm


def test_a_paragraph_lifted_into_a_different_article_is_not_a_copy():
    paras = BRIDGE.split("\n\n")
    follow_up = "\n\n".join([STORM.split("\n\n")[0], paras[1], *STORM.split("\n\n")[1:]])
    batch = ClusterIndex().add([make_article("a", BRIDGE), make_article("b", follow_up)])
    assert batch.articles[0].cluster_id != batch.articles[1].cluster_id


def test_earliest_original_arriving_later_takes_over_the_cluster(bridge_original):
    index = ClusterIndex()
    first = index.add(bridge_copies())
    assert {a.canonical_id for a in first.articles} == {"copy-headline"}  # earliest seen so far
    second = index.add([bridge_original])
    assert second.articles[0].is_canonical and second.articles[0].cluster_id == "orig-bridge"
    changed = {c.article_id: c for c in second.changed}
    assert set(changed) == {c.id for c in bridge_copies()}
    assert all(c.cluster_id == "orig-bridge" and c.canonical_id == "orig-bridge" for c in changed.values())
    assert changed["copy-headline"].is_canonical is False
    # the stored blobs of the changed articles carry their new cluster, so a rebuild agrees
    assert {aid for aid, _ in second.signatures} == {"orig-bridge", *changed}


def test_canonical_ties_go_to_the_longest_text_then_the_smallest_id():
    same_time = "2026-03-02T09:00:00+00:00"
    trimmed = "\n\n".join(BRIDGE.split("\n\n")[:-1])
    batch = ClusterIndex().add(
        [make_article("b-short", trimmed, same_time), make_article("z-full", BRIDGE, same_time)]
    )
    assert {a.canonical_id for a in batch.articles} == {"z-full"}
    batch = ClusterIndex().add([make_article("m", BRIDGE, same_time), make_article("k", BRIDGE, same_time)])
    assert {a.canonical_id for a in batch.articles} == {"k"}


def test_undated_articles_never_beat_a_dated_original():
    batch = ClusterIndex().add([make_article("a-undated", BRIDGE + " Extra words.", None), make_article("z-dated", BRIDGE)])
    assert {a.canonical_id for a in batch.articles} == {"z-dated"}


def test_dates_compare_as_instants_across_time_zones():
    # 10:00 in Paris (+01:00) is 09:00 UTC: earlier than 09:30 UTC although the string sorts later
    batch = ClusterIndex().add(
        [make_article("utc", BRIDGE, "2026-03-02T09:30:00+00:00"), make_article("paris", BRIDGE, "2026-03-02T10:00:00+01:00")]
    )
    assert {a.canonical_id for a in batch.articles} == {"paris"}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_clusters_do_not_depend_on_order_or_batch_size(corpus, seed):
    expected = run_batches(corpus, batch_size=len(corpus))
    shuffled = list(corpus)
    random.Random(seed).shuffle(shuffled)
    for batch_size in (1, 2, 3, len(corpus)):
        assert run_batches(shuffled, batch_size) == expected


def test_rebuild_from_signatures_matches_the_live_index(corpus):
    live = ClusterIndex()
    blobs: dict[str, bytes] = {}
    for start in range(0, len(corpus), 3):
        batch = live.add(corpus[start : start + 3])
        blobs.update(batch.signatures)
    rebuilt = ClusterIndex.from_signatures(sorted(blobs.items()))
    assert len(rebuilt) == len(live) == len(corpus)
    for a in corpus:
        assert rebuilt.assignment(a.id) == live.assignment(a.id)
    assert rebuilt.clusters(min_size=2) == live.clusters(min_size=2)
    # nothing pending: the stored clusters already agree, so the next batch changes nobody else
    newcomer = make_article("storm-copy", STORM + "\n\nReprinted with permission.", "2026-03-02T06:00:00+00:00")
    from_rebuilt, from_live = rebuilt.add([newcomer]), live.add([newcomer])
    assert from_rebuilt.changed == from_live.changed == []
    assert from_rebuilt.articles == from_live.articles
    assert from_rebuilt.articles[0].cluster_id == "storm"


def test_an_empty_store_gives_an_empty_index():
    index = ClusterIndex.from_signatures(iter(()))
    assert len(index) == 0
    assert index.add([make_article("only", STORM)]).articles[0].cluster_id == "only"


def test_readding_an_article_with_new_content_replaces_its_signature(bridge_original):
    index = ClusterIndex()
    index.add([bridge_original, *bridge_copies()])
    # the headline copy's page now carries a different story: it leaves the bridge cluster
    rewritten = make_article("copy-headline", STORM, "2026-03-02T11:00:00+00:00")
    batch = index.add([rewritten])
    assert batch.articles[0].cluster_id == "copy-headline"
    assert index.assignment("copy-trimmed").cluster_id == "orig-bridge"
    assert len(index) == 5
    # and the original re-ingested unchanged changes nothing
    again = index.add([bridge_original])
    assert again.changed == [] and again.articles[0].cluster_id == "orig-bridge"


def test_replacing_the_original_moves_the_cluster_to_the_next_earliest(bridge_original):
    index = ClusterIndex()
    index.add([bridge_original, *bridge_copies()])
    batch = index.add([replace(bridge_original, text=COUNCIL_PREVIEW)])
    assert batch.articles[0].cluster_id == "orig-bridge"  # alone now
    changed = {c.article_id: c.cluster_id for c in batch.changed}
    assert changed == {c.id: "copy-headline" for c in bridge_copies()}


def test_a_split_cluster_does_not_depend_on_history(bridge_original):
    """Linked only through a bridge article that changes: the rest regroups as if it never was."""
    index = ClusterIndex()
    index.add([bridge_original, *bridge_copies()])
    index.add([replace(bridge_original, text=STORM)])
    fresh = ClusterIndex()
    fresh.add([replace(bridge_original, text=STORM), *bridge_copies()])
    for a in [bridge_original, *bridge_copies()]:
        assert index.assignment(a.id) == fresh.assignment(a.id)


def test_empty_bodies_are_never_clustered_together():
    batch = ClusterIndex().add([make_article("e1", ""), make_article("e2", ""), make_article("x", STORM)])
    assert [a.cluster_id for a in batch.articles] == ["e1", "e2", "x"]


def test_syndication_hints_are_recorded_and_cleaner_hints_kept(bridge_original):
    wire = make_article("wire", "(Reuters) - " + COUNCIL_VOTE)
    kept = make_article("kept", STORM, syndication_hint="Courtesy of the Ferrow Echo")
    batch = ClusterIndex().add([bridge_original, *bridge_copies(), wire, kept])
    hints = {a.id: a.syndication_hint for a in batch.articles}
    assert hints["orig-bridge"] is None
    assert hints["copy-credit"] == "This article first appeared in the Marrowby Mercury and is republished with permission"
    assert hints["wire"] == "(Reuters)"
    assert hints["kept"] == "Courtesy of the Ferrow Echo"


def test_the_index_holds_under_a_kilobyte_per_article():
    import gc
    import tracemalloc

    import numpy as np

    from presswatch.dedup import ArticleSignature

    rng = np.random.default_rng(3)
    blobs = []
    for family in range(1500):  # pairs: an original and a copy with a tenth of its values changed
        base = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
        for member in range(2):
            values = base.copy()
            if member:
                flip = rng.random(128) < 0.1
                values[flip] = rng.integers(0, 2**32, size=int(flip.sum()), dtype=np.uint64).astype(np.uint32)
            aid = f"{family:07d}{member}-article"
            sig = ArticleSignature(aid, values, 5, 400, 2400, f"2026-01-{1 + family % 28:02d}T0{member}:00:00+00:00")
            blobs.append((aid, sig.with_cluster(aid).to_bytes()))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        index = ClusterIndex.from_signatures(blobs)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert held / len(blobs) <= 1024, held / len(blobs)
    clusters = index.clusters(min_size=2)
    assert len(clusters) == 1500 and all(c.canonical_id.endswith("0-article") for c in clusters)
