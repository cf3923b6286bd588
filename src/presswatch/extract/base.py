"""What the extractors return: the article's text parts and metadata, before NLP."""

from __future__ import annotations

from dataclasses import dataclass

from presswatch.model import CommentForm, RemovedLine


@dataclass(frozen=True, slots=True)
class ExtractedText:
    title: str | None
    standfirst: str | None
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601
    site: str | None = None
    language: str | None = None
    url: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    comment_form: CommentForm | None = None
    syndication_hint: str | None = None
    published_source: str = "none"  # jsonld | meta | time | url | text | none
    paywalled: bool = False  # the body is a teaser behind a subscription prompt
