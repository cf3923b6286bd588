"""One end-to-end test per command, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from .conftest import SEED


@pytest.fixture
def news_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "empty.txt").write_text("")
    (folder / "picture.txt").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.mark.reference_data
def test_ingest_twice_is_idempotent_and_names_failures(cli, news_folder: Path) -> None:
    first = cli("ingest", str(news_folder))
    assert first.exit_code == 0, first.output
    assert "1 stored, 0 unchanged, 2 failed" in first.output
    assert "empty.txt" in first.output and "picture.txt" in first.output

    second = cli("ingest", str(news_folder))  # the failed files are unchanged: remembered, not re-read
    assert second.exit_code == 0
    assert "0 stored, 1 unchanged, 0 failed (2 earlier failure(s)" in second.output
    assert "--retry-failed" in second.output
    retried = cli("ingest", str(news_folder), "--retry-failed")
    assert "0 stored, 1 unchanged, 2 failed" in retried.output
    assert cli("ingest", str(news_folder), "--strict").exit_code == 1  # remembered failures still count

    exported = cli("export", "--format", "jsonl")
    records = [json.loads(line) for line in exported.stdout.splitlines() if line.strip()]
    assert len(records) == 1
    assert records[0]["source_path"].endswith("seed.txt")

    failures = json.loads(cli("failures", "--json").stdout)
    assert sorted(Path(f["source_path"]).name for f in failures) == ["empty.txt", "picture.txt"]
    assert all(f["stage"] and f["reason"] for f in failures)


@pytest.mark.reference_data
def test_strict_exits_nonzero_when_something_failed(cli, news_folder: Path) -> None:
    result = cli("ingest", "--strict", str(news_folder))
    assert result.exit_code == 1
    assert "1 stored" in result.output  # the good file is stored anyway


@pytest.mark.reference_data
def test_changed_file_updates_its_record(cli, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = SEED.read_text("utf-8")
    path.write_text(text)
    assert "1 stored" in cli("ingest", str(path)).output
    path.write_text(text.replace("Thursday", "Friday"))
    assert "1 stored, 0 unchanged" in cli("ingest", str(path)).output
    record = json.loads(cli("show", str(path), "--json").stdout)
    assert "Friday" in record["text"] and "Thursday" not in record["text"]
    assert len(cli("export").stdout.splitlines()) == 1


def test_missing_path_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


@pytest.mark.reference_data
def test_search_finds_patrushev(cli, news_folder: Path) -> None:
    cli("ingest", str(news_folder))
    result = cli("search", "Patrushev", "--json")
    assert result.exit_code == 0, result.output
    page = json.loads(result.stdout)
    assert page["total"] == 1
    hit = page["items"][0]
    assert hit["title"].startswith("With the collapse of Afghanistan")
    assert "<mark>" in hit["snippet"]
    assert json.loads(cli("search", "Zanzibar", "--json").stdout)["total"] == 0


@pytest.mark.reference_data
def test_search_syntax_error_is_a_message_not_a_traceback(cli, news_folder: Path) -> None:
    cli("ingest", str(news_folder))
    result = cli("search", 'Patrushev AND OR "unbalanced')
    assert result.exit_code in (0, 2)  # forgiving fallback or a clear error, never a crash
    if result.exit_code == 2:
        assert "error" in result.output.lower()


@pytest.mark.reference_data
def test_show_by_id_and_path(cli, news_folder: Path) -> None:
    cli("ingest", str(news_folder))
    by_path = cli("show", str(news_folder / "seed.txt"), "--json")
    assert by_path.exit_code == 0, by_path.output
    record = json.loads(by_path.stdout)
    by_id = json.loads(cli("show", record["id"], "--json").stdout)
    assert by_id == record
    pretty = cli("show", record["id"])
    assert "With the collapse of Afghanistan" in pretty.stdout
    assert "Nikolai Patrushev" in pretty.stdout
    missing = cli("show", "does-not-exist")
    assert missing.exit_code == 3 and "error" in missing.output.lower()


@pytest.mark.reference_data
def test_export_parquet_round_trips(cli, news_folder: Path, tmp_path: Path) -> None:
    cli("ingest", str(news_folder))
    out = tmp_path / "articles.parquet"
    result = cli("export", "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 1
    row = table.to_pylist()[0]
    record = json.loads(cli("export", "--format", "jsonl").stdout.splitlines()[0])
    for key in ("id", "title", "standfirst", "paragraphs", "text", "entities", "people", "quotes", "cluster_id"):
        assert row[key] == record[key], key
    assert dict(row["comment_form"]["messages"]) == record["comment_form"]["messages"]


@pytest.mark.reference_data
def test_export_csv_has_the_record_columns(cli, news_folder: Path) -> None:
    cli("ingest", str(news_folder))
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert len(rows) == 1
    assert rows[0]["title"].startswith("With the collapse")
    assert len(json.loads(rows[0]["paragraphs"])) == 7


def test_export_unknown_format(cli) -> None:
    result = cli("export", "--format", "xml")
    assert result.exit_code == 2 and "unknown format" in result.output



@pytest.mark.postgres
@pytest.mark.reference_data
def test_the_same_commands_on_postgresql(news_folder: Path, pg_url: str) -> None:
    from typer.testing import CliRunner

    from presswatch.cli import app

    def run(*args: str):
        return CliRunner().invoke(app, [*args, "--db", pg_url], catch_exceptions=False)

    assert "1 stored, 0 unchanged, 2 failed" in run("ingest", str(news_folder)).output
    assert "0 stored, 1 unchanged, 0 failed (2 earlier failure(s)" in run("ingest", str(news_folder)).output
    assert "0 stored, 1 unchanged, 2 failed" in run("ingest", str(news_folder), "--retry-failed").output
    page = json.loads(run("search", "Patrushev", "--json").stdout)
    assert page["total"] == 1 and "<mark>" in page["items"][0]["snippet"]
    records = [json.loads(line) for line in run("export").stdout.splitlines()]
    assert len(records) == 1 and len(records[0]["paragraphs"]) == 7
    assert len(json.loads(run("failures", "--json").stdout)) == 2
