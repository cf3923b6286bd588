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


def quotes_dir() -> Path:
    """PolNeAR (polnear-train.jsonl, polnear-dev.jsonl)."""
    return Path(os.environ.get("PRESSWATCH_BENCH_QUOTES") or shared_dir() / "bench" / "quotes")


__all__ = ["extraction_dir", "quotes_dir", "seed_dir", "shared_dir"]
