"""The golden and benchmark tests read reference data in place. On a user's machine without it they
skip with one line saying so; under CI=true its absence fails here, loudly."""

from __future__ import annotations

import os

import pytest

from presswatch.bench.data import extraction_dir, quotes_dir, seed_dir, shared_dir


@pytest.mark.reference_data
@pytest.mark.skipif(os.environ.get("PRESSWATCH_NO_REFERENCE_DATA") == "1", reason="reference data waived")
def test_the_seed_and_the_benchmarks_are_found() -> None:
    hint = f"looked in {shared_dir()}; set PRESSWATCH_SHARED to the folder holding seed/ and bench/"
    assert (seed_dir() / "expected.json").is_file(), hint
    assert (extraction_dir() / "ground-truth.json").is_file(), hint
    assert (quotes_dir() / "polnear-dev.jsonl").is_file(), hint
