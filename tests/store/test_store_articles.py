"""Contract: articles are upserted idempotently, updated when changed, and come back whole."""

from __future__ import annotations

from dataclasses import replace

import dataclasses

import pytest

from presswatch.errors import NotFound
from presswatch.model import CommentForm, Failure, RemovedLine, content_hash
from presswatch.store import Store, UpsertOutcome
from store_fixtures import make_article, person, quote


def test_new_article_is_stored_and_reads_back_equal(store: Store) -> None:
    article = dataclasses.replace(
        make_article(
            "a1",
            title="Ferry strike halts crossings",
            standfirst="Crews walked out at dawn.",
            text="Crews walked out at dawn.\n\n“We are not moving,” said Anna Petrova.",
            people=(person("Anna Petrova", "union leader", mentions=2),),
            quotes=(quote("We are not moving,", "Anna Petrova", role="union leader", start=27),),
        ),
        removed=(RemovedLine("Please enter your name here", "comment_form"),),
        comment_form=CommentForm(
            fields=("comment", "name"),
            messages=(("comment", "Please enter your comment!"), ("name", "Please enter your name here")),
        ),
        syndication_hint="first appeared in The Harbour Post",
    )
    assert store.upsert_articles([article]) == [UpsertOutcome.STORED]
    # read back with the ids identity gave the person and the speaker, and nothing else changed
    stored = store.get_article("a1")
    assert [p.person_id for p in stored.people] == ["anna-petrova"]
    assert [q.speaker_person_id for q in stored.quotes] == ["anna-petrova"]
    assert stored == replace(
        article,
        people=tuple(replace(p, person_id="anna-petrova") for p in article.people),
        quotes=tuple(replace(q, speaker_person_id="anna-petrova") for q in article.quotes),
    )
    assert store.count_articles() == 1


def test_same_content_again_is_unchanged_and_a_change_updates_the_same_record(store: Store) -> None:
    first = make_article("a1", text="Version one of the story.")
    assert store.upsert_articles([first]) == [UpsertOutcome.STORED]
    assert store.upsert_articles([first]) == [UpsertOutcome.UNCHANGED]

    changed_text = "Version two of the story, corrected."
    second = dataclasses.replace(first, text=changed_text, paragraphs=(changed_text,), content_hash=content_hash(changed_text))
    assert store.upsert_articles([second]) == [UpsertOutcome.UPDATED]
    assert store.count_articles() == 1
    assert store.get_article("a1").text == changed_text
    # The full-text index follows the update: the old wording is gone, the new one is found.
    assert store.search("corrected").total == 1
    assert store.search('"Version one"').total == 0


def test_same_text_with_a_new_title_or_new_quotes_is_updated(store: Store) -> None:
    """Re-ingesting after a better extraction or NLP pass must reach the database, not be skipped
    because the body text is the same."""
    first = make_article("a1", text="Mayor Ada Brook said the pier would reopen.")
    store.upsert_articles([first])
    retitled = dataclasses.replace(first, title="Pier to reopen, mayor says")
    assert store.upsert_articles([retitled]) == [UpsertOutcome.UPDATED]
    assert store.get_article("a1").title == "Pier to reopen, mayor says"
    attributed = dataclasses.replace(retitled, quotes=(quote("the pier would reopen", "Ada Brook", kind="indirect"),))
    assert store.upsert_articles([attributed]) == [UpsertOutcome.UPDATED]
    assert [q.speaker for q in store.get_article("a1").quotes] == ["Ada Brook"]
    assert store.upsert_articles([attributed]) == [UpsertOutcome.UNCHANGED]


def test_batch_reports_each_outcome_in_order(store: Store) -> None:
    store.upsert_articles([make_article("a1", text="one"), make_article("a2", text="two")])
    outcomes = store.upsert_articles(
        [make_article("a1", text="one"), make_article("a2", text="two, edited"), make_article("a3", text="three")]
    )
    assert outcomes == [UpsertOutcome.UNCHANGED, UpsertOutcome.UPDATED, UpsertOutcome.STORED]
    assert [a.id for a in store.iter_articles()] == ["a1", "a2", "a3"]


def test_updating_an_article_replaces_its_people_and_quotes(store: Store) -> None:
    store.upsert_articles(
        [make_article("a1", text="Old text.", people=(person("Ivan Sidorov", "mayor"),), quotes=(quote("Old words.", "Ivan Sidorov"),))]
    )
    assert [p.id for p in store.people()] == ["ivan-sidorov"]
    store.upsert_articles(
        [make_article("a1", text="New text.", people=(person("Olga Kuznetsova", "minister"),), quotes=(quote("New words.", "Olga Kuznetsova"),))]
    )
    assert [p.id for p in store.people()] == ["olga-kuznetsova"]  # nobody names Ivan Sidorov any more
    assert [h.quote.text for h in store.quotes()] == ["New words."]
    with pytest.raises(NotFound):
        store.person("ivan-sidorov")


def test_get_article_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_article("nope")


def test_find_article_by_id_path_and_path_suffix(store: Store) -> None:
    store.upsert_articles([make_article("a1", source_path="/data/scrape/2024/ferry.txt"), make_article("a2", source_path="/data/other.txt")])
    assert store.find_article("a1").id == "a1"
    assert store.find_article("/data/scrape/2024/ferry.txt").id == "a1"
    assert store.find_article("2024/ferry.txt").id == "a1"
    assert store.find_article("./scrape/2024/ferry.txt").id == "a1"
    with pytest.raises(NotFound):
        store.find_article("erry.txt")  # a suffix counts at a folder boundary only
    with pytest.raises(NotFound):
        store.find_article("missing.txt")


def test_failures_are_recorded_once_per_path_and_cleared_by_a_later_success(store: Store) -> None:
    store.record_failures([Failure("inbox/empty.txt", "ingest", "empty file"), Failure("inbox/a1.txt", "extract", "no body")])
    store.record_failures([Failure("inbox/empty.txt", "ingest", "still empty")])
    assert store.failures() == [
        Failure("inbox/a1.txt", "extract", "no body"),
        Failure("inbox/empty.txt", "ingest", "still empty"),
    ]
    outcomes = store.write_batch(
        [make_article("a1", source_path="inbox/a1.txt")], failures=[Failure("inbox/bin.dat", "ingest", "binary file")]
    )
    assert outcomes == [UpsertOutcome.STORED]
    assert [f.source_path for f in store.failures()] == ["inbox/bin.dat", "inbox/empty.txt"]


def test_write_batch_is_one_transaction(store: Store) -> None:
    """A batch that fails part-way (a signature for an article that does not exist) leaves nothing behind."""
    from presswatch.errors import StoreError

    with pytest.raises(StoreError):
        store.write_batch(
            [make_article("a1")],
            failures=[Failure("inbox/x.txt", "ingest", "bad")],
            signatures=[("no-such-article", b"\x00\x01")],
        )
    assert store.count_articles() == 0
    assert store.failures() == []


def test_the_same_article_twice_in_one_batch_keeps_the_last_version(store: Store) -> None:
    first, second = make_article("a1", text="draft"), make_article("a1", text="final")
    assert store.upsert_articles([first, second, second]) == [UpsertOutcome.STORED, UpsertOutcome.UPDATED, UpsertOutcome.UNCHANGED]
    assert store.get_article("a1").text == "final"
    assert store.count_articles() == 1


def test_two_writers_storing_the_same_new_articles_at_once_both_succeed(db_url: str) -> None:
    """Several ingest processes (four stores on one database) reach the same new wire stories at the
    same moment: no batch fails, and each story is stored once with its people and quotes."""
    from concurrent.futures import ThreadPoolExecutor

    from presswatch.store import open_store

    stores = [open_store(db_url) for _ in range(4)]
    try:
        stores[0].upsert_articles([make_article("seed")])  # schema ready before the race
        for round_ in range(5):
            batch = [
                make_article(f"wire-{round_}-{n}", text=f"Ferry story {round_} {n}.",
                             people=(person("Dana Holt", "mayor"),), quotes=(quote("The ferry stays.", "Dana Holt"),))
                for n in range(10)
            ]
            with ThreadPoolExecutor(max_workers=len(stores)) as pool:
                outcomes = list(pool.map(lambda s: s.upsert_articles(batch), stores))
            stored = [o for batch_outcomes in outcomes for o in batch_outcomes if o is UpsertOutcome.STORED]
            assert len(stored) == len(batch)  # each article stored by exactly one writer
            for n in range(10):
                article = stores[0].get_article(f"wire-{round_}-{n}")
                assert [q.text for q in article.quotes] == ["The ferry stays."]
                assert [p.name for p in article.people] == ["Dana Holt"]
    finally:
        for s in stores:
            s.close()
