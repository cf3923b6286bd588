"""HTML extraction with trafilatura (placeholder)."""

from __future__ import annotations

import trafilatura

from presswatch.extract.base import ExtractedText


def extract_html(html: str, *, url: str | None = None) -> ExtractedText:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None or not doc.text:
        return ExtractedText(title=None, standfirst=None, paragraphs=())
    paragraphs = tuple(p.strip() for p in doc.text.split("\n") if p.strip())
    return ExtractedText(
        title=doc.title,
        standfirst=doc.description,
        paragraphs=paragraphs,
        authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        published=doc.date,
        site=doc.sitename,
        language=doc.language,
        url=doc.url or url,
    )
