"""Contract (SQLite and PostgreSQL): a quotation printed by several articles is one utterance with its
first printing, every later one, its wordings and the articles that credit someone else."""

from __future__ import annotations

import sqlalchemy as sa
import pytest

from presswatch.model import quote_id
from presswatch.store import ClusterAssignment, Store, open_store
from store_fixtures import make_article, person, quote

SAID = "The harbour will reopen in the spring, whatever the ministry says about the money"
RESPELT = "The harbor will reopen in the spring, whatever the ministry says about the money"
PART = "whatever the ministry says about the money"  # too short a part: 7 words
LONG_PART = "The harbour will reopen in the spring, whatever the ministry says"


def _article(aid: str, said: str, speaker: str | None, *, site: str, published: str | None, cluster: str | None = None):
    text = f"Boats wait at the quay. \u201c{said},\u201d {speaker or 'a spokesperson'} said."
    return make_article(
        aid, title=f"Harbour ({site})", text=text, site=site, published=published,
        people=(person(speaker),) if speaker else (),
        quotes=(quote(said, speaker, start=text.index(said)),),
    )


@pytest.fixture
def harbour(store: Store) -> Store:
    store.write_batch(
        [
            _article("first", SAID, "Ines Marlow", site="quay.example", published="2024-06-01T08:00:00+00:00"),
            _article("copy", SAID, "Ines Marlow", site="wire.example", published="2024-06-01T12:00:00+00:00"),
            _article("respelt", RESPELT, "Marlow", site="gazette.example", published="2024-06-02T09:00:00+00:00"),
            _article("part", LONG_PART, "Ines Marlow", site="weekly.example", published=None),
            _article("credited", SAID.lower(), "Piet Aalders", site="bulletin.example",
                     published="2024-06-03T10:00:00+00:00"),
            _article("unrelated", "The ministry has not answered a single letter we sent this year", "Ines Marlow",
                     site="quay.example", published="2024-06-04T10:00:00+00:00"),
            _article("short-1", "We will rebuild", "Ines Marlow", site="quay.example", published="2024-01-01T00:00:00+00:00"),
            _article("short-2", "We will rebuild", "Ines Marlow", site="gazette.example", published="2024-02-01T00:00:00+00:00"),
            _article("short-copy", "We will rebuild", "Ines Marlow", site="wire.example", published="2024-02-01T05:00:00+00:00"),
        ],
        assignments=[
            ClusterAssignment("first", "cl-h", "first", True),
            ClusterAssignment("copy", "cl-h", "first", False),
            ClusterAssignment("short-2", "cl-s", "short-2", True),
            ClusterAssignment("short-copy", "cl-s", "short-2", False),
        ],
    )
    return store


def _qid(store: Store, article_id: str) -> str:
    article = store.get_article(article_id)
    return quote_id(article.id, article.quotes[0])


def test_provenance_gives_the_first_printing_every_later_one_and_the_undated_last(harbour: Store) -> None:
    asked = _qid(harbour, "respelt")
    prov = harbour.quote_provenance([asked])[asked]
    assert [a.article_id for a in prov.appearances] == ["first", "copy", "respelt", "credited", "part"]
    assert prov.first is not None and (prov.first.site, prov.first.published) == ("quay.example", "2024-06-01T08:00:00+00:00")
    undated = prov.appearances[-1]
    assert undated.undated and undated.published is None  # no stored or fetch time stands in for it
    assert [v.text for v in prov.variants] == [SAID, RESPELT, LONG_PART]
    assert [v.count for v in prov.variants] == [3, 1, 1]  # "first", "copy" and the lower-cased one
    # "Marlow" is Ines Marlow; Piet Aalders is someone else
    assert [a.article_id for a in prov.disputed] == ["credited"]
    assert prov.credits[0].speaker == "Ines Marlow"
    assert [a.same_story for a in prov.appearances] == [False, False, True, False, False]


def test_the_utterance_is_the_same_from_any_of_its_printings(harbour: Store) -> None:
    ids = [_qid(harbour, aid) for aid in ("first", "part", "credited")]
    found = harbour.quote_provenance(ids + ["nosuch-1-5", "not an id"])
    assert sorted(found) == sorted(ids)
    groups = {tuple(a.article_id for a in p.appearances) for p in found.values()}
    assert groups == {("first", "copy", "respelt", "credited", "part")}
    assert found[ids[0]].is_first
    # seen from the article that credits Aalders, the others are the disputed ones
    assert {a.article_id for a in found[ids[2]].disputed} == {"first", "copy", "respelt", "part"}


def test_printings_asked_about_together_are_still_one_utterance(store: Store) -> None:
    """A person page asks for the originals of several stories at once: two of them print the same words."""
    store.upsert_articles([
        _article("one", SAID, "Ines Marlow", site="quay.example", published="2024-06-01T08:00:00+00:00"),
        _article("two", RESPELT, "Ines Marlow", site="gazette.example", published="2024-06-02T08:00:00+00:00"),
    ])
    ids = [_qid(store, "one"), _qid(store, "two")]
    found = store.quote_provenance(ids)
    assert [a.article_id for a in found[ids[0]].appearances] == ["one", "two"]
    assert [a.article_id for a in found[ids[1]].appearances] == ["one", "two"]


def test_other_quotes_and_short_stock_phrases_stay_out(harbour: Store) -> None:
    unrelated = _qid(harbour, "unrelated")
    assert [a.article_id for a in harbour.quote_provenance([unrelated])[unrelated].appearances] == ["unrelated"]
    # "We will rebuild": only the syndicated copy of its own story, not the same words elsewhere
    short = _qid(harbour, "short-2")
    assert [a.article_id for a in harbour.quote_provenance([short])[short].appearances] == ["short-2", "short-copy"]
    lone = _qid(harbour, "short-1")
    assert [a.article_id for a in harbour.quote_provenance([lone])[lone].appearances] == ["short-1"]


def test_an_updated_article_takes_its_old_printing_out(harbour: Store) -> None:
    harbour.upsert_articles([_article("respelt", "Nothing about the harbour was said today at all, he added", "Marlow",
                                      site="gazette.example", published="2024-06-02T09:00:00+00:00")])
    asked = _qid(harbour, "first")
    assert "respelt" not in [a.article_id for a in harbour.quote_provenance([asked])[asked].appearances]


def test_the_migration_fills_keys_for_quotes_stored_before_it(db_url: str) -> None:
    from alembic import command

    from presswatch.store.migrate import alembic_config

    store = open_store(db_url)
    store.upsert_articles([
        _article("old-a", SAID, "Ines Marlow", site="quay.example", published="2024-06-01T08:00:00+00:00"),
        _article("old-b", RESPELT, "Ines Marlow", site="gazette.example", published="2024-06-02T08:00:00+00:00"),
    ])
    engine = store.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        with conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0009")
            assert "quote_keys" not in sa.inspect(conn).get_table_names()
            command.upgrade(config, "head")
    asked = _qid(store, "old-b")
    try:
        assert [a.article_id for a in store.quote_provenance([asked])[asked].appearances] == ["old-a", "old-b"]
    finally:
        store.close()
