"""`presswatch bench serve`: full-text search under load, PressWatch's API beside Datasette, one SQLite file.

The database is synthetic and built once (then cached under ``artifacts/serve/``): ``articles``
records whose bodies are sentences of the extraction benchmark's ground-truth bodies, shuffled
together with a tenth of their words swapped for other words of the same bodies, so term
frequencies, lengths and the FTS index look like news. They are written straight through the store
(``write_batch``), not through the NLP pipeline. Nothing of the bodies is copied into the project.

Each server runs in its own process on 127.0.0.1 and a free port; ``clients`` threads of this process
send one request at a time each, for ``seconds``, walking the same query words in the same order:

- PressWatch: ``/api/articles?q=WORD&limit=20`` (ranked hits with snippets, the total, facets);
- Datasette (``datasette serve`` of the same file, default settings but a 60 s SQL time limit, so no
  query is cut short): ``/DB/articles.json?_search=WORD&_size=20&_nosuggest=1`` with the summary
  columns (id, title, site, published, url): the first page of matches (in rowid order, not ranked)
  and their count. Without ``_nosuggest`` Datasette also tries facet suggestions on every column,
  which made it 5-30 times slower per query here; that is not the equivalent query.

``same_totals`` checks the two count the same matches for every query word.

The query words are drawn from the synthetic bodies themselves: words of 5+ letters spread over the
document-frequency range from rare to very common, so some queries hit a few hundred articles and
some a third of the database.
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional
from urllib.parse import quote

import typer

from presswatch.bench.dedup import _Maker, load_bodies, paragraphs
from presswatch.bench.load import Driven, drive
from presswatch.errors import PressWatchError
from presswatch.model import Article, content_hash

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "serve"
SEED = 20251208
_BUILD_VERSION = 1  # bump when the generator changes: the cached file name carries it
_SITES = tuple(
    f"{town} {paper}"
    for town in ("Harbour", "Valley", "Northern", "Coast", "City", "Lakeside", "Upland", "Riverside")
    for paper in ("Gazette", "Courier", "Ledger", "Herald", "Wire")
)
_WORD = re.compile(r"\b[a-z]{5,}\b")


def synthetic_records(maker: _Maker, n: int) -> list[Article]:
    """``n`` articles made of the bodies' sentences, reshuffled and with a tenth of the words changed."""
    rng = maker.rng
    pool, vocab = maker.pool, maker.vocab
    base = datetime(2023, 1, 1, tzinfo=timezone.utc)
    out: list[Article] = []
    for _ in range(n):
        chosen = [s for _, s in rng.sample(pool, min(len(pool), rng.randint(6, 24)))]
        words = " ".join(chosen).split()
        for _ in range(len(words) // 10):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        sents, text_words, start = [], words, 0
        for s in chosen:  # the changed words back into sentences, paragraphs of 2-4 sentences
            k = len(s.split())
            sents.append(" ".join(text_words[start : start + k]))
            start += k
        paras, i = [], 0
        while i < len(sents):
            step = rng.randint(2, 4)
            paras.append(" ".join(sents[i : i + step]))
            i += step
        text = "\n\n".join(paras)
        title_words = rng.choice(sents).split()[: rng.randint(5, 11)]
        aid = maker.new_id()
        out.append(
            Article(
                id=aid,
                url=f"https://news.example/{aid}",
                site=rng.choice(_SITES),
                title=" ".join(title_words).rstrip(".,;:").capitalize(),
                standfirst=sents[0] if rng.random() < 0.5 else None,
                authors=(),
                published=(base + timedelta(minutes=rng.randint(0, 60 * 24 * 365 * 3))).isoformat(),
                language="en",
                paragraphs=tuple(paragraphs(text)),
                text=text,
                source_path=f"synthetic/{aid}",
                content_hash=content_hash(text),
            )
        )
    return out


def build_database(path: Path, n: int, bodies: Sequence[str], *, batch: int = 2000) -> None:
    """Write ``n`` synthetic articles into a fresh SQLite database at ``path`` (through a temp file)."""
    from presswatch.store import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    maker = _Maker(bodies, SEED + n)
    store = open_store(str(tmp))
    try:
        for start in range(0, n, batch):
            store.write_batch(synthetic_records(maker, min(batch, n - start)))
    finally:
        store.close()
    import sqlite3

    with sqlite3.connect(tmp) as conn:  # one file, no WAL beside it: both servers open it as it is
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("ANALYZE")
    tmp.replace(path)


def cached_database(n: int, bodies: Sequence[str], folder: Path = ARTIFACTS) -> Path:
    """The synthetic database of ``n`` articles, built on first use."""
    from presswatch.store.migrate import head_revision

    path = folder / f"serve-{n}-v{_BUILD_VERSION}-{head_revision()}.db"
    if not path.exists():
        build_database(path, n, bodies)
    return path


def query_words(db: Path, count: int = 24, seed: int = SEED) -> list[str]:
    """Words of 5+ letters of a sample of the bodies, spread evenly over their document frequencies."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = conn.execute("SELECT text FROM articles ORDER BY pk LIMIT 2000").fetchall()
    df: Counter[str] = Counter()
    for (text,) in rows:
        df.update(set(_WORD.findall(text.lower())))
    # from 1 in 300 documents up to 1 in 3: rare names to the commonest content words
    ranked = sorted((w for w, c in df.items() if len(rows) / 300 <= c <= len(rows) / 3), key=lambda w: (df[w], w))
    ranked = ranked or sorted(df, key=lambda w: (df[w], w))  # a tiny database: every word is common
    if not ranked or not total:
        raise PressWatchError(f"{db} holds too few articles to choose query words")
    step = max(1, len(ranked) // count)
    words = ranked[::step][:count]
    random.Random(seed).shuffle(words)
    return words


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Process:
    """A server in a child process on 127.0.0.1; waits until ``probe`` answers, stops it on exit."""

    def __init__(self, argv: list[str], port: int, probe: str) -> None:
        self.argv, self.url, self.probe = argv, f"http://127.0.0.1:{port}", probe

    def __enter__(self) -> "_Process":
        import httpx

        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.proc = subprocess.Popen(self.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise PressWatchError(f"{self.argv[2]} server exited: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                if httpx.get(self.url + self.probe, timeout=30).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.__exit__()
                raise PressWatchError(f"the server {self.argv} did not answer within 60 s")
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def presswatch_server(db: Path) -> _Process:
    port = _free_port()
    code = (
        "import sys, uvicorn; from presswatch.web.app import create_app; "
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
    )
    return _Process([sys.executable, "-c", code, str(db), str(port)], port, "/api/articles?limit=1")


def datasette_server(db: Path) -> _Process:
    port = _free_port()
    argv = [
        sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1", "--port", str(port),
        "--setting", "sql_time_limit_ms", "60000",
    ]
    return _Process(argv, port, f"/{db.stem}/articles.json?_size=1")


def presswatch_paths(words: Sequence[str]) -> list[str]:
    return [f"/api/articles?q={quote(w)}&limit=20" for w in words]


def datasette_paths(db: Path, words: Sequence[str]) -> list[str]:
    cols = "".join(f"&_col={c}" for c in ("id", "title", "site", "published", "url"))
    return [f"/{quote(db.stem)}/articles.json?_search={quote(w)}&_size=20{cols}&_shape=objects&_nosuggest=1" for w in words]


def _run(
    server: _Process, paths: list[str], clients: int, seconds: float, total_key: str
) -> tuple[list[int | None], dict[str, float]]:
    """Load one server; returns the total it gives for each path (read while warming up) and the figures."""
    import httpx

    totals: list[int | None] = []
    with server:
        with httpx.Client(base_url=server.url, timeout=120) as client:  # warm: each query once
            for path in paths:
                response = client.get(path)
                totals.append(response.json().get(total_key) if response.status_code == 200 else None)
        driven = drive(server.url, lambda n: paths, clients=clients, seconds=seconds)
    figures = driven.figures()
    figures["requests"] = len(driven.latencies)
    errors = sum(v for k, v in driven.statuses.items() if k != 200)
    figures["non_200"] = errors
    return totals, figures


def run_serve(
    n: int = 100_000, *, clients: int = 8, seconds: float = 20.0, db: Path | None = None, folder: Path = ARTIFACTS,
    datasette: bool = True,
) -> dict[str, object]:
    """Build (or reuse) the database, load each server in turn, return the figures."""
    if db is None:
        db = cached_database(n, load_bodies(), folder)
    words = query_words(db)
    import sqlite3

    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    out: dict[str, object] = {}
    ours, out["presswatch"] = _run(presswatch_server(db), presswatch_paths(words), clients, seconds, "total")
    if datasette:
        theirs, out["datasette"] = _run(
            datasette_server(db), datasette_paths(db, words), clients, seconds, "filtered_table_rows_count"
        )
        # the same query: both must count the same matches for every word
        out["same_totals"] = ours == theirs
    out["articles"] = articles
    out["clients"] = clients
    out["seconds"] = seconds
    out["queries"] = words
    return out


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("serve")
    def serve(
        articles: int = typer.Option(100_000, "--articles", min=10, help="Size of the synthetic database."),
        clients: int = typer.Option(8, "--clients", min=1, help="Clients sending one request at a time."),
        seconds: float = typer.Option(20.0, "--seconds", min=0.5, help="Load duration per server."),
        db: Optional[Path] = typer.Option(None, "--db", help="Serve this SQLite file instead of the synthetic one."),
        datasette: bool = typer.Option(True, "--datasette/--no-datasette", help="Also load Datasette."),
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the figures."),
    ) -> None:
        """Full-text search under load on 127.0.0.1: PressWatch's /api/articles?q= beside Datasette's _search."""
        from rich.console import Console
        from rich.table import Table

        from presswatch.cli.common import handle_errors, print_json

        with handle_errors():
            result = run_serve(articles, clients=clients, seconds=seconds, db=db, datasette=datasette)
        table = Table(
            "server", "requests/s", "p50 ms", "p99 ms", "requests", "non-200",
            title=f"Search under load: {result['articles']} articles, {clients} clients, {seconds:g} s each",
        )
        for name in ("presswatch", "datasette"):
            row = result.get(name)
            if isinstance(row, dict):
                table.add_row(name, *(str(row[k]) for k in ("requests_per_s", "p50_ms", "p99_ms", "requests", "non_200")))
        console = Console(stderr=as_json)
        console.print(table)
        if result.get("same_totals") is False:
            console.print("[red]PressWatch and Datasette counted different matches for some query[/]")
        pw, ds = result.get("presswatch"), result.get("datasette")
        if isinstance(pw, dict) and isinstance(ds, dict) and ds["requests_per_s"]:
            console.print(f"PressWatch / Datasette requests/s: {pw['requests_per_s'] / ds['requests_per_s']:.2f}")
        if as_json:
            print_json(result)


__all__ = ["build_database", "cached_database", "query_words", "run_serve", "synthetic_records"]
