"""Test data for the web reader: a real SQLite database with hand-written fictional articles.

The articles carry people, quotes (with real character offsets), entities and a syndication cluster,
built here by hand so these tests do not depend on how well the NLP or dedup stages do today.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from presswatch.model import Article, Entity, Mention, Person, Quote, content_hash
from presswatch.store import ClusterAssignment, open_store
from presswatch.web.security import CSRF_COOKIE, RateLimit

SECRET = b"tests-only-secret-0123456789abcdef"
#: Generous enough that no test but the rate-limit ones ever meets it.
ROOMY = RateLimit(burst=1000, per_second=1000.0)


def _quote(text: str, body: str, *, kind: str, speaker: str | None, speaker_type: str = "person",
           role: str | None = None, cue: str | None = "said") -> Quote:
    start = body.index(text)
    return Quote(text=text, kind=kind, speaker=speaker, speaker_type=speaker_type,  # type: ignore[arg-type]
                 speaker_role=role, cue=cue, start=start, end=start + len(text))


def _mentions(name: str, body: str) -> tuple[Mention, ...]:
    return tuple(Mention(m.group(0), m.start(), m.end()) for m in re.finditer(re.escape(name), body))


def _entities(body: str, names: dict[str, str]) -> tuple[Entity, ...]:
    found = [Entity(m.group(0), label, m.start(), m.end())
             for name, label in names.items() for m in re.finditer(re.escape(name), body)]
    return tuple(sorted(found, key=lambda e: e.start))


def make_article(
    article_id: str,
    *,
    title: str,
    paragraphs: list[str],
    site: str,
    published: str | None,
    standfirst: str | None = None,
    authors: tuple[str, ...] = (),
    quotes: list[dict] = (),
    people: dict[str, tuple[str, ...]] | None = None,
    entities: dict[str, str] | None = None,
) -> Article:
    body = "\n\n".join(paragraphs)
    return Article(
        id=article_id,
        url=f"https://{site}/news/{article_id}",
        site=site,
        title=title,
        standfirst=standfirst,
        authors=authors,
        published=published,
        language="en",
        paragraphs=tuple(paragraphs),
        text=body,
        source_path=f"fixtures/{article_id}.txt",
        content_hash=content_hash(body),
        entities=_entities(body, entities or {}),
        people=tuple(
            Person(name=name, roles=roles, mentions=_mentions(name.split()[-1], body))
            for name, roles in (people or {}).items()
        ),
        quotes=tuple(_quote(body=body, **q) for q in quotes),
    )


FERRY_PARAGRAPHS = [
    "Ferry services across the bay stopped on Monday as dock workers walked out over pay.",
    "Marta Kowalczyk, the union's regional secretary, said the strike would continue until the port "
    "authority returned to talks.",
    "“We have waited eleven months for an answer,” Kowalczyk said outside the terminal.",
    "The port authority said in a statement that it regretted the disruption.",
]
FERRY_QUOTES = [
    dict(text="the strike would continue until the port authority returned to talks", kind="indirect",
         speaker="Marta Kowalczyk", role="the union's regional secretary"),
    dict(text="We have waited eleven months for an answer", kind="direct", speaker="Marta Kowalczyk",
         role="the union's regional secretary"),
    dict(text="it regretted the disruption", kind="indirect", speaker="The port authority", speaker_type="org"),
]


@dataclass(frozen=True)
class Corpus:
    db: str
    ferry: Article  # the original
    ferry_copy: Article  # a wire copy in the same cluster
    tram: Article
    cluster_id: str


def build_corpus(path: Path | str) -> Corpus:
    """Write the fictional corpus into the database at ``path`` (a file path or a database URL)."""
    ferry = make_article(
        "ferry0001",
        title="Harbour strike halts ferries across the bay",
        standfirst="Dock workers walk out over pay; the union promises to stay out.",
        paragraphs=FERRY_PARAGRAPHS,
        site="bayherald.example",
        published="2024-03-04T09:30:00+00:00",
        authors=("Ilse Varga",),
        quotes=FERRY_QUOTES,
        people={"Marta Kowalczyk": ("regional secretary",)},
        entities={"Marta Kowalczyk": "PERSON", "Kowalczyk": "PERSON", "port authority": "ORG"},
    )
    ferry_copy = make_article(
        "ferry0002",
        title="Harbour strike halts ferries across the bay",
        paragraphs=FERRY_PARAGRAPHS,
        site="coastwire.example",
        published="2024-03-04T15:00:00+00:00",
        quotes=FERRY_QUOTES,
        people={"Marta Kowalczyk": ("regional secretary",)},
    )
    tram_paragraphs = [
        "The city council approved a new tram line on Tuesday after a long debate.",
        "Mayor Jonas Berg said the line would open in 2027 and cut journeys by a third.",
        "Critics wrote that costs < benefits & warned of <script>alert('x')</script> overruns.",
    ]
    tram = make_article(
        "tram00001",
        title="Council approves new tram line",
        standfirst="Costs < benefits, say critics & <b>the mayor</b> disagrees.",
        paragraphs=tram_paragraphs,
        site="bayherald.example",
        published="2024-02-10T12:00:00+00:00",
        quotes=[dict(text="the line would open in 2027 and cut journeys by a third", kind="indirect",
                     speaker="Jonas Berg", role="Mayor")],
        people={"Jonas Berg": ("Mayor",)},
        entities={"Jonas Berg": "PERSON", "city council": "ORG"},
    )
    cluster_id = "cluster-ferry"
    store = open_store(str(path))
    try:
        store.write_batch(
            [ferry, ferry_copy, tram],
            assignments=[
                ClusterAssignment("ferry0001", cluster_id, "ferry0001", True),
                ClusterAssignment("ferry0002", cluster_id, "ferry0001", False),
            ],
        )
    finally:
        store.close()
    return Corpus(str(path), ferry, ferry_copy, tram, cluster_id)


def csrf_from(client: TestClient, path: str) -> str:
    """Open a page the way a browser would; return the token the page put in its form."""
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, "the page has no CSRF field"
    assert client.cookies.get(CSRF_COOKIE) == match.group(1)
    return match.group(1)


# --- a real server, for the browser and schemathesis tests ----------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn on 127.0.0.1 in a background thread; stops on exit, and gives up starting after 20 s."""

    def __init__(self, app, port: int):
        import uvicorn

        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                self.server.should_exit = True
                raise RuntimeError("the web server did not start within 20 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


