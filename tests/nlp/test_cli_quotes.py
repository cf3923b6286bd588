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


def test_a_syndicated_quote_is_listed_once_with_its_copies(tmp_path, annotated):
    from presswatch.model import replace
    from presswatch.store import ClusterAssignment

    original = annotated("“The ferry will run all winter,” said Mara Holt, the harbour master.")
    copies = [
        replace(original, id=aid, site=site, published=published, source_path=aid)
        for aid, site, published in (
            ("orig", "harbournews.example", "2024-03-01T08:00:00+00:00"),
            ("wire", "wirecopy.example", "2024-03-02T08:00:00+00:00"),
        )
    ]
    db = str(tmp_path / "copies.db")
    store = open_store(db)
    try:
        store.write_batch(copies, assignments=[ClusterAssignment(a.id, "cl", "orig", a.id == "orig") for a in copies])
    finally:
        store.close()
    result = CliRunner().invoke(app, ["quotes", "--speaker", "Holt", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [r["article_id"] for r in rows] == ["orig"]
    assert [c["article_id"] for c in rows[0]["copies"]] == ["wire"]
    assert rows[0]["copies"][0]["site"] == "wirecopy.example"
    table = CliRunner().invoke(app, ["quotes", "--db", db], env={"COLUMNS": "200"})
    assert "+1 copy" in table.output
