"""`presswatch bench clean` end to end: table, JSON line, and the quality floor on a small subset."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presswatch.bench.clean import add_noise, benchmark_dir, load_noisy_pages
from presswatch.cli import app

pytestmark = pytest.mark.skipif(not (benchmark_dir() / "ground-truth.json").exists(),
                                reason="the extraction benchmark data is not beside the checkout")


def test_bench_clean_scores_the_cleaner_well_above_no_cleaning() -> None:
    result = CliRunner().invoke(app, ["bench", "clean", "--json", "--limit", "25", "--seed", "13"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert set(scores) == {"presswatch", "no_cleaning"}
    assert scores["presswatch"]["f1"] >= 0.95
    assert scores["no_cleaning"]["recall"] == 1.0
    assert scores["presswatch"]["precision"] > scores["no_cleaning"]["precision"] + 0.2
    assert "no_cleaning" in result.output and "F1" in result.output


def test_noise_is_fixed_by_the_seed_and_is_seed_like() -> None:
    first, again, other = (load_noisy_pages(limit=3, seed=s) for s in (13, 13, 14))
    assert [p.text for p in first] == [p.text for p in again]
    assert [p.text for p in first] != [p.text for p in other]
    for page in first:
        lines = [line for line in page.text.splitlines() if line.strip()]
        assert lines.count(lines[0]) >= 2 or lines.count(lines[1]) >= 2  # the headline printed twice
        assert set(page.truth_lines) <= set(line.strip() for line in page.text.splitlines())


def test_add_noise_keeps_every_body_line() -> None:
    import random

    body = "First paragraph of the story.\n\nSecond paragraph.\nA line right after it."
    noisy = add_noise(body, "https://a.example/news/ferry-crews-walk-out-over-pay", random.Random(1), other_headline="X y z")
    assert "Ferry crews walk out over pay" in noisy
    for line in body.splitlines():
        assert line in noisy.splitlines()
