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
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from presswatch.dedup.hints import syndication_hint_for
from presswatch.dedup.bands import BandIndex, Strings
from presswatch.dedup.signature import ArticleSignature, minhash_of, published_sort_key, shingle_hashes
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
        return self.same_story_values(a.hashvalues, a.shingle_count, b.hashvalues, b.shingle_count)

    def same_story_values(self, a: np.ndarray, a_count: int, b: np.ndarray, b_count: int) -> bool:
        """:meth:`same_story` on MinHash values and distinct-shingle counts."""
        if a_count == 0 or b_count == 0:
            return False
        jaccard = float(np.count_nonzero(a == b)) / len(a)
        if jaccard < self.min_jaccard:
            return False
        # |A∩B| = J(|A|+|B|)/(1+J) from the Jaccard estimate and the exact set sizes.
        overlap = jaccard * (a_count + b_count) / (1.0 + jaccard)
        return overlap / min(a_count, b_count) >= self.min_containment


@dataclass(frozen=True, slots=True)
class ClusteredBatch:
    """What :meth:`ClusterIndex.add` returns, ready for ``Store.write_batch``."""

    articles: list[Article]  # the input articles with their cluster fields set
    changed: list[ClusterAssignment]  # already stored articles whose cluster fields changed
    signatures: list[tuple[str, bytes]] = field(default_factory=list)  # (article_id, blob) to persist


class ClusterIndex:
    """Syndication clusters over every article seen, kept up to date batch by batch.

    Everything is held per slot of the :class:`BandIndex` (the article table) in typed arrays: the
    MinHash row and id there, the sizes, date key and published string here, and the union-find
    (parent, size, best member and a circular list of each cluster's members), so the index costs
    under 1 KB per article whatever the number of articles.
    """

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()
        s = self.settings
        self._lsh = BandIndex(s.bands, s.rows)
        self._shingles = array("I")  # distinct shingles; 0: an empty body, never clustered
        self._length = array("I")
        self._undated = array("B")
        self._ts = array("d")
        self._published = Strings()
        self._parent = array("i")
        self._size = array("i")  # at roots: members in the cluster
        self._next = array("i")  # the members of a cluster as a circular list
        self._best = array("i")  # at roots: the slot of the canonical member
        # The canonical id the store has for a slot (or is about to get): the slot of that article
        # (its id is kept even once the slot is dead), -1 for none, -2 for an id not indexed (in _stored_other).
        self._stored = array("i")
        self._stored_other: dict[int, str] = {}
        self._pending: set[int] = set()  # slots whose stored cluster disagrees with the index
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
            stored = index._load(signatures)
        for slot, cluster_id in stored:
            canonical = index._best[index._find(slot)]
            index._stored[slot] = canonical
            if cluster_id != index._lsh.id_of(canonical):
                index._pending.add(slot)
        return index

    def _load(self, signatures: Iterable[tuple[str, bytes]]) -> list[tuple[int, str | None]]:
        loaded: list[tuple[int, str | None]] = []
        for article_id, blob in signatures:
            if article_id in self._lsh:  # one blob per article; a repeat is ignored
                continue
            sig = self._readable(article_id, blob)
            loaded.append((self._insert(sig), sig.cluster_id))
        for slot, _ in loaded:
            self._link(slot)
        return loaded

    def _readable(self, article_id: str, blob: bytes) -> ArticleSignature:
        settings = self.settings
        sig = ArticleSignature.from_bytes(article_id, blob)
        if (len(sig.hashvalues), sig.shingle_size) != (settings.num_perm, settings.shingle_size):
            # Written with other settings and the body is not at hand: the article stays alone
            # until it is ingested again.
            sig = replace(
                sig, hashvalues=np.zeros(settings.num_perm, np.uint32), shingle_size=settings.shingle_size,
                shingle_count=0,
            )
        return sig

    def catch_up(self, signatures: Iterable[tuple[str, bytes]], seq: int) -> None:
        """Take in what other writers stored since this index was built: new articles, re-ingested
        ones whose body changed, and cluster changes they wrote. Called inside the write transaction
        (writers take turns), so the index then holds exactly what the store holds, and the next
        :meth:`add` clusters against every article, whoever wrote it."""
        with _bulk_build():
            added: list[int] = []
            touched: set[int] = set()
            for article_id, blob in signatures:
                sig = self._readable(article_id, blob)
                slot = self._lsh.slot_of(article_id)
                if slot is None or not self._same_content(slot, sig):
                    if slot is not None:
                        touched.update(self._detach(slot))
                    slot = self._insert(sig)
                    added.append(slot)
                touched.add(slot)
                if sig.cluster_id is not None:
                    self._set_stored(slot, sig.cluster_id)
            for slot in added:
                self._link(slot)
            # Whatever the store has that the index now computes differently is rewritten by the next add.
            for root in {self._find(s) for s in touched if self._lsh.alive(s)}:
                canonical = self._best[root]
                for member in self._members(root):
                    if not self._stored_is(member, canonical):
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
        lsh = self._lsh
        touched: set[int] = set()
        slot_of: dict[str, int] = {}
        for aid, sig in incoming.items():
            slot = lsh.slot_of(aid)
            if slot is not None and not self._same_content(slot, sig):
                touched.update(self._detach(slot))
                slot = None
            if slot is not None:
                slot_of[aid] = slot
        for aid, sig in incoming.items():
            if aid not in slot_of:
                slot_of[aid] = self._insert(sig)
        for slot in slot_of.values():
            self._link(slot)
        touched.update(slot_of.values())
        touched.update(self._pending)

        incoming_slots = set(slot_of.values())
        roots = {self._find(s) for s in touched if lsh.alive(s)}
        changed: list[ClusterAssignment] = []
        out_signatures: list[tuple[str, bytes]] = []
        for root in sorted(roots, key=lsh.id_of):
            canonical_slot = self._best[root]
            canonical = lsh.id_of(canonical_slot)
            for member in sorted(self._members(root), key=lsh.id_of):
                was_stored = self._stored_is(member, canonical_slot)
                self._stored[member] = canonical_slot
                self._stored_other.pop(member, None)
                if member in incoming_slots:
                    continue
                if not was_stored or member in self._pending:
                    member_id = lsh.id_of(member)
                    changed.append(ClusterAssignment(member_id, canonical, canonical, member == canonical_slot))
                    out_signatures.append((member_id, self._signature(member, canonical).to_bytes()))
        self._pending.clear()

        clustered: list[Article] = []
        for article in articles:
            canonical = lsh.id_of(self._stored[slot_of[article.id]])
            clustered.append(
                replace(
                    article,
                    cluster_id=canonical,
                    canonical_id=canonical,
                    is_canonical=article.id == canonical,
                    syndication_hint=syndication_hint_for(article),
                )
            )
        for aid, slot in slot_of.items():
            out_signatures.append((aid, self._signature(slot, lsh.id_of(self._stored[slot])).to_bytes()))
        return ClusteredBatch(clustered, changed, out_signatures)

    # --- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._lsh)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._lsh

    def same_text(self, article: Article) -> list[str]:
        """Indexed articles (other than ``article`` itself) whose body has the same words as
        ``article``'s: the same shingles, so the same signature. Sorted by id."""
        sig = self.signature_for(article)
        if not sig.shingle_count:
            return []
        lsh = self._lsh
        found = [
            lsh.id_of(other)
            for other in lsh.query_slots(sig.hashvalues)
            if self._shingles[other] == sig.shingle_count and np.array_equal(lsh.row(other), sig.hashvalues)
        ]
        return sorted(aid for aid in found if aid != article.id)

    def assignment(self, article_id: str) -> ClusterAssignment:
        """Where the index puts an article now (KeyError for an unknown id)."""
        slot = self._lsh.slot_of(article_id)
        if slot is None:
            raise KeyError(article_id)
        canonical = self._lsh.id_of(self._best[self._find(slot)])
        return ClusterAssignment(article_id, canonical, canonical, article_id == canonical)

    def clusters(self, *, min_size: int = 1) -> list[Cluster]:
        """Every cluster with at least ``min_size`` members, largest first, then by id."""
        lsh, parent, size = self._lsh, self._parent, self._size
        out = []
        for root in lsh.live_slots():
            if parent[root] == root and size[root] >= min_size:
                canonical = lsh.id_of(self._best[root])
                members = tuple(sorted(lsh.id_of(m) for m in self._members(root)))
                out.append(Cluster(id=canonical, canonical_id=canonical, member_ids=members))
        out.sort(key=lambda c: (-len(c.member_ids), c.id))
        return out

    def nbytes(self) -> int:
        """Bytes the index's arrays hold (after a full merge of the band arrays)."""
        columns = (
            self._shingles, self._length, self._undated, self._ts, self._parent, self._size, self._next,
            self._best, self._stored,
        )
        return self._lsh.nbytes() + self._published.nbytes() + sum(c.itemsize * len(c) for c in columns)

    # --- slots ----------------------------------------------------------------------------
    def _insert(self, sig: ArticleSignature) -> int:
        slot = self._lsh.insert(sig.article_id, sig.hashvalues, banded=bool(sig.shingle_count))
        undated, ts = published_sort_key(sig.published)
        self._shingles.append(sig.shingle_count)
        self._length.append(sig.text_length)
        self._undated.append(undated)
        self._ts.append(ts)
        self._published.append(sig.published)
        self._parent.append(slot)
        self._size.append(1)
        self._next.append(slot)
        self._best.append(slot)
        self._stored.append(-1)
        return slot

    def _signature(self, slot: int, cluster_id: str | None) -> ArticleSignature:
        return ArticleSignature(
            article_id=self._lsh.id_of(slot),
            hashvalues=self._lsh.row(slot).copy(),
            shingle_size=self.settings.shingle_size,
            shingle_count=self._shingles[slot],
            text_length=self._length[slot],
            published=self._published[slot] or None,
            cluster_id=cluster_id,
        )

    def _same_content(self, slot: int, sig: ArticleSignature) -> bool:
        return (
            self._shingles[slot] == sig.shingle_count
            and self._length[slot] == sig.text_length
            and (self._published[slot] or None) == (sig.published or None)
            and np.array_equal(self._lsh.row(slot), sig.hashvalues)
        )

    def _canonical_key(self, slot: int) -> tuple[int, float, int, str]:
        """Sort key of the canonical original: earliest date, then longest text, then smallest id."""
        return (self._undated[slot], self._ts[slot], -self._length[slot], self._lsh.id_of(slot))

    def _set_stored(self, slot: int, cluster_id: str) -> None:
        target = self._lsh.slot_of(cluster_id)
        if target is None:
            self._stored[slot] = -2
            self._stored_other[slot] = cluster_id
        else:
            self._stored[slot] = target
            self._stored_other.pop(slot, None)

    def _stored_is(self, slot: int, canonical_slot: int) -> bool:
        """Whether the store has the article at ``slot`` in the cluster of ``canonical_slot``'s article."""
        stored = self._stored[slot]
        if stored == canonical_slot:
            return True
        canonical = self._lsh.id_of(canonical_slot)
        if stored == -2:
            return self._stored_other[slot] == canonical
        return stored >= 0 and self._lsh.id_of(stored) == canonical

    # --- union-find -----------------------------------------------------------------------
    def _members(self, root: int) -> Iterator[int]:
        nxt = self._next
        slot = root
        while True:
            yield slot
            slot = nxt[slot]
            if slot == root:
                return

    def _link(self, slot: int) -> None:
        if not self._shingles[slot]:
            return
        lsh, settings = self._lsh, self.settings
        values, count = lsh.row(slot), self._shingles[slot]
        for other in sorted(lsh.query_slots(values), key=lsh.id_of):
            if other != slot and settings.same_story_values(values, count, lsh.row(other), self._shingles[other]):
                self._union(slot, other)

    def _find(self, slot: int) -> int:
        parent = self._parent
        root = slot
        while parent[root] != root:
            root = parent[root]
        while parent[slot] != root:  # path compression
            parent[slot], slot = root, parent[slot]
        return root

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        self._next[ra], self._next[rb] = self._next[rb], self._next[ra]  # splice the two member rings
        if self._canonical_key(self._best[rb]) < self._canonical_key(self._best[ra]):
            self._best[ra] = self._best[rb]

    def _detach(self, slot: int) -> list[int]:
        """Take ``slot`` out of the index and re-link the rest of its cluster; returns that cluster."""
        root = self._find(slot)
        rest = [m for m in self._members(root) if m != slot]
        self._lsh.remove(self._lsh.id_of(slot))
        self._pending.discard(slot)
        for m in (slot, *rest):
            self._parent[m] = m
            self._size[m] = 1
            self._next[m] = m
            self._best[m] = m
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

