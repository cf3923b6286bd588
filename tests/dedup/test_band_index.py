"""The compact band index proposes exactly the candidates datasketch's MinHashLSH proposes."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHashLSH

import presswatch.dedup.bands as bands_module
from presswatch.dedup.bands import BandIndex
from presswatch.dedup.signature import minhash_from_values


def _signatures(n: int, seed: int = 7) -> dict[str, np.ndarray]:
    """Random MinHash values in families: members of a family share some bands with each other."""
    rng = np.random.default_rng(seed)
    out = {}
    for f in range(n // 4):
        base = rng.integers(0, 2**32, size=128, dtype=np.uint64).astype(np.uint32)
        for m in range(4):
            values = base.copy()
            flip = rng.random(128) < 0.45 * m / 3  # later members drift further
            values[flip] = rng.integers(0, 2**32, size=int(flip.sum()), dtype=np.uint64).astype(np.uint32)
            out[f"a{f}-{m}"] = values
    return out


@pytest.mark.parametrize("rows", [1, 2, 3])
def test_candidates_match_datasketch_through_inserts_merges_and_removals(monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    monkeypatch.setattr(bands_module, "_MIN_MERGE", 16)  # merge often: the sorted arrays and the waiting keys both serve
    sigs = _signatures(400)
    ours = BandIndex(16, rows)
    theirs = MinHashLSH(num_perm=128, params=(16, rows))
    for aid, values in sigs.items():
        ours.insert(aid, values)
        theirs.insert(aid, minhash_from_values(values), check_duplication=False)
    removed = [aid for i, aid in enumerate(sigs) if i % 7 == 0]
    for aid in removed:
        ours.remove(aid)
        theirs.remove(aid)
    for aid, values in list(sigs.items())[::3]:
        assert ours.query(values) == set(theirs.query(minhash_from_values(values))), aid
    assert len(ours) == len(sigs) - len(removed)
    assert removed[0] not in ours
    ours.insert(removed[0], sigs[removed[0]])  # back again after its removal
    assert removed[0] in ours.query(sigs[removed[0]])


def test_the_band_arrays_are_small() -> None:
    sigs = _signatures(4000)
    index = BandIndex(16, 2)
    for aid, values in sigs.items():
        index.insert(aid, values)
    assert index.lookup_nbytes() == len(sigs) * 16 * 8  # a 4-byte value and a 4-byte slot per band, once merged
    for aid in list(sigs)[:1000]:
        index.remove(aid)
    assert index.lookup_nbytes() == (len(sigs) - 1000) * 16 * 8  # removed articles leave the arrays at the next merge
    assert len(index) == 3000 and list(sigs)[0] not in index and list(sigs)[1000] in index


def test_a_band_is_matched_whole_not_by_its_first_value() -> None:
    index = BandIndex(16, 2)
    a = np.arange(128, dtype=np.uint32)
    index.insert("a", a)
    b = a + 1000
    b[0] = a[0]  # the same first value of band 0, another second value: no band shared
    assert index.query(b) == set()
    b[1] = a[1]
    assert index.query(b) == {"a"}


def test_an_article_kept_out_of_the_bands_is_never_a_candidate() -> None:
    index = BandIndex(16, 2)
    values = np.arange(128, dtype=np.uint32)
    index.insert("empty", values, banded=False)
    assert "empty" in index and index.query(values) == set()
