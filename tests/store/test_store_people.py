"""Contract: people with roles across articles, a person's page, and quote search."""

from __future__ import annotations

import pytest

from presswatch.errors import NotFound
from presswatch.store import Store, person_id_for
from store_fixtures import make_article, person, quote


@pytest.fixture
def quoted(store: Store) -> Store:
    store.upsert_articles(
        [
            make_article(
                "early", title="Council meets", site="a.example", published="2023-05-01T10:00:00+00:00",
                text="Patrushev spoke first.",
                people=(person("Nikolai Patrushev", "secretary of the Security Council", mentions=3),),
                # The speaker as the quote found it, by surname only: it must still land on his page.
                quotes=(quote("We will respond.", "Patrushev", role="secretary of the Security Council"),),
            ),
            make_article(
                "late", title="Aide moves on", site="b.example", published="2024-06-01T10:00:00+00:00",
                text="Patrushev, now an aide, and Maria Zakharova spoke.",
                people=(person("Nikolai Patrushev", "presidential aide"), person("Maria Zakharova", "spokeswoman")),
                quotes=(
                    quote("The ferry talks failed.", "Nikolai Patrushev", role="presidential aide"),
                    quote("No comment on ferries.", "Maria Zakharova", kind="indirect", start=30),
                    quote("Somebody said something.", None, start=60),
                ),
            ),
        ]
    )
    return store


def test_person_id_is_a_slug_of_the_full_name() -> None:
    assert person_id_for("Nikolai Patrushev") == "nikolai-patrushev"
    assert person_id_for("José  Álvarez-Núñez") == "jose-alvarez-nunez"
    assert person_id_for("nikolai-patrushev") == "nikolai-patrushev"


def test_people_are_listed_most_mentioned_first_and_filtered_by_name(quoted: Store) -> None:
    everyone = quoted.people()
    assert [p.id for p in everyone] == ["nikolai-patrushev", "maria-zakharova"]
    top = everyone[0]
    assert (top.name, top.article_count, top.quote_count) == ("Nikolai Patrushev", 2, 2)
    assert top.roles == ("secretary of the Security Council", "presidential aide")
    assert [p.id for p in quoted.people("zakh")] == ["maria-zakharova"]
    assert quoted.people("nobody") == []
    assert [p.id for p in quoted.people(limit=1, offset=1)] == ["maria-zakharova"]


def test_person_detail_has_names_roles_over_time_and_quotes_newest_first(quoted: Store) -> None:
    detail = quoted.person("nikolai-patrushev")
    assert detail.summary.name == "Nikolai Patrushev"
    assert "Patrushev" in detail.names_seen and detail.names_seen[0] == "Nikolai Patrushev"
    assert [(r.role, r.article_id) for r in detail.roles_over_time] == [
        ("secretary of the Security Council", "early"),
        ("presidential aide", "late"),
    ]
    assert [h.quote.text for h in detail.quotes] == ["The ferry talks failed.", "We will respond."]
    assert detail.quotes[0].article_title == "Aide moves on" and detail.quotes[0].site == "b.example"
    assert detail.article_ids == ("late", "early")
    # A name works as well as the id.
    assert quoted.person("Nikolai Patrushev").summary.id == "nikolai-patrushev"


def test_unknown_person_is_not_found(quoted: Store) -> None:
    with pytest.raises(NotFound):
        quoted.person("nobody-at-all")


def test_quotes_by_text_and_speaker(quoted: Store) -> None:
    assert [h.quote.text for h in quoted.quotes("ferr")] == ["The ferry talks failed.", "No comment on ferries."]
    hits = quoted.quotes(speaker="Maria Zakharova")
    assert [(h.quote.text, h.quote.kind, h.speaker_id) for h in hits] == [("No comment on ferries.", "indirect", "maria-zakharova")]
    assert [h.quote.text for h in quoted.quotes(speaker="patrushev")] == ["The ferry talks failed.", "We will respond."]
    assert [h.quote.text for h in quoted.quotes("ferry", speaker="nikolai-patrushev")] == ["The ferry talks failed."]
    assert len(quoted.quotes()) == 4
    assert len(quoted.quotes(limit=2)) == 2


def test_quote_offsets_survive_the_round_trip(quoted: Store) -> None:
    hit = quoted.quotes(speaker="Maria Zakharova")[0]
    assert (hit.quote.start, hit.quote.end) == (30, 30 + len("No comment on ferries."))


def test_a_person_speaking_with_unnamed_companions_lands_on_the_persons_page(store: Store) -> None:
    store.upsert_articles(
        [
            make_article(
                "joint", title="Board resigns", site="c.example", published="2024-07-01T10:00:00+00:00",
                text="Ann Lee and her aides said the plan had failed.",
                people=(person("Ann Lee", "board chair"),),
                quotes=(quote("the plan had failed", "Ann Lee and her aides", kind="indirect", start=27),),
            )
        ]
    )
    assert [p.id for p in store.people()] == ["ann-lee"]  # no page for "Ann Lee and her aides"
    detail = store.person("ann-lee")
    assert [(h.quote.text, h.quote.speaker) for h in detail.quotes] == [("the plan had failed", "Ann Lee and her aides")]
    assert [h.quote.text for h in store.quotes(speaker="Ann Lee")] == ["the plan had failed"]
