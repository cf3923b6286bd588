"""RSS and Atom feeds (feedparser): each entry with content or a summary becomes a document.

An entry's HTML is a fragment, not a page, so it is turned into paragraphs here (block elements
become blank-line separated paragraphs) and handed on as text with the entry's title, link, date
and authors as metadata; the page-level HTML extractor expects whole pages.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from presswatch.model import Failure, RawDocument

_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote pre section article header footer figure figcaption "
    "table tr dd dt dl br hr address aside".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "iframe", "svg"))


def fragment_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment, in order (plain text passes through unchanged)."""
    if "<" not in fragment:
        return [p.strip() for p in fragment.split("\n\n") if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return [p.strip() for p in fragment.split("\n\n") if p.strip()]
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP_TAGS:
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs


def _iso(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _entry_body(entry: Any) -> str | None:
    for content in entry.get("content") or ():
        if (content.get("value") or "").strip():
            return content["value"]
    summary = entry.get("summary") or ""
    return summary if summary.strip() else None


def read_feed(data: bytes, source_path: str) -> Iterator[RawDocument | Failure]:
    """One RawDocument per entry (``feed.xml#entry=<n>``, numbered from 1); a Failure for an entry
    without text, or for a file feedparser cannot read as a feed."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield Failure(source_path, "ingest", f"no feed entries found{reason}; is this an RSS or Atom file?")
        return
    site = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source_path}#entry={number}"
        body = _entry_body(entry)
        paragraphs = fragment_paragraphs(body) if body else []
        if not paragraphs:
            yield Failure(where, "ingest", f"feed entry {number} has no content or summary text; nothing to extract")
            continue
        authors = tuple(a.get("name", "").strip() for a in entry.get("authors") or () if a.get("name", "").strip())
        if not authors and (entry.get("author") or "").strip():
            authors = (entry["author"].strip(),)
        yield RawDocument(
            source_path=where,
            content="\n\n".join(paragraphs),
            kind="text",
            url=(entry.get("link") or "").strip() or None,
            title=(entry.get("title") or "").strip() or None,
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            site=site,
            authors=authors,
        )
