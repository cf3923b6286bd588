"""Subscription prompts never enter the body; a body cut short by one is marked as a teaser."""

from __future__ import annotations

from presswatch.extract.html import extract_html
from presswatch.extract.paywall import is_paywall_prompt

LEAD = (
    "The Kelvale harbour ferry will stop running on Sundays from March, the town council said on Monday, "
    "after councillors blamed the rising cost of diesel and a shortage of trained crew."
)


def _page(*paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>Ferry to stop</title>{head}</head><body><article>{body}</article></body></html>"


def test_prompts_are_told_from_reporting_about_subscribers():
    assert is_paywall_prompt("To view the full story, please subscribe.")
    assert is_paywall_prompt("Subscribe now to continue reading this article")
    assert is_paywall_prompt("Already a subscriber? Log in to read the rest of this story.")
    assert not is_paywall_prompt("The paper said it had gained 4,000 subscribers since it cut its price in May.")
    assert not is_paywall_prompt(LEAD)


def test_a_teaser_loses_its_prompt_and_is_marked_paywalled():
    parts = extract_html(_page(LEAD, "Subscribe to read the full story. Already a subscriber? Sign in"),
                         ensemble=False)
    assert list(parts.paragraphs) == [LEAD]
    assert parts.paywalled
    assert any("Subscribe" in r.text for r in parts.removed)


def test_a_page_that_declares_itself_not_free_is_paywalled_when_its_text_is_short():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    assert extract_html(_page(LEAD, head=head), ensemble=False).paywalled
    assert not extract_html(_page(LEAD), ensemble=False).paywalled


def test_a_long_story_with_a_subscribe_line_is_not_a_teaser():
    story = [LEAD] * 12
    parts = extract_html(_page(*story, "Subscribe for unlimited access to our journalism"), ensemble=False)
    assert not parts.paywalled
    assert all("Subscribe" not in p for p in parts.paragraphs)
