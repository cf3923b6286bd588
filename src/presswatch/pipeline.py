"""The per-document pipeline: RawDocument -> Article (extract, then NLP)."""

from __future__ import annotations

from presswatch.extract import extract
from presswatch.model import Article, RawDocument
from presswatch.nlp import annotate


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return any(tag in head for tag in ("<!doctype html", "<html", "<body", "<head", "<article", "<p>", "<div"))


def process_document(raw: RawDocument) -> Article:
    """Extract and annotate one document. Raises a PressWatchError subclass on bad input."""
    return annotate(extract(raw))


def process(text_or_html: str, url: str | None = None, *, source_path: str = "<input>") -> Article:
    """Turn scraped text or HTML into a clean, annotated Article (no database involved)."""
    kind = "html" if looks_like_html(text_or_html) else "text"
    return process_document(RawDocument(source_path=source_path, content=text_or_html, kind=kind, url=url))
