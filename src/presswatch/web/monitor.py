"""The monitoring side of the reader: the Sources health page, the Atom feed of health alerts, and
an article's revisions (the ``_revisions.html`` block of the article page).

``install(app)`` adds the routes and the template function ``article_history(request, id)``.

Alert entries have tag-URI ids (RFC 4151) built from the source's URL, the new status and when it
changed, so the same alert keeps its id whatever address the reader is reached by. The tagging
entity is the one every feed uses (``$PRESSWATCH_FEED_TAG_AUTHORITY``, see ``config.feed_tag_authority``).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from presswatch.config import feed_tag_authority
from presswatch.store.base import Store
from presswatch.store.monitor import SourceAlert
from presswatch.watch.health import SourceHealth, health_alerts, sources_health
from presswatch.watch.revisions import Revision, revisions
from presswatch.web.api import ERRORS
from presswatch.web.rendering import render
from presswatch.web.errors import ErrorOut
from presswatch.web.feeds import ATOM_NS, atom_element, atom_time

router = APIRouter()

ATOM_TYPE = "application/atom+xml; charset=utf-8"
ALERTS_PATH = "/feeds/sources/alerts.atom"
HEALTH_PATH = "/sources/health"
_EPOCH = "1970-01-01T00:00:00Z"


def _atom_time(value: str | None) -> str:
    return atom_time(value) or _EPOCH


def alert_tag(alert: SourceAlert, authority: str | None = None) -> str:
    """``tag:AUTHORITY,DATE:presswatch/source-health/URLHASH/STATUS/TIME``: stable for one alert."""
    stamp = _atom_time(alert.at)
    source = hashlib.sha1(alert.source_url.encode("utf-8")).hexdigest()[:16]
    compact = stamp.replace("-", "").replace(":", "")
    return f"tag:{authority or feed_tag_authority()}:presswatch/source-health/{source}/{alert.status}/{compact}"


def feed_tag(authority: str | None = None) -> str:
    return f"tag:{authority or feed_tag_authority()}:presswatch/source-health"


ALERT_TITLES = {"stalled": "{name} has stalled", "failing": "{name} is failing", "ok": "{name} has recovered"}


def alerts_feed(alerts: list[SourceAlert], base_url: str, authority: str | None = None) -> bytes:
    """The Atom document of health alerts (newest first)."""
    authority = authority or feed_tag_authority()
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    atom_element(feed, "id", feed_tag(authority))
    atom_element(feed, "title", "PressWatch: source health alerts")
    atom_element(feed, "updated", max((_atom_time(a.at) for a in alerts), default=_EPOCH))
    atom_element(feed, "link", rel="self", type="application/atom+xml", href=base + ALERTS_PATH)
    atom_element(feed, "link", rel="alternate", type="text/html", href=base + HEALTH_PATH)
    atom_element(atom_element(feed, "author"), "name", "PressWatch")
    atom_element(feed, "generator", "PressWatch")
    for alert in alerts:
        entry = atom_element(feed, "entry")
        atom_element(entry, "id", alert_tag(alert, authority))
        atom_element(entry, "title", ALERT_TITLES.get(alert.status, "{name}: " + alert.status).format(name=alert.source_name))
        atom_element(entry, "updated", _atom_time(alert.at))
        atom_element(entry, "link", rel="alternate", type="text/html", href=f"{base}{HEALTH_PATH}#source-{alert.source_id}")
        atom_element(entry, "link", rel="related", href=alert.source_url)
        atom_element(entry, "category", term=alert.status)
        atom_element(entry, "summary", f"{alert.source_url}: {alert.detail}")
    ET.register_namespace("", ATOM_NS)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@dataclass(frozen=True, slots=True)
class HealthPage:
    sources: list[SourceHealth]
    alerts: list[SourceAlert]
    counts: dict[str, int]


def health_page(store: Store, *, alerts: int = 20) -> HealthPage:
    rows = sources_health(store)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return HealthPage(rows, health_alerts(store, alerts), counts)


@router.get(HEALTH_PATH, include_in_schema=False)
def sources_health_page(request: Request) -> Response:
    page = health_page(request.app.state.store)
    return render(request, "sources_health.html", {"page": page, "alerts_path": ALERTS_PATH})


@router.get(
    ALERTS_PATH,
    response_class=Response,
    tags=["feeds"],
    responses={200: {"content": {"application/atom+xml": {}}},
               422: {"model": ErrorOut, "description": "A parameter out of range"},
               503: {"model": ErrorOut, "description": "The database is unavailable"}},
)
def alerts_atom(request: Request, limit: int = Query(50, ge=1, le=500, description="How many alerts, newest first")) -> Response:
    """Health alerts as Atom: one entry each time a monitored source turns stalled or failing, or recovers."""
    body = alerts_feed(health_alerts(request.app.state.store, limit), str(request.base_url))
    return Response(body, media_type=ATOM_TYPE)


class SourceAlertOut(BaseModel):
    id: int
    tag: str = Field(description="the alert's tag-URI, as in the Atom feed")
    source_id: int
    source_name: str
    source_url: str
    status: str = Field(description="stalled, failing, or ok (recovered)")
    at: str = Field(description="when the poll that saw the change ran (ISO 8601, UTC)")
    detail: str


@router.get("/api/sources/alerts", response_model=list[SourceAlertOut], tags=["api"], responses=ERRORS)
def alerts_api(request: Request, limit: int = Query(50, ge=1, le=500, description="How many alerts, newest first")) -> list[dict]:  # type: ignore[type-arg]
    """Health alerts, newest first: each time a monitored source turned stalled or failing, or recovered."""
    authority = feed_tag_authority()
    return [{"id": a.id, "tag": alert_tag(a, authority), "source_id": a.source_id, "source_name": a.source_name,
             "source_url": a.source_url, "status": a.status, "at": a.at, "detail": a.detail}
            for a in health_alerts(request.app.state.store, limit)]


@dataclass(frozen=True, slots=True)
class ArticleHistory:
    """What the article page shows of an article's revisions."""

    updates: int
    revisions: list[Revision]  # newest first
    first_fetched_at: str


def article_history(request: Request, article_id: str) -> ArticleHistory | None:
    """The article's revisions (None when it was never revised, or the store keeps no versions)."""
    try:
        found = revisions(request.app.state.store, article_id)
    except TypeError:  # a store without the monitoring tables (the in-memory one)
        return None
    if not found:
        return None
    return ArticleHistory(len(found), list(reversed(found)), found[0].before.fetched_at)


def install(app: FastAPI) -> None:
    """Add the monitoring routes and the article page's revisions block to ``app``."""
    app.include_router(router)
    app.state.templates.globals["article_history"] = article_history


__all__ = ["ArticleHistory", "HealthPage", "alert_tag", "alerts_feed", "article_history", "health_page", "install"]
