"""The benchmark's token-shingle metric, on hand-checkable texts."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from presswatch.bench.metrics import (
    aggregate,
    score_corpus,
    score_page,
    shingles,
    tokens,
)


def test_tokens_are_unicode_word_runs():
    assert tokens("Ça va? Très-bien, 42!") == ["Ça", "va", "Très", "bien", "42"]


def test_shingles_are_a_multiset_of_four_token_runs():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("too short") == {("too", "short"): 1}
    assert shingles("") == {}


def test_identical_texts_score_one():
    page = score_page("one two three four five", "one two three four five")
    assert (page.precision, page.recall, page.exact) == (1.0, 1.0, True)


def test_extra_text_costs_precision_and_missing_text_costs_recall():
    truth = "w1 w2 w3 w4 w5 w6 w7"  # 4 shingles
    longer = score_page(truth, truth + " x1 x2")  # 4 true + 2 extra
    assert longer.precision == pytest.approx(4 / 6) and longer.recall == 1.0
    shorter = score_page(truth, "w1 w2 w3 w4 w5")  # 2 of 4
    assert shorter.precision == 1.0 and shorter.recall == pytest.approx(2 / 4)


def test_counts_are_normalised_per_page_and_empty_cases_follow_the_conventions():
    nothing = score_page("", "")
    assert (
        nothing.precision is None and nothing.recall is None
    )  # left out of both means
    missed = score_page("w1 w2 w3 w4", "")
    assert missed.precision is None and missed.recall == 0.0
    page = score_page("w1 w2 w3 w4 w5", "w1 w2 w3 w4 x")
    assert page.tp + page.fp + page.fn == pytest.approx(1.0)


def test_means_are_over_pages_and_f1_is_of_the_means():
    scores = score_corpus(
        [
            ("w1 w2 w3 w4 w5 w6 w7", "w1 w2 w3 w4 w5 w6 w7 x1 x2"),
            ("w1 w2 w3 w4 w5", "w1 w2 w3 w4"),
        ]
    )
    p, r = (1 + 4 / 6) / 2, (1 + 1 / 2) / 2
    assert scores.precision == pytest.approx(p)
    assert scores.recall == pytest.approx(r)
    assert scores.f1 == pytest.approx(2 * p * r / (p + r))
    assert aggregate([]).f1 == 0.0


@pytest.mark.slow
def test_bench_extract_prints_a_table_and_a_json_line_for_every_library():
    from presswatch.bench.extract import benchmark_dir
    from presswatch.cli import app

    if not (benchmark_dir() / "ground-truth.json").exists():
        pytest.skip("benchmark data not present")
    result = CliRunner().invoke(app, ["bench", "extract", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    for library in (
        "presswatch",
        "trafilatura",
        "trafilatura_fast",
        "trafilatura_precision",
        "trafilatura_recall",
        "readability-lxml",
        "newspaper4k",
        "justext",
        "boilerpy3",
    ):
        entry = last[library]
        assert entry == "not installed" or {
            "precision",
            "recall",
            "f1",
            "pages_per_s",
        } <= set(entry)
    assert 0 < last["presswatch"]["f1"] <= 1
    assert "presswatch" in result.output and "pages/s" in result.output


def test_a_peer_that_is_not_installed_is_reported_not_crashed():
    from presswatch.bench.extract import BenchPage, Library, results_json, run_library

    missing = Library(
        "ghost",
        "ghost-extractor-dist",
        ("ghost_extractor_module",),
        lambda html, url: "",
    )
    result = run_library(missing, [BenchPage("p1", None, "<html></html>", "text")])
    assert not result.installed
    assert results_json([result]) == {"ghost": "not installed"}


def test_a_peer_failing_on_one_page_scores_that_page_empty():
    from presswatch.bench.extract import BenchPage, Library, run_library

    def flaky(html: str, url: str | None) -> str:
        if "boom" in html:
            raise RuntimeError("peer bug")
        return "w1 w2 w3 w4 w5"

    pages = [
        BenchPage("a", None, "ok", "w1 w2 w3 w4 w5"),
        BenchPage("b", None, "boom", "w1 w2 w3 w4 w5"),
    ]
    result = run_library(Library("flaky", "pytest", ("pytest",), flaky), pages)
    assert result.failures == 1
    assert result.scores.recall == pytest.approx(0.5)


def test_bench_extract_without_its_data_says_where_it_looked(monkeypatch, tmp_path):
    from presswatch.cli import app

    monkeypatch.setenv("PRESSWATCH_EXTRACTION_BENCH", str(tmp_path / "missing"))
    result = CliRunner().invoke(app, ["bench", "extract", "--limit", "1"])
    assert result.exit_code == 1
    assert (
        "benchmark data not found" in result.output
        and "PRESSWATCH_EXTRACTION_BENCH" in result.output
    )
