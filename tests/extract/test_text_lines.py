"""The messy-text cleaner past its named rules: the line model, the title with a site suffix, the
short chrome above the first line of prose, and what must survive (short real paragraphs, quotes,
crossheads, datelines). All text here is made up."""

from __future__ import annotations

import pytest

from presswatch.extract.text import (
    LINE_FEATURES,
    LineModel,
    clean_text,
    default_line_model,
    is_prose,
    junk_scores,
    line_features,
    match_line_rule,
    reads_as_sentence,
)

TITLE = "Night ferry saved by council vote"
BODY = (
    "The council voted on Tuesday to keep the night ferry running through the winter months, after a long "
    "campaign by river workers.",
    "Councillor Ines Haldor said the vote showed the city listened to the people who work on the water every night.",
    "What comes next",
    "He declined to comment.",
    "“We will keep sailing,” she said.",
    "The ferry service costs the city about two million a year and carries some four thousand passengers a week "
    "in the busy season.",
)


def _kept(text: str, **kwargs) -> list[str]:
    cleaned = clean_text(text, **kwargs)
    return ([cleaned.standfirst] if cleaned.standfirst else []) + list(cleaned.paragraphs)


def _text(*lines: str) -> str:
    return "\n\n".join(lines)


def test_the_packaged_model_loads_and_matches_the_feature_list() -> None:
    model = default_line_model()
    assert isinstance(model, LineModel)
    assert model.features == LINE_FEATURES
    lines = [TITLE, *BODY]
    assert len(line_features(lines, 2, model.chrome_words)) == len(LINE_FEATURES)
    scores = junk_scores(lines, model)
    assert scores == junk_scores(lines, model)  # deterministic
    assert scores[1] is None  # a long paragraph is never judged by the model


def test_a_clean_story_loses_nothing() -> None:
    cleaned = clean_text(_text(TITLE, *BODY))
    assert cleaned.title == TITLE
    assert _kept(_text(TITLE, *BODY)) == list(BODY)
    assert not cleaned.removed


@pytest.mark.parametrize("junk", ["Search this site", "Page 2 of 5", "Rate this article",
                                  "Contact us | About us | Privacy policy", "Sections"])
def test_the_model_drops_chrome_lines_no_rule_names(junk: str) -> None:
    assert match_line_rule(junk) is None
    text = _text(TITLE, *BODY, junk)
    assert _kept(text) == list(BODY)
    assert _kept(text, line_model=None)[-1] == junk  # the rules alone keep it
    assert [r.rule for r in clean_text(text).removed] == ["line_model"]


def test_short_real_lines_survive_between_chrome() -> None:
    text = _text(TITLE, "Sections", *BODY, "Search this site", "Page 2 of 5")
    kept = _kept(text)
    for line in ("What comes next", "He declined to comment.", "“We will keep sailing,” she said."):
        assert line in kept
    assert "Search this site" not in kept and "Page 2 of 5" not in kept


def test_a_first_line_with_a_site_suffix_is_the_title_under_short_chrome() -> None:
    text = _text("Menu", "Night ferry saved by council vote | The Kestrel Courier", *BODY)
    cleaned = clean_text(text)
    assert cleaned.title == TITLE
    assert _kept(text) == list(BODY)
    assert not any("Kestrel Courier" in p or p == "Menu" for p in cleaned.paragraphs)


def test_a_lone_title_with_a_suffix_is_not_kept_as_a_paragraph() -> None:
    text = _text("Night ferry saved by council vote - Kestrel Courier", *BODY)
    cleaned = clean_text(text)
    assert cleaned.title == TITLE
    assert list(cleaned.paragraphs) == list(BODY)


def test_short_chrome_above_the_first_prose_goes_but_a_dateline_and_a_byline_stay() -> None:
    text = _text(TITLE, "By Lena Varga", "Listen", "PORT ANSELM", *BODY)
    cleaned = clean_text(text)
    assert cleaned.authors == ("Lena Varga",)
    kept = _kept(text)
    assert "Listen" not in kept
    assert "PORT ANSELM" in kept
    assert kept[-len(BODY):] == list(BODY)


def test_a_list_that_ends_a_story_is_kept() -> None:
    listing = ["Monday – Port Anselm Quay", "Wednesday – Kestrel Valley Hall", "Friday – Norland Arena"]
    text = _text(TITLE, *BODY, "The tour dates:", *listing)
    kept = _kept(text)
    for line in listing:
        assert line in kept


def test_without_the_model_the_rules_run_alone() -> None:
    text = _text(TITLE, *BODY, "Search this site")
    assert _kept(text, line_model=None) == [*BODY, "Search this site"]


def test_widget_and_page_tool_lines_have_rules() -> None:
    for line, rule in [("Like this:", "widget"), ("12 Likes", "widget"), ("Be the first to like this.", "widget"),
                       ("Font size", "page_tools"), ("A A A", "page_tools"), ("Email this story", "page_tools"),
                       ("Tagged: ferries, winter", "site_chrome")]:
        hit = match_line_rule(line)
        assert hit is not None and hit[0].name == rule, line
    assert match_line_rule("She liked the new timetable and said so at the meeting.") is None


def test_sentences_and_prose() -> None:
    assert reads_as_sentence("He declined to comment.")
    assert reads_as_sentence("“We will keep sailing,” she said.")
    assert not reads_as_sentence("Photo: Ann Lee / Northwire")
    assert not reads_as_sentence("What comes next")
    assert is_prose(BODY[0])
    assert is_prose("the ferry will run through the winter months for the river workers")
    assert not is_prose("Home Sections News Sport Business Culture Opinion Weather")
