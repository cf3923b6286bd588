"""`presswatch bench hostile`: every kind of hostile input file, each ingested alone by a real
`presswatch ingest` process, with what became of it, the time it took and the process's peak RSS.

The inputs are built here (fictional text, zeros, cut archives, loops of links); nothing is fetched.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import typer

_PARAGRAPH = ("The council in Marrowby said on Monday that the harbour wall would be rebuilt by spring, after two "
              "storms in January tore away a section of the old stone.")
GOOD_TEXT = f"Harbour wall to be rebuilt\n\n{_PARAGRAPH}\n\n\"We will not leave the quay open,\" said Mara Lindqvist.\n"
_ARTICLE = "<article><h1>Harbour wall to be rebuilt</h1>" + f"<p>{_PARAGRAPH}</p>" * 6 + "</article>"


@dataclass(frozen=True, slots=True)
class HostileOutcome:
    name: str
    what: str
    stored: int
    failures: list[str]
    seconds: float
    peak_rss_mb: float
    exit_code: int


def _gzip_bomb(path: Path, unpacked_bytes: int) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # a gzip stream
    zeros = bytes(1 << 20)
    with path.open("wb") as out:
        for _ in range(unpacked_bytes >> 20):
            out.write(packer.compress(zeros))
        out.write(packer.flush())


def _warc(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(records):
        body = f"<html><body>{_ARTICLE.replace('Monday', f'day {i}')}</body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://harbour.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def build_inputs(folder: Path, *, bomb_bytes: int = 2 << 30) -> list[tuple[str, str]]:
    """Write the hostile inputs under ``folder``; returns (path relative to folder, what it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[tuple[str, str]] = []

    def add(name: str, what: str, write: Callable[[Path], None]) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path)
        made.append((name, what))

    add("good/article.txt", "a plain good article (the control)", lambda p: p.write_text(GOOD_TEXT, encoding="utf-8"))
    add("bomb.txt.gz", f"gzip of zeros, {bomb_bytes >> 20} MB unpacked", lambda p: _gzip_bomb(p, bomb_bytes))
    add("huge.html", "an article body of 800k short paragraphs (25 MB)",
        lambda p: p.write_text("<html><body><article>" + "<p>Short line of text here.</p>" * 800_000 + "</article></body></html>"))
    add("long-line.txt", "one 5 MB line", lambda p: p.write_text("Title\n\n" + "word " * 1_000_000, encoding="utf-8"))
    add("nested-300.html", "an article inside 300 nested <div>",
        lambda p: p.write_text("<html><body>" + "<div>" * 300 + _ARTICLE + "</div>" * 300 + "</body></html>"))
    add("nested-200k.html", "an article inside 200,000 nested <div>",
        lambda p: p.write_text("<html><body>" + "<div>" * 200_000 + _ARTICLE + "</div>" * 200_000 + "</body></html>"))
    add("latin1.txt", "Windows-1252 text, no declared charset",
        lambda p: p.write_bytes(GOOD_TEXT.replace("Marrowby", "Caf\u00e9 Marrowby").encode("cp1252")))
    add("bad-bytes.txt", "UTF-8 with 4 invalid bytes",
        lambda p: p.write_bytes(GOOD_TEXT.encode("utf-8").replace(b"Monday", b"Mon\xff\xfe\xfa\xfbday")))
    add("utf16.txt", "UTF-16 text with a byte-order mark", lambda p: p.write_bytes(GOOD_TEXT.encode("utf-16")))
    add("empty.txt", "an empty file", lambda p: p.write_bytes(b""))
    add("binary.html", "random-looking binary bytes", lambda p: p.write_bytes(bytes(range(256)) * 64))
    add("broken.jsonl", "JSONL with one broken line between two good ones",
        lambda p: p.write_text(json.dumps({"title": "Wall", "text": GOOD_TEXT}) + "\n{not json\n"
                               + json.dumps({"title": "Quay", "text": GOOD_TEXT.replace("Monday", "Friday")}) + "\n"))
    add("javascript-url.jsonl", "an article whose URL is javascript:",
        lambda p: p.write_text(json.dumps({"title": "Wall", "text": GOOD_TEXT, "url": "javascript:alert(1)"}) + "\n"))
    add("feed.rss", "malformed RSS (cut mid-item)",
        lambda p: p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast</title><item><title>Wall'))
    whole = _warc(3)
    add("cut.warc.gz", "a 3-record .warc.gz cut inside record 3", lambda p: p.write_bytes(whole[: len(whole) - 200]))
    plain = gzip.decompress(whole)
    add("cut.warc", "a 3-record plain .warc cut inside record 3", lambda p: p.write_bytes(plain[: len(plain) - 200]))
    add("odd names/ünïcödé  spaced;&$.txt", "an odd file name", lambda p: p.write_text(GOOD_TEXT, encoding="utf-8"))

    def folder_loop(p: Path) -> None:
        p.mkdir()
        (p / "story.txt").write_text(GOOD_TEXT, encoding="utf-8")
        (p / "up").symlink_to(".", target_is_directory=True)

    add("folder-loop", "a folder with a link to itself (ln -s . up)", folder_loop)

    def file_loop(p: Path) -> None:
        p.mkdir()
        (p / "a.txt").symlink_to("b.txt")
        (p / "b.txt").symlink_to("a.txt")

    add("file-loop", "two links pointing at each other", file_loop)
    return made


def _ingest_alone(path: Path, db: Path) -> tuple[int, float, float]:
    """Run `presswatch ingest path` in its own process: exit code, seconds, peak RSS (MB)."""
    command = [str(Path(sys.executable).with_name("presswatch")), "ingest", str(path), "--db", str(db), "--workers", "1"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024


def run_hostile(
    folder: Path | None = None, *, bomb_bytes: int = 2 << 30, only: set[str] | None = None
) -> list[HostileOutcome]:
    """Build the inputs (in ``folder`` or a temporary one), ingest each alone (or those named in
    ``only``), and say what became of it."""
    from presswatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="presswatch-hostile-") as scratch:
        root = folder or Path(scratch) / "inputs"
        outcomes = []
        for name, what in build_inputs(root, bomb_bytes=bomb_bytes):
            if only is not None and name not in only:
                continue
            db = Path(scratch) / f"db-{len(outcomes)}.sqlite"
            code, seconds, rss = _ingest_alone(root / name, db)
            store = open_store(str(db))
            try:
                stored = store.search("", limit=1).total
                failures = [f"{f.stage}: {f.reason}" for f in store.failures()]
            finally:
                store.close()
            outcomes.append(HostileOutcome(name, what, stored, failures, round(seconds, 2), round(rss, 1), code))
        return outcomes


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("hostile")
    def hostile(
        bomb_mb: int = typer.Option(2048, "--bomb-mb", min=1, help="Unpacked size of the gzip bomb."),
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of every outcome."),
    ) -> None:
        """Hostile input files, each ingested by its own process: record or failure, time, peak RSS."""
        from rich.console import Console
        from rich.table import Table

        from presswatch.cli.common import handle_errors, print_json

        with handle_errors():
            outcomes = run_hostile(bomb_bytes=bomb_mb << 20)
        table = Table("input", "what", "stored", "failure records", "s", "peak RSS MB", title="Hostile inputs")
        for o in outcomes:
            table.add_row(o.name, o.what, str(o.stored), "\n".join(o.failures) or "-", f"{o.seconds:.1f}",
                          f"{o.peak_rss_mb:.0f}")
        Console(stderr=as_json).print(table)
        worst = max(outcomes, key=lambda o: o.peak_rss_mb)
        Console(stderr=as_json).print(f"worst peak RSS: {worst.peak_rss_mb:.0f} MB ({worst.name})")
        if as_json:
            print_json({"inputs": [asdict(o) for o in outcomes], "worst_peak_rss_mb": worst.peak_rss_mb})
        if any(o.exit_code not in (0,) for o in outcomes):
            raise typer.Exit(1)


__all__ = ["HostileOutcome", "build_inputs", "run_hostile"]
