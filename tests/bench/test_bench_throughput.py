"""The goals line of ``bench throughput --json``: PressWatch ingest against spaCy's full parse."""

from __future__ import annotations

import pytest

from presswatch.bench.throughput import SPACY_FULL, summary


def rows(**rates: float) -> dict[str, dict[str, float]]:
    return {name: {"articles_per_s": rate, "seconds": 1.0, "articles": rate} for name, rate in rates.items()}


def test_ratios_are_ingest_over_the_full_parse_and_workers_over_one():
    results = {
        **rows(**{SPACY_FULL: 5.0, "presswatch ingest, local x1": 7.5, "presswatch ingest, local x2": 12.0,
                  "presswatch ingest, ray x2": 9.0, "trafilatura extract only": 60.0}),
        "_quality": {"quote_f1_delta": -0.002, "speaker_accuracy_delta": 0.001},
    }
    goals = summary(results, workers=2)
    assert goals["presswatch"]["articles_per_s"] == 7.5
    assert goals["presswatch"]["ratio_vs_full_parse"] == 1.5
    assert goals["presswatch"]["workers_speedup"] == 1.6
    assert goals["presswatch"]["ray_vs_local"] == 0.75
    assert goals["presswatch"]["quote_f1_delta"] == -0.002
    assert goals["spacy_full"] == {"articles_per_s": 5.0} and goals["trafilatura"] == {"articles_per_s": 60.0}


def test_figures_not_measured_are_left_out_rather_than_made_up():
    goals = summary(rows(**{"presswatch ingest, local x1": 3.0}), workers=1)
    assert goals == {"presswatch": {"articles_per_s": 3.0}}


def test_newspaper4k_and_the_rss_growth_join_the_goals_line():
    from presswatch.bench.throughput import NEWSPAPER_PARSE

    results = {**rows(**{"presswatch ingest, local x1": 6.0, NEWSPAPER_PARSE: 4.0}), "_rss": {"rss_growth": 1.02}}
    goals = summary(results, workers=1)
    assert goals["newspaper4k"] == {"articles_per_s": 4.0}
    assert goals["presswatch"]["ratio_vs_newspaper4k_parse"] == 1.5
    assert goals["presswatch"]["rss_growth_1k_10k"] == 1.02


def test_newspaper4k_parses_a_page_it_is_given():
    pytest.importorskip("newspaper")
    from presswatch.bench.throughput import _newspaper_parse

    page = "<html><body><article><h1>Pier reopens</h1><p>" + "The pier reopened on Monday. " * 20 + "</p></article></body></html>"
    row = _newspaper_parse([page, page])
    assert row is not None and row["articles"] == 2 and row["seconds"] > 0
