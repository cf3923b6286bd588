"""Contract: what other clients rely on -- a person filter that takes a surname, quote filters with a
total, paging that moves on, a foreign key from quotes to people, and an FTS table Datasette finds."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
import sqlalchemy as sa

from presswatch.errors import QueryError
from presswatch.model import Quote
from presswatch.store import Store, open_store
from store_fixtures import make_article, person, quote


def _scored(q: Quote, confidence: float | None, **changes: object) -> Quote:
    return replace(q, confidence=confidence, **changes)  # type: ignore[arg-type]


def _corpus(store: Store) -> None:
    store.upsert_articles([
        make_article(
            "sec1", text="Nikolai Patrushev spoke at the council.", site="north.example",
            published="2024-01-10T08:00:00+00:00",
            people=(person("Nikolai Patrushev", "secretary"),),
            quotes=(
                _scored(quote("the threat is real", "Nikolai Patrushev"), 0.9),
                _scored(quote("talks may resume", "Nikolai Patrushev", kind="indirect"), 0.4),
            ),
        ),
        make_article(
            "sec2", text="Patrushev returned to the capital.", site="south.example",
            published="2024-02-20T08:00:00+00:00",
            people=(person("Nikolai Patrushev"),),
            quotes=(_scored(quote("we are ready", "Patrushev"), 0.8),),
        ),
        make_article(
            "org1", text="The ministry issued a statement.", site="south.example",
            published="2024-03-05T08:00:00+00:00",
            quotes=(_scored(quote("the ministry regrets the delay", "The ministry", kind="indirect"), None,
                            speaker_type="org"),),
        ),
        make_article("other", text="A ferry story with nobody in it.", published="2024-03-06T08:00:00+00:00"),
    ])


def test_a_person_filter_takes_a_surname_a_name_form_or_an_id(store: Store) -> None:
    _corpus(store)
    for ref in ("Patrushev", "patrushev", "Nikolai Patrushev", "nikolai-patrushev", "Nikolai  Patrushev"):
        found = store.search(None, person=ref)
        assert sorted(h.article.id for h in found.items) == ["sec1", "sec2"], ref
    assert store.search(None, person="Lavrov").total == 0
    assert store.search(None, person="Ivan Patrushev").total == 0  # another given name is another person
    # the speaker filter of quotes resolves the same way
    assert {h.quote.text for h in store.quotes(speaker="Patrushev")} == {"the threat is real", "talks may resume", "we are ready"}


def test_quotes_filter_by_kind_type_site_dates_and_confidence_with_a_total(store: Store) -> None:
    _corpus(store)

    def texts(**filters: object) -> set[str]:
        hits = store.quotes(**filters)  # type: ignore[arg-type]
        assert store.count_quotes(**filters) == len(hits)  # type: ignore[arg-type]
        return {h.quote.text for h in hits}

    assert len(texts()) == 4
    assert texts(kind="indirect") == {"talks may resume", "the ministry regrets the delay"}
    assert texts(kind="direct", speaker_type="person") == {"the threat is real", "we are ready"}
    assert texts(speaker_type="org") == {"the ministry regrets the delay"}
    assert texts(site="south.example") == {"we are ready", "the ministry regrets the delay"}
    assert texts(since="2024-02-01", until="2024-02-29") == {"we are ready"}
    # a minimum leaves out what scored lower and what no model scored
    assert texts(min_confidence=0.75) == {"the threat is real", "we are ready"}
    assert texts(query="threat OR ready") == {"the threat is real", "we are ready"}
    assert texts(query="the -threat") == {"the ministry regrets the delay"}
    # the confidence is stored with the quote and comes back
    assert {h.quote.text: h.quote.confidence for h in store.quotes(speaker="Patrushev")}["talks may resume"] == 0.4
    # paging moves on, and the total stays the total
    first, second = store.quotes(limit=2, offset=0), store.quotes(limit=2, offset=2)
    assert len(first) == len(second) == 2
    assert not {h.quote.text for h in first} & {h.quote.text for h in second}


@pytest.mark.parametrize("bad", [{"kind": "shouted"}, {"speaker_type": "robot"}, {"min_confidence": 1.5},
                                 {"since": "last week"}, {"query": '"AND ()'}])
def test_bad_quote_filters_are_query_errors(store: Store, bad: dict) -> None:
    with pytest.raises(QueryError):
        store.quotes(**bad)


def test_people_pages_do_not_repeat_and_count_everyone(store: Store) -> None:
    # 25 people with the same counts: the order must still be total, or pages overlap
    surnames = ("Alder Birch Cedar Dogwood Elm Fir Gorse Hazel Ivy Juniper Kale Larch Maple Nettle Oak Poplar "
                "Quince Rowan Sorrel Thistle Umber Vetch Willow Yarrow Zinnia").split()
    store.upsert_articles([
        make_article(f"p{n:02d}", text=f"Person {n}.", people=(person(f"Anna {name}"),)) for n, name in enumerate(surnames)
    ])
    assert store.count_people() == 25
    assert store.count_people("anna") == 25 and store.count_people("rowan") == 1
    pages = [store.people(limit=10, offset=offset) for offset in (0, 10, 20)]
    ids = [p.id for page in pages for p in page]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert len(set(ids)) == 25


def test_quote_speakers_reference_people(db_url: str) -> None:
    store = open_store(db_url)
    try:
        _corpus(store)
        inspector = sa.inspect(store.engine)  # type: ignore[attr-defined]
        keys = inspector.get_foreign_keys("quotes")
        assert any(
            fk["constrained_columns"] == ["speaker_person_id"] and fk["referred_table"] == "people" for fk in keys
        ), keys
        with store.engine.connect() as conn:  # type: ignore[attr-defined]
            dangling = conn.execute(sa.text(
                "SELECT count(*) FROM quotes q LEFT JOIN people p ON p.person_id = q.speaker_person_id "
                "WHERE q.speaker_person_id IS NOT NULL AND p.person_id IS NULL"
            )).scalar_one()
            linked = conn.execute(sa.text("SELECT count(*) FROM quotes WHERE speaker_person_id IS NOT NULL")).scalar_one()
        assert dangling == 0 and linked == 3
    finally:
        store.close()


def _datasette_detect_fts(conn: sqlite3.Connection, table: str) -> str | None:
    """Datasette's own test (datasette.utils.detect_fts_sql): an FTS virtual table whose SQL names the
    table as content="table" or content=[table], or whose tbl_name is the table."""
    try:
        from datasette.utils import detect_fts  # type: ignore[import-not-found]
    except ImportError:
        pass
    else:
        return detect_fts(conn, table)
    sql = r"""
        select name from sqlite_master
            where rootpage = 0
            and (
                sql like '%VIRTUAL TABLE%USING FTS%content="{table}"%'
                or sql like '%VIRTUAL TABLE%USING FTS%content=[{table}]%'
                or (
                    tbl_name = "{table}"
                    and sql like '%VIRTUAL TABLE%USING FTS%'
                )
            )
    """.format(table=table.replace("'", "''"))
    rows = conn.execute(sql).fetchall()
    return rows[0][0] if rows else None


def test_datasette_finds_the_search_index_and_it_works(sqlite_url: str) -> None:
    store = open_store(sqlite_url)
    try:
        _corpus(store)
    finally:
        store.close()
    conn = sqlite3.connect(sqlite_url)
    try:
        assert _datasette_detect_fts(conn, "articles") == "articles_fts"
        # the way Datasette searches it: the index's rowid is the article's rowid
        found = conn.execute(
            "select id from articles where rowid in (select rowid from articles_fts where articles_fts match ?)",
            ("capital",),
        ).fetchall()
        assert found == [("sec2",)]
    finally:
        conn.close()


def test_migration_0007_keeps_the_data_and_fills_confidence_from_the_records(db_url: str) -> None:
    from alembic import command

    from presswatch.store.migrate import alembic_config

    store = open_store(db_url)
    try:
        _corpus(store)
        engine = store.engine  # type: ignore[attr-defined]

        def run(step: str, revision: str) -> None:
            config = alembic_config()
            with engine.begin() as conn:
                config.attributes["connection"] = conn
                getattr(command, step)(config, revision)

        run("downgrade", "0005")  # the database as it was before: no confidence column, FTS spelt 'articles'
        with engine.connect() as conn:
            assert "confidence" not in {c["name"] for c in sa.inspect(conn).get_columns("quotes")}
        run("upgrade", "head")
        with engine.connect() as conn:
            scored = dict(conn.execute(sa.text("SELECT text, confidence FROM quotes")).all())
        assert scored == {"the threat is real": 0.9, "talks may resume": 0.4, "we are ready": 0.8,
                          "the ministry regrets the delay": None}
        assert store.search("capital").total == 1 and store.quotes(min_confidence=0.85)[0].quote.text == "the threat is real"
    finally:
        store.close()
