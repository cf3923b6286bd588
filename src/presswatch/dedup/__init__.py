"""Syndication clusters: group wire copies and republished articles, and mark the original.

    index = ClusterIndex.from_signatures(store.iter_signatures())
    batch = index.add(articles)
    store.write_batch(batch.articles, assignments=batch.changed, signatures=batch.signatures)
"""

from presswatch.dedup.hints import find_syndication_hint, syndication_hint_for
from presswatch.dedup.index import ClusteredBatch, ClusterIndex, DedupSettings
from presswatch.dedup.signature import ArticleSignature, normalised_words, shingle_hashes

__all__ = [
    "ArticleSignature",
    "ClusterIndex",
    "ClusteredBatch",
    "DedupSettings",
    "find_syndication_hint",
    "normalised_words",
    "shingle_hashes",
    "syndication_hint_for",
]
