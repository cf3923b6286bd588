"""Live monitoring: sources (feeds, sitemaps) polled, new stories fetched politely, archived as WARC,
ingested through the ordinary pipeline; feed health and article revisions kept.

    add_source(store, url)                       a feed, a sitemap or a homepage announcing a feed
    run_once(store, client=..., archive=...)     poll what is due now
    watch(store, stop=event)                     poll until stopped
    fetch_and_ingest(urls, store)                article pages, without a source
    sources_health(store)                        per-source health, "stalled" flag
    health_alerts(store)                         each time a source turned stalled or failing, or recovered
    revisions(store, article_id)                 how an article's text changed
"""

from presswatch.watch.health import SourceHealth, health_alerts, note_health_change, source_health, sources_health
from presswatch.watch.pages import FetchReport, fetch_and_ingest
from presswatch.watch.poll import WatchReport, run_once, watch
from presswatch.watch.revisions import ParagraphChange, Revision, resolve_article_id, revisions
from presswatch.watch.sources import add_source, list_sources, parse_every, remove_source

__all__ = [
    "FetchReport", "ParagraphChange", "Revision", "SourceHealth", "WatchReport", "add_source", "fetch_and_ingest",
    "health_alerts", "list_sources", "note_health_change", "parse_every", "remove_source", "resolve_article_id",
    "revisions", "run_once", "source_health", "sources_health", "watch",
]
