"""Fictional news outlets on 127.0.0.1, for `presswatch bench watch` and `make watch-demo`.

Every outlet is its own host (its own port): a homepage announcing its RSS feed, the feed (the
latest stories; some outlets carry whole stories in it, the others only links with tracking
parameters), a sitemap of the last two days with ``lastmod``, a robots.txt that disallows
``/private/``, and the story pages, which answer conditional GETs with 304. Stories appear at set
times of a clock the caller gives (a simulated one in the benchmark, the wall clock in the demo);
some are revised later (a paragraph edited, a quote changed), and the sitemap dates them anew.

All text is made up here from word lists: places, people and events are fictional.

    python -m presswatch.bench.outlets --hosts 3 --stories 60 --minutes 20 --port 8101
"""

from __future__ import annotations

import argparse
import hashlib
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

TOWNS = ("Esker Bay", "Port Alder", "Hollin Cross", "Marrowby", "Tarn Vale", "Quillhaven", "Brantmoor", "Fenwick Reach",
         "Saltcombe", "Orrin Ford", "Wyndle", "Caskett", "Lowmere", "Dunhallow", "Greyhythe", "Skerrow")
FIRST = ("Petra", "Aron", "Ines", "Tomas", "Mara", "Edda", "Jonas", "Lena", "Oskar", "Ida", "Rune", "Sigrid", "Milo",
         "Hanne", "Evert", "Noor", "Casimir", "Liv", "Bram", "Yara", "Teodor", "Alma", "Severin", "Ruth")
LAST = ("Lund", "Vik", "Caldera", "Veir", "Lindqvist", "Marsh", "Halvorsen", "Brenner", "Okafor", "Sandell", "Ferro",
        "Quist", "Amsel", "Dahlberg", "Rourke", "Tamsin", "Wexley", "Corbet", "Haldane", "Iverson", "Moreau", "Pryce")
ROLES = ("who chairs the harbour board", "the town's deputy mayor", "a spokeswoman for the ferry company",
         "who runs the bakery on Quay Street", "the head teacher of the primary school", "a fisherman for thirty years",
         "the council's finance officer", "who leads the residents' association", "the station's senior coxswain",
         "a lecturer at the maritime college", "the chief executive of the water board", "the district's nurse")
BODIES = ("town council", "harbour board", "ferry company", "water board", "school governors", "library trust",
          "fishing cooperative", "district hospital", "rail operator", "chamber of commerce")
SUBJECTS = ("the night ferry timetable", "repairs to the sea wall", "a new footbridge over the river", "the library's opening hours",
            "parking charges on the seafront", "a second lifeboat", "the autumn regatta", "school bus routes",
            "the fish market's lease", "a wind farm off the point", "flood defences along the quay", "the winter fuel fund",
            "a cycle lane to the station", "the clinic's weekend hours", "the old cannery site", "a tidal swimming pool")
VERBS = ("approved", "delayed", "rejected", "put forward", "paid for", "agreed to review", "voted to scrap", "backed")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OPINIONS = ("We have waited long enough for this", "Nobody asked the people who live here", "It is the right decision for the town",
            "The money would be better spent elsewhere", "This will make winter easier for families", "We expect the work to run late",
            "I have never seen the hall so full", "The numbers simply do not add up", "Our members are delighted",
            "It is a small step, but it counts", "We will keep pressing for a better plan", "The sea does not wait for committees")
DETAILS = ("The cost is put at {n} thousand crowns, shared between the {body} and the county.",
           "About {n} residents signed a petition on {subject} during the consultation.",
           "Work is due to start in {month} and should take {k} weeks, weather allowing.",
           "The last review of {subject} was {k} years ago, when the {body} had {n} members.",
           "A public meeting on {day} drew {n} people to the hall on {street}.",
           "Figures from the {body} show {n} complaints about {subject} since {month}.",
           "Shops on {street} said trade fell by {k} percent while the matter was unresolved.",
           "The {body} will publish its full report on {day}, with a vote due in {month}.")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November")
STREETS = ("Quay Street", "Mill Lane", "Harbour Road", "Chapel Row", "Station Hill", "Ropewalk", "Market Square", "Tide Street")
OUTLET_WORDS = ("Courier", "Gazette", "Herald", "Post", "Chronicle", "Mercury", "Beacon", "Packet", "Observer", "Echo")
FEED_SIZE = 30
SITEMAP_DAYS = 2


@dataclass(frozen=True, slots=True)
class Story:
    outlet: int
    number: int
    slug: str
    title: str
    author: str
    appears_at: datetime
    paragraphs: tuple[str, ...]
    revised_at: datetime | None = None
    revised_paragraphs: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"/news/{self.slug}"

    def version_at(self, now: datetime) -> tuple[int, tuple[str, ...]]:
        if self.revised_at is not None and now >= self.revised_at:
            return 2, self.revised_paragraphs
        return 1, self.paragraphs

    def lastmod_at(self, now: datetime) -> datetime:
        return self.revised_at if self.revised_at is not None and now >= self.revised_at else self.appears_at


@dataclass(slots=True)
class Outlet:
    index: int
    name: str
    full_feed: bool  # the feed carries whole stories (content:encoded)
    has_sitemap: bool
    stories: list[Story] = field(default_factory=list)  # by appearance
    broken_from: datetime | None = None  # the feed and sitemap answer 503 from then on (a failing source)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _story(rng: random.Random, outlet: int, number: int, appears_at: datetime, revise: bool, revise_after: timedelta) -> Story:
    town, body, subject, verb = rng.choice(TOWNS), rng.choice(BODIES), rng.choice(SUBJECTS), rng.choice(VERBS)
    speakers = [(_person(rng), rng.choice(ROLES)) for _ in range(2)]
    day = rng.choice(DAYS)
    fill = {"body": body, "subject": subject, "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
            "street": rng.choice(STREETS)}

    details = iter(rng.sample(DETAILS, 3))

    def detail() -> str:
        return next(details).format(n=rng.randint(12, 980), k=rng.randint(2, 19), **fill)

    (a, a_role), (b, b_role) = speakers
    opinions = rng.sample(OPINIONS, 3)
    paragraphs = [
        f"The {town} {body} {verb} {subject} on {day}, after {rng.randint(2, 9)} months of argument, "
        f"in a decision that {rng.choice(('surprised few', 'split the town', 'drew a crowd', 'came late in the evening'))}.",
        f"\u201c{opinions[0]},\u201d said {a}, {a_role}. \u201c{opinions[1]}.\u201d",
        detail() + " " + detail(),
        f"{b}, {b_role}, said the {body} had {rng.choice(('listened', 'not listened', 'moved too fast', 'done its homework'))} "
        f"and that {subject} would {rng.choice(('come back next year', 'cost more than planned', 'be watched closely', 'need a second vote'))}.",
        detail(),
        f"\u201c{opinions[2]},\u201d {b.split()[1]} added.",
    ]
    middle = paragraphs[2:5]
    rng.shuffle(middle)
    paragraphs[2:5] = middle
    title = f"{town} {body} {verb} {subject}"
    slug = f"{number:05d}-" + "-".join(w for w in title.lower().replace("'", "").split() if w.isalnum())[:60].strip("-")
    revised: tuple[str, ...] = ()
    revised_at = None
    if revise:
        revised_at = appears_at + revise_after
        changed = list(paragraphs)
        changed[1] = f"\u201c{rng.choice([o for o in OPINIONS if o not in opinions])},\u201d said {a}, {a_role}."
        changed.append(f"This story was updated: the {body} confirmed the vote on {rng.choice(DAYS)}.")
        revised = tuple(changed)
    return Story(outlet, number, slug, title[0].upper() + title[1:], _person(rng), appears_at, tuple(paragraphs),
                 revised_at, revised)


def make_outlets(hosts: int, stories: int, *, start: datetime, span: timedelta, seed: int = 7,
                 revise_share: float = 0.05, revise_after: timedelta = timedelta(hours=2),
                 before_start: int = 0) -> list[Outlet]:
    """``stories`` stories spread over ``hosts`` outlets, appearing at random times in
    [start, start + span); ``before_start`` of them already out before ``start``."""
    rng = random.Random(seed)
    outlets = [Outlet(i, f"{TOWNS[i % len(TOWNS)]} {OUTLET_WORDS[i % len(OUTLET_WORDS)]}", full_feed=i % 4 == 3,
                      has_sitemap=i % 4 != 3) for i in range(hosts)]
    for n in range(stories):
        offset = -rng.random() * timedelta(hours=6) if n < before_start else rng.random() * span
        outlet = outlets[rng.randrange(hosts)]
        revise = not outlet.full_feed and rng.random() < revise_share
        outlet.stories.append(_story(rng, outlet.index, n + 1, start + offset, revise, revise_after))
    for outlet in outlets:
        outlet.stories.sort(key=lambda s: s.appears_at)
    return outlets


def _paragraphs_html(paragraphs: tuple[str, ...]) -> str:
    return "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)


def story_page(outlet: Outlet, story: Story, paragraphs: tuple[str, ...], modified: datetime | None) -> str:
    published = story.appears_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    changed = f'<meta property="article:modified_time" content="{modified:%Y-%m-%dT%H:%M:%SZ}">' if modified else ""
    others = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in outlet.stories[:3] if s is not story)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(story.title)} | {escape(outlet.name)}</title>
<meta property="og:site_name" content="{escape(outlet.name)}">
<meta property="og:title" content="{escape(story.title)}">
<meta name="author" content="{escape(story.author)}">
<meta property="article:published_time" content="{published}">{changed}
</head><body>
<header><a href="/">{escape(outlet.name)}</a> <nav><a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/private/">Staff</a></nav></header>
<main><article><h1>{escape(story.title)}</h1>
<p class="byline">By {escape(story.author)}</p>
{_paragraphs_html(paragraphs)}
</article>
<aside><h2>More news</h2><ul>{others}</ul></aside></main>
<footer><p>{escape(outlet.name)}. All rights reserved. <a href="/about">About us</a> <a href="/contact">Contact</a></p></footer>
</body></html>"""


def _rfc822(when: datetime) -> str:
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


class OutletServer:
    """One loopback HTTP server per outlet; ``clock()`` says what is out. Counts requests per path kind."""

    def __init__(self, outlets: list[Outlet], clock: Callable[[], datetime], *, port: int = 0,
                 tracking: bool = True) -> None:
        self.outlets = outlets
        self.clock = clock
        self.tracking = tracking
        self.requests: dict[str, int] = {}
        self.first_served: dict[tuple[int, str], datetime] = {}
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._by_slug = [{s.slug: s for s in o.stories} for o in outlets]
        for outlet in outlets:
            httpd = ThreadingHTTPServer(("127.0.0.1", port + outlet.index if port else 0), self._handler(outlet))
            httpd.daemon_threads = True
            self._servers.append(httpd)
        self.ports = [s.server_address[1] for s in self._servers]

    def base(self, outlet: int) -> str:
        return f"http://127.0.0.1:{self.ports[outlet]}"

    def url(self, story: Story) -> str:
        return self.base(story.outlet) + story.path

    def _count(self, kind: str) -> None:
        with self._lock:
            self.requests[kind] = self.requests.get(kind, 0) + 1

    def _handler(self, outlet: Outlet) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body leave in one write: two small writes meet Nagle and delayed ACKs (~40 ms each)
            wbufsize = 1 << 16

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                status, ctype, body, headers = server.answer(outlet, self.path, self.headers.get("If-None-Match"))
                payload = body.encode("utf-8")
                self.send_response(status)
                if status != 304:
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(payload)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def answer(self, outlet: Outlet, raw_path: str, if_none_match: str | None) -> tuple[int, str, str, dict[str, str]]:
        now = self.clock()
        path = urlsplit(raw_path).path
        base = self.base(outlet.index)
        out = [s for s in outlet.stories if s.appears_at <= now]
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            self._count("robots")
            sitemap = f"Sitemap: {base}/sitemap.xml\n" if outlet.has_sitemap else ""
            return 200, "text/plain; charset=utf-8", f"User-agent: *\nDisallow: /private/\n{sitemap}", {}
        if path.startswith("/private/"):
            self._count("disallowed")
            return 403, html, "<p>Staff only.</p>", {}
        if path in ("/feed.xml", "/sitemap.xml") and outlet.broken_from is not None and now >= outlet.broken_from:
            self._count("listing")
            return 503, html, "<p>Down for maintenance.</p>", {"Retry-After": "1"}
        if path == "/":
            self._count("home")
            items = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in reversed(out[-10:]))
            return 200, html, (f'<!doctype html><html><head><title>{escape(outlet.name)}</title>'
                               f'<link rel="alternate" type="application/rss+xml" title="{escape(outlet.name)}" href="/feed.xml">'
                               f'</head><body><h1>{escape(outlet.name)}</h1><ul>{items}</ul></body></html>'), {}
        if path == "/feed.xml":
            self._count("listing")
            latest = list(reversed(out[-FEED_SIZE:]))
            etag = '"' + hashlib.sha1("|".join(f"{s.slug}:{s.version_at(now)[0]}" for s in latest).encode()).hexdigest()[:16] + '"'
            if if_none_match == etag:
                return 304, "application/rss+xml", "", {"ETag": etag}
            return 200, "application/rss+xml; charset=utf-8", self._rss(outlet, latest, now), {"ETag": etag}
        if path == "/sitemap.xml" and outlet.has_sitemap:
            self._count("listing")
            recent = [s for s in out if s.appears_at > now - timedelta(days=SITEMAP_DAYS)]
            etag = '"' + hashlib.sha1("|".join(f"{s.slug}:{s.lastmod_at(now).isoformat()}" for s in recent).encode()).hexdigest()[:16] + '"'
            if if_none_match == etag:
                return 304, "application/xml", "", {"ETag": etag}
            rows = "".join(f"<url><loc>{base}{s.path}</loc><lastmod>{s.lastmod_at(now):%Y-%m-%dT%H:%M:%SZ}</lastmod></url>"
                           for s in recent)
            body = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
            return 200, "application/xml; charset=utf-8", body, {"ETag": etag}
        if path.startswith("/news/"):
            story = self._by_slug[outlet.index].get(path.removeprefix("/news/"))
            if story is None or story.appears_at > now:
                self._count("missing")
                return 404, html, "<p>Not found.</p>", {}
            self._count("page")
            with self._lock:
                self.first_served.setdefault((outlet.index, story.slug), now)
            version, paragraphs = story.version_at(now)
            etag = f'"{story.slug}-v{version}"'
            if if_none_match == etag:
                return 304, html, "", {"ETag": etag}
            modified = story.revised_at if version == 2 else None
            return 200, html, story_page(outlet, story, paragraphs, modified), {"ETag": etag}
        self._count("missing")
        return 404, html, "<p>Not found.</p>", {}

    def _rss(self, outlet: Outlet, latest: list[Story], now: datetime) -> str:
        base = self.base(outlet.index)
        items = []
        for s in latest:
            link = f"{base}{s.path}" + ("?utm_source=rss&amp;utm_medium=feed" if self.tracking else "")
            content = ""
            if outlet.full_feed:
                content = f"<content:encoded><![CDATA[{_paragraphs_html(s.version_at(now)[1])}]]></content:encoded>"
            items.append(f"<item><title>{escape(s.title)}</title><link>{link}</link><guid isPermaLink=\"false\">{s.slug}</guid>"
                         f"<author>{escape(s.author)}</author><pubDate>{_rfc822(s.appears_at)}</pubDate>"
                         f"<description>{escape(s.paragraphs[0])}</description>{content}</item>")
        return ('<?xml version="1.0" encoding="utf-8"?>\n'
                '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>{escape(outlet.name)}</title><link>{base}/</link><description>News from {escape(outlet.name)}</description>"
                f"{''.join(items)}</channel></rss>")

    def start(self) -> "OutletServer":
        for httpd in self._servers:
            thread = threading.Thread(target=httpd.serve_forever, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for httpd in self._servers:
            httpd.shutdown()
            httpd.server_close()

    def __enter__(self) -> "OutletServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """Serve fictional outlets in real time until interrupted (for `make watch-demo`)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=3)
    parser.add_argument("--stories", type=int, default=60, help="stories in all, a third out already")
    parser.add_argument("--minutes", type=float, default=20, help="the rest appear over this many minutes")
    parser.add_argument("--port", type=int, default=8101, help="the first outlet's port; the others follow")
    parser.add_argument("--failing", action="store_true", help="the last outlet's feed and sitemap break after two minutes")
    args = parser.parse_args(argv)
    start = datetime.now(timezone.utc)
    span = timedelta(minutes=args.minutes)
    outlets = make_outlets(args.hosts, args.stories, start=start, span=span, before_start=args.stories // 3,
                           revise_share=0.25, revise_after=timedelta(minutes=3))
    if args.failing and outlets:
        outlets[-1].broken_from = start + timedelta(minutes=2)
    with OutletServer(outlets, lambda: datetime.now(timezone.utc), port=args.port) as server:
        for outlet in outlets:
            print(f"{outlet.name}: {server.base(outlet.index)}/ ({len(outlet.stories)} stories)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
