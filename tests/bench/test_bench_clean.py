"""`presswatch bench clean` end to end: table, JSON line, and the quality floor on a small subset."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presswatch.bench.clean import HELD_OUT_CLASSES, SEEN_CLASSES, add_noise, benchmark_dir, load_noisy_pages
from presswatch.cli import app

pytestmark = pytest.mark.skipif(not (benchmark_dir() / "ground-truth.json").exists(),
                                reason="the extraction benchmark data is not beside the checkout")


def test_bench_clean_scores_the_cleaner_well_above_no_cleaning() -> None:
    result = CliRunner().invoke(app, ["bench", "clean", "--json", "--limit", "25", "--seed", "13"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert set(scores) == {"presswatch", "no_cleaning"}
    for split in ("seen", "held_out"):
        assert scores["presswatch"][split]["f1"] >= 0.93
        assert scores["presswatch"][split]["recall"] >= 0.97
        assert scores["no_cleaning"][split]["recall"] == 1.0
        assert scores["presswatch"][split]["precision"] > scores["no_cleaning"][split]["precision"] + 0.05
    assert scores["presswatch"]["f1"] >= 0.95  # overall, both splits pooled
    assert "no_cleaning" in result.output and "F1" in result.output and "held-out" in result.output


def test_noise_is_fixed_by_the_seed_and_is_seed_like() -> None:
    first, again, other = (load_noisy_pages(limit=3, seed=s) for s in (13, 13, 14))
    assert [p.text for p in first] == [p.text for p in again]
    assert [p.text for p in first] != [p.text for p in other]
    assert {p.split for p in first} == {"seen", "held_out"}
    # a page's junk does not depend on how many pages are drawn
    assert [p.text for p in first if p.split == "held_out"][:1] == [
        p.text for p in load_noisy_pages(limit=2, seed=13) if p.split == "held_out"][:1]
    for page in first:
        assert set(page.truth_lines) <= set(line.strip() for line in page.text.splitlines())
        classes = {cls for _, cls in page.junk}
        assert classes and classes <= set(SEEN_CLASSES if page.split == "seen" else HELD_OUT_CLASSES)
    for page in (p for p in first if p.split == "seen"):
        lines = [line for line in page.text.splitlines() if line.strip()]
        assert any(lines.count(line) >= 2 for line in lines[:6])  # the headline printed twice
        assert set(page.truth_lines) <= set(line.strip() for line in page.text.splitlines())


def test_add_noise_keeps_every_body_line() -> None:
    import random

    body = "First paragraph of the story.\n\nSecond paragraph.\nA line right after it."
    noisy = add_noise(body, "https://a.example/news/ferry-crews-walk-out-over-pay", random.Random(1), other_headline="X y z")
    assert "Ferry crews walk out over pay" in noisy
    for line in body.splitlines():
        assert line in noisy.splitlines()


def test_held_out_classes_are_apart_from_the_seen_ones() -> None:
    assert not set(SEEN_CLASSES) & set(HELD_OUT_CLASSES)
    assert len(HELD_OUT_CLASSES) >= 5


def test_add_noise_with_held_out_classes_only() -> None:
    import random

    body = "First paragraph of the story.\n\nSecond paragraph, a little longer than the first.\n\nThird one."
    noisy = add_noise(body, "https://a.example/news/ferry-crews-walk-out-over-pay", random.Random(3),
                      other_headline="X y z", classes=HELD_OUT_CLASSES)
    assert noisy.count("Ferry crews walk out over pay") == 1  # the headline once, not twice
    assert "Share" not in noisy and "cookie" not in noisy.lower()
    for line in body.splitlines():
        assert line in noisy.splitlines()
