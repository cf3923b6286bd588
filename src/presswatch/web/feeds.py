"""Atom feeds: a saved search (``/feeds/search.atom?q=``) and a person's quotes (``/feeds/people/{id}.atom``).

Built with ElementTree, so every title and summary is escaped by the XML writer, not by hand.

- Ids are RFC 4151 tag URIs (``tag:<authority>,<date>:article/<id>``, ``...:quote/<quote id>``; the
  authority is ``PRESSWATCH_FEED_TAG_AUTHORITY``), never the host and port the reader runs on, so an
  entry keeps its id wherever the feed is polled from. Links are absolute on the serving host.
- ``published`` is the article's publication date. An undated article has no ``published``; Atom
  requires an ``updated`` on every entry, so it gets the time PressWatch first stored the article, and
  its content says that this is not a publication date. No entry is dated 1970.
- Each entry has an author (an article's bylines, else its site; a quote's speaker), a summary and
  the content as HTML. A quote links to its passage on the article page (``#q<start>-<end>``, an
  anchor the page has) and to its provenance page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from presswatch import config
from presswatch.dedup.quotes import QuoteProvenance
from presswatch.errors import NotFound
from presswatch.model import Article
from presswatch.store.base import QuoteHit, Store
from presswatch.web import views
from presswatch.web.errors import ErrorOut

router = APIRouter(prefix="/feeds", tags=["feeds"])

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50
UNDATED_NOTE = "Undated: no publication date was found; the time given as updated is when PressWatch stored it."

ET.register_namespace("", ATOM_NS)


def atom_time(value: str | None) -> str | None:
    """An RFC 3339 timestamp as Atom requires (dates without a time are midnight UTC); None when
    ``value`` is empty or not a date."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def tag_uri(kind: str, value: str) -> str:
    """``tag:<authority>:<kind>/<value>``, the value percent-encoded where a tag URI needs it."""
    return f"tag:{config.feed_tag_authority()}:{kind}/{url_quote(value, safe='-._~:@!$&()*+,;=/?')}"


# Characters XML 1.0 cannot carry at all (escaping does not help): C0 controls but tab/newline/CR.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def atom_element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element in the Atom namespace, with the characters XML cannot carry left out."""
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _feed(request: Request, title: str, feed_id: str, self_path: str, alternate_path: str) -> ET.Element:
    base = str(request.base_url).rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    atom_element(feed, "id", feed_id)
    atom_element(feed, "title", title)
    atom_element(feed, "link", rel="self", type="application/atom+xml", href=base + self_path)
    atom_element(feed, "link", rel="alternate", type="text/html", href=base + alternate_path)
    atom_element(atom_element(feed, "author"), "name", "PressWatch")
    atom_element(feed, "generator", "PressWatch")
    return feed


def _entry(
    feed: ET.Element,
    *,
    entry_id: str,
    title: str,
    href: str,
    published: str | None,
    updated: str,
    authors: list[tuple[str, str | None]],
    summary: str,
    content_html: str,
    related: str | None = None,
) -> None:
    entry = atom_element(feed, "entry")
    atom_element(entry, "id", entry_id)
    atom_element(entry, "title", title)
    atom_element(entry, "link", rel="alternate", type="text/html", href=href)
    if related:
        atom_element(entry, "link", rel="related", type="text/html", href=related)
    if published:
        atom_element(entry, "published", published)
    atom_element(entry, "updated", updated)
    for name, uri in authors:
        author = atom_element(entry, "author")
        atom_element(author, "name", name)
        if uri:
            atom_element(author, "uri", uri)
    atom_element(entry, "summary", summary)
    atom_element(entry, "content", content_html, type="html")


def _finish(feed: ET.Element, updated: list[str]) -> Response:
    # "updated" must come before the entries for strict readers; insert it after the title.
    element = ET.Element(f"{{{ATOM_NS}}}updated")
    # an empty feed has changed as of now: there is nothing in it to date
    element.text = max(updated) if updated else datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    feed.insert(2, element)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=ATOM_TYPE)


def _dates(published: str | None, stored: str | None) -> tuple[str | None, str, bool]:
    """(published, updated, undated) for an entry: the publication time, else the stored time as
    ``updated`` only."""
    when = atom_time(published)
    if when:
        return when, when, False
    return None, atom_time(stored) or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), True


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Malformed query or parameter"},
    422: {"model": ErrorOut, "description": "A parameter of the wrong type or out of range"},
    503: {"model": ErrorOut, "description": "The database is unavailable"},
}


def _article_content(a: Article, base: str, undated: bool) -> str:
    parts = []
    if undated:
        parts.append(f"<p><em>{_esc(UNDATED_NOTE)}</em></p>")
    if a.standfirst:
        parts.append(f"<p><strong>{_esc(a.standfirst)}</strong></p>")
    parts += [f"<p>{_esc(p)}</p>" for p in a.paragraphs]
    source = a.url or a.source_path
    parts.append(f'<p>Source: {_esc(source)} · <a href="{_esc(base)}/articles/{_esc(a.id)}">Read it in PressWatch</a></p>')
    return "\n".join(parts)


@router.get(
    "/search.atom", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}, **_ERRORS}
)
def search_feed(
    request: Request,
    q: str | None = Query(None, description="Full-text query; empty means the latest articles"),
    site: str | None = None,
    person: str | None = None,
) -> Response:
    store: Store = request.app.state.store
    params = views.search_params(q, site, person, limit=FEED_SIZE)
    page = views.run_search(store, params)
    base = str(request.base_url).rstrip("/")
    # the saved search, as given: the same query is the same feed wherever it is served from
    query = urlencode(sorted((k, v) for k, v in (("q", params.q), ("site", params.site), ("person", params.person)) if v))
    label = f"“{params.q}”" if params.q else "latest articles"
    feed = _feed(
        request,
        f"PressWatch: {label}",
        tag_uri("search", "?" + query if query else ""),
        "/feeds/search.atom" + (f"?{query}" if query else ""),
        "/search" + (f"?{query}" if query else ""),
    )
    stored = store.stored_times([hit.article.id for hit in page.items])
    stamps: list[str] = []
    for hit in page.items:
        a = hit.article
        published, updated, undated = _dates(a.published, stored.get(a.id))
        stamps.append(updated)
        summary = a.standfirst or (a.paragraphs[0] if a.paragraphs else "")
        authors = [(name, None) for name in a.authors] or ([(a.site, None)] if a.site else [])
        _entry(
            feed,
            entry_id=tag_uri("article", a.id),
            title=a.title or "(untitled)",
            href=f"{base}/articles/{a.id}",
            published=published,
            updated=updated,
            authors=authors,
            summary=(f"{UNDATED_NOTE} " if undated else "") + summary[:1000],
            content_html=_article_content(a, base, undated),
        )
    return _finish(feed, stamps)


def _passage_hrefs(store: Store, hits: list[QuoteHit], base: str) -> dict[str, str]:
    """Quote id -> its passage on the article page, for the quotes whose anchor the page has
    (else the article page itself)."""
    hrefs: dict[str, str] = {}
    articles: dict[str, Article | None] = {}
    for hit in hits:
        if hit.article_id not in articles:
            try:
                articles[hit.article_id] = store.get_article(hit.article_id)
            except NotFound:
                articles[hit.article_id] = None
        article = articles[hit.article_id]
        anchors = views.shown_anchors(article, views.paragraph_segments(article)) if article else {}
        anchor = anchors.get(hit.quote_id)
        hrefs[hit.quote_id] = f"{base}/articles/{hit.article_id}" + (f"#{anchor}" if anchor else "")
    return hrefs


def _quote_content(hit: QuoteHit, name: str, href: str, base: str, prov: QuoteProvenance | None, undated: bool) -> str:
    q = hit.quote
    where = f'<a href="{_esc(href)}">{_esc(hit.article_title or "untitled")}</a>'
    if hit.site:
        where += f" ({_esc(hit.site)})"
    parts = [
        f"<blockquote>“{_esc(q.text)}”</blockquote>",
        f"<p>— {_esc(name)}{', ' + _esc(q.speaker_role) if q.speaker_role else ''} · {_esc(q.kind)} quote, in {where}</p>",
    ]
    if undated:
        parts.append(f"<p><em>{_esc(UNDATED_NOTE)}</em></p>")
    if hit.copies:
        parts.append(f"<p>{_esc(views.copies_note(hit))}</p>")
    if prov is not None and prov.others:
        first = prov.first
        line = (
            "First printed here" if prov.is_first
            else f"First printed by {_esc(first.site or first.article_title or 'an article')}" if first
            else "No printing of it is dated"
        )
        line += f"; in {len(prov.others)} other article{'s' if len(prov.others) != 1 else ''}"
        if prov.disputed:
            names = ", ".join(dict.fromkeys(a.speaker or "" for a in prov.disputed))
            line += f"; credited to {_esc(names)} in {len(prov.disputed)}"
        parts.append(f'<p>{line}. <a href="{_esc(base)}/quotes/{_esc(prov.quote_id)}">Provenance</a></p>')
    return "\n".join(parts)


@router.get(
    "/people/{person_id}.atom",
    response_class=Response,
    responses={
        200: {"content": {"application/atom+xml": {}}},
        404: {"model": ErrorOut, "description": "No such person"},
        **_ERRORS,
    },
)
def person_feed(request: Request, person_id: str) -> Response:
    store: Store = request.app.state.store
    detail = store.person(person_id)
    name = detail.summary.name
    pid = detail.summary.id
    base = str(request.base_url).rstrip("/")
    feed = _feed(request, f"PressWatch: quotes by {name}", tag_uri("person", pid), f"/feeds/people/{pid}.atom", f"/people/{pid}")
    hits = list(detail.quotes[:FEED_SIZE])
    stored = store.stored_times([hit.article_id for hit in hits])
    hrefs = _passage_hrefs(store, hits, base)
    provenance = store.quote_provenance([hit.quote_id for hit in hits])
    stamps: list[str] = []
    for hit in hits:
        published, updated, undated = _dates(hit.published, stored.get(hit.article_id))
        stamps.append(updated)
        text = hit.quote.text
        href = hrefs[hit.quote_id]
        _entry(
            feed,
            entry_id=tag_uri("quote", hit.quote_id),
            title=f"{name}: “{text[:80]}{'…' if len(text) > 80 else ''}”",
            href=href,
            related=f"{base}/quotes/{hit.quote_id}",
            published=published,
            updated=updated,
            authors=[(name, f"{base}/people/{pid}")],
            summary=f"“{text}” ({hit.article_title or 'untitled'}{', ' + hit.site if hit.site else ''})"
            + (f" {views.copies_note(hit)}" if hit.copies else ""),
            content_html=_quote_content(hit, name, href, base, provenance.get(hit.quote_id), undated),
        )
    return _finish(feed, stamps)
