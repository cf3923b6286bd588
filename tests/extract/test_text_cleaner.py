"""The messy-text cleaner: one test per rule on our own lines, and the seed golden file."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from presswatch.bench.data import seed_dir
from presswatch.extract.text import (
    LINE_RULES,
    byline_authors,
    clean_paragraphs,
    clean_text,
    match_line_rule,
    normalise_quotes,
    strip_site_residue,
)
from presswatch.model import CommentForm

SEED_DIR = seed_dir()
BODY = (
    "The council voted on Tuesday to keep the night ferry running through the winter months.",
    "Councillor Ines Haldor said the vote showed the city listened to its river workers.",
)


def _article(*lines: str, title: str = "Night ferry saved by council vote") -> str:
    return "\n\n".join((title, *BODY[:1], *lines, *BODY[1:]))


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Please enter your comment!", "comment_form.prompt"),
        ("Please enter your name here", "comment_form.prompt"),
        ("Please enter your email address here", "comment_form.prompt"),
        ("You have entered an incorrect email address!", "comment_form.prompt"),
        ("Leave a Reply", "comment_form.heading"),
        ("Your email address will not be published. Required fields are marked *", "comment_form.chrome"),
        ("Save my name, email, and website in this browser for the next time I comment.", "comment_form.chrome"),
        ("Name *", "comment_form.label"),
        ("Share this article", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Click to share on Reddit (Opens in new window)", "share"),
        ("Sign up for our weekly river newsletter", "newsletter"),
        ("Get the evening briefing delivered to your inbox", "newsletter"),
        ("Subscribe now", "newsletter"),
        ("We use cookies to make this site work better for you.", "cookie_notice"),
        ("Accept all cookies", "cookie_notice"),
        ("Related: Tram drivers win pay rise after two-day stoppage", "related"),
        ("Read more: Ferry timetable for the holidays", "read_more"),
        ("You may also like", "read_more"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("© 2026 The Harbour Herald. All rights reserved.", "copyright"),
        ("Copyright 2025 Kestrel Media", "copyright"),
        ("Tags: ferries, city council, winter", "site_chrome"),
        ("This article first appeared in the Harbour Herald.", "syndication.credit"),
        ("Reprinted with permission from Kestrel Weekly.", "syndication.credit"),
        ("– .", "residue"),
    ],
)
def test_each_rule_removes_its_line_and_records_it(line: str, rule: str) -> None:
    cleaned = clean_text(_article(line))
    assert line not in cleaned.paragraphs
    assert cleaned.paragraphs == BODY
    assert (line, rule) in [(r.text, r.rule) for r in cleaned.removed]


@pytest.mark.parametrize(
    "line",
    [
        "Related to the strike, the union said it had asked the mayor for a meeting on Friday.",
        "Copyright lawyers for the ferry company said the logo had been used without permission.",
        "Readers who shared the petition on Facebook were thanked by the crews at the pier.",
        "The name of the new ferry will be chosen by schoolchildren, the council said.",
        "Advertisement revenue at the port authority fell by a third last year, its report said.",
        "She said the newsletter the union sends to members had warned of the strike in May.",
    ],
)
def test_real_sentences_that_look_like_junk_are_kept(line: str) -> None:
    assert match_line_rule(line) is None
    assert line in clean_text(_article(line)).paragraphs


def test_rules_are_data_with_unique_purposes() -> None:
    names = {rule.name for rule in LINE_RULES}
    assert {"comment_form.prompt", "share", "newsletter", "cookie_notice", "related", "read_more",
            "advertisement", "copyright", "syndication.credit"} <= names
    assert all(rule.pattern.flags & re.IGNORECASE for rule in LINE_RULES)


def test_headline_twice_with_residue_becomes_one_title() -> None:
    text = "Ferry crews strike – .\n\nFerry crews strike – .\n\nA short standfirst here.\n\n" + "\n\n".join(BODY)
    cleaned = clean_text(text)
    assert cleaned.title == "Ferry crews strike"
    assert cleaned.standfirst == "A short standfirst here."
    assert cleaned.paragraphs == BODY
    assert [r.rule for r in cleaned.removed][:2] == ["title_site_residue", "repeated_title"]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Harbour bridge opening slips to spring | The Riverside Courier", "Harbour bridge opening slips to spring"),
        ("Harbour bridge opening slips to spring - Riverside Courier", "Harbour bridge opening slips to spring"),
        ("Harbour bridge opening slips to spring – .", "Harbour bridge opening slips to spring"),
        ("Harbour bridge opening slips to spring |", "Harbour bridge opening slips to spring"),
        ("Mayor promises bridge – and a new tram line to the port", "Mayor promises bridge – and a new tram line to the port"),
    ],
)
def test_site_residue_is_cut_from_titles(raw: str, title: str) -> None:
    assert strip_site_residue(raw) == title


def test_title_hint_wins_and_its_repeat_in_the_body_goes() -> None:
    cleaned = clean_text("Night ferry saved\n\n" + "\n\n".join(BODY), title_hint="Night ferry saved")
    assert cleaned.title == "Night ferry saved"
    assert cleaned.paragraphs == BODY


def test_comment_form_lines_are_recorded_as_a_form() -> None:
    text = _article() + "\n\nLeave a Reply\nPlease enter your comment!\nPlease enter your name here\n" \
                        "You have entered an incorrect email address!\nPlease enter your email address here"
    cleaned = clean_text(text)
    assert cleaned.paragraphs == BODY
    assert cleaned.comment_form == CommentForm(
        fields=("comment", "name", "email"),
        messages=(("comment", "Please enter your comment!"), ("name", "Please enter your name here"),
                  ("email", "You have entered an incorrect email address!"),
                  ("email", "Please enter your email address here")),
    )


def test_no_comment_form_when_there_is_none() -> None:
    assert clean_text(_article()).comment_form is None


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“They are decent, well-armed guys. “", "“They are decent, well-armed guys.”"),
        ('"We will be back on Monday. "', '"We will be back on Monday."'),
        ("“ We stay,” she said.", "“We stay,” she said."),
        ("“We stay, ” she said.", "“We stay,” she said."),
        ("“We will keep going ” he said.", "“We will keep going” he said."),
        ("No quotes here at all.", "No quotes here at all."),
    ],
)
def test_quote_spacing_is_normalised(paragraph: str, expected: str) -> None:
    assert normalise_quotes(paragraph) == expected


def test_syndication_credit_line_sets_hint_and_leaves_body() -> None:
    cleaned = clean_text(_article("This article was originally published on Kestrel Weekly."))
    assert cleaned.syndication_hint == "Kestrel Weekly"
    assert cleaned.paragraphs == BODY


@pytest.mark.parametrize(
    ("first", "agency"),
    [
        ("(Reuters) - The port authority said on Monday it would hire forty new pilots.", "Reuters"),
        ("LONDON (AP) — The port authority said on Monday it would hire forty new pilots.", "AP"),
        ("KESTREL VALLEY (Northwire) - The port authority said on Monday it would hire forty pilots.", "Northwire"),
    ],
)
def test_wire_dateline_is_kept_and_sets_hint(first: str, agency: str) -> None:
    cleaned = clean_text("Port hires pilots\n\n" + first + "\n\n" + "\n\n".join(BODY))
    assert cleaned.syndication_hint == agency
    assert first in cleaned.paragraphs


def test_hard_wrapped_paragraph_is_rejoined_but_short_lines_are_not() -> None:
    wrapped = ("The ferry company said on Thursday that it would add two boats to the\n"
               "morning timetable from next month, after complaints from commuters about\n"
               "crowded decks and long waits at the pier in the old town.")
    cleaned = clean_text("Ferry adds boats\n\n" + wrapped + "\n\nTickets:\nwww.example.org")
    assert cleaned.paragraphs[0] == " ".join(wrapped.split("\n"))
    assert cleaned.paragraphs[1:] == ("Tickets:", "www.example.org")


def test_clean_paragraphs_for_extracted_html() -> None:
    kept, removed, form, hint = clean_paragraphs(
        ["Night ferry saved by council vote", BODY[0], "Advertisement", BODY[1], "Please enter your comment!",
         "This article first appeared in Kestrel Weekly."],
        title="Night ferry saved by council vote | Harbour Herald",
    )
    assert kept == BODY
    assert {r.rule for r in removed} == {"repeated_title", "advertisement", "comment_form.prompt", "syndication.credit"}
    assert form == CommentForm(fields=("comment",), messages=(("comment", "Please enter your comment!"),))
    assert hint == "Kestrel Weekly"


# -- the seed golden file -------------------------------------------------------------------------


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed() -> tuple[dict, object]:
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
    cleaned = clean_text((SEED_DIR / "000_7fcbe29e9648069b.txt").read_text(encoding="utf-8"))
    return expected, cleaned


@pytest.mark.reference_data
def test_seed_title_and_standfirst(seed) -> None:
    expected, cleaned = seed
    assert _norm(cleaned.title) == _norm(expected["title"])
    assert _norm(cleaned.standfirst) == _norm(expected["standfirst"])
    everything = " ".join([cleaned.title, cleaned.standfirst, *cleaned.paragraphs])
    assert _norm(everything).count(_norm(expected["title"])) == expected["title_occurrences_in_record"]


@pytest.mark.reference_data
def test_seed_paragraphs_in_order(seed) -> None:
    expected, cleaned = seed
    assert len(cleaned.paragraphs) == expected["paragraph_count"]
    for paragraph, start in zip(cleaned.paragraphs, expected["paragraph_starts"], strict=True):
        assert _norm(paragraph).lstrip('"').startswith(_norm(start))


@pytest.mark.reference_data
def test_seed_junk_is_gone(seed) -> None:
    expected, cleaned = seed
    kept = [_norm(x) for x in (cleaned.title, cleaned.standfirst, *cleaned.paragraphs)]
    for junk in expected["must_not_appear_in_body"]:
        assert not any(_norm(junk) in k for k in kept), junk


@pytest.mark.reference_data
def test_seed_comment_form(seed) -> None:
    expected, cleaned = seed
    assert cleaned.comment_form is not None
    assert cleaned.comment_form.to_record() == expected["comment_form"]


@pytest.mark.reference_data
def test_seed_closing_quotes_are_fixed(seed) -> None:
    _, cleaned = seed
    assert cleaned.paragraphs[4].endswith("well-armed guys.”")
    assert cleaned.paragraphs[6].endswith("terrorist organization.”")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Lena Varga", ("Lena Varga",)),
        ("By Lena Varga and Ruth Calloway | 3 March 2026", ("Lena Varga", "Ruth Calloway")),
        ("Written by Anil Mehra in Kestrel", ("Anil Mehra",)),
        ("By Staff Reporter", ()),
        ("By the time the ferry arrived, the crews had gone home.", ()),
    ],
)
def test_byline_authors(line: str, authors: tuple[str, ...]) -> None:
    assert byline_authors(line) == authors


def test_byline_under_the_headline_becomes_authors_not_body() -> None:
    cleaned = clean_text("Night ferry saved by council vote\n\nBy Lena Varga | 20 March 2026\n\n" + "\n\n".join(BODY))
    assert cleaned.authors == ("Lena Varga",)
    assert cleaned.paragraphs == BODY
    assert ("By Lena Varga | 20 March 2026", "byline") in [(r.text, r.rule) for r in cleaned.removed]
