"""Which printings of a quote are the same quotation (presswatch.dedup.quotes), on hand-written variants."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from presswatch.dedup.quotes import (
    QuoteAppearance,
    build_provenance,
    quote_keys,
    quote_words,
    same_quotation,
)
from quote_variants import AMBIGUOUS, DIFFERENT, HELDOUT_DIFFERENT, HELDOUT_SAME, SAME


@pytest.mark.parametrize(("a", "b"), SAME)
def test_printings_of_one_utterance_are_one_quotation(a: str, b: str) -> None:
    assert same_quotation(quote_words(a), quote_words(b))
    assert same_quotation(quote_words(b), quote_words(a))
    # and the store can find one from the other: they share a lookup key
    assert set(quote_keys(quote_words(a))) & set(quote_keys(quote_words(b)))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_lookalike_utterances_stay_apart(a: str, b: str) -> None:
    assert not same_quotation(quote_words(a), quote_words(b))
    assert not same_quotation(quote_words(b), quote_words(a))


def test_the_rule_beats_a_plain_fuzzy_ratio_on_the_variants() -> None:
    def scores(match) -> tuple[int, int]:
        found = sum(match(quote_words(a), quote_words(b)) for a, b in SAME)
        wrong = sum(match(quote_words(a), quote_words(b)) for a, b in DIFFERENT)
        return found, wrong

    ours = scores(same_quotation)
    assert ours == (len(SAME), 0)
    token_set = scores(lambda a, b: fuzz.token_set_ratio(" ".join(a), " ".join(b)) >= 90)
    assert token_set[1] > 0  # a bag of words cannot see "not"


def test_on_variants_written_after_the_rule_it_finds_most_and_merges_none() -> None:
    found = [same_quotation(quote_words(a), quote_words(b)) for a, b in HELDOUT_SAME]
    wrong = [same_quotation(quote_words(a), quote_words(b)) for a, b in HELDOUT_DIFFERENT]
    assert sum(found) >= 9 and sum(wrong) == 0, (found, wrong)
    # the one it misses is a 7-word part of a longer quote: under MIN_PART_WORDS by design
    assert all(set(quote_keys(quote_words(a))) & set(quote_keys(quote_words(b))) for a, b in HELDOUT_SAME)


def test_a_swapped_content_word_keeps_two_quotes_apart() -> None:
    for a, b in AMBIGUOUS:
        assert not same_quotation(quote_words(a), quote_words(b))


def test_short_quotes_match_only_word_for_word_within_one_story() -> None:
    words = quote_words("We will rebuild.")
    assert not same_quotation(words, words)
    assert same_quotation(words, quote_words("“We will rebuild,”"), same_story=True)
    assert not same_quotation(words, quote_words("We will rebuild it"), same_story=True)
    assert quote_keys(words) == quote_keys(quote_words("we will REBUILD"))
    assert len(quote_keys(words)) == 1  # no fuzzy keys: never a candidate across stories by shingles


def _appearance(quote_id: str, published: str | None, speaker: str | None, text: str = "the same words",
                person_id: str | None = None, story: str | None = None) -> QuoteAppearance:
    article_id = quote_id.rsplit("-", 2)[0]
    return QuoteAppearance(
        quote_id=quote_id, article_id=article_id, article_title=article_id, site=f"{article_id}.example", url=None,
        published=published, text=text, kind="direct", speaker=speaker, speaker_type="person",
        speaker_person_id=person_id, speaker_role=None, confidence=0.9, story=story or article_id,
    )


def test_provenance_orders_dated_printings_first_and_keeps_undated_ones_undated() -> None:
    members = [
        _appearance("late-0-9", "2024-05-02T08:00:00+00:00", "Rosa Quint", "We kept the line open all night"),
        _appearance("nodate-0-9", None, "Quint", "we kept the line open all night"),
        _appearance("early-0-9", "2024-05-01T21:00:00+00:00", "Rosa Quint", "We kept the line open all night"),
        _appearance("other-0-9", "2024-05-03T10:00:00+00:00", "Anders Holm", "We kept the phone line open all night"),
    ]
    prov = build_provenance("late-0-9", members)
    assert [a.article_id for a in prov.appearances] == ["early", "late", "other", "nodate"]
    assert prov.first is not None and prov.first.article_id == "early" and not prov.is_first
    assert prov.appearances[-1].undated and prov.appearances[-1].published is None
    # wordings: the first printing's first; case and punctuation are not a new wording
    assert [(v.text, v.count) for v in prov.variants] == [
        ("We kept the line open all night", 3), ("We kept the phone line open all night", 1)
    ]
    # a surname is the same speaker; another name is a different one
    assert [a.article_id for a in prov.disputed] == ["other"]
    assert [(c.speaker, c.count) for c in prov.credits][0] == ("Rosa Quint", 2)


def test_provenance_with_no_dated_printing_has_no_first() -> None:
    prov = build_provenance("b-0-9", [_appearance("b-0-9", None, "Rosa Quint"), _appearance("a-0-9", None, None)])
    assert prov.first is None
    assert [a.article_id for a in prov.appearances] == ["a", "b"]
    assert prov.disputed == ()  # an article that names nobody credits nobody else


def test_printings_are_ordered_by_the_instant_not_the_text_of_their_dates() -> None:
    prov = build_provenance("utc-0-9", [
        _appearance("utc-0-9", "2024-05-01T09:00:00+00:00", "Rosa Quint"),
        _appearance("oslo-0-9", "2024-05-01T10:00:00+02:00", "Rosa Quint"),  # 08:00 UTC: first
        _appearance("day-0-9", "2024-05-01", "Rosa Quint"),  # a day without a time: midnight
    ])
    assert [a.article_id for a in prov.appearances] == ["day", "oslo", "utc"]
