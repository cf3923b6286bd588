"""Person pages, most-quoted counts and source shares credit only quotes sure enough to show; the
quote list keeps every quote with its confidence (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_fixtures import make_article, person, quote

from presswatch.store import Store

SURE = "The ferry will run all winter."
UNSURE = "the timetable which the council described"


def _stored(store: Store) -> str:
    text = f"Harbour master Ines Kallberg spoke. {SURE} Then {UNSURE}."
    sure = replace(quote(SURE, "Ines Kallberg", start=text.index(SURE)), confidence=0.93)
    unsure = replace(quote(UNSURE, "Ines Kallberg", start=text.index(UNSURE), kind="indirect"), confidence=0.21)
    store.upsert_articles([make_article("ferry1", text=text, people=(person("Ines Kallberg", "harbour master"),), quotes=(sure, unsure))])
    [summary] = store.people()
    return summary.id


def test_a_person_page_credits_only_quotes_over_the_threshold(store: Store) -> None:
    pid = _stored(store)
    page = store.person(pid)
    assert [q.quote.text for q in page.quotes] == [SURE]
    assert store.people()[0].quote_count == 1
    assert sorted(h.quote.text for h in store.quotes()) == sorted([SURE, UNSURE])  # the list keeps both
    assert [h.quote.text for h in store.quotes(min_confidence=0.5)] == [SURE]


def test_the_threshold_is_a_setting(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = _stored(store)
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "0.1")
    assert len(store.person(pid).quotes) == 2 and store.people()[0].quote_count == 2
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "0.95")
    assert store.person(pid).quotes == () and store.people()[0].quote_count == 0
