"""The dedup module's public names are pinned: the ingest runner and the store rely on them."""

from __future__ import annotations

import presswatch.dedup as dedup


def test_public_names_are_pinned() -> None:
    assert sorted(dedup.__all__) == sorted(
        [
            "ArticleSignature", "ClusterIndex", "ClusteredBatch", "DedupSettings", "find_syndication_hint",
            "normalised_words", "shingle_hashes", "syndication_hint_for",
        ]
    )  # fmt: skip
    for name in dedup.__all__:
        assert hasattr(dedup, name), name


def test_the_batch_has_what_write_batch_takes() -> None:
    batch = dedup.ClusterIndex().add([])
    assert (batch.articles, batch.changed, batch.signatures) == ([], [], [])
