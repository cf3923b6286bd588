"""Syndication clusters as readers see them: the original first, then who ran it and when."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from presswatch.model import Article
from presswatch.store.base import Store


@dataclass(frozen=True, slots=True)
class ClusterMember:
    id: str
    site: str | None
    title: str | None
    url: str | None
    published: str | None
    is_canonical: bool
    syndication_hint: str | None

    @classmethod
    def of(cls, article: Article) -> "ClusterMember":
        return cls(
            article.id, article.site, article.title, article.url, article.published, article.is_canonical,
            article.syndication_hint,
        )


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    id: str
    canonical_id: str
    members: tuple[ClusterMember, ...]  # the canonical original first, then by the store's order

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def canonical(self) -> ClusterMember:
        return self.members[0]

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical_id": self.canonical_id,
            "size": self.size,
            "title": self.canonical.title,
            "members": [
                {
                    "id": m.id, "site": m.site, "title": m.title, "url": m.url, "published": m.published,
                    "is_canonical": m.is_canonical, "syndication_hint": m.syndication_hint,
                }
                for m in self.members
            ],
        }


def cluster_summaries(store: Store, *, min_size: int = 2) -> list[ClusterSummary]:
    """Every cluster of at least ``min_size`` articles, largest first, each with its members."""
    out = []
    for cluster in store.clusters(min_size=min_size):
        members = [ClusterMember.of(store.get_article(aid)) for aid in cluster.member_ids]
        members.sort(key=lambda m: (m.id != cluster.canonical_id,))  # stable: keeps the store's order
        out.append(ClusterSummary(cluster.id, cluster.canonical_id, tuple(members)))
    return out
