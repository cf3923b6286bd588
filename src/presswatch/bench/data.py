"""Where the reference data lives: the seed and the benchmark corpora are read in place, never copied.

By default they sit in a ``shared/`` folder beside the project checkout (``../shared``); set
``PRESSWATCH_SHARED`` to point elsewhere, or the per-corpus variables below.
"""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """The folder holding ``seed/`` and ``bench/``: $PRESSWATCH_SHARED, else the nearest ``shared``
    folder beside an ancestor of this package or of the working directory."""
    env = os.environ.get("PRESSWATCH_SHARED")
    if env:
        return Path(env)
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for ancestor in start.parents:
            candidate = ancestor / "shared"
            if (candidate / "seed").is_dir() or (candidate / "bench").is_dir():
                return candidate
    return Path(__file__).resolve().parents[3].parent / "shared"


def seed_dir() -> Path:
    return shared_dir() / "seed"


def extraction_dir() -> Path:
    """The article-extraction benchmark (html/*.html.gz + ground-truth.json)."""
    return Path(os.environ.get("PRESSWATCH_EXTRACTION_BENCH") or shared_dir() / "bench" / "extraction")


def extraction_corpora() -> list[Path]:
    """Every body-extraction corpus to score: the one folder $PRESSWATCH_EXTRACTION_BENCH names, else
    each folder holding a ``ground-truth.json`` under the shared ``bench/extraction*`` folders, sorted."""
    env = os.environ.get("PRESSWATCH_EXTRACTION_BENCH")
    if env:
        return [Path(env)]
    bench = shared_dir() / "bench"
    found = {truth.parent for top in sorted(bench.glob("extraction*")) for truth in top.rglob("ground-truth.json")}
    return sorted(found)


def corpus_name(folder: Path) -> str:
    """A corpus's short name: its folder name (``extraction``, ``dragnet``, ``l3s-gn1``)."""
    return folder.name


def metadata_dir() -> Path:
    """The metadata evaluation sets (trafilatura/, mediacloud/: pages/*.html.gz + expected.json)."""
    return Path(os.environ.get("PRESSWATCH_METADATA_BENCH") or shared_dir() / "bench" / "metadata")


def quotes_dir() -> Path:
    """PolNeAR (polnear-train.jsonl, polnear-dev.jsonl)."""
    return Path(os.environ.get("PRESSWATCH_BENCH_QUOTES") or shared_dir() / "bench" / "quotes")


__all__ = [
    "corpus_name",
    "extraction_corpora",
    "extraction_dir",
    "metadata_dir",
    "quotes_dir",
    "seed_dir",
    "shared_dir",
]
