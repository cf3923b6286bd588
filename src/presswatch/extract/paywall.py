"""Paywall and stub pages: the subscription prompt is not body text, and a body cut short by one is a
teaser.

A prompt is recognised by what it asks of the reader (subscribe, sign in, register, become a member) in
the same short line as what it withholds (the story, the article, full access, reading on); the page's
own word counts too: schema.org's ``isAccessibleForFree: false``.
"""

from __future__ import annotations

import json
import re

from lxml.html import HtmlElement

__all__ = ["declared_not_free", "drop_paywall_prompts", "is_paywall_prompt", "is_teaser"]

_ASK = re.compile(
    r"\b(subscrib\w*|sign(?:ing)? in|log(?:ging)? ?in|register\w*|become a (?:member|subscriber)|"
    r"already a (?:member|subscriber)|members? only|subscribers? only|premium|unlock)\b",
    re.IGNORECASE,
)
_WITHHELD = re.compile(
    r"\b(full (?:story|article|access|text)|(?:the|this) (?:rest of (?:the|this) )?(?:story|article|content|piece)|"
    r"continue reading|keep reading|read (?:on|more|the rest|the full)|unlimited (?:access|articles|digital)|"
    r"access (?:to )?(?:all|our|this)|to view|exclusive (?:content|access)|for subscribers)\b",
    re.IGNORECASE,
)
#: a prompt is a short line; a long sentence that mentions subscribers is reporting
PROMPT_MAX_WORDS = 30
#: a body with a prompt and fewer words than this is a teaser of a longer story
TEASER_MAX_WORDS = 250


def is_paywall_prompt(line: str) -> bool:
    return len(line.split()) <= PROMPT_MAX_WORDS and bool(_ASK.search(line)) and bool(_WITHHELD.search(line))


def drop_paywall_prompts(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if not is_paywall_prompt(p)]


def declared_not_free(tree: HtmlElement) -> bool:
    """schema.org's ``isAccessibleForFree`` set to false in the page's JSON-LD."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        text = script.text or ""
        if "isAccessibleForFree" not in text:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            if re.search(r'"isAccessibleForFree"\s*:\s*"?(false|False)', text):
                return True
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if str(item.get("isAccessibleForFree", "")).lower() == "false":
                    return True
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return False


def is_teaser(kept: list[str], had_prompt: bool, not_free: bool) -> bool:
    """A body is a teaser when a prompt cut it or the page says it is not free, and what is left is short."""
    words = sum(len(p.split()) for p in kept)
    return (had_prompt or not_free) and words < TEASER_MAX_WORDS
