"""`presswatch bench watch`: keeping up with live outlets, end to end with fetching.

Fictional outlets (``bench/outlets.py``) on 127.0.0.1, one host each, publish stories over a
simulated day; the clock is injected, so a day passes in the time the work takes. Every outlet is
watched through its feed (found from its homepage) and, where it has one, its sitemap, polled every
``--every`` simulated minutes; feeds list the stories with tracking parameters, sitemaps without,
some feeds carry whole stories, some stories are revised later.

Reported: stories stored once each (missing, duplicates), time from a story's appearance to its
storing (p50/p99 in simulated minutes: what the polling interval costs), requests per story (robots,
listings, 304s, pages), revisions caught, articles/s of the whole watch (polls, fetches, extraction,
NLP, clusters, store) and, on the same server in the same run, the fetch-and-extract path of
PressWatch's client + extractor and of trafilatura (``fetch_url`` + ``extract``) on a sample of the
story URLs, with body F1 against the text each page was generated from.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from presswatch.bench.metrics import score_corpus
from presswatch.bench.outlets import OutletServer, Story, make_outlets

START = datetime(2026, 3, 2, 0, 0, tzinfo=timezone.utc)


@dataclass(slots=True)
class SimClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _truth(story: Story, at: datetime) -> str:
    return "\n\n".join(story.version_at(at)[1])


def run_watch_bench(
    *,
    hosts: int = 20,
    stories: int = 400,
    hours: float = 6.0,
    every_min: int = 15,
    step_min: int = 5,
    host_delay_s: float = 0.0,
    peer_sample: int = 200,
    peers: bool = True,
    seed: int = 7,
    workdir: Path | None = None,
) -> dict[str, Any]:
    """Run the simulated day and the peers; returns the figures (``--json``)."""
    from presswatch.fetch.archive import WarcArchive
    from presswatch.fetch.client import PoliteClient
    from presswatch.fetch.settings import FetchSettings
    from presswatch.fetch.urls import canonical_url
    from presswatch.store import open_store
    from presswatch.store.monitor import MonitorStore
    from presswatch.watch.poll import run_once
    from presswatch.watch.sources import add_source

    if hosts < 1 or stories < 1 or every_min < 1 or step_min < 1:
        raise typer.BadParameter("hosts, stories, --every and --step must be at least 1")
    span = timedelta(hours=hours)
    outlets = make_outlets(hosts, stories, start=START, span=span, seed=seed)
    everything = [s for o in outlets for s in o.stories]
    clock = SimClock(START)
    settings = FetchSettings(user_agent="PressWatch-bench/1 (+http://127.0.0.1/)", timeout_s=10.0, retries=1,
                             backoff_s=0.05, host_delay_s=host_delay_s, host_concurrency=2)
    out: dict[str, Any] = {"hosts": hosts, "stories": stories, "simulated_hours": hours, "poll_every_min": every_min,
                           "host_delay_s": host_delay_s}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, OutletServer(outlets, clock) as server:
        store = open_store(str(Path(tmp) / "watch.db"))
        client = PoliteClient(settings)
        archive = WarcArchive(Path(tmp) / "archive")
        try:
            for outlet in outlets:
                if outlet.has_sitemap:  # added first: the sitemap's lastmod is what shows a revision
                    add_source(store, server.base(outlet.index) + "/sitemap.xml", name=f"{outlet.name} sitemap",
                               every=f"{every_min}m", client=client, now=START)
                add_source(store, server.base(outlet.index) + "/", name=outlet.name, every=f"{every_min}m",
                           client=client, now=START)
            end = START + span + timedelta(minutes=every_min)
            t, polls, errors = START, 0, 0
            began, cpu = time.perf_counter(), time.process_time()
            while t <= end:
                clock.now = t
                report = run_once(store, client=client, archive=archive, now=t)
                polls += len(report.polls)
                errors += sum(1 for p in report.polls if p.error)
                t += timedelta(minutes=step_min)
            seconds = time.perf_counter() - began
            out["cpu_seconds"] = round(time.process_time() - cpu, 2)  # this process, the outlets' threads included
            out.update(_stored_figures(store, MonitorStore(store), server, everything, canonical_url, end))
            out["polls"] = polls
            out["poll_errors"] = errors
            out["seconds"] = round(seconds, 2)
            out["articles_per_s"] = round(out["stored_once"] / seconds, 2) if seconds else 0.0
            out["requests"] = dict(sorted(server.requests.items()))
            out["requests_per_story"] = round(sum(server.requests.values()) / stories, 3)
            out["client_requests"] = client.requests
        finally:
            store.close()
        if peers:
            clock.now = end
            sample = random.Random(seed).sample(everything, min(peer_sample, len(everything)))
            out["peers"] = _peers(server, sample, settings, end)
    return out


def _stored_figures(store, monitor, server: OutletServer, everything: list[Story], canonical_url, end: datetime) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    urls = {canonical_url(server.url(s)): s for s in everything}
    seen = monitor.seen(urls)
    latencies: list[float] = []
    stored_ids: dict[str, str] = {}
    missing = 0
    for url, story in urls.items():
        row = seen.get(url)
        if row is None or row.outcome != "stored" or not row.article_id:
            missing += 1
            continue
        stored_ids[url] = row.article_id
        first = datetime.fromisoformat(row.first_seen_at)
        latencies.append((first - story.appears_at).total_seconds() / 60)
    articles = store.count_articles()
    pairs = []
    texts = {a.id: a.text for a in store.iter_articles()}
    for url, article_id in stored_ids.items():
        pairs.append((_truth(urls[url], end), texts.get(article_id, "")))
    scores = score_corpus(pairs)
    expected_revisions = {canonical_url(server.url(s)) for s in everything if s.revised_at is not None and s.revised_at <= end}
    caught = sum(1 for u in expected_revisions if u in stored_ids and len(monitor.versions(stored_ids[u])) > 1)
    return {
        "stored_once": len(set(stored_ids.values())),
        "missing": missing,
        "articles_in_db": articles,
        "duplicates": articles - len(set(stored_ids.values())),
        "latency_min_p50": round(_percentile(latencies, 0.5), 2),
        "latency_min_p99": round(_percentile(latencies, 0.99), 2),
        "latency_min_max": round(max(latencies), 2) if latencies else float("nan"),
        "latency_min_mean": round(statistics.fmean(latencies), 2) if latencies else float("nan"),
        "revisions_expected": len(expected_revisions),
        "revisions_caught": caught,
        "body_f1": round(scores.f1, 4),
    }


def _peers(server: OutletServer, sample: list[Story], settings, at: datetime) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    import trafilatura
    from trafilatura.settings import use_config

    from presswatch.extract import extract
    from presswatch.fetch.archive import document_from
    from presswatch.fetch.client import PoliteClient
    from presswatch.model import RawDocument

    urls = [server.url(s) for s in sample]
    truths = [_truth(s, at) for s in sample]
    rows: dict[str, dict[str, float]] = {}

    began = time.perf_counter()
    client = PoliteClient(settings)
    texts: list[str] = []
    for i in range(0, len(urls), 16):
        for result in client.fetch_many(urls[i : i + 16]):
            doc = document_from(result, None)
            texts.append(extract(doc).text if isinstance(doc, RawDocument) else "")
    seconds = time.perf_counter() - began
    rows["presswatch fetch+extract"] = {"articles": len(urls), "seconds": round(seconds, 2),
                                        "articles_per_s": round(len(urls) / seconds, 2),
                                        "body_f1": round(score_corpus(zip(truths, texts)).f1, 4),
                                        "requests_per_story": round(client.requests / len(urls), 3)}

    # trafilatura refuses non-public addresses by default; the outlets live on 127.0.0.1
    config = use_config()
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    began = time.perf_counter()
    texts = []
    for url in urls:
        html = trafilatura.fetch_url(url, config=config)
        texts.append((trafilatura.extract(html) or "") if html else "")
    seconds = time.perf_counter() - began
    rows["trafilatura fetch_url+extract"] = {"articles": len(urls), "seconds": round(seconds, 2),
                                             "articles_per_s": round(len(urls) / seconds, 2),
                                             "body_f1": round(score_corpus(zip(truths, texts)).f1, 4),
                                             "requests_per_story": 1.0}
    return rows


def print_report(out: dict[str, Any], console: Console) -> None:
    table = Table("figure", "value", title=f"Watching {out['hosts']} outlets, {out['stories']} stories over "
                                          f"{out['simulated_hours']:g} simulated hours, polled every {out['poll_every_min']} min")
    rows = [
        ("stories stored once", f"{out['stored_once']} of {out['stories']}"),
        ("missing / duplicates", f"{out['missing']} / {out['duplicates']}"),
        ("appearance -> stored, p50 / p99 / max (simulated min)",
         f"{out['latency_min_p50']:.1f} / {out['latency_min_p99']:.1f} / {out['latency_min_max']:.1f}"),
        ("requests per story (robots, listings, pages)", f"{out['requests_per_story']:.2f}"),
        ("revisions caught", f"{out['revisions_caught']} of {out['revisions_expected']}"),
        ("polls (errors)", f"{out['polls']} ({out['poll_errors']})"),
        ("body F1 of stored articles", f"{out['body_f1']:.4f}"),
        ("end to end: seconds / articles per s", f"{out['seconds']:.1f} / {out['articles_per_s']:.1f}"),
        ("CPU seconds (this process, outlets included)", f"{out['cpu_seconds']:.1f}"),
    ]
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(f"requests by kind: {out['requests']}; host delay {out['host_delay_s']:g} s")
    if out.get("peers"):
        peers = Table("fetch and extract, same server", "articles", "seconds", "articles/s", "body F1",
                      title="Peers (no NLP, no store)")
        for name, row in out["peers"].items():
            peers.add_row(name, str(int(row["articles"])), f"{row['seconds']:.2f}", f"{row['articles_per_s']:.1f}",
                          f"{row['body_f1']:.4f}")
        console.print(peers)


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("watch")
    def watch_bench(
        hosts: int = typer.Option(20, "--hosts", min=1, help="Fictional outlets, one loopback host each."),
        stories: int = typer.Option(400, "--stories", min=1, help="Stories appearing over the simulated time (the issue's size: 2000)."),
        hours: float = typer.Option(6.0, "--hours", min=0.1, help="Simulated hours the stories appear over (the issue's: 24)."),
        every: int = typer.Option(15, "--every", min=1, help="Minutes between polls of a source (simulated)."),
        step: int = typer.Option(5, "--step", min=1, help="Simulated minutes the clock moves between passes."),
        host_delay: float = typer.Option(0.0, "--host-delay", min=0.0, help="Real seconds between requests to one host."),
        peer_sample: int = typer.Option(200, "--peer-sample", min=1, help="Story URLs the fetch-and-extract peers read."),
        peers: bool = typer.Option(True, "--peers/--no-peers"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Live monitoring on fictional loopback outlets: stored once, latency, requests, articles/s, vs trafilatura."""
        out = run_watch_bench(hosts=hosts, stories=stories, hours=hours, every_min=every, step_min=step,
                              host_delay_s=host_delay, peer_sample=peer_sample, peers=peers)
        print_report(out, Console(stderr=as_json))
        if as_json:
            print(json.dumps(out))


__all__ = ["SimClock", "print_report", "register", "run_watch_bench"]
