"""Contract: an outlet keeps one name; an article whose page named no site takes the name the
outlet's other pages give, on both backends, whatever the order the articles came in."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from presswatch.model import Article
from presswatch.store import UpsertOutcome, open_store
from store_fixtures import make_article


def _from(host: str, article_id: str, site: str | None) -> Article:
    article = make_article(article_id, text=f"Story {article_id} from the harbour, told once.", site=site or host)
    return replace(article, url=f"https://www.{host}/news/{article_id}")


def _sites(store) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {a.id: a.site for a in store.iter_articles()}


def test_a_page_without_a_site_name_takes_its_outlets_name_in_any_order(db_url: str, tmp_path) -> None:
    articles = [
        _from("tidewater.example", "named-1", "Tidewater Courier"),
        _from("tidewater.example", "bare", None),  # its page gave no name: shown by its host
        _from("tidewater.example", "named-2", "Tidewater Courier"),
        _from("lonely.example", "alone", None),
    ]
    expected = {"named-1": "Tidewater Courier", "bare": "Tidewater Courier", "named-2": "Tidewater Courier",
                "alone": "lonely.example"}
    store = open_store(db_url)
    try:
        store.upsert_articles([articles[1]])
        assert _sites(store) == {"bare": "tidewater.example"}  # no name known yet
        store.upsert_articles(articles[2:])
        store.upsert_articles(articles[:1])
        assert _sites(store) == expected
        assert store.search("", site="Tidewater Courier").total == 3
        # the record the page gave is kept: reading it again changes nothing
        assert store.upsert_articles(articles) == [UpsertOutcome.UNCHANGED] * 4
    finally:
        store.close()
    other = open_store(str(tmp_path / "reverse.db"))
    try:
        other.upsert_articles(list(reversed(articles)))
        assert _sites(other) == expected
    finally:
        other.close()


def test_the_name_most_of_the_outlets_pages_give_wins_and_own_names_stay(db_url: str) -> None:
    store = open_store(db_url)
    try:
        store.upsert_articles([
            _from("quayside.example", "a", "Quayside Daily"),
            _from("quayside.example", "b", "The Quayside Daily"),
            _from("quayside.example", "c", "Quayside Daily"),
            _from("quayside.example", "d", None),
        ])
        assert _sites(store) == {"a": "Quayside Daily", "b": "The Quayside Daily", "c": "Quayside Daily",
                                 "d": "Quayside Daily"}
    finally:
        store.close()


def test_the_migration_names_outlets_for_articles_stored_before_it(db_url: str) -> None:
    from alembic import command

    from presswatch.store.migrate import alembic_config

    store = open_store(db_url)
    store.upsert_articles([_from("ferrypoint.example", "x", "Ferrypoint News"), _from("ferrypoint.example", "y", None)])
    engine = store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        with conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0010")
            assert "host" not in {c["name"] for c in sa.inspect(conn).get_columns("articles")}
            conn.execute(sa.text("UPDATE articles SET site = 'ferrypoint.example' WHERE id = 'y'"))
            command.upgrade(config, "head")
    try:
        assert _sites(store) == {"x": "Ferrypoint News", "y": "Ferrypoint News"}
        assert store.search("harbour").total == 2  # the full-text index survived
    finally:
        store.close()
