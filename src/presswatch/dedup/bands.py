"""LSH banding over MinHash values, held in sorted numpy arrays instead of a set per bucket.

For each band, every article's band key (its ``rows`` MinHash values of that band, packed exactly
into one 64-bit integer when they fit) sits in one sorted array beside the article's slot, and a
lookup is a binary search. New keys wait in a small per-band dict until enough have gathered to be
merged in one sort, so adding articles one batch at a time stays cheap. A removed article leaves
a tombstone that lookups skip and the next merge drops. About 12 bytes per article and band,
where datasketch's MinHashLSH keeps a bytes key and a Python set per bucket (~5 KB per article).

Two articles are candidates when they share the key of at least one band: the same pairs
datasketch proposes for the same bands and rows.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_EMPTY_KEYS = np.empty(0, np.uint64)
_EMPTY_SLOTS = np.empty(0, np.int32)
#: merge the waiting keys once there are this many, or a quarter of those already merged
_MIN_MERGE = 4096


class BandIndex:
    def __init__(self, bands: int, rows: int) -> None:
        if bands < 1 or rows < 1:
            raise ValueError("BandIndex needs bands >= 1 and rows >= 1")
        self.bands = bands
        self.rows = rows
        self._ids: list[str | None] = []  # slot -> article id (None: removed)
        self._slot: dict[str, int] = {}
        self._keys: list[np.ndarray] = [_EMPTY_KEYS] * bands
        self._slots: list[np.ndarray] = [_EMPTY_SLOTS] * bands
        self._waiting: list[dict[int, list[int]]] = [{} for _ in range(bands)]
        self._waiting_count = 0
        self._merged_count = 0

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def band_keys(self, hashvalues: np.ndarray) -> np.ndarray:
        """One uint64 per band: the band's values packed exactly (32 bits each) when ``rows`` <= 2,
        else mixed (FNV-1a over the values; a rare collision only proposes an extra candidate)."""
        values = np.asarray(hashvalues[: self.bands * self.rows], dtype=np.uint64).reshape(self.bands, self.rows)
        if self.rows == 1:
            return values[:, 0].copy()
        if self.rows == 2:
            return (values[:, 0] << np.uint64(32)) | values[:, 1]
        key = np.full(self.bands, 0xCBF29CE484222325, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(self.rows):
                key = (key ^ values[:, r]) * np.uint64(0x100000001B3)
        return key

    def insert(self, article_id: str, hashvalues: np.ndarray) -> None:
        if article_id in self._slot:
            raise ValueError(f"{article_id!r} is already in the index")
        slot = len(self._ids)
        self._ids.append(article_id)
        self._slot[article_id] = slot
        for band, key in enumerate(self.band_keys(hashvalues).tolist()):
            self._waiting[band].setdefault(key, []).append(slot)
        self._waiting_count += 1
        if self._waiting_count >= max(_MIN_MERGE, self._merged_count // 4):
            self.merge()

    def remove(self, article_id: str) -> None:
        slot = self._slot.pop(article_id)
        self._ids[slot] = None

    def query(self, hashvalues: np.ndarray) -> set[str]:
        """Every indexed article sharing at least one band key with ``hashvalues``."""
        found: set[int] = set()
        for band, key in enumerate(self.band_keys(hashvalues).tolist()):
            keys = self._keys[band]
            if len(keys):
                k = np.uint64(key)
                lo = int(np.searchsorted(keys, k, side="left"))
                hi = int(np.searchsorted(keys, k, side="right"))
                if hi > lo:
                    found.update(self._slots[band][lo:hi].tolist())
            waiting = self._waiting[band].get(key)
            if waiting:
                found.update(waiting)
        ids = self._ids
        return {aid for aid in (ids[s] for s in found) if aid is not None}

    def merge(self) -> None:
        """Sort the waiting keys into the arrays and drop what was removed."""
        alive = np.fromiter((aid is not None for aid in self._ids), dtype=bool, count=len(self._ids))
        for band in range(self.bands):
            waiting = self._waiting[band]
            new_keys = np.fromiter(_repeat_keys(waiting), dtype=np.uint64)
            new_slots = np.fromiter((s for slots in waiting.values() for s in slots), dtype=np.int32)
            keys = np.concatenate([self._keys[band], new_keys])
            slots = np.concatenate([self._slots[band], new_slots])
            keep = alive[slots]
            keys, slots = keys[keep], slots[keep]
            order = np.argsort(keys, kind="stable")
            self._keys[band] = keys[order]
            self._slots[band] = slots[order]
            waiting.clear()
        self._waiting_count = 0
        self._merged_count = len(self._slot)

    def nbytes(self) -> int:
        """Bytes the arrays hold once everything waiting is merged and every removal dropped."""
        self.merge()
        return sum(k.nbytes + s.nbytes for k, s in zip(self._keys, self._slots))


def _repeat_keys(waiting: dict[int, list[int]]) -> Iterable[int]:
    for key, slots in waiting.items():
        for _ in slots:
            yield key


__all__ = ["BandIndex"]
