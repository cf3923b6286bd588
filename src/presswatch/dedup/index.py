"""The incremental syndication index: MinHash LSH candidates, a verification check, union-find clusters.

Two articles are *linked* when LSH proposes the pair and their MinHash estimates pass
:meth:`DedupSettings.same_story`; clusters are the connected components of that link graph. Both steps
are symmetric functions of the two signatures, so the clusters depend only on the set of articles,
never on the order, the batch size or the number of workers that produced them. A cluster is named
after its canonical original (earliest published date, then the longest text, then the smallest id).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from presswatch.dedup.hints import syndication_hint_for
from presswatch.dedup.bands import BandIndex
from presswatch.dedup.signature import ArticleSignature, minhash_of, shingle_hashes
from presswatch.model import Article, Cluster
from presswatch.model import ClusterAssignment


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """How bodies are compared. The defaults were chosen with ``presswatch bench dedup --sweep`` over
    four seeds of the labelled set (~940 documents each; pairwise precision / recall ranges below):

    - ``shingle_size=5`` words. 3- and 4-word shingles reach the same recall (0.988-1.0) but let
      articles built from the original's short phrases (names, titles, stock phrases) join: precision
      0.996 on one seed; 7 words loses recall on edited copies (0.978-0.983). 5: P 1.0, R 0.988-0.997.
    - ``num_perm=128``: 64 permutations scored the same here, but the Jaccard estimate's standard
      error at J=0.5 grows from 0.044 to 0.063, too close to the 0.2 margin of the checks below.
    - ``bands=16, rows=2`` (LSH over the first 32 permutations): a pair is proposed with probability
      1-(1-J^2)^16, 0.78 at J=0.3 and 0.99 at J=0.5, so cut or padded copies (J 0.4-0.6) are almost
      always proposed. 32x4 (the usual choice for a 0.5 threshold) missed copies: R 0.959-0.985;
      8x2 R 0.959-0.973; 42x3 matched 16x2 but keeps 2.6 times as many buckets (datasketch holds a
      set per bucket per band: that is most of the index's memory). False candidates are cheap,
      because every candidate is verified.
    - Verification: estimated containment |A∩B|/min(|A|,|B|) >= 0.5, so a copy with its last
      paragraph cut, a credit line added or boilerplate around it joins, while an article reusing a
      background paragraph or a quote (up to a fifth of it) does not; 0.6 cost recall (0.973-0.978),
      0.4 gained little and narrows the margin over the negatives. Estimated Jaccard >= 0.2 keeps a short brief quoted
      inside a long feature from pulling the two together (no effect on the bench's copies).
    """

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 16
    rows: int = 2
    min_containment: float = 0.5
    min_jaccard: float = 0.2

    def same_story(self, a: ArticleSignature, b: ArticleSignature) -> bool:
        if a.shingle_count == 0 or b.shingle_count == 0:
            return False
        jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / len(a.hashvalues)
        if jaccard < self.min_jaccard:
            return False
        # |A∩B| = J(|A|+|B|)/(1+J) from the Jaccard estimate and the exact set sizes.
        overlap = jaccard * (a.shingle_count + b.shingle_count) / (1.0 + jaccard)
        return overlap / min(a.shingle_count, b.shingle_count) >= self.min_containment


@dataclass(frozen=True, slots=True)
class ClusteredBatch:
    """What :meth:`ClusterIndex.add` returns, ready for ``Store.write_batch``."""

    articles: list[Article]  # the input articles with their cluster fields set
    changed: list[ClusterAssignment]  # already stored articles whose cluster fields changed
    signatures: list[tuple[str, bytes]] = field(default_factory=list)  # (article_id, blob) to persist


class ClusterIndex:
    """Syndication clusters over every article seen, kept up to date batch by batch."""

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()
        s = self.settings
        self._lsh = BandIndex(s.bands, s.rows)
        self._signatures: dict[str, ArticleSignature] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}  # root -> member ids
        self._best: dict[str, tuple[int, float, int, str]] = {}  # root -> canonical key of its best member
        self._canonical_of: dict[str, str] = {}  # id -> canonical id the store has (or is about to get)
        self._pending: set[str] = set()  # stored ids whose stored cluster disagrees with the index
        #: the newest store write whose signatures the index holds (see :meth:`catch_up`)
        self.seq = 0

    # --- building -------------------------------------------------------------------------
    @classmethod
    def from_signatures(
        cls, signatures: Iterable[tuple[str, bytes]], settings: DedupSettings | None = None
    ) -> "ClusterIndex":
        """Rebuild the index from the blobs the store kept (an empty store gives an empty index).

        Stored articles whose stored cluster differs from what the index computes (for example after
        a change of settings) are reported in the ``changed`` list of the next :meth:`add`.
        """
        index = cls(settings)
        with _bulk_build():
            index._load(signatures)
        for article_id, sig in index._signatures.items():
            canonical = index._canonical(article_id)
            index._canonical_of[article_id] = canonical
            if sig.cluster_id != canonical:
                index._pending.add(article_id)
        return index

    def _load(self, signatures: Iterable[tuple[str, bytes]]) -> None:
        loaded: list[str] = []
        for article_id, blob in signatures:
            if article_id in self._signatures:  # one blob per article; a repeat is ignored
                continue
            self._insert(self._readable(article_id, blob))
            loaded.append(article_id)
        for article_id in loaded:
            self._link(article_id)

    def _readable(self, article_id: str, blob: bytes) -> ArticleSignature:
        settings = self.settings
        sig = ArticleSignature.from_bytes(article_id, blob)
        if (len(sig.hashvalues), sig.shingle_size) != (settings.num_perm, settings.shingle_size):
            # Written with other settings and the body is not at hand: the article stays alone
            # until it is ingested again.
            sig = replace(sig, hashvalues=np.zeros(settings.num_perm, np.uint32), shingle_count=0)
        return sig

    def catch_up(self, signatures: Iterable[tuple[str, bytes]], seq: int) -> None:
        """Take in what other writers stored since this index was built: new articles, re-ingested
        ones whose body changed, and cluster changes they wrote. Called inside the write transaction
        (writers take turns), so the index then holds exactly what the store holds, and the next
        :meth:`add` clusters against every article, whoever wrote it."""
        with _bulk_build():
            added: list[str] = []
            touched: set[str] = set()
            for article_id, blob in signatures:
                sig = self._readable(article_id, blob)
                old = self._signatures.get(article_id)
                touched.add(article_id)
                if old is not None and _same_content(old, sig):
                    self._signatures[article_id] = sig  # only its stored cluster changed
                else:
                    if old is not None:
                        touched.update(self._detach(article_id))
                    self._insert(sig)
                    added.append(article_id)
                if sig.cluster_id is not None:
                    self._canonical_of[article_id] = sig.cluster_id
            for article_id in added:
                self._link(article_id)
            # Whatever the store has that the index now computes differently is rewritten by the next add.
            for root in {self._find(aid) for aid in touched}:
                canonical = self._best[root][3]
                for member in self._members[root]:
                    if self._canonical_of.get(member) != canonical:
                        self._pending.add(member)
        self.seq = max(self.seq, seq)

    def signature_for(self, article: Article) -> ArticleSignature:
        hashes = shingle_hashes(article.text, self.settings.shingle_size)
        minhash = minhash_of(hashes, self.settings.num_perm)
        return ArticleSignature(
            article_id=article.id,
            hashvalues=np.asarray(minhash.hashvalues, dtype=np.uint32),
            shingle_size=self.settings.shingle_size,
            shingle_count=len(hashes),
            text_length=len(article.text),
            published=article.published,
        )

    def add(self, articles: Sequence[Article]) -> ClusteredBatch:
        """Cluster a batch of new (or re-ingested) articles against everything indexed so far."""
        with _bulk_build():
            return self._add(articles)

    def _add(self, articles: Sequence[Article]) -> ClusteredBatch:
        latest: dict[str, Article] = {}
        for article in articles:  # the same id twice in one batch: the later version counts
            latest[article.id] = article
        incoming = {aid: self.signature_for(a) for aid, a in sorted(latest.items())}

        # Re-ingested articles whose body or date changed leave the index first; what was linked only
        # through them splits apart again.
        replaced = [
            aid for aid, sig in incoming.items() if aid in self._signatures and not _same_content(self._signatures[aid], sig)
        ]
        touched: set[str] = set()
        for aid in replaced:
            touched.update(self._detach(aid))
        for aid, sig in incoming.items():
            if aid not in self._signatures:
                self._insert(sig)
        for aid in incoming:
            self._link(aid)
        touched.update(incoming)
        touched.update(self._pending)

        roots = {self._find(aid) for aid in touched if aid in self._signatures}
        changed: list[ClusterAssignment] = []
        out_signatures: list[tuple[str, bytes]] = []
        for root in sorted(roots):
            canonical = self._best[root][3]
            for member in sorted(self._members[root]):
                previous = self._canonical_of.get(member)
                self._canonical_of[member] = canonical
                if member in incoming:
                    continue
                if previous != canonical or member in self._pending:
                    changed.append(ClusterAssignment(member, canonical, canonical, member == canonical))
                    sig = self._signatures[member].with_cluster(canonical)
                    self._signatures[member] = sig
                    out_signatures.append((member, sig.to_bytes()))
        self._pending.clear()

        clustered: list[Article] = []
        for article in articles:
            canonical = self._canonical_of[article.id]
            clustered.append(
                replace(
                    article,
                    cluster_id=canonical,
                    canonical_id=canonical,
                    is_canonical=article.id == canonical,
                    syndication_hint=syndication_hint_for(article),
                )
            )
        for aid in incoming:
            sig = self._signatures[aid].with_cluster(self._canonical_of[aid])
            self._signatures[aid] = sig
            out_signatures.append((aid, sig.to_bytes()))
        return ClusteredBatch(clustered, changed, out_signatures)

    # --- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def same_text(self, article: Article) -> list[str]:
        """Indexed articles (other than ``article`` itself) whose body has the same words as
        ``article``'s: the same shingles, so the same signature. Sorted by id."""
        sig = self.signature_for(article)
        if not sig.shingle_count:
            return []
        found = [
            other
            for other in self._lsh.query(sig.hashvalues)
            if other != article.id
            and self._signatures[other].shingle_count == sig.shingle_count
            and np.array_equal(self._signatures[other].hashvalues, sig.hashvalues)
        ]
        return sorted(found)

    def assignment(self, article_id: str) -> ClusterAssignment:
        """Where the index puts an article now (KeyError for an unknown id)."""
        canonical = self._canonical(article_id)
        return ClusterAssignment(article_id, canonical, canonical, article_id == canonical)

    def clusters(self, *, min_size: int = 1) -> list[Cluster]:
        """Every cluster with at least ``min_size`` members, largest first, then by id."""
        out = []
        for root, members in self._members.items():
            if len(members) >= min_size:
                canonical = self._best[root][3]
                out.append(Cluster(id=canonical, canonical_id=canonical, member_ids=tuple(sorted(members))))
        out.sort(key=lambda c: (-len(c.member_ids), c.id))
        return out

    # --- union-find -----------------------------------------------------------------------
    def _insert(self, sig: ArticleSignature) -> None:
        aid = sig.article_id
        self._signatures[aid] = sig
        self._parent[aid] = aid
        self._members[aid] = [aid]
        self._best[aid] = sig.canonical_key
        if sig.shingle_count:  # an empty body matches nothing; keep it out of the LSH buckets
            self._lsh.insert(aid, sig.hashvalues)

    def _link(self, aid: str) -> None:
        sig = self._signatures[aid]
        if not sig.shingle_count:
            return
        for other in sorted(self._lsh.query(sig.hashvalues)):
            if other != aid and self.settings.same_story(sig, self._signatures[other]):
                self._union(aid, other)

    def _find(self, aid: str) -> str:
        parent = self._parent
        root = aid
        while parent[root] != root:
            root = parent[root]
        while parent[aid] != root:  # path compression
            parent[aid], aid = root, parent[aid]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        self._best[ra] = min(self._best[ra], self._best.pop(rb))

    def _canonical(self, aid: str) -> str:
        return self._best[self._find(aid)][3]

    def _detach(self, aid: str) -> list[str]:
        """Take ``aid`` out of the index and re-link the rest of its cluster; returns that cluster."""
        root = self._find(aid)
        members = self._members.pop(root)
        del self._best[root]
        sig = self._signatures.pop(aid)
        if sig.shingle_count:
            self._lsh.remove(aid)
        del self._parent[aid]
        rest = [m for m in members if m != aid]
        for m in rest:
            self._parent[m] = m
            self._members[m] = [m]
            self._best[m] = self._signatures[m].canonical_key
        # Links never cross clusters, so re-querying the old members finds every link among them.
        for m in rest:
            self._link(m)
        return rest


@contextlib.contextmanager
def _bulk_build() -> Iterator[None]:
    """Pause the cyclic garbage collector while the index grows: building creates no reference
    cycles, and full collections over a large index made a 100k-article rebuild 1.4 times slower."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _same_content(a: ArticleSignature, b: ArticleSignature) -> bool:
    return (
        a.shingle_count == b.shingle_count
        and a.text_length == b.text_length
        and a.published == b.published
        and np.array_equal(a.hashvalues, b.hashvalues)
    )
