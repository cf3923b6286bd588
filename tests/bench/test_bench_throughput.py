"""The goals line of ``bench throughput --json``: PressWatch ingest against spaCy's full parse."""

from __future__ import annotations

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
