"""`presswatch bench hostile` ingests each input in a process of its own and reports what became of it."""

from __future__ import annotations

from pathlib import Path

from presswatch.bench.hostile import build_inputs, run_hostile


def test_the_inputs_are_built_and_each_is_a_record_or_a_failure_with_its_peak_rss(tmp_path: Path) -> None:
    made = dict(build_inputs(tmp_path / "all", bomb_bytes=64 << 20))
    assert {"bomb.txt.gz", "cut.warc.gz", "file-loop", "folder-loop", "nested-200k.html"} <= set(made)
    assert (tmp_path / "all" / "bomb.txt.gz").stat().st_size < 1 << 20  # 64 MB of zeros packs small
    outcomes = {o.name: o for o in run_hostile(bomb_bytes=64 << 20, only={"good/article.txt", "bomb.txt.gz"})}
    good, bomb = outcomes["good/article.txt"], outcomes["bomb.txt.gz"]
    assert (good.stored, good.failures, good.exit_code) == (1, [], 0)
    assert bomb.stored == 0 and len(bomb.failures) == 1 and "PRESSWATCH_MAX_DECOMPRESSED_BYTES" in bomb.failures[0]
    assert 50 < good.peak_rss_mb < 2000 and bomb.peak_rss_mb < good.peak_rss_mb + 150
