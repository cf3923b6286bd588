"""Contract: a quote repeated by syndicated copies of one story is one utterance, given by the original,
with the copies listed; and a search snippet shows the body text when the body matches."""

from __future__ import annotations

import pytest

from presswatch.store import ClusterAssignment, Store
from store_fixtures import make_article, person, quote

FROST = "Growers counted the damage on Tuesday. \u201cWe lost the early varieties in one night,\u201d Tomas Reyes said."
SAID = "We lost the early varieties in one night"


@pytest.fixture
def frost(store: Store) -> Store:
    reyes = (person("Tomas Reyes", "orchard owner"),)
    copies = [
        # The wire copy is the oldest row by id but not the original: the cluster says which is.
        ("frost-a", "valley.example", "2024-04-02T10:00:00+00:00", SAID),
        ("frost-b", "ledger.example", "2024-04-02T16:00:00+00:00", SAID),
        # A copy whose extraction differs only in case still carries the same words.
        ("frost-c", "wire.example", "2024-04-03T07:00:00+00:00", SAID.lower()),
    ]
    articles = [
        make_article(aid, title=f"Frost hits orchards ({site})", text=FROST, site=site, published=published,
                     people=reyes, quotes=(quote(text, "Tomas Reyes", start=FROST.index(SAID)),))
        for aid, site, published, text in copies
    ]
    other = make_article(
        "cider", title="Cider season opens", text="\u201cThe apples that survived are sweet,\u201d Reyes said.",
        site="valley.example", published="2024-05-01T09:00:00+00:00", people=reyes,
        quotes=(quote("The apples that survived are sweet", "Reyes", start=1),),
    )
    store.write_batch(
        [*articles, other],
        assignments=[
            ClusterAssignment("frost-a", "cl-frost", "frost-b", False),
            ClusterAssignment("frost-b", "cl-frost", "frost-b", True),
            ClusterAssignment("frost-c", "cl-frost", "frost-b", False),
        ],
    )
    return store


def test_person_page_lists_each_utterance_once_from_the_original(frost: Store) -> None:
    detail = frost.person("tomas-reyes")
    assert [h.quote.text for h in detail.quotes] == ["The apples that survived are sweet", SAID]
    said = detail.quotes[1]
    assert (said.article_id, said.site) == ("frost-b", "ledger.example")
    assert [(c.article_id, c.site) for c in said.copies] == [("frost-a", "valley.example"), ("frost-c", "wire.example")]
    assert said.copies[0].article_title == "Frost hits orchards (valley.example)"
    assert said.copies[0].published == "2024-04-02T10:00:00+00:00"
    assert detail.quotes[0].copies == ()
    # quote_count counts what was said, not how often it was reprinted
    assert detail.summary.quote_count == 2
    assert [p.quote_count for p in frost.people("reyes")] == [2]


def test_quote_search_groups_copies_and_pages_by_utterance(frost: Store) -> None:
    hits = frost.quotes("varieties")
    assert len(hits) == 1 and hits[0].article_id == "frost-b" and len(hits[0].copies) == 2
    everything = frost.quotes(speaker="Tomas Reyes")
    assert [len(h.copies) for h in everything] == [0, 2]
    page_two = frost.quotes(speaker="Tomas Reyes", limit=1, offset=1)
    assert [(h.article_id, len(h.copies)) for h in page_two] == [("frost-b", 2)]
    assert frost.quotes(speaker="Tomas Reyes", limit=1, offset=2) == []


def test_the_same_words_in_unrelated_stories_stay_separate(store: Store) -> None:
    text = "\u201cWe will rebuild,\u201d the mayor said."
    store.upsert_articles([
        make_article(aid, title=aid, text=text, published=f"2024-0{n}-01T00:00:00+00:00",
                     quotes=(quote("We will rebuild", "Ana Lima", start=1),), people=(person("Ana Lima"),))
        for n, aid in enumerate(["flood", "fire"], start=1)
    ])
    hits = store.quotes(speaker="Ana Lima")
    assert [(h.article_id, h.copies) for h in hits] == [("fire", ()), ("flood", ())]
    assert store.person("ana-lima").summary.quote_count == 2


def test_snippet_prefers_the_body_when_the_body_matches(store: Store) -> None:
    store.upsert_articles([
        make_article("strike", title="Harbour strike halts ferries across the bay",
                     standfirst="Dock workers walk out over pay.",
                     text="Ferry services stopped on Monday. Twelve ferries stayed in port all day.",
                     published="2024-03-04T09:30:00+00:00"),
        make_article("title-only", title="Ferries for sale", text="A shipyard has two old boats on offer.",
                     published="2024-03-05T09:30:00+00:00"),
        make_article("standfirst", title="Quiet docks", standfirst="No ferries ran on Sunday.",
                     text="The harbour was calm.", published="2024-03-06T09:30:00+00:00"),
    ])
    snippets = {h.article.id: h.snippet for h in store.search("ferries").items}
    assert "<mark>" in snippets["strike"] and "Twelve" in snippets["strike"], snippets["strike"]
    assert "Harbour strike" not in snippets["strike"]
    # no body match: the title is what matched, so the title is shown
    assert "<mark>Ferries</mark> for sale" in snippets["title-only"]
    assert "<mark>ferries</mark> ran on Sunday" in snippets["standfirst"]
