"""Identity across articles, on the names alone (no database): which written forms are one person."""

from __future__ import annotations

import itertools

from presswatch.people.identity import NameSeen, parse_name, resolve_block


def seen(name: str, *articles: str, evidence: tuple[str, ...] = ()) -> NameSeen:
    return NameSeen(name, frozenset(articles), frozenset(evidence))


def ids(resolutions) -> dict[str, str | None]:
    return {r.key: r.person_id for r in resolutions}


def test_titles_honorifics_and_middle_initials_are_not_part_of_the_name() -> None:
    forms = [parse_name(n) for n in ("Orla Vantreece", "Orla K. Vantreece", "Mayor Orla Vantreece", "Ms. Vantreece")]
    assert {(f.given, f.surname) for f in forms[:3]} == {("Orla", "Vantreece")}
    assert (forms[3].given, forms[3].surname) == ("", "Vantreece")
    assert len({f.block for f in forms}) == 1


def test_variants_of_one_name_are_one_person() -> None:
    result = ids(resolve_block([
        seen("Orla Vantreece", "a1", "a2", "a3"),
        seen("Orla K. Vantreece", "a4"),
        seen("Mayor Vantreece", "a5", evidence=("title",)),
        seen("Ms. Vantreece", "a6", evidence=("title",)),
        seen("Vantreece", "a7", evidence=("speech",)),
    ]))
    assert set(result.values()) == {"orla-vantreece"}


def test_transliterations_of_one_given_name_and_surname_are_one_person() -> None:
    result = ids(resolve_block([seen("Dmitri Pelzhenko", "a1", "a2"), seen("Dmitry Pelzhenko", "a3")]))
    assert result == {"dmitri-pelzhenko": "dmitri-pelzhenko", "dmitry-pelzhenko": "dmitri-pelzhenko"}
    result = ids(resolve_block([seen("Taras Hrebenskyy", "a1"), seen("Taras Hrebensky", "a2", "a3")]))
    assert set(result.values()) == {"taras-hrebensky"}
    assert parse_name("Hrebenskyy").block == parse_name("Hrebensky").block


def test_two_given_names_with_one_surname_stay_two_people() -> None:
    result = ids(resolve_block([seen("Orla Vantreece", "a1"), seen("Brendan Vantreece", "a2"), seen("Mark Vantreece", "a3"), seen("Mary Vantreece", "a4")]))
    assert len(set(result.values())) == 4


def test_a_bare_surname_attaches_only_to_a_dominant_person_and_says_why() -> None:
    dominant = resolve_block([
        seen("Orla Vantreece", *(f"a{n}" for n in range(8))),
        seen("Brendan Vantreece", "b1"),
        seen("Vantreece", "c1", evidence=("speech",)),
    ])
    bare = next(r for r in dominant if r.key == "vantreece")
    assert bare.person_id == "orla-vantreece"
    assert "8 articles" in bare.evidence and "1" in bare.evidence
    balanced = ids(resolve_block([
        seen("Orla Vantreece", "a1", "a2"),
        seen("Brendan Vantreece", "b1", "b2"),
        seen("Vantreece", "c1", evidence=("speech",)),
    ]))
    assert balanced["vantreece"] == "vantreece"  # ambiguous: a page of its own, not a guess


def test_a_lone_word_with_no_person_evidence_is_no_person() -> None:
    assert ids(resolve_block([seen("Quillfeed", "a1", "a2")])) == {"quillfeed": None}
    assert ids(resolve_block([seen("Quillfeed", "a1", evidence=("pronoun",))])) == {"quillfeed": "quillfeed"}
    # the same word as a known person's surname elsewhere is that person when an article gives it person
    # evidence; with none (a currency or a brand that happens to be someone's surname) it is no one
    assert ids(resolve_block([seen("Quillfeed", "a1", evidence=("speech",)), seen("Ada Quillfeed", "a2")]))["quillfeed"] == "ada-quillfeed"
    lone = {r.key: r for r in resolve_block([seen("Quillfeed", "a1"), seen("Ada Quillfeed", "a2")])}
    assert lone["quillfeed"].person_id is None and "Quillfeed is known" in lone["quillfeed"].evidence


def test_a_full_name_needs_a_known_given_name_a_name_like_one_or_person_evidence() -> None:
    # the name list knows "Ada"
    assert ids(resolve_block([seen("Ada Quillfeed", "a1")])) == {"ada-quillfeed": "ada-quillfeed"}
    # "Mortal" is an English word and no given name the list knows: two capitalised words are not enough
    result = {r.key: r for r in resolve_block([seen("Mortal Quillfeed", "a1", evidence=("full_name",))])}
    assert result["mortal-quillfeed"].person_id is None and "no known given name" in result["mortal-quillfeed"].evidence
    for evidence in ("title", "role", "pronoun", "speech", "surname", "listed", "agent", "relation"):
        assert ids(resolve_block([seen("Mortal Quillfeed", "a1", evidence=(evidence,))]))["mortal-quillfeed"] == "mortal-quillfeed", evidence
    # one article's evidence makes the person in every article naming it
    both = ids(resolve_block([seen("Starry Quillfeed", "a1"), seen("Starry Quillfeed", "a2", evidence=("speech",))]))
    assert both == {"starry-quillfeed": "starry-quillfeed"}
    # a given name the list lacks that is no English word either is written like a name
    assert ids(resolve_block([seen("Tavrek Quillfeed", "a1")]))["tavrek-quillfeed"] == "tavrek-quillfeed"
    # a generational suffix is a person's
    assert ids(resolve_block([seen("Mortal Quillfeed Jr.", "a1")]))["mortal-quillfeed-jr"] is not None
    # a hyphenated first name the list knows by a part
    assert ids(resolve_block([seen("Jean-Mortal Quillfeed", "a1")]))["jean-mortal-quillfeed"] == "jean-mortal-quillfeed"


def test_an_unknown_given_name_with_the_surname_of_a_known_person_is_a_person() -> None:
    result = ids(resolve_block([seen("Ada Quillfeed", "a1"), seen("Starry Quillfeed", "a2")]))
    assert result == {"ada-quillfeed": "ada-quillfeed", "starry-quillfeed": "starry-quillfeed"}
    # a sound-alike surname is not the same surname
    assert ids(resolve_block([seen("Ada Quilfeed", "a1"), seen("Starry Quillfeed", "a2")]))["starry-quillfeed"] is None


def test_names_of_places_bodies_events_and_products_are_no_people() -> None:
    # a last word for a place, a body, an event or a product: no person whatever the evidence
    for name in ("Kestrel Falls", "Holt Studio", "Peter Holt Design", "Davis Merrow Cup", "Vexa Ultra", "Kestrel State"):
        result = resolve_block([seen(name, "a1", evidence=("speech", "role"))])
        assert [r.person_id for r in result] == [None], name
        assert "ends in" in result[0].evidence
    # a last word that is also a surname: a person only with a given name the name list knows
    assert ids(resolve_block([seen("Marrowvale Park", "a1", evidence=("speech",))]))["marrowvale-park"] is None
    assert ids(resolve_block([seen("Ada Park", "a1")]))["ada-park"] == "ada-park"
    assert ids(resolve_block([seen("Fiona Hill", "a1", evidence=("speech",))]))["fiona-hill"] == "fiona-hill"
    # and a bare word does not attach to such a name ("Falls" is no one)
    assert ids(resolve_block([seen("Kestrel Falls", "a1"), seen("Falls", "a2", evidence=("speech",))]))["falls"] != "kestrel-falls"


def test_a_lone_word_most_articles_give_no_person_evidence_is_no_person() -> None:
    # a platform named in nine articles, one of which has it "say" something, is no person
    platform = NameSeen("Chirper", frozenset(f"a{i}" for i in range(9)), frozenset({"speech"}), frozenset({"a0"}))
    # a surname with a title or speech in most of the articles that name it is one
    mayor = NameSeen("Vantreece", frozenset({"b1", "b2", "b3"}), frozenset({"title", "speech"}), frozenset({"b1", "b2"}))
    result = {r.key: r for r in resolve_block([platform]) + resolve_block([mayor])}
    assert result["chirper"].person_id is None and "most articles" in result["chirper"].evidence
    assert result["vantreece"].person_id == "vantreece"


def test_a_glued_title_from_run_together_headlines_is_cut() -> None:
    form = parse_name("Ted VantreeceSen")
    assert (form.given, form.surname) == ("Ted", "Vantreece")


def test_identity_does_not_depend_on_the_order_names_arrive_in() -> None:
    names = [
        seen("Orla Vantreece", "a1", "a2", "a3", "a4"),
        seen("Orla K. Vantreece", "a5"),
        seen("Brendan Vantreece", "a6"),
        seen("Vantreece", "a7", evidence=("speech",)),
        seen("Dmitri Vantreece", "a8"),
        seen("Dmitry Vantreece", "a9"),
    ]
    answers = {tuple(sorted(ids(resolve_block(order)).items(), key=str)) for order in itertools.permutations(names)}
    assert len(answers) == 1


def test_different_middle_initials_are_different_people_and_a_bare_full_name_between_them_stays_apart() -> None:
    result = ids(resolve_block([
        seen("Arlen H.W. Quist", "a1", "a2"), seen("Arlen W. Quist", "a3"), seen("Arlen Quist", "a4"),
    ]))
    assert result["arlen-h-w-quist"] != result["arlen-w-quist"]
    assert result["arlen-quist"] not in (result["arlen-h-w-quist"], result["arlen-w-quist"])
    # one middle initial and none: one person
    assert len(set(ids(resolve_block([seen("Arlen W. Quist", "a1"), seen("Arlen Quist", "a2")])).values())) == 1
