"""RawDocument -> Article (text and metadata; NLP comes after)."""

from __future__ import annotations

from presswatch.errors import ExtractError
from presswatch.extract.base import ExtractedText
from presswatch.extract.html import extract_html
from presswatch.extract.language import detect_language
from presswatch.extract.text import clean_text
from presswatch.model import Article, RawDocument, article_id_for, content_hash, site_from_url

__all__ = ["ExtractedText", "clean_text", "extract_html", "extract", "to_article"]


def to_article(parts: ExtractedText, raw: RawDocument) -> Article:
    """Assemble an Article from extracted parts; hints from the reader fill what extraction missed."""
    if not parts.paragraphs:
        raise ExtractError(f"no article text found in {raw.source_path} (is it a news page?)")
    text = "\n\n".join(parts.paragraphs)
    url = raw.url or parts.url
    return Article(
        id=article_id_for(url, raw.source_path),
        url=url,
        site=parts.site or raw.site or site_from_url(url),
        title=parts.title or raw.title,
        standfirst=parts.standfirst,
        authors=parts.authors or raw.authors,
        published=parts.published or raw.published,
        language=detect_language(text, parts.language),
        paragraphs=parts.paragraphs,
        text=text,
        source_path=raw.source_path,
        content_hash=content_hash(text),
        removed=parts.removed,
        comment_form=parts.comment_form,
        syndication_hint=parts.syndication_hint,
        paywalled=parts.paywalled,
        published_source=parts.published_source if parts.published else ("meta" if raw.published else "none"),
    )


def extract(raw: RawDocument) -> Article:
    """Clean one raw document into an Article; raises ExtractError when no body is found."""
    if raw.kind == "html":
        parts = extract_html(raw.content, url=raw.url)
    else:
        parts = clean_text(raw.content, title_hint=raw.title)
    return to_article(parts, raw)
