"""Atom feeds: a saved search (``/feeds/search.atom?q=``) and a person's quotes (``/feeds/people/{id}.atom``).

Built with ElementTree, so every title and summary is escaped by the XML writer, not by hand.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from presswatch.web import views
from presswatch.web.errors import ErrorOut

router = APIRouter(prefix="/feeds", tags=["feeds"])

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50
# A fixed "updated" for entries without a date keeps the feed stable between polls.
_EPOCH = "1970-01-01T00:00:00Z"

ET.register_namespace("", ATOM_NS)


def _atom_time(value: str | None) -> str:
    """An RFC 3339 timestamp as Atom requires; dates without a time become midnight UTC."""
    if not value:
        return _EPOCH
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _EPOCH
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# Characters XML 1.0 cannot carry at all (escaping does not help): C0 controls but tab/newline/CR.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _feed(request: Request, title: str, self_path: str, alternate_path: str) -> ET.Element:
    base = str(request.base_url).rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", base + self_path)
    _sub(feed, "title", title)
    _sub(feed, "link", rel="self", href=base + self_path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + alternate_path)
    _sub(_sub(feed, "author"), "name", "PressWatch")
    _sub(feed, "generator", "PressWatch")
    return feed


def _entry(feed: ET.Element, *, entry_id: str, title: str, href: str, updated: str, summary: str) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id)
    _sub(entry, "title", title)
    _sub(entry, "link", rel="alternate", type="text/html", href=href)
    _sub(entry, "updated", updated)
    _sub(entry, "summary", summary)


def _finish(feed: ET.Element, updated: list[str]) -> Response:
    # "updated" must come before the entries for strict readers; insert it after the title.
    element = ET.Element(f"{{{ATOM_NS}}}updated")
    element.text = max(updated) if updated else _EPOCH
    feed.insert(2, element)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=ATOM_TYPE)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Malformed query or parameter"},
    422: {"model": ErrorOut, "description": "A parameter of the wrong type or out of range"},
    503: {"model": ErrorOut, "description": "The database is unavailable"},
}


@router.get(
    "/search.atom", response_class=Response, responses={200: {"content": {"application/atom+xml": {}}}, **_ERRORS}
)
def search_feed(
    request: Request,
    q: str | None = Query(None, description="Full-text query; empty means the latest articles"),
    site: str | None = None,
    person: str | None = None,
) -> Response:
    params = views.search_params(q, site, person, limit=FEED_SIZE)
    page = views.run_search(request.app.state.store, params)
    base = str(request.base_url).rstrip("/")
    query = str(request.url.query)
    label = f"“{params.q}”" if params.q else "latest articles"
    feed = _feed(
        request,
        f"PressWatch: {label}",
        "/feeds/search.atom" + (f"?{query}" if query else ""),
        "/search" + (f"?{query}" if query else ""),
    )
    stamps: list[str] = []
    for hit in page.items:
        a = hit.article
        updated = _atom_time(a.published)
        stamps.append(updated)
        summary = a.standfirst or (a.paragraphs[0] if a.paragraphs else "")
        _entry(
            feed,
            entry_id=f"{base}/articles/{a.id}",
            title=a.title or "(untitled)",
            href=f"{base}/articles/{a.id}",
            updated=updated,
            summary=summary[:1000],
        )
    return _finish(feed, stamps)


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
    detail = request.app.state.store.person(person_id)
    name = detail.summary.name
    base = str(request.base_url).rstrip("/")
    feed = _feed(request, f"PressWatch: quotes by {name}", f"/feeds/people/{person_id}.atom", f"/people/{person_id}")
    stamps: list[str] = []
    for hit in detail.quotes[:FEED_SIZE]:
        updated = _atom_time(hit.published)
        stamps.append(updated)
        text = hit.quote.text
        _entry(
            feed,
            entry_id=f"{base}/articles/{hit.article_id}#q{hit.quote.start}-{hit.quote.end}",
            title=f"{name}: “{text[:80]}{'…' if len(text) > 80 else ''}”",
            href=f"{base}/articles/{hit.article_id}",
            updated=updated,
            summary=f"“{text}” ({hit.article_title or 'untitled'}{', ' + hit.site if hit.site else ''})"
            + (f" {views.copies_note(hit)}" if hit.copies else ""),
        )
    return _finish(feed, stamps)
