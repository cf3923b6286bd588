"""`presswatch bench dedup` on a subset: the goals of the issue hold, and the JSON line is complete."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presswatch.bench.dedup import labelled_set, load_bodies
from presswatch.bench.extract import benchmark_dir
from presswatch.cli import app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (benchmark_dir() / "ground-truth.json").exists(), reason="extraction benchmark not present"),
]


def test_bench_dedup_meets_the_goals_on_a_subset():
    result = CliRunner().invoke(app, ["bench", "dedup", "--limit", "40", "--scale", "2000", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    ours, base = scores["presswatch"], scores["baseline"]
    assert ours["precision"] >= 0.98 and ours["recall"] >= 0.95, ours
    assert ours["purity"] >= 0.98 and ours["canonical_accuracy"] >= 0.95, ours
    for key in ("precision", "recall", "purity", "docs_per_s"):
        assert 0 <= base[key] and key in ours
    run = scores["scale"]["2000"]
    assert run["docs"] == 2000 and run["docs_per_s"] > 0 and run["peak_rss_mb"] > 0
    assert run["clusters_2plus"] > 100  # the synthetic set has copies, and they are found


def test_the_labelled_set_is_the_same_on_every_run():
    bodies = load_bodies(10)
    first, second = labelled_set(bodies), labelled_set(bodies)
    assert [(d.article.id, d.article.text, d.story) for d in first] == [
        (d.article.id, d.article.text, d.story) for d in second
    ]
    kinds = {d.kind for d in first}
    assert {"original", "negative-same-vocabulary", "negative-shared-quote"} <= kinds
    assert any(k.startswith("edit-") for k in kinds)
