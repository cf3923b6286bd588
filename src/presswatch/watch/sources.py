"""Adding, listing and removing sources: a feed, a sitemap, or a homepage that announces a feed."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from presswatch.errors import FetchError, ValidationError
from presswatch.fetch.client import PoliteClient
from presswatch.fetch.urls import canonical_url, host_of
from presswatch.store import Store
from presswatch.store.monitor import MonitorStore, Source
from presswatch.watch.listings import NotAListing, discover_feeds, kind_of, parse_listing

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> int:
    """``15m``, ``1h``, ``90s``, ``1d`` (a bare number is minutes) -> seconds."""
    match = _EVERY.match(text or "")
    if not match:
        raise ValidationError({"every": f"a duration such as 15m, 2h or 1d, not {text!r}"})
    seconds = int(float(match.group(1)) * _UNITS[(match.group(2) or "m").lower()])
    if seconds < 60:
        raise ValidationError({"every": f"at least one minute between polls, not {text!r}"})
    return seconds


def iso(when: datetime | None = None) -> str:
    return (when or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def add_source(
    store: Store,
    url: str,
    *,
    name: str | None = None,
    every: str | int = "15m",
    client: PoliteClient | None = None,
    now: datetime | None = None,
) -> Source:
    """Check what ``url`` is (fetching it once), then store it as a source to poll.

    A homepage is followed to the first feed it announces. Raises FetchError when the URL cannot be
    fetched or lists nothing, ValidationError for a bad URL, duration or a duplicate."""
    url = canonical_url(url)
    every_s = every if isinstance(every, int) else parse_every(every)
    client = client or PoliteClient()
    result = client.fetch(url)
    if result.error is not None:
        raise FetchError(f"cannot add {url}: {result.error}")
    kind = kind_of(result.body, result.final_url)
    if kind == "html":
        feeds = discover_feeds(result.body, result.final_url)
        if not feeds:
            raise FetchError(f"{url} is a web page that announces no RSS or Atom feed; give the feed or sitemap URL")
        url = canonical_url(feeds[0])
        result = client.fetch(url)
        if result.error is not None:
            raise FetchError(f"cannot add {url} (the feed {result.url} announces): {result.error}")
    try:
        listing = parse_listing(result.body, result.final_url, url)
    except NotAListing as exc:
        raise FetchError(f"cannot add {url}: {exc}") from None
    monitor = MonitorStore(store)
    label = (name or listing.title or host_of(url)).strip()
    if not name:  # a second feed of the same outlet gets a number, not an error
        taken = {s.name for s in monitor.sources()}
        base, n = label, 2
        while label in taken:
            label, n = f"{base} ({n})", n + 1
    return monitor.add_source(url, name=label, kind=listing.kind, every_s=every_s, now=iso(now))


def list_sources(store: Store) -> list[Source]:
    return MonitorStore(store).sources()


def remove_source(store: Store, key: str) -> Source:
    """Remove a source by id, URL or name (the articles it brought stay)."""
    return MonitorStore(store).remove_source(key)


__all__ = ["add_source", "iso", "list_sources", "parse_every", "remove_source"]
