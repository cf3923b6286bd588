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
def test_bench_extract_prints_a_table_and_a_json_line_for_every_library(monkeypatch):
    from presswatch.bench.extract import benchmark_dir
    from presswatch.cli import app

    if not (benchmark_dir() / "ground-truth.json").exists():
        pytest.skip("benchmark data not present")
    monkeypatch.setenv("PRESSWATCH_EXTRACTION_BENCH", str(benchmark_dir()))
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


def _corpus(folder, pages):
    """A tiny corpus folder in the benchmark's layout, from (id, html, truth) triples written here."""
    import gzip

    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id, html, body in pages:
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": body, "url": f"https://news.example/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


_STORY = (
    "The harbour ferry at Kelvale will stop running on Sundays from March, the town council said on Monday. "
    "Councillors blamed the rising cost of diesel and a shortage of trained crew for the decision."
)


def _page(body: str) -> str:
    return f"<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav><article><p>{body}</p></article></body></html>"


def test_bench_extract_scores_each_corpus_given_and_their_macro_average(tmp_path):
    from presswatch.cli import app

    one = _corpus(tmp_path / "alpha", [("a1", _page(_STORY), _STORY), ("a2", _page(_STORY[:120]), _STORY[:120])])
    two = _corpus(tmp_path / "beta", [("b1", _page(_STORY), _STORY)])
    result = CliRunner().invoke(
        app, ["bench", "extract", "--json", "--data", str(one), "--data", str(two), "--only", "presswatch",
              "--only", "trafilatura_fast"]
    )
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert set(last["corpora"]) == {"alpha", "beta"}
    assert last["corpora"]["alpha"]["pages"] == 2
    f1s = [last["corpora"][c]["presswatch"]["f1"] for c in ("alpha", "beta")]
    assert last["macro_f1"]["presswatch"] == pytest.approx(sum(f1s) / 2, abs=1e-3)
    assert "Macro average over 2 corpora" in result.output


def test_cached_peer_outputs_are_reused_and_never_for_presswatch(tmp_path):
    from presswatch.bench.extract import Library, cached_outputs, load_pages

    calls = []

    def counting(html: str, url: str | None) -> str:
        calls.append(url)
        return "some words here and there"

    folder = _corpus(tmp_path / "gamma", [("g1", _page(_STORY), _STORY)])
    pages = load_pages(folder)
    peer = Library("counting peer", "pytest", ("pytest",), counting)
    ours = Library("presswatch", "pytest", ("pytest",), counting)
    first = cached_outputs(tmp_path / "cache", "gamma", pages, [peer, ours])
    again = cached_outputs(tmp_path / "cache", "gamma", pages, [peer, ours])
    assert first == again == {"counting peer": ["some words here and there"]}
    assert len(calls) == 1


def test_paired_bootstrap_noise_is_zero_for_identical_systems_and_grows_with_disagreement():
    from presswatch.bench.extract import paired_bootstrap_sd

    good = [score_page("w1 w2 w3 w4 w5 w6", "w1 w2 w3 w4 w5 w6")] * 10
    mixed = [score_page("w1 w2 w3 w4 w5 w6", "w1 w2 w3 w4 w5 w6" if i % 2 else "x1 x2 x3 x4") for i in range(10)]
    assert paired_bootstrap_sd(good, good) == 0.0
    assert paired_bootstrap_sd(good, mixed) > 0.05
    with pytest.raises(ValueError):
        paired_bootstrap_sd(good, mixed[:3])
