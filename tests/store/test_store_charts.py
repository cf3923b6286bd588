"""The counts behind the charts, on SQLite and PostgreSQL: articles per month and per outlet with
syndicated copies apart and undated articles apart, the most quoted for a search, a person's quotes
and roles over time."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_fixtures import make_article, person, quote

from presswatch.errors import QueryError
from presswatch.store import Store
from presswatch.store.base import MonthCount, QuoteMonth, RoleMonth, SiteCount, SpeakerCount, person_timeline

SURE = "The night ferry will keep running."
UNSURE = "the timetable was under review"
SHARED = "Crews will be paid for the lost week."
LIND = "Nobody told the drivers."
UNDATED_QUOTE = "We are still counting the boats."


def _ines(*roles: str):
    return person("Ines Kallberg", *roles)


def _store_fixture(store: Store) -> None:
    a1_text = f"Ines Kallberg spoke about the ferry strike. {SURE} Later {UNSURE}."
    a1 = make_article(
        "a1", text=a1_text, site="herald.example", published="2024-01-10T08:00:00+00:00",
        people=(_ines("harbour master"),),
        quotes=(
            replace(quote(SURE, "Ines Kallberg", start=a1_text.index(SURE)), confidence=0.9),
            replace(quote(UNSURE, "Ines Kallberg", start=a1_text.index(UNSURE), kind="indirect"), confidence=0.2),
        ),
    )
    story = f"Ines Kallberg on the ferry timetable. {SHARED}"
    shared = quote(SHARED, "Ines Kallberg", start=story.index(SHARED), kind="indirect")
    cluster = {"cluster_id": "c1", "canonical_id": "a2"}
    a2 = make_article("a2", text=story, site="herald.example", published="2024-03-02T09:00:00+00:00",
                      people=(_ines("Harbour Master"),), quotes=(shared,), is_canonical=True, **cluster)
    a3 = make_article("a3", text=story, site="wire.example", published="2024-03-03T09:00:00+00:00",
                      people=(_ines("harbour master"),), quotes=(shared,), is_canonical=False, **cluster)
    a4 = make_article("a4", text=story, site="other.example", published="2024-04-01T00:30:00+00:00",
                      people=(_ines("port director"),), quotes=(shared,), is_canonical=False, **cluster)
    a5_text = f"Tomas Lind drives the ferry bus. {LIND}"
    a5 = make_article("a5", text=a5_text, site="wire.example", published=None,
                      people=(person("Tomas Lind", "driver"),), quotes=(quote(LIND, "Tomas Lind", start=a5_text.index(LIND)),))
    a6 = make_article("a6", text="The council met about bins.", site="herald.example", published="2024-02-29T23:59:00+00:00")
    a7_text = f"Ines Kallberg again. {UNDATED_QUOTE}"
    a7 = make_article("a7", text=a7_text, site=None, published=None, people=(_ines("harbour master"),),
                      quotes=(quote(UNDATED_QUOTE, "Ines Kallberg", start=a7_text.index(UNDATED_QUOTE), kind="mixed"),))
    store.upsert_articles([a1, a2, a3, a4, a5, a6, a7])


@pytest.fixture
def charted(store: Store) -> Store:
    _store_fixture(store)
    return store


def test_articles_by_month_stack_copies_and_count_undated_apart(charted: Store) -> None:
    assert charted.articles_by_month() == [
        MonthCount("2024-01", 1, 0),
        MonthCount("2024-02", 1, 0),
        MonthCount("2024-03", 1, 1),
        MonthCount("2024-04", 0, 1),
        MonthCount(None, 2, 0),
    ]
    # every article counted once: the months add up to what a search finds
    assert sum(c.total for c in charted.articles_by_month()) == charted.search(None).total == 7


def test_articles_by_month_take_the_search_filters(charted: Store) -> None:
    assert charted.articles_by_month("ferry") == [
        MonthCount("2024-01", 1, 0), MonthCount("2024-03", 1, 1), MonthCount("2024-04", 0, 1), MonthCount(None, 1, 0),
    ]
    # dated filters leave the undated out, as a search does
    assert charted.articles_by_month(since="2024-03-01") == [MonthCount("2024-03", 1, 1), MonthCount("2024-04", 0, 1)]
    assert charted.articles_by_month(until="2024-02-29") == [MonthCount("2024-01", 1, 0), MonthCount("2024-02", 1, 0)]
    assert charted.articles_by_month(site="wire.example") == [MonthCount("2024-03", 0, 1), MonthCount(None, 1, 0)]
    assert charted.articles_by_month(person="Kallberg") == [
        MonthCount("2024-01", 1, 0), MonthCount("2024-03", 1, 1), MonthCount("2024-04", 0, 1), MonthCount(None, 1, 0),
    ]
    assert charted.articles_by_month("nothingmatchesthis") == []
    with pytest.raises(QueryError):
        charted.articles_by_month('"ferry')


def test_articles_by_site_most_first_with_copies_apart(charted: Store) -> None:
    assert charted.articles_by_site() == [
        SiteCount("herald.example", 3, 0),
        SiteCount("wire.example", 1, 1),
        SiteCount("other.example", 0, 1),
        SiteCount(None, 1, 0),
    ]
    assert charted.articles_by_site(limit=2) == [SiteCount("herald.example", 3, 0), SiteCount("wire.example", 1, 1)]
    assert charted.articles_by_site("paid") == [
        SiteCount("herald.example", 1, 0), SiteCount("other.example", 0, 1), SiteCount("wire.example", 0, 1),
    ]


def test_most_quoted_counts_utterances_over_the_threshold(charted: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ines: the sure quote, the story's quote once for its three copies, the undated one; the unsure one not
    assert charted.most_quoted() == [
        SpeakerCount("ines-kallberg", "Ines Kallberg", 3, 3),
        SpeakerCount("tomas-lind", "Tomas Lind", 1, 1),
    ]
    assert charted.most_quoted(limit=1) == [SpeakerCount("ines-kallberg", "Ines Kallberg", 3, 3)]
    assert charted.most_quoted("paid") == [SpeakerCount("ines-kallberg", "Ines Kallberg", 1, 1)]
    assert charted.most_quoted(since="2024-03-03") == [SpeakerCount("ines-kallberg", "Ines Kallberg", 1, 1)]
    # the person page agrees
    assert charted.person("ines-kallberg").summary.quote_count == 3
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "0.1")
    assert charted.most_quoted()[0] == SpeakerCount("ines-kallberg", "Ines Kallberg", 4, 3)


def test_person_timeline_counts_what_the_person_page_lists(charted: Store) -> None:
    timeline = person_timeline(charted.person("ines-kallberg"))
    assert timeline.person_id == "ines-kallberg"
    # the story's quote is dated by its original (a2, March), not by its later copies
    assert timeline.quotes == (
        QuoteMonth("2024-01", direct=1),
        QuoteMonth("2024-03", indirect=1),
        QuoteMonth(None, mixed=1),
    )
    assert timeline.roles == (
        RoleMonth("harbour master", "2024-01", 1),
        RoleMonth("harbour master", "2024-03", 2),  # "Harbour Master" in a2 is the same role
        RoleMonth("harbour master", None, 1),
        RoleMonth("port director", "2024-04", 1),
    )


def test_source_stats_for_a_search(charted: Store) -> None:
    assert charted.source_stats().total.quotes == 4  # the unsure quote left out, the story's once
    assert charted.source_stats(query="paid").total.quotes == 1
    assert charted.source_stats(person="Lind").total.named_people == 1
    assert charted.source_stats(query="paid", site="wire.example").total.quotes == 0  # the original is herald's
    with pytest.raises(QueryError):
        charted.source_stats(query="AND")
