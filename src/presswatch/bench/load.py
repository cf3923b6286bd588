"""`presswatch bench load`: the web reader under load on the loopback interface.

Readers (``clients`` threads for ``seconds``) search and open articles, pages and API alike; then
``comments`` comment posts arrive at once. Reported: requests/s, p50/p99 latency, every status seen,
server errors (must be zero), and whether each accepted comment was stored exactly once.

The server is this process's own uvicorn on 127.0.0.1 and a free port; nothing leaves the machine.
The database is a fresh SQLite file holding the project's fictional samples unless ``db`` names a
scratch database (comments are written into it).
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import httpx
import typer

from presswatch.errors import PressWatchError

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@dataclass
class LoadReport:
    requests: int = 0
    seconds: float = 0.0
    requests_per_s: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    server_errors: int = 0
    comments_sent: int = 0
    comments_accepted: int = 0
    comments_refused: int = 0
    comments_stored_once: int = 0
    comments_lost_or_doubled: int = 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """uvicorn on 127.0.0.1 in a thread; stops on exit, gives up starting after 30 s."""

    def __init__(self, app) -> None:
        import uvicorn

        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "_Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                self.server.should_exit = True
                raise RuntimeError("the web server did not start within 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def _sample_database(folder: Path) -> str:
    from presswatch.run.local import ingest_paths
    from presswatch.store import open_store

    db = str(folder / "load.db")
    store = open_store(db)
    try:
        ingest_paths([SAMPLES], store, workers=1)
    finally:
        store.close()
    return db


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Driven:
    latencies: list[float]  # seconds, one per request
    statuses: Counter[int]
    seconds: float  # wall time of the whole run

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "requests_per_s": round(self.requests_per_s, 1),
            "p50_ms": round(1000 * statistics.median(self.latencies), 1) if self.latencies else 0.0,
            "p99_ms": round(1000 * _percentile(self.latencies, 0.99), 1),
        }


def drive(base_url: str, paths_of: Callable[[int], list[str]], *, clients: int, seconds: float) -> Driven:
    """``clients`` threads, each with its own keep-alive connection, GET their paths in turn
    (client ``n`` walks ``paths_of(n)`` from its ``n``-th entry) one request at a time for ``seconds``."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def reader(n: int) -> None:
        paths = paths_of(n)
        with httpx.Client(base_url=base_url, timeout=60) as client:
            i = n
            while time.monotonic() < deadline:
                started = time.perf_counter()
                status = client.get(paths[i % len(paths)]).status_code
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] += 1
                i += 1

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(reader, range(clients)))
    return Driven(latencies, statuses, time.perf_counter() - began)


def run_load(db: str | None = None, *, clients: int = 20, seconds: float = 20.0, comments: int = 200) -> LoadReport:
    """Load the web reader over ``db`` (default: a fresh database of the samples) and report."""
    from presswatch.store import open_store
    from presswatch.web.app import create_app
    from presswatch.web.security import RateLimit

    with tempfile.TemporaryDirectory(prefix="presswatch-load-") as scratch:
        db = db or _sample_database(Path(scratch))
        store = open_store(db)
        try:
            ids = [hit.article.id for hit in store.search("", limit=50).items]
        finally:
            store.close()
        if not ids:
            raise PressWatchError(f"the database {db} holds no articles to load-test; ingest some first")
        words = ["the", "said", "council", "strike", "ferry", "police", "minister", "court"]
        # readers and the comment burst come from one address: the rate limit would rightly refuse them
        app = create_app(db, rate_limit=RateLimit(burst=comments + 1, per_second=1000.0))
        report = LoadReport()
        statuses: Counter[int] = Counter()
        lock = threading.Lock()
        with _Server(app) as server:

            def paths_of(n: int) -> list[str]:
                paths = []
                for i, article_id in enumerate(ids):
                    word = words[(n + i) % len(words)]
                    paths += [f"/search?q={word}", f"/api/articles?q={word}", f"/articles/{article_id}",
                              f"/api/articles/{article_id}", "/"]
                return paths

            driven = drive(server.url, paths_of, clients=clients, seconds=seconds)
            latencies, report.seconds = driven.latencies, driven.seconds
            statuses.update(driven.statuses)

            tag = uuid.uuid4().hex[:8]
            target = ids[0]

            def post(i: int) -> int:
                with httpx.Client(base_url=server.url, timeout=60) as client:
                    response = client.post(f"/api/articles/{target}/comments",
                                           json={"name": f"Reader {i}", "comment": f"load {tag} comment {i}"})
                with lock:
                    statuses[response.status_code] += 1
                return response.status_code

            with ThreadPoolExecutor(max_workers=min(comments, 50) or 1) as pool:
                posted = list(pool.map(post, range(comments)))
        store = open_store(db)
        try:
            stored = Counter(c.comment for c in store.comments(target) if f"load {tag} " in c.comment)
        finally:
            store.close()
        accepted = [i for i, status in enumerate(posted) if status == 201]
        report.requests = len(latencies)
        report.requests_per_s = report.requests / report.seconds if report.seconds else 0.0
        report.p50_ms = 1000 * statistics.median(latencies) if latencies else 0.0
        report.p99_ms = 1000 * _percentile(latencies, 0.99)
        report.statuses = {str(k): v for k, v in sorted(statuses.items())}
        report.server_errors = sum(v for k, v in statuses.items() if k >= 500)
        report.comments_sent = comments
        report.comments_accepted = len(accepted)
        report.comments_refused = comments - len(accepted)
        expected = {f"load {tag} comment {i}" for i in accepted}
        report.comments_stored_once = sum(1 for text in expected if stored[text] == 1)
        unexpected = sum(n for text, n in stored.items() if text not in expected)  # a refused post stored anyway
        report.comments_lost_or_doubled = len(expected) - report.comments_stored_once + unexpected
        return report


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("load")
    def load(
        db: Optional[str] = typer.Option(
            None, "--db", help="A scratch database to load (comments are written into it); default: the samples."
        ),
        clients: int = typer.Option(20, "--clients", min=1, help="Readers searching and opening articles at once."),
        seconds: float = typer.Option(20.0, "--seconds", min=0.5, help="How long the readers read."),
        comments: int = typer.Option(200, "--comments", min=0, help="Comment posts sent at once afterwards."),
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the figures."),
    ) -> None:
        """The web reader under load on 127.0.0.1: requests/s, p50/p99, no 5xx, each comment stored once."""
        from rich.table import Table

        from rich.console import Console

        from presswatch.cli.common import handle_errors, print_json

        with handle_errors():
            report = run_load(db, clients=clients, seconds=seconds, comments=comments)
        table = Table("figure", "value", title=f"Load: {clients} readers for {seconds:g} s, then {comments} comments")
        for name, value in asdict(report).items():
            table.add_row(name.replace("_", " "), f"{value:.1f}" if isinstance(value, float) else str(value))
        Console(stderr=as_json).print(table)
        if as_json:
            print_json(asdict(report))
        if report.server_errors or report.comments_lost_or_doubled:
            raise typer.Exit(1)


__all__ = ["Driven", "LoadReport", "drive", "run_load"]
