"""A loopback web server for the monitoring tests: fictional outlets, scripted replies, a request log.

Routes map a path (with query) to a ``Reply``, a list of replies (served in turn, the last one
repeating), or a function of the request. Every request is logged with its monotonic time, so tests
count request timestamps instead of measuring wall time. 127.0.0.1 and localhost reach the same
server but are different hosts to the client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Union


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent
    content_type: str = "text/html; charset=utf-8"
    announce_length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass(frozen=True)
class Logged:
    host: str
    path: str
    at: float
    headers: dict[str, str]


Route = Union[Reply, list[Reply], Callable[["Logged"], Reply]]


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Logged] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                logged = Logged(self.headers.get("Host", ""), self.path, time.monotonic(), dict(self.headers.items()))
                reply = server._reply(logged)
                body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                headers = {"Content-Type": reply.content_type, **reply.headers}
                if reply.announce_length:
                    headers.setdefault("Content-Length", str(len(body)))
                else:
                    headers["Connection"] = "close"
                    self.close_connection = True
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _reply(self, logged: Logged) -> Reply:
        with self._lock:
            self.log.append(logged)
            route = self.routes.get(logged.path)
            if route is None and logged.path == "/robots.txt":
                return Reply(404, "no robots.txt here", content_type="text/plain")
            if route is None:
                return Reply(404, "<html><body><p>Not found.</p></body></html>")
            if isinstance(route, list):
                n = self._served.get(logged.path, 0)
                self._served[logged.path] = n + 1
                return route[min(n, len(route) - 1)]
        if callable(route) and not isinstance(route, Reply):
            return route(logged)
        return route

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def requests_for(self, path: str) -> list[Logged]:
        return [r for r in self.log if r.path == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    def start(self) -> "FixtureServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_page(title: str, paragraphs: list[str], *, author: str = "Mara Lindqvist",
                 published: str = "2026-11-03", site: str = "Harbour Gazette") -> str:
    """A fictional article page, the way a small outlet's CMS would render it."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></nav></header>
<article><h1>{title}</h1><p class="byline">By {author}</p>
{body}
</article>
<footer><p>Harbour Gazette, 1 Quay Street. All rights reserved.</p></footer>
</body></html>"""


def story_paragraphs(n: int, town: str = "Port Alder") -> list[str]:
    """Four paragraphs of a fictional local story, different for each ``n``."""
    return [
        f"The {town} council approved plan number {n} for the harbour district on a vote of five to two, officials said.",
        f"\u201cThis is the {n}th time we have looked at the quay, and the last,\u201d said Edda Marsh, who leads the council.",
        f"Residents of ward {n} asked for more benches and a safer crossing near the fish market during the consultation.",
        f"Work on item {n} is due to begin in the spring and to finish before the regatta in August, the council added.",
    ]


def rss(title: str, items: list[dict], *, link: str = "http://127.0.0.1/") -> str:
    """An RSS 2.0 feed; an item with ``content`` carries the whole story (content:encoded)."""
    parts = []
    for it in items:
        content = f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>" if it.get("content") else ""
        summary = f"<description>{it['summary']}</description>" if it.get("summary") else ""
        parts.append(
            f"<item><title>{it['title']}</title><link>{it['link']}</link><guid>{it['link']}</guid>"
            f"<pubDate>{it.get('date', 'Tue, 03 Nov 2026 08:00:00 GMT')}</pubDate>{summary}{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>{link}</link><description>news</description>{''.join(parts)}</channel></rss>"
    )


def sitemap(entries: list[tuple[str, str]], *, news: bool = False) -> str:
    """A sitemap of (url, date); ``news``: a Google News sitemap (publication dates, titles)."""
    rows = []
    for url, date in entries:
        if news:
            rows.append(
                f"<url><loc>{url}</loc><news:news><news:publication><news:name>Harbour Gazette</news:name>"
                f"<news:language>en</news:language></news:publication><news:publication_date>{date}</news:publication_date>"
                f"<news:title>Story at {url}</news:title></news:news></url>"
            )
        else:
            rows.append(f"<url><loc>{url}</loc><lastmod>{date}</lastmod></url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{"".join(rows)}</urlset>'
