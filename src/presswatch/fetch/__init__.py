"""Fetching: one polite HTTP client (robots.txt, per-host pacing, retries, caps, conditional GET),
canonical URLs, and the WARC archive of everything fetched."""

from presswatch.fetch.client import FetchResult, PoliteClient, Validators, fetch_urls
from presswatch.fetch.settings import FetchSettings
from presswatch.fetch.urls import canonical_url, unique_urls

__all__ = ["FetchResult", "FetchSettings", "PoliteClient", "Validators", "canonical_url", "fetch_urls", "unique_urls"]
