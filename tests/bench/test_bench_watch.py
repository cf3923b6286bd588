"""`presswatch bench watch`, tiny: fictional outlets on loopback, a simulated day, figures a user reads."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from presswatch.cli import app


def test_bench_watch_tiny_stores_each_story_once_and_compares_with_trafilatura() -> None:
    result = CliRunner().invoke(app, ["bench", "watch", "--hosts", "3", "--stories", "16", "--hours", "2",
                                      "--every", "15", "--step", "15", "--peer-sample", "6", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output.strip().splitlines()[-1])
    assert out["stories"] == 16 and out["stored_once"] == 16
    assert out["missing"] == 0 and out["duplicates"] == 0
    # polled every 15 simulated minutes: nothing waits longer than one interval (plus the pass it lands in)
    assert 0 <= out["latency_min_p50"] <= out["latency_min_p99"] <= 30
    assert out["requests"].get("disallowed", 0) == 0  # robots.txt's /private/ is never asked for
    assert out["requests_per_story"] > 1  # robots, listings and the pages themselves
    assert out["body_f1"] > 0.9
    assert out["articles_per_s"] > 0
    peers = out["peers"]
    assert set(peers) == {"presswatch fetch+extract", "trafilatura fetch_url+extract"}
    assert all(p["articles"] == 6 and p["articles_per_s"] > 0 for p in peers.values())
    assert peers["trafilatura fetch_url+extract"]["body_f1"] > 0.5  # it did reach the loopback pages
