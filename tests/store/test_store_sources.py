"""Contract: who gets quoted, per outlet and month, syndicated copies counted once."""

from __future__ import annotations

import pytest

from presswatch.errors import QueryError
from presswatch.model import Mention, Person, Quote
from presswatch.store import Store
from store_fixtures import make_article, quote


def _person(name: str, *cues: str) -> Person:
    return Person(name=name, mentions=(Mention(name, 0, len(name)),), gender_cues=cues)


def _org_quote(text: str, speaker: str) -> Quote:
    return Quote(text=text, kind="direct", speaker=speaker, speaker_type="org", speaker_role=None, cue="said", start=0, end=len(text))


@pytest.fixture
def newsroom(store: Store) -> Store:
    store.upsert_articles([
        make_article(
            "s1", site="a.example", published="2024-01-10T09:00:00+00:00", text="Harbour news.",
            people=(_person("Margaret Holloway"), _person("Thomas Brandt")),
            quotes=(
                quote("The pier is safe.", "Margaret Holloway"),
                quote("Repairs start soon.", "Margaret Holloway", start=20),
                quote("Fares will rise.", "Thomas Brandt", start=40),
                _org_quote("We regret the delay.", "Harbour Authority"),
                quote("Nobody told us.", None, start=60),
            ),
        ),
        make_article(
            "s2", site="b.example", published="2024-02-03T09:00:00+00:00", text="Ferry news.",
            people=(_person("Zorvath Quell", "ms."),), quotes=(quote("The ferry runs.", "Zorvath Quell"),),
            cluster_id="c1", canonical_id="s2", is_canonical=True,
        ),
        make_article(  # a syndicated copy of s2, published later elsewhere
            "s3", site="c.example", published="2024-02-04T09:00:00+00:00", text="Ferry news.",
            people=(_person("Zorvath Quell", "ms."),), quotes=(quote("The ferry runs.", "Zorvath Quell"),),
            cluster_id="c1", canonical_id="s2", is_canonical=False,
        ),
    ])
    return store


def test_shares_by_gender_and_source_kind_count_copies_once(newsroom: Store) -> None:
    stats = newsroom.source_stats()
    t = stats.total
    assert (t.quotes, t.named_people, t.organisations, t.anonymous) == (6, 4, 1, 1)
    assert (t.women, t.men, t.gender_unknown) == (3, 1, 0)
    assert t.share_women == 0.75 and t.share_named == round(4 / 6, 4)
    assert [(site, c.quotes) for site, c in stats.by_site] == [("a.example", 5), ("b.example", 1)]
    assert [(month, c.quotes) for month, c in stats.by_month] == [("2024-01", 5), ("2024-02", 1)]
    assert [(p.person_id, p.gender, p.quotes) for p in stats.top_people] == [
        ("margaret-holloway", "female", 2), ("thomas-brandt", "male", 1), ("zorvath-quell", "female", 1),
    ]


def test_filters_apply_to_the_original(newsroom: Store) -> None:
    assert newsroom.source_stats(site="c.example").total.quotes == 0  # the copy is counted on b.example
    assert newsroom.source_stats(site="b.example").total.women == 1
    assert newsroom.source_stats(since="2024-02-01").total.quotes == 1
    assert newsroom.source_stats(until="2024-01-10").total.quotes == 5
    with pytest.raises(QueryError):
        newsroom.source_stats(since="last week")


def test_a_person_page_gives_the_gender_estimate_and_why(newsroom: Store) -> None:
    detail = newsroom.person("zorvath-quell")
    assert detail.gender == "female" and "titles" in detail.gender_evidence
