"""An article's history: every text it has had when fetched, and what changed between two."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from presswatch.store import Store
from presswatch.store.monitor import ArticleVersion, MonitorStore


@dataclass(frozen=True, slots=True)
class Revision:
    """What changed from one version of an article to the next."""

    before: ArticleVersion
    after: ArticleVersion
    diff: tuple[str, ...]  # a unified diff of the paragraphs
    quotes_added: tuple[tuple[str | None, str], ...]  # (speaker, text)
    quotes_removed: tuple[tuple[str | None, str], ...]


def compare(before: ArticleVersion, after: ArticleVersion) -> Revision:
    old, new = before.text.split("\n\n"), after.text.split("\n\n")
    diff = tuple(difflib.unified_diff(old, new, before.fetched_at, after.fetched_at, lineterm="", n=1))
    added = tuple(q for q in after.quotes if q not in before.quotes)
    removed = tuple(q for q in before.quotes if q not in after.quotes)
    return Revision(before, after, diff, added, removed)


def revisions(store: Store, article_id: str) -> list[Revision]:
    """Each change the article went through, oldest first (empty: never changed, or never fetched).
    ``len(revisions(...))`` is how many times it was updated."""
    versions = MonitorStore(store).versions(article_id)
    return [compare(a, b) for a, b in zip(versions, versions[1:])]


__all__ = ["Revision", "compare", "revisions"]
