"""Memory at scale: process RSS after ingesting N and 10×N documents in one process.

The documents are the benchmark pages again and again, each copy varied so that it brings what a
real stream brings: other numbers (every digit of the text shifted by the copy's number) and other
names (capitalised words of 5+ letters get a suffix made of the copy's number), under a URL of its
own. They go through the ingest path in this process (``process_batch``, the syndication index,
``write_batch`` into a fresh SQLite file), and the RSS is read from ``/proc/self/statm`` after each
size is reached. Flat memory means RSS(10×N) / RSS(N) close to 1.
"""

from __future__ import annotations

import gc
import re
import resource
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

_TEXT = re.compile(r">([^<]+)<")
_NAME = re.compile(r"\b([A-Z][a-z]{4,})\b")
_LETTERS = "bcdfghklmnprstvz"


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _suffix(copy: int) -> str:
    out = ""
    while True:
        copy, digit = divmod(copy, len(_LETTERS))
        out += _LETTERS[digit]
        if not copy:
            return out


def varied(html: str, copy: int) -> str:
    """The page's text with its digits shifted by ``copy`` and its longer capitalised words suffixed."""
    if copy == 0:
        return html
    shift, suffix = copy % 10, _suffix(copy)

    def text(m: re.Match[str]) -> str:
        t = re.sub(r"\d", lambda d: str((int(d.group()) + shift) % 10), m.group(1))
        return ">" + _NAME.sub(lambda n: n.group(1) + suffix, t) + "<"

    return _TEXT.sub(text, html)


def documents(pages: Sequence[tuple[str, str]], n: int) -> Iterator[tuple[str, str]]:
    """``n`` (name, html) pairs cycling through ``pages`` with a new variation on every round."""
    for i in range(n):
        name, html = pages[i % len(pages)]
        copy = i // len(pages)
        yield f"{name}~{copy}", varied(html, copy)


def rss_growth(pages: Sequence[tuple[str, str]], sizes: Sequence[int], *, batch: int = 32) -> dict[str, float]:
    """RSS (MB) after each size of ``sizes`` (ascending), ingesting in one process; and the growth."""
    from presswatch.model import RawDocument
    from presswatch.pipeline import process_batch
    from presswatch.run.ingest import IngestReport, open_cluster_index, write_processed
    from presswatch.store import open_store

    sizes = sorted(set(sizes))
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="presswatch-rss-") as tmp:
        store = open_store(str(Path(tmp) / "rss.db"))
        try:
            index = open_cluster_index(store)
            report = IngestReport()
            done, pending = 0, []
            for name, html in documents(pages, sizes[-1]):
                url = f"https://rss.example/{name}"
                pending.append(RawDocument(source_path=f"rss/{name}", content=html, kind="html", url=url))
                if len(pending) == batch or done + len(pending) in sizes:
                    write_processed(store, index, process_batch(pending), report)
                    done += len(pending)
                    pending = []
                    if done in sizes:
                        gc.collect()
                        out[f"rss_mb_{done}"] = round(current_rss_mb(), 1)
        finally:
            store.close()
    first, last = out[f"rss_mb_{sizes[0]}"], out[f"rss_mb_{sizes[-1]}"]
    out["rss_growth"] = round(last / first, 3) if first else 0.0
    return out


__all__ = ["current_rss_mb", "documents", "rss_growth", "varied"]
