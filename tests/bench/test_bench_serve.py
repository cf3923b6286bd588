"""`presswatch bench serve` on a tiny database: both servers answer every query, with the same totals."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from presswatch.bench.serve import build_database, query_words
from presswatch.cli import app

# Bodies written for this test (fictional towns and people); the generator reshuffles their sentences.
BODIES = [
    "The harbour board of Wexmouth approved a new ferry timetable on Tuesday. Captain Idris Marlow said "
    "the crossings would run every forty minutes. Commuters welcomed the change after a winter of delays. "
    "The board will review the schedule in the spring.",
    "Flooding closed the riverside road in Ambleford for a second day. Engineers inspected the bridge "
    "pillars and found no damage. The council opened a shelter in the library for residents of the "
    "lower streets. Volunteers handed out blankets and soup.",
    "The Ambleford orchestra announced a season of free concerts in the park. Conductor Selma Riis said "
    "the programme mixes symphonies with folk songs. Tickets are not needed, but seats on the lawn fill "
    "quickly on warm evenings.",
    "A strike by tram drivers in Wexmouth ended after the union accepted a pay offer. Services resumed "
    "at dawn. The transport office apologised for the disruption and promised new trams by next autumn. "
    "Passengers said the trams were crowded but punctual.",
]


def test_bench_serve_loads_both_servers_on_a_tiny_database(tmp_path: Path) -> None:
    db = tmp_path / "tiny.db"
    build_database(db, 300, BODIES, batch=100)
    words = query_words(db)
    assert words and all(w.isalpha() and len(w) >= 5 for w in words)
    result = CliRunner().invoke(app, ["bench", "serve", "--db", str(db), "--clients", "2", "--seconds", "1", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["articles"] == 300
    for server in ("presswatch", "datasette"):
        figures = out[server]
        assert figures["requests"] > 0 and figures["requests_per_s"] > 0, figures
        assert figures["non_200"] == 0, figures
        assert 0 < figures["p50_ms"] <= figures["p99_ms"]
    assert out["same_totals"] is True
