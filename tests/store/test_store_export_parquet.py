"""The Parquet export as other tools read it: ``published`` a UTC timestamp column, quotes that carry
their speaker's person id and join to the people of the export."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from presswatch.export import published_timestamp, write_parquet
from presswatch.store import Store

from store_fixtures import make_article, person, quote

DATES = {
    "a-offset": "2024-03-04T09:30:00+02:00",
    "a-zulu": "2024-03-05T10:00:00Z",
    "a-naive": "2024-03-06T11:15:00",
    "a-day": "2024-03-07",
    "a-none": None,
    "a-junk": "sometime last spring",
}


@pytest.fixture
def export(store: Store, tmp_path: Path) -> Path:
    """The export of six articles, from SQLite and from PostgreSQL."""
    store.upsert_articles([
        make_article(
            aid, text=f"Mira Solberg spoke ({aid}).", published=published,
            people=(person("Mira Solberg", "harbour master"),),
            quotes=(quote("the pier is safe", "Mira Solberg"), quote("nobody knows", None)),
        )
        for aid, published in DATES.items()
    ])
    out = tmp_path / "articles.parquet"
    with out.open("wb") as fh:
        assert write_parquet(store.iter_articles(), fh) == len(DATES)
    return out


def test_published_is_a_utc_timestamp_beside_the_raw_text(export: Path) -> None:
    table = pq.read_table(export)
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert table.schema.field("published_raw").type == pa.string()
    rows = {r["id"]: r for r in table.select(["id", "published", "published_raw"]).to_pylist()}
    utc = timezone.utc
    assert rows["a-offset"]["published"] == datetime(2024, 3, 4, 7, 30, tzinfo=utc)
    assert rows["a-zulu"]["published"] == datetime(2024, 3, 5, 10, 0, tzinfo=utc)
    assert rows["a-naive"]["published"] == datetime(2024, 3, 6, 11, 15, tzinfo=utc)
    assert rows["a-day"]["published"] == datetime(2024, 3, 7, tzinfo=utc)
    assert rows["a-none"]["published"] is None and rows["a-junk"]["published"] is None
    assert rows["a-junk"]["published_raw"] == "sometime last spring"  # nothing stored is lost
    assert published_timestamp("  ") is None


def test_quotes_carry_the_speaker_id_and_join_to_people(export: Path) -> None:
    table = pq.read_table(export)
    quote_type = table.schema.field("quotes").type.value_type
    assert quote_type.field("speaker_person_id").type == pa.string()
    quotes = pa.Table.from_struct_array(pc.list_flatten(table.column("quotes")).combine_chunks())
    people = (
        pa.Table.from_struct_array(pc.list_flatten(table.column("people")).combine_chunks())
        .select(["person_id", "name"])
        .group_by(["person_id", "name"])
        .aggregate([])
    )
    joined = quotes.join(people, keys="speaker_person_id", right_keys="person_id", join_type="inner")
    assert joined.num_rows == len(DATES)
    assert set(joined.column("name").to_pylist()) == {"Mira Solberg"}
    assert pc.sum(pc.is_null(quotes.column("speaker_person_id"))).as_py() == len(DATES)  # the unattributed ones


def test_duckdb_reads_dates_and_joins_quotes_to_people(export: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed; the pyarrow checks above cover the file")
    con = duckdb.connect()
    path = str(export).replace("'", "''")
    kind = con.execute(f"SELECT typeof(published) FROM read_parquet('{path}') LIMIT 1").fetchone()[0]
    assert kind.upper().startswith("TIMESTAMP WITH TIME ZONE")
    newest = con.execute(f"SELECT id FROM read_parquet('{path}') WHERE published IS NOT NULL ORDER BY published DESC LIMIT 1").fetchone()
    assert newest == ("a-day",)
    rows = con.execute(f"""
        WITH a AS (SELECT * FROM read_parquet('{path}')),
             q AS (SELECT u.speaker_person_id AS pid FROM (SELECT unnest(quotes) AS u FROM a)),
             p AS (SELECT DISTINCT u.person_id AS person_id, u.name AS name FROM (SELECT unnest(people) AS u FROM a))
        SELECT p.name, count(*) FROM q JOIN p ON p.person_id = q.pid GROUP BY p.name
    """).fetchall()
    assert rows == [("Mira Solberg", len(DATES))]
