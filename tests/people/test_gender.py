"""The gender estimate: first name and the text's own words, with unknown kept honest."""

from __future__ import annotations

from presswatch.people.gender import estimate_gender


def test_a_clear_first_name_decides_alone() -> None:
    assert estimate_gender(["Margaret"], []).gender == "female"
    assert estimate_gender(["Thomas"], []).gender == "male"


def test_an_unknown_or_androgynous_name_with_no_words_of_the_text_is_unknown() -> None:
    assert estimate_gender(["Zorvath"], []).gender == "unknown"
    assert estimate_gender([], []).gender == "unknown"
    assert estimate_gender(["Kim"], []).gender == "unknown"  # "mostly female" alone is not enough


def test_the_texts_words_decide_where_the_name_cannot() -> None:
    assert estimate_gender(["Zorvath"], ["Ms."]).gender == "female"
    assert estimate_gender([], ["Mr."]).gender == "male"
    assert estimate_gender(["Zorvath"], ["she", "her", "she"]).gender == "female"
    assert estimate_gender(["Zorvath"], ["congressman"]).gender == "male"


def test_mixed_pronouns_do_not_decide_and_a_title_outweighs_a_name() -> None:
    assert estimate_gender(["Zorvath"], ["she", "he", "his", "her"]).gender == "unknown"
    estimate = estimate_gender(["Thomas"], ["Ms."])
    assert estimate.gender == "female" and "titles" in estimate.evidence
