"""The cleaner's one-regex prefilter must never let a residue line through that a rule would catch.

``match_line_rule`` first tries all rules' alternatives as one pattern and returns early when none
matches; these tests compare it with trying every rule in turn, on residue lines, on story lines and
on every line of the seed sample.
"""

from __future__ import annotations

import re

import pytest

from presswatch.bench.data import seed_dir
from presswatch.extract.text import (
    _UNANCHORED_WORDS,
    LINE_RULES,
    _norm_space,
    match_line_rule,
    normalise_quotes,
)

SEED_DIR = seed_dir()

RESIDUE = [
    "Please enter your comment!",
    "You have entered an incorrect email address!",
    "Leave a Reply to Ines Haldor",
    "Your email address will not be published. Required fields are marked *",
    "Name *",
    "Email:",
    "12 comments",
    "Facebook | Twitter | WhatsApp | Email",
    "Share on Bluesky and Mastodon",
    "Sign up for the Harbour Herald morning briefing, in your inbox at seven",
    "By signing up you agree to our privacy policy and terms of use.",
    "This website uses cookies to give you the best experience on the quay.",
    "We and our partners place cookies on your device; by continuing to browse you accept them.",
    "COOKIES help us run the ferry site, see our cookie policy",
    "Accept all cookies",
    "Got it!",
    "Related: Tram drivers win pay rise",
    "Read more about the night ferry",
    "Story continues below advertisement",
    "© 2026 The Harbour Herald",
    "Harbour Herald Media Group 2026. All Rights Reserved.",
    "Copyright (c) 2025 Kestrel Media",
    "Tags: ferries, council",
    "Next article: Pier closes",
    "This story was originally published in the Kestrel Weekly.",
    "Republished from The Quay under a Creative Commons licence.",
    "– .",
    "•",
]
STORY = [
    "Related to the strike, the union said it had asked the mayor for a meeting on Friday.",
    "The baker said cookies sold out by noon on the day the ferry returned.",
    "All rights reserved seats on the ferry went to nurses, the operator said.",
    "Share prices of the ferry operator fell after the vote, traders said.",
    "“ We will keep sailing, ” the captain said. “",
]


def _rule_by_rule(line: str, *, in_comment_form: bool = False) -> str | None:
    """The first rule whose pattern matches, tried one by one (what the prefilter must agree with)."""
    whole = _norm_space(line)
    text = whole.strip("•·▪►»«*-– ") or whole
    words = len(text.split())
    for rule in LINE_RULES:
        if words <= rule.max_words and rule.pattern.fullmatch(text):
            label_ok = in_comment_form or re.search(r"[*:]|\(required\)", whole)
            if rule.name == "comment_form.label" and not label_ok:
                continue
            return rule.name
    return None


def _seed_lines() -> list[str]:
    if not SEED_DIR.exists():
        return []
    return [
        line
        for path in sorted(SEED_DIR.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("in_form", [False, True])
def test_prefilter_agrees_with_trying_each_rule(in_form: bool) -> None:
    lines = RESIDUE + STORY + [line.upper() for line in RESIDUE] + _seed_lines()
    for line in lines:
        hit = match_line_rule(line, in_comment_form=in_form)
        assert (hit[0].name if hit else None) == _rule_by_rule(
            line, in_comment_form=in_form
        ), line


def test_residue_lines_are_still_caught() -> None:
    missed = [line for line in RESIDUE if match_line_rule(line) is None]
    assert missed == []


def test_alternatives_that_can_start_anywhere_need_a_prefilter_word() -> None:
    # lines without one of these words skip such alternatives in the prefilter
    unanchored = [
        a for rule in LINE_RULES for a in rule.alternatives if a.startswith(".")
    ]
    assert unanchored  # the cookie and copyright rules have some
    assert all(_UNANCHORED_WORDS.search(a) for a in unanchored)
    for rule in LINE_RULES:
        assert rule.pattern.pattern == "(?:" + "|".join(rule.alternatives) + ")"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("he said. “", "he said.”"),
        ("the guys ‘", "the guys’"),
        ('the guys. "', 'the guys."'),
        ("“ They came, ” she said.", "“They came,” she said."),
        ("No quotes at all here.", "No quotes at all here."),
    ],
)
def test_quote_fixes_apply_only_where_their_mark_is(raw: str, fixed: str) -> None:
    assert normalise_quotes(raw) == fixed
