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


# --- identity across articles ---------------------------------------------------------------

def _named(article_id: str, *names: str, speaker: str | None = None, published: str = "2024-01-01T09:00:00+00:00"):
    return make_article(
        article_id, text="Text.", published=published,
        people=tuple(person(n) for n in names),
        quotes=(quote("We stand ready.", speaker),) if speaker else (),
    )


def _variant_articles():
    return [
        _named("v1", "Orla Vantreece", speaker="Orla Vantreece"),
        _named("v2", "Orla Vantreece"),
        _named("v3", "Orla K. Vantreece"),
        _named("v4", "Mayor Orla Vantreece"),
        _named("v5", "Ms. Vantreece", speaker="Ms. Vantreece"),
        _named("v6", "Brendan Vantreece"),
        _named("v7", "Dmitri Pelzhenko"),
        _named("v8", "Dmitry Pelzhenko", speaker="Dmitry Pelzhenko"),
    ]


def _pages(store: Store) -> dict[str, tuple[str, ...]]:
    return {p.id: store.person(p.id).names_seen for p in store.people()}


def test_variants_of_a_name_end_on_one_page_and_two_people_of_one_surname_stay_two(store: Store) -> None:
    store.upsert_articles(_variant_articles())
    pages = _pages(store)
    assert sorted(pages) == ["brendan-vantreece", "dmitri-pelzhenko", "orla-vantreece"]
    orla = store.person("orla-vantreece")
    assert orla.summary.article_count == 5
    assert {"Orla K. Vantreece", "Mayor Orla Vantreece", "Ms. Vantreece"} <= set(orla.names_seen)
    assert orla.summary.quote_count == 2
    # the record says who is who: people[] and quotes carry the person's id after the merge
    article = store.get_article("v5")
    assert article.people[0].person_id == "orla-vantreece"
    assert article.quotes[0].speaker_person_id == "orla-vantreece"
    assert store.get_article("v8").quotes[0].speaker_person_id == "dmitri-pelzhenko"
    # a name or a variant finds the person
    assert store.person("Dmitry Pelzhenko").summary.id == "dmitri-pelzhenko"
    assert store.search(None, person="Orla K. Vantreece").total == 5


def test_identity_does_not_depend_on_ingest_order(tmp_path) -> None:
    from presswatch.store import open_store

    results = []
    batches = _variant_articles()
    for n, order in enumerate((batches, batches[::-1], batches[3:] + batches[:3])):
        with open_store(str(tmp_path / f"order{n}.db")) as s:
            for article in order:  # one article per batch: the most incremental way in
                s.upsert_articles([article])
            results.append((_pages(s), {a.id: [p.person_id for p in a.people] for a in s.iter_articles()}))
    assert results[0] == results[1] == results[2]


def test_a_new_article_can_merge_two_people_and_the_old_id_redirects(store: Store) -> None:
    store.upsert_articles([_named("m1", "Vantreece", speaker="Vantreece"), _named("m2", "Vantreece", speaker="Vantreece")])
    assert [p.id for p in store.people()] == ["vantreece"]
    store.upsert_articles([_named("m3", "Orla Vantreece")])
    assert [p.id for p in store.people()] == ["orla-vantreece"]
    assert store.person("vantreece").summary.id == "orla-vantreece"  # the retired id still finds her
    assert store.get_article("m1").quotes[0].speaker_person_id == "orla-vantreece"
    assert store.person("orla-vantreece").summary.quote_count == 2


def test_a_single_word_with_no_person_evidence_is_no_person_but_stays_an_entity(store: Store) -> None:
    from presswatch.model import Entity

    brand = make_article("b1", text="Quillfeed grew fast.", people=(person("Quillfeed"),))
    brand = brand.__class__(**{**{f: getattr(brand, f) for f in brand.__dataclass_fields__},
                               "entities": (Entity("Quillfeed", "PERSON", 0, 9),)})
    store.upsert_articles([brand, _named("b2", "Quillfeed")])
    assert store.people() == []
    assert store.get_article("b1").entities == (Entity("Quillfeed", "PERSON", 0, 9),)
    assert store.get_article("b1").people[0].person_id is None
    # a person of that surname elsewhere does not make a word no article gives person evidence for that
    # person (a currency or a brand that is someone's surname)...
    store.upsert_articles([_named("b3", "Ada Quillfeed")])
    assert [(p.id, p.article_count) for p in store.people()] == [("ada-quillfeed", 1)]
    assert store.get_article("b1").people[0].person_id is None
    # ...an article where it speaks does, and the word is that person in every article naming it
    store.upsert_articles([_named("b4", "Quillfeed", speaker="Quillfeed")])
    assert [(p.id, p.article_count) for p in store.people()] == [("ada-quillfeed", 4)]


def test_a_product_or_a_full_name_with_no_person_evidence_is_no_person_until_an_article_gives_some(store: Store) -> None:
    from presswatch.model import Entity

    product = make_article("g1", text="The Vexa Ultra sold out.", people=(person("Vexa Ultra"),))
    product = product.__class__(**{**{f: getattr(product, f) for f in product.__dataclass_fields__},
                                   "entities": (Entity("Vexa Ultra", "PERSON", 4, 14),)})
    store.upsert_articles([product, _named("g2", "Vexa Ultra", speaker="Vexa Ultra")])
    assert store.people() == []  # a product's name, whatever is said of it
    assert store.get_article("g1").entities == (Entity("Vexa Ultra", "PERSON", 4, 14),)
    # an English word the name list does not know as a given name, and nothing that says a person: no one yet
    store.upsert_articles([_named("g3", "Mortal Olundi")])
    assert store.people() == []
    # another article has him speak: he is a person, on both pages
    store.upsert_articles([_named("g4", "Mortal Olundi", speaker="Mortal Olundi")])
    assert [(p.id, p.article_count) for p in store.people()] == [("mortal-olundi", 2)]
    assert store.get_article("g3").people[0].person_id == "mortal-olundi"


def test_a_platform_that_says_something_in_one_article_of_many_is_no_person(store: Store) -> None:
    # "Chirper said in a statement" in one article; eight others only name it
    store.upsert_articles([_named("c0", "Chirper", speaker="Chirper")] + [_named(f"c{i}", "Chirper") for i in range(1, 9)])
    assert store.people() == []
    # a surname that speaks or has a title in most articles naming it is a person
    store.upsert_articles([_named("d1", "Vantreece", speaker="Vantreece"), _named("d2", "Mayor Vantreece"),
                           _named("d3", "Vantreece")])
    assert [p.id for p in store.people()] == ["vantreece"]
