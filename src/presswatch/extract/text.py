"""Messy-text cleaner (placeholder: paragraphs split on blank lines)."""

from __future__ import annotations

from presswatch.extract.base import ExtractedText


def clean_text(text: str, *, title_hint: str | None = None) -> ExtractedText:
    paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
    title = title_hint or (paragraphs[0] if paragraphs else None)
    body = paragraphs[1:] if not title_hint and paragraphs else paragraphs
    return ExtractedText(title=title, standfirst=None, paragraphs=tuple(body))
