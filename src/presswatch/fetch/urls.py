"""URLs before fetching: canonical form (courlan), tracking parameters and fragments dropped, duplicates out."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from courlan import normalize_url

from presswatch.errors import ValidationError


def canonical_url(url: str) -> str:
    """The form a URL is fetched and remembered by: lower-case scheme and host, default port dropped,
    query sorted, tracking parameters (utm_*, fbclid ...) and the fragment removed.
    Raises ValidationError for what is not an http(s) URL."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValidationError({"url": f"not an http(s) URL: {url!r}"})
    try:
        normal = normalize_url(text, strict=False)
    except (ValueError, TypeError) as exc:
        raise ValidationError({"url": f"cannot read {url!r} as a URL ({exc})"}) from None
    return normal.split("#", 1)[0]


def unique_urls(urls: Iterable[str]) -> list[str]:
    """Canonical URLs in first-seen order, each once. Raises ValidationError on the first bad URL."""
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(canonical_url(url), None)
    return list(seen)


def host_of(url: str) -> str:
    """``host:port`` of a URL (the unit of politeness)."""
    parts = urlsplit(url)
    return parts.netloc.lower()


__all__ = ["canonical_url", "unique_urls", "host_of"]
