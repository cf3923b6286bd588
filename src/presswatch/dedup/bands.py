"""The article table of the syndication index and LSH banding over it, in flat arrays.

Every article has a *slot* (a row number, never reused): its id (UTF-8 in one shared buffer), its
MinHash values (one row of a chunked ``uint32`` matrix) and an alive flag. Per band, a sorted array
holds the first MinHash value of the band beside the slot; a lookup is a binary search on that value,
and the rest of the band is checked against the matrix, so a candidate shares the whole band exactly
(the pairs datasketch's MinHashLSH proposes for the same bands and rows). Ids are found the same way
through a sorted array of their hashes. New entries wait in a small unsorted buffer (scanned) and are merged into a
*recent* sorted level, which is merged into the main level when it reaches a quarter of it, so adding
articles one batch at a time stays cheap. A removed article is a dead slot that lookups skip and the
next merge drops from the sorted arrays.

About 8 bytes per article and band plus 12 for the id lookup, beside the MinHash row itself: where
datasketch keeps a bytes key and a Python set per bucket (~5 KB per article).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator

import numpy as np

#: merge the waiting entries once there are this many, or a 64th of the table
_MIN_MERGE = 1024
_CHUNK = 1024  # matrix rows per chunk: the matrix grows without copying what it holds


def _id_key(article_id: str) -> int:
    """A 64-bit key of an id, the same in every process (the index may be pickled to a worker)."""
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "little")


class Strings:
    """Append-only strings by position, UTF-8 in one buffer (``None`` is kept as the empty string)."""

    __slots__ = ("_data", "_ends")

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array("q")

    def __len__(self) -> int:
        return len(self._ends)

    def append(self, value: str | None) -> None:
        self._data += (value or "").encode("utf-8")
        self._ends.append(len(self._data))

    def __getitem__(self, i: int) -> str:
        start = self._ends[i - 1] if i else 0
        return self._data[start : self._ends[i]].decode("utf-8")

    def nbytes(self) -> int:
        return len(self._data) + self._ends.itemsize * len(self._ends)


class _SortedMulti:
    """Integer keys -> slots (several slots may share a key): two sorted levels, and the entries
    added since the last merge in an unsorted buffer that lookups scan."""

    __slots__ = ("_type", "_main", "_recent", "_new_keys", "_new_slots", "waiting")

    def __init__(self, dtype: type) -> None:
        self._type = dtype
        self._main = self._recent = (np.empty(0, dtype), np.empty(0, np.int32))
        self._new_keys = np.empty(_MIN_MERGE, dtype)
        self._new_slots = np.empty(_MIN_MERGE, np.int32)
        self.waiting = 0

    def add(self, key: int, slot: int) -> None:
        n = self.waiting
        if n == len(self._new_keys):
            self._new_keys = np.concatenate([self._new_keys, np.empty(n, self._type)])
            self._new_slots = np.concatenate([self._new_slots, np.empty(n, np.int32)])
        self._new_keys[n] = key
        self._new_slots[n] = slot
        self.waiting = n + 1

    def get(self, key: int) -> list[int]:
        k = self._type(key)
        out = self._new_slots[: self.waiting][self._new_keys[: self.waiting] == k].tolist()
        for keys, slots in (self._main, self._recent):
            if len(keys):
                lo = int(keys.searchsorted(k, "left"))
                if lo < len(keys) and keys[lo] == k:
                    hi = int(keys.searchsorted(k, "right"))
                    out.extend(slots[lo:hi].tolist())
        return out

    def merge(self, alive: np.ndarray, *, full: bool = False) -> None:
        """Sort the waiting entries into the recent level (into the main one when the recent level
        has grown to a quarter of it, or ``full``), dropping dead slots."""
        keys = np.concatenate([self._recent[0], self._new_keys[: self.waiting]])
        slots = np.concatenate([self._recent[1], self._new_slots[: self.waiting]])
        self.waiting = 0
        into_main = full or len(keys) > len(self._main[0]) // 4
        if into_main:
            keys = np.concatenate([self._main[0], keys])
            slots = np.concatenate([self._main[1], slots])
        keep = alive[slots]
        keys, slots = keys[keep], slots[keep]
        order = np.argsort(keys, kind="stable")
        level = (keys[order], slots[order])
        if into_main:
            self._main = level
            self._recent = (np.empty(0, self._type), np.empty(0, np.int32))
        else:
            self._recent = level

    def nbytes(self) -> int:
        return sum(a.nbytes for a in (*self._main, *self._recent))


class BandIndex:
    """Article slots (id, MinHash row, alive) and LSH bands over the rows inserted with ``banded``."""

    def __init__(self, bands: int, rows: int) -> None:
        if bands < 1 or rows < 1:
            raise ValueError("BandIndex needs bands >= 1 and rows >= 1")
        self.bands = bands
        self.rows = rows
        self._width = 0  # MinHash values per row, set by the first insert
        self._chunks: list[np.ndarray] = []
        self._ids = Strings()
        self._alive = array("B")
        self._count = 0
        self._by_id = _SortedMulti(np.uint64)
        self._bands = [_SortedMulti(np.uint32) for _ in range(bands)]

    # --- slots ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._count

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.slot_of(article_id) is not None

    @property
    def slots(self) -> int:
        """Slots handed out so far, dead ones included."""
        return len(self._alive)

    def slot_of(self, article_id: str) -> int | None:
        ids, alive = self._ids, self._alive
        for slot in self._by_id.get(_id_key(article_id)):
            if alive[slot] and ids[slot] == article_id:
                return slot
        return None

    def id_of(self, slot: int) -> str:
        return self._ids[slot]

    def alive(self, slot: int) -> bool:
        return bool(self._alive[slot])

    def live_slots(self) -> Iterator[int]:
        return (s for s, a in enumerate(self._alive) if a)

    def row(self, slot: int) -> np.ndarray:
        """The MinHash values of a slot (a read-only view: copy before keeping it)."""
        return self._chunks[slot // _CHUNK][slot % _CHUNK]

    # --- writing ----------------------------------------------------------------------------
    def insert(self, article_id: str, hashvalues: np.ndarray, *, banded: bool = True) -> int:
        """A new slot for ``article_id``; ``banded=False`` keeps it out of the LSH bands (an empty body)."""
        if article_id in self:
            raise ValueError(f"{article_id!r} is already in the index")
        values = np.asarray(hashvalues, dtype=np.uint32)
        if not self._width:
            if len(values) < self.bands * self.rows:
                raise ValueError(f"{len(values)} MinHash values cannot fill {self.bands} bands of {self.rows}")
            self._width = len(values)
        elif len(values) != self._width:
            raise ValueError(f"expected {self._width} MinHash values, got {len(values)}")
        slot = len(self._alive)
        if slot % _CHUNK == 0:
            self._chunks.append(np.empty((_CHUNK, self._width), np.uint32))
        self._chunks[-1][slot % _CHUNK] = values
        self._ids.append(article_id)
        self._alive.append(1)
        self._count += 1
        self._by_id.add(_id_key(article_id), slot)
        if banded:
            for band, first in enumerate(values[:: self.rows][: self.bands].tolist()):
                self._bands[band].add(first, slot)
        if self._by_id.waiting >= max(_MIN_MERGE, slot // 64):
            self.merge()
        return slot

    def remove(self, article_id: str) -> None:
        slot = self.slot_of(article_id)
        if slot is None:
            raise KeyError(article_id)
        self._alive[slot] = 0
        self._count -= 1

    def merge(self, *, full: bool = False) -> None:
        """Sort what waits into the arrays (everything into the main level with ``full``), dropping dead slots."""
        alive = np.frombuffer(self._alive, dtype=np.uint8).astype(bool) if len(self._alive) else np.empty(0, bool)
        for table in (self._by_id, *self._bands):
            table.merge(alive, full=full)

    # --- reading ----------------------------------------------------------------------------
    def query_slots(self, hashvalues: np.ndarray) -> set[int]:
        """Live slots sharing at least one whole band with ``hashvalues``."""
        values = np.asarray(hashvalues, dtype=np.uint32)
        rows, alive = self.rows, self._alive
        found: set[int] = set()
        for band, first in enumerate(values[::rows][: self.bands].tolist()):
            lo = band * rows
            for slot in self._bands[band].get(first):
                if slot in found or not alive[slot]:
                    continue
                if rows == 1 or np.array_equal(self.row(slot)[lo + 1 : lo + rows], values[lo + 1 : lo + rows]):
                    found.add(slot)
        return found

    def query(self, hashvalues: np.ndarray) -> set[str]:
        """Every indexed article sharing at least one band with ``hashvalues``."""
        return {self._ids[s] for s in self.query_slots(hashvalues)}

    def nbytes(self) -> int:
        """Bytes the arrays hold once everything waiting is merged and every removal dropped."""
        self.merge(full=True)
        return (
            sum(c.nbytes for c in self._chunks)
            + self._ids.nbytes()
            + len(self._alive)
            + self._by_id.nbytes()
            + sum(b.nbytes() for b in self._bands)
        )

    def lookup_nbytes(self) -> int:
        """Bytes of the sorted band arrays alone (after a full merge)."""
        self.merge(full=True)
        return sum(b.nbytes() for b in self._bands)


__all__ = ["BandIndex", "Strings"]
