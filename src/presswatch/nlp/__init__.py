"""Article -> entities, people with roles, quotes (placeholder until the NLP stage lands)."""

from __future__ import annotations

from presswatch.model import Article


def annotate(article: Article) -> Article:
    """Fill ``entities``, ``people`` and ``quotes`` of an article."""
    return article


__all__ = ["annotate"]
