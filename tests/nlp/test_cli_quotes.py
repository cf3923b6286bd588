"""`presswatch quotes`: quotes listed from the database, filtered by speaker."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from presswatch.cli import app
from presswatch.store import open_store


def test_quotes_command_lists_quotes_by_speaker(tmp_path, annotated):
    db = str(tmp_path / "q.db")
    article = annotated(
        "“The river is rising faster than last year,” said John Harwood, the county flood officer.",
        "Mary Collins warned that the school would close if the water reached the bridge.",
    )
    store = open_store(db)
    try:
        store.upsert_articles([article])
    finally:
        store.close()

    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--speaker", "Harwood", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [r["speaker"] for r in rows] == ["John Harwood"]
    assert rows[0]["kind"] == "direct"
    assert rows[0]["speaker_role"] == "county flood officer"
    assert "river is rising" in rows[0]["text"]

    everything = runner.invoke(app, ["quotes", "--db", db])
    assert everything.exit_code == 0
    assert "Collins" in everything.output and "Harwood" in everything.output  # names may wrap

    nobody = runner.invoke(app, ["quotes", "--speaker", "Nobody Known", "--db", db])
    assert nobody.exit_code == 0 and "no quotes found" in nobody.output
