"""What a source lists: RSS/Atom feeds (feedparser), XML and Google News sitemaps (lxml), and feed
discovery from a homepage (``<link rel="alternate" type="application/rss+xml">``).

An entry with full content (``content:encoded``, Atom ``content``) is an article already; an entry
with only a link (and perhaps a summary) is a page to fetch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

from presswatch.ingest.feeds import read_feed
from presswatch.ingest.sniff import sniff
from presswatch.model import RawDocument

SourceKind = Literal["feed", "sitemap"]
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True, slots=True)
class Listed:
    """One item a source lists: a URL, its date if the source gives one, and the document when the
    entry carries the whole article."""

    url: str
    lastmod: str | None = None
    document: RawDocument | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    kind: SourceKind
    items: tuple[Listed, ...]
    sitemaps: tuple[str, ...] = ()  # a sitemap index: the sitemaps it names
    title: str | None = None


class NotAListing(ValueError):
    pass


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def kind_of(body: bytes, name: str = "") -> SourceKind | Literal["html"] | None:
    head = body[:4096].lstrip().lower()
    if sniff(body, name) == "feed":
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if sniff(body, name) == "html":
        return "html"
    return None


def _iso(parsed: object) -> str | None:
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()  # type: ignore[index,misc]
    except (TypeError, ValueError):
        return None


def parse_feed(body: bytes, base_url: str, source_path: str) -> Listing:
    parsed = feedparser.parse(body)
    if not parsed.entries and parsed.get("bozo") and not parsed.feed:
        raise NotAListing(f"not a readable feed ({parsed.get('bozo_exception')})")
    documents = {d.source_path: d for d in read_feed(body, source_path) if isinstance(d, RawDocument)}
    items: list[Listed] = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        full = any((c.get("value") or "").strip() for c in entry.get("content") or ())
        document = documents.get(f"{source_path}#entry={number}") if full else None
        # dict.get: feedparser's own get maps a missing updated_parsed to published_parsed, with a warning
        lastmod = _iso(dict.get(entry, "updated_parsed") or entry.get("published_parsed"))
        items.append(Listed(urljoin(base_url, link), lastmod, document, (entry.get("title") or "").strip() or None))
    return Listing("feed", tuple(items), title=(parsed.feed.get("title") or "").strip() or None)


def parse_sitemap(body: bytes, base_url: str) -> Listing:
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
    except lxml.etree.XMLSyntaxError as exc:
        raise NotAListing(f"not a readable sitemap ({exc})") from None
    tag = _local(root.tag)
    if tag == "sitemapindex":
        locs = [(el.text or "").strip() for el in root.iter() if _local(el.tag) == "loc"]
        return Listing("sitemap", (), tuple(urljoin(base_url, u) for u in locs if u))
    if tag != "urlset":
        raise NotAListing(f"not a sitemap: the root element is <{tag}>")
    items: list[Listed] = []
    for url_el in root:
        if _local(url_el.tag) != "url":
            continue
        loc = lastmod = title = None
        for child in url_el.iter():
            name = _local(child.tag)
            text = (child.text or "").strip() or None
            if name == "loc" and loc is None:
                loc = text
            elif name == "lastmod":
                lastmod = lastmod or text
            elif name == "publication_date":  # Google News: the story's own date wins
                lastmod = text
            elif name == "title":
                title = text
        if loc:
            items.append(Listed(urljoin(base_url, loc), lastmod, None, title))
    return Listing("sitemap", tuple(items))


def parse_listing(body: bytes, base_url: str, source_path: str) -> Listing:
    """A feed or a sitemap; raises NotAListing for anything else."""
    kind = kind_of(body, base_url)
    if kind == "feed":
        return parse_feed(body, base_url, source_path)
    if kind == "sitemap":
        return parse_sitemap(body, base_url)
    raise NotAListing("neither an RSS/Atom feed nor a sitemap")


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """Feed URLs a homepage announces in ``<link rel="alternate" type="application/rss+xml">``."""
    try:
        doc = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().split(";")[0].strip() in _FEED_TYPES and link.get("href"):
            url = urljoin(base_url, link.get("href").strip())
            if url not in found:
                found.append(url)
    return found


__all__ = ["Listed", "Listing", "NotAListing", "SourceKind", "discover_feeds", "kind_of", "parse_feed", "parse_listing", "parse_sitemap"]
