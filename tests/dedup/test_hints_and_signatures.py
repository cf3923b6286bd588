from __future__ import annotations

import numpy as np
import pytest

from presswatch.dedup import ArticleSignature, ClusterIndex, find_syndication_hint, normalised_words
from presswatch.errors import StoreError

from dedup_texts import BRIDGE, make_article


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Body.\n\nThis article first appeared in The Kestle Review.", "This article first appeared in The Kestle Review"),
        ("Body. This story was originally published by Coastline Weekly.", "This story was originally published by Coastline Weekly"),
        ("Reprinted with permission from the Ferrow Echo. Body text.", "Reprinted with permission from the Ferrow Echo"),
        ("LONDON (AP) — The vote was close.", "(AP)"),
        ("Originally published on the Gull Lane blog.", "Originally published on the Gull Lane blog"),
        ("Republished from The Quay under a free licence.", "Republished from The Quay under a free licence"),
        ("The mayor first appeared at the meeting late.", None),
        ("Prices rose (reuters data showed) in May.", None),
    ],
)
def test_find_syndication_hint(text, hint):
    assert find_syndication_hint(text) == hint


def test_normalisation_ignores_case_punctuation_and_quote_styles():
    assert normalised_words("“Don’t” — STOP, he said.") == normalised_words('"don\'t" stop he said')


def test_signature_blob_round_trip():
    index = ClusterIndex()
    sig = index.signature_for(make_article("a1", BRIDGE, "2026-03-02T09:00:00+01:00")).with_cluster("c-9")
    back = ArticleSignature.from_bytes("a1", sig.to_bytes())
    assert np.array_equal(back.hashvalues, sig.hashvalues)
    assert (back.shingle_count, back.text_length, back.published, back.cluster_id) == (
        sig.shingle_count, len(BRIDGE), "2026-03-02T09:00:00+01:00", "c-9",
    )


def test_an_unreadable_blob_is_a_store_error_naming_the_article():
    with pytest.raises(StoreError, match="a1"):
        ClusterIndex.from_signatures([("a1", b"not a signature")])


def test_stored_clusters_that_disagree_are_corrected_in_the_next_batch():
    index = ClusterIndex()
    batch = index.add([make_article("a", BRIDGE), make_article("b", BRIDGE, "2026-03-03T00:00:00+00:00")])
    blobs = dict(batch.signatures)
    # the store says b is alone (written by an older version, say): the rebuild notices
    stale = ArticleSignature.from_bytes("b", blobs["b"]).with_cluster("b")
    blobs["b"] = stale.to_bytes()
    rebuilt = ClusterIndex.from_signatures(blobs.items())
    fix = rebuilt.add([])
    assert [(c.article_id, c.cluster_id, c.is_canonical) for c in fix.changed] == [("b", "a", False)]
    assert ArticleSignature.from_bytes("b", dict(fix.signatures)["b"]).cluster_id == "a"


def test_signatures_written_with_other_settings_leave_articles_alone_until_reingested():
    from presswatch.dedup import DedupSettings

    old = ClusterIndex(DedupSettings(shingle_size=4))
    batch = old.add([make_article("a", BRIDGE), make_article("b", BRIDGE, "2026-03-03T00:00:00+00:00")])
    assert batch.articles[1].cluster_id == "a"
    rebuilt = ClusterIndex.from_signatures(batch.signatures)  # default settings: 5-word shingles
    fix = rebuilt.add([])
    assert [(c.article_id, c.cluster_id) for c in fix.changed] == [("b", "b")]
    again = rebuilt.add([make_article("b", BRIDGE, "2026-03-03T00:00:00+00:00")])
    assert again.articles[0].cluster_id == "b"  # "a" still carries the old signature
    again = rebuilt.add([make_article("a", BRIDGE)])
    assert again.articles[0].cluster_id == "a" and [(c.article_id, c.cluster_id) for c in again.changed] == [("b", "a")]


def test_a_credit_line_the_cleaner_removed_still_gives_the_hint():
    from dataclasses import replace

    from presswatch.dedup import syndication_hint_for
    from presswatch.model import RemovedLine

    article = replace(
        make_article("a", BRIDGE),
        removed=(RemovedLine("Share this story", "share"), RemovedLine("Reprinted with permission of the Kestle Review.", "credit")),
    )
    assert syndication_hint_for(article) == "Reprinted with permission of the Kestle Review"
    assert syndication_hint_for(make_article("b", BRIDGE)) is None
