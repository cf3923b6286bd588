"""Body signatures: normalised word shingles -> MinHash, and the blob stored beside each article.

The blob holds everything the index needs to rebuild itself without re-reading article bodies:
the MinHash values, the number of distinct shingles (for containment estimates), the text length
and published date (for choosing the canonical original) and the cluster the article is in.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from presswatch.errors import StoreError

_SCHEME = "affine32"
_SEED = 1
_WORD = re.compile(r"\w+")
# Quote marks and apostrophes vary between sites copying the same text (’ vs '); "don’t" and "don't"
# must give the same words, so apostrophes inside a word are dropped before tokenising.
_APOSTROPHES = re.compile(r"(?<=\w)['’‘`´](?=\w)")
_MIX = np.uint64(0x9E3779B97F4A7C15)


def normalised_words(text: str) -> list[str]:
    """Casefolded word tokens (NFKC, punctuation dropped): copies differ in typography, not words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_APOSTROPHES.sub("", text))


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of the ``size``-word shingles of ``text`` (sorted, uint32).

    Words are hashed once with CRC-32 (stable across processes, unlike ``hash()``), and shingles are
    a polynomial mix of their words' hashes, so the whole body is hashed in a few numpy operations.
    A text shorter than one shingle is a single shingle of all its words.
    """
    words = normalised_words(text)
    if not words:
        return np.empty(0, dtype=np.uint32)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    k = min(size, len(words))
    n = len(words) - k + 1
    with np.errstate(over="ignore"):
        mixed = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            mixed = mixed * _MIX + word_hashes[j : j + n]
        mixed ^= mixed >> np.uint64(29)
        mixed *= _MIX
        mixed ^= mixed >> np.uint64(32)
    return np.unique((mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32))


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


def minhash_of(hashes: np.ndarray, num_perm: int) -> MinHash:
    """The datasketch MinHash of a set of 32-bit shingle hashes (the hashes are its input values)."""
    m = MinHash(num_perm=num_perm, seed=_SEED, hashfunc=int, permutations=_permutations(num_perm), scheme=_SCHEME)
    if len(hashes):
        m.update_batch(hashes.tolist())
    return m


def minhash_from_values(values: np.ndarray) -> MinHash:
    return MinHash(
        seed=_SEED, hashfunc=int, hashvalues=values, permutations=_permutations(len(values)), scheme=_SCHEME
    )


def published_sort_key(published: str | None) -> tuple[int, float]:
    """(0, UTC timestamp) for a parseable ISO 8601 date, (1, 0.0) for none: undated sorts last.

    A date without a time counts as midnight UTC; a time without a zone counts as UTC.
    """
    if not published:
        return (1, 0.0)
    try:
        dt = datetime.fromisoformat(published.strip())
    except ValueError:
        return (1, 0.0)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return (0, dt.timestamp())


@dataclass(frozen=True, slots=True)
class ArticleSignature:
    """What the index knows about one article."""

    article_id: str
    hashvalues: np.ndarray  # MinHash values (uint32, one per permutation)
    shingle_size: int  # words per shingle the values were computed with
    shingle_count: int  # distinct shingles in the body; 0 means an empty body (never clustered)
    text_length: int
    published: str | None
    cluster_id: str | None = None  # the cluster the store has for it (as last written)

    @property
    def canonical_key(self) -> tuple[int, float, int, str]:
        """Sort key of the canonical original: earliest date, then longest text, then smallest id."""
        undated, ts = published_sort_key(self.published)
        return (undated, ts, -self.text_length, self.article_id)

    def with_cluster(self, cluster_id: str) -> "ArticleSignature":
        return replace(self, cluster_id=cluster_id)

    # Blob layout (little endian): magic b"PWS1", num_perm u16, shingle_size u8, shingle_count u32, text_length u32,
    # len(published) u16 + utf-8, len(cluster_id) u16 + utf-8, then num_perm uint32 MinHash values.
    _MAGIC = b"PWS1"
    _HEAD = struct.Struct("<4sHBII")

    def to_bytes(self) -> bytes:
        published = (self.published or "").encode("utf-8")
        cluster = (self.cluster_id or "").encode("utf-8")
        return b"".join(
            (
                self._HEAD.pack(
                    self._MAGIC, len(self.hashvalues), self.shingle_size, self.shingle_count, self.text_length
                ),
                struct.pack("<H", len(published)),
                published,
                struct.pack("<H", len(cluster)),
                cluster,
                np.asarray(self.hashvalues, dtype="<u4").tobytes(),
            )
        )

    @classmethod
    def from_bytes(cls, article_id: str, blob: bytes) -> "ArticleSignature":
        try:
            magic, num_perm, shingle_size, shingles, length = cls._HEAD.unpack_from(blob, 0)
            if magic != cls._MAGIC:
                raise ValueError(f"unknown signature format {magic!r}")
            pos = cls._HEAD.size
            (n,) = struct.unpack_from("<H", blob, pos)
            published = blob[pos + 2 : pos + 2 + n].decode("utf-8") or None
            pos += 2 + n
            (n,) = struct.unpack_from("<H", blob, pos)
            cluster = blob[pos + 2 : pos + 2 + n].decode("utf-8") or None
            pos += 2 + n
            values = np.frombuffer(blob, dtype="<u4", count=num_perm, offset=pos).astype(np.uint32)
        except (struct.error, ValueError, UnicodeDecodeError) as exc:
            raise StoreError(
                f"dedup signature of article {article_id} is unreadable ({exc}); "
                "re-ingest the article to store a fresh one"
            ) from exc
        return cls(article_id, values, shingle_size, shingles, length, published, cluster)
