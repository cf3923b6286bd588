"""End to end: ingest fictional JSONL with copies, then `presswatch clusters`."""

from __future__ import annotations

import json
from pathlib import Path

from dedup_texts import BRIDGE, COUNCIL_PREVIEW, COUNCIL_VOTE, STORM
from typer.testing import CliRunner

from presswatch.cli import app


def _write_feed(path: Path) -> None:
    paras = BRIDGE.split("\n\n")
    records = [
        {"url": "https://mercury.example/bridge", "title": "Harbour bridge to close for eleven weeks",
         "published": "2026-03-02T09:00:00+00:00", "site": "Marrowby Mercury", "text": BRIDGE},
        {"url": "https://coast.example/bridge-copy", "title": "Cable corrosion shuts bridge",
         "published": "2026-03-02T15:00:00+00:00", "site": "Coast Herald",
         "text": "\n\n".join(paras[:-1]) + "\n\nThis article first appeared in the Marrowby Mercury."},
        {"url": "https://valley.example/bridge", "title": "Bridge closure: what drivers need to know",
         "published": "2026-03-03T08:00:00+00:00", "site": "Valley Courier", "text": BRIDGE},
        {"url": "https://mercury.example/council", "title": "Parking charges rise",
         "published": "2026-03-03T07:00:00+00:00", "site": "Marrowby Mercury", "text": COUNCIL_VOTE},
        {"url": "https://coast.example/council-preview", "title": "Budget night ahead",
         "published": "2026-03-03T06:00:00+00:00", "site": "Coast Herald", "text": COUNCIL_PREVIEW},
        {"url": "https://valley.example/storm", "title": "Storm cuts power",
         "published": "2026-03-01T22:00:00+00:00", "site": "Valley Courier", "text": STORM},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_clusters_command_lists_the_original_first(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed)
    db = str(tmp_path / "pw.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(feed), "--batch-size", "2", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output

    result = runner.invoke(app, ["clusters", "--json", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    clusters = json.loads(result.output.strip().splitlines()[-1])
    assert len(clusters) == 1
    (bridge,) = clusters
    assert bridge["size"] == 3
    assert bridge["title"] == "Harbour bridge to close for eleven weeks"
    assert [m["site"] for m in bridge["members"]][0] == "Marrowby Mercury"
    assert [m["is_canonical"] for m in bridge["members"]] == [True, False, False]
    hints = {m["site"]: m["syndication_hint"] for m in bridge["members"]}
    # the credit line names where the story first ran (the cleaner may keep just the name)
    assert "Marrowby Mercury" in hints["Coast Herald"]
    assert hints["Marrowby Mercury"] is None

    # every article, clustered or not, carries its cluster in the export record
    shown = runner.invoke(app, ["show", bridge["members"][1]["id"], "--json", "--db", db], catch_exceptions=False)
    record = json.loads(shown.output.strip().splitlines()[-1])
    assert record["cluster_id"] == bridge["id"] and record["canonical_id"] == bridge["canonical_id"]
    assert record["is_canonical"] is False

    singles = runner.invoke(app, ["clusters", "--min-size", "1", "--json", "--db", db], catch_exceptions=False)
    assert len(json.loads(singles.output.strip().splitlines()[-1])) == 4

    table = runner.invoke(app, ["clusters", "--db", db], catch_exceptions=False)
    assert "1 clusters" in table.output and "original" in table.output


def test_a_later_run_rebuilds_the_index_and_moves_the_cluster_to_an_earlier_original(tmp_path: Path):
    copies = tmp_path / "copies.jsonl"
    earlier = tmp_path / "earlier.jsonl"
    copies.write_text(
        "\n".join(
            json.dumps({"url": f"https://site{i}.example/storm", "title": f"Storm copy {i}", "site": f"Site {i}",
                        "published": f"2026-03-02T0{i}:00:00+00:00", "text": STORM})
            for i in (1, 2)
        ) + "\n",
        encoding="utf-8",
    )
    earlier.write_text(
        json.dumps({"url": "https://valley.example/storm", "title": "Storm cuts power", "site": "Valley Courier",
                    "published": "2026-03-01T22:00:00+00:00", "text": STORM}) + "\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "pw.db")
    runner = CliRunner()
    for path in (copies, earlier):  # two runs: the second starts from the stored signatures
        result = runner.invoke(app, ["ingest", str(path), "--db", db], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    clusters = json.loads(runner.invoke(app, ["clusters", "--json", "--db", db]).output.strip().splitlines()[-1])
    assert len(clusters) == 1 and clusters[0]["size"] == 3
    original = clusters[0]["members"][0]
    assert original["site"] == "Valley Courier" and original["is_canonical"]
    assert [m["is_canonical"] for m in clusters[0]["members"][1:]] == [False, False]
    for m in clusters[0]["members"][1:]:  # the stored copies were updated, not just the newcomer
        shown = json.loads(runner.invoke(app, ["show", m["id"], "--json", "--db", db]).output.strip().splitlines()[-1])
        assert shown["canonical_id"] == original["id"] and shown["is_canonical"] is False
