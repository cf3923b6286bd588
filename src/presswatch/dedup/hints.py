"""Syndication hints: the credit lines that say an article was first published elsewhere."""

from __future__ import annotations

import re

from presswatch.model import Article

# Each pattern captures the whole credit phrase, up to the end of its sentence, so the hint names the
# source ("This article first appeared in The Harbour Gazette") rather than just saying "copied".
_TAIL = r"[^\n.!?]{0,120}"
_HINT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?:this|the) (?:article|story|piece|post|report|column|op-ed)\b[^\n.!?]{{0,40}}?"
        rf"\b(?:first|originally) (?:appeared|published|ran|was published)\b{_TAIL}",
        # only as a sentence of its own: "The mayor first appeared at ..." is not a credit
        rf"(?:^|(?<=[.!?\n])\s*)(?:first|originally) (?:appeared|published|ran) (?:in|on|at|by)\b{_TAIL}",
        rf"\breprinted (?:with|by) (?:the )?(?:kind )?permission\b{_TAIL}",
        rf"\brepublished (?:with permission )?(?:from|with permission)\b{_TAIL}",
        rf"\bsyndicated (?:from|by)\b{_TAIL}",
    )
)
# Wire-service datelines: "(Reuters) -", "LONDON (AP) —". Kept as written, brackets included.
_WIRE = re.compile(r"\((?:Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|dpa|UPI)\)")


def find_syndication_hint(text: str) -> str | None:
    """The first credit phrase in ``text`` that marks it as a copy, or None.

    Credit sentences ("This article first appeared in ...", "Reprinted with permission ...") win over
    a wire dateline, because they name where the article came from.
    """
    best: tuple[int, str] | None = None
    for pattern in _HINT_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.group(0).strip().strip(",;:-–— "))
    if best is not None:
        return best[1]
    m = _WIRE.search(text)
    return m.group(0) if m else None


def syndication_hint_for(article: Article) -> str | None:
    """The article's hint: one the cleaner already set, else a credit phrase in the body, else in the
    lines the cleaner removed (credit lines often sit at the very end, where boilerplate rules cut)."""
    if article.syndication_hint:
        return article.syndication_hint
    hint = find_syndication_hint(article.text)
    if hint:
        return hint
    for line in article.removed:
        hint = find_syndication_hint(line.text)
        if hint:
            return hint
    return None
