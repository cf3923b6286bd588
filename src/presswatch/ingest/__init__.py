"""Readers: files and folders -> RawDocument (or a Failure record), sniffed by content.

Formats: plain text, HTML, gzip of any of them, JSONL dumps, WARC/WARC.gz (and WET) archives,
RSS/Atom feeds. A file that cannot be read becomes a ``Failure(source_path, "ingest", reason)``
whose reason says what is wrong and what to do; the walk goes on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from presswatch.errors import IngestError
from presswatch.ingest.decode import declared_charset, decode_text
from presswatch.ingest.feeds import read_feed
from presswatch.ingest.jsonl import read_jsonl
from presswatch.ingest.sniff import sniff
from presswatch.ingest.warc import read_warc
from presswatch.model import Failure, RawDocument

__all__ = ["read_paths", "read_file", "read_bytes", "walk", "SKIPPED_SUFFIXES"]

#: Files a folder walk passes over: code and notes that live beside samples, not documents.
#: (Named explicitly on the command line, they are still read.)
SKIPPED_SUFFIXES = frozenset((".py", ".pyc", ".sh", ".md", ".toml", ".cfg", ".ini", ".lock"))

_SUPPORTED = "plain text, HTML, JSONL, WARC, RSS/Atom, or gzip of those"


def walk(path: Path) -> Iterator[Path]:
    """The files under ``path`` in sorted order, recursively, skipping hidden files and folders."""
    if not path.is_dir():
        yield path
        return
    for child in sorted(path.iterdir(), key=lambda p: p.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from walk(child)
        elif child.is_file() and child.suffix.lower() not in SKIPPED_SUFFIXES:
            yield child


def read_bytes(data: bytes, source_path: str, *, name: str | None = None,
               depth: int = 0) -> Iterator[RawDocument | Failure]:
    """Read one file's bytes (already loaded) as whatever its content is.

    ``name`` is the file name used to break ties in sniffing (for a gzip member: without ".gz").
    """
    kind = sniff(data, name or source_path)
    if kind == "empty":
        yield Failure(source_path, "ingest", "the file is empty (no text); remove it or re-run the scraper for it")
    elif kind == "binary":
        yield Failure(source_path, "ingest", f"binary file, not a document; PressWatch reads {_SUPPORTED}")
    elif kind == "gzip":
        if depth >= 2:
            yield Failure(source_path, "ingest", "gzip inside gzip inside gzip; unpack it first")
            return
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Failure(source_path, "ingest", f"damaged gzip file ({exc}); re-download or re-compress it")
            return
        if sniff(inner, source_path) == "warc":
            yield from read_warc(data, source_path)  # warcio reads gzip members record by record
        else:
            yield from read_bytes(inner, source_path, name=(name or source_path).removesuffix(".gz"), depth=depth + 1)
    elif kind == "warc":
        yield from read_warc(data, source_path)
    elif kind == "feed":
        yield from read_feed(data, source_path)
    else:
        try:
            text = decode_text(data, charset=declared_charset(data) if kind == "html" else None)
        except IngestError as exc:
            yield Failure(source_path, "ingest", str(exc))
            return
        if kind == "jsonl":
            yield from read_jsonl(text, source_path)
        elif not text.strip():
            yield Failure(source_path, "ingest", "the file holds only whitespace; remove it or re-run the scraper for it")
        else:
            yield RawDocument(source_path=source_path, content=text, kind="html" if kind == "html" else "text")


def read_file(path: str | Path) -> Iterator[RawDocument | Failure]:
    """All documents in one file (one for text/HTML, many for JSONL, WARC and feeds)."""
    source_path = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        yield Failure(source_path, "ingest", "no such file or folder; check the path")
        return
    except OSError as exc:
        yield Failure(source_path, "ingest", f"cannot read the file ({exc.strerror or exc}); check its permissions")
        return
    yield from read_bytes(data, source_path)


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | Failure]:
    """Walk files and folders (sorted, recursively, hidden files skipped) and yield one RawDocument
    per document found, or a Failure (source_path, stage="ingest", reason) for what cannot be read."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Failure(str(path), "ingest", "no such file or folder; check the path")
            continue
        for file in walk(path):
            yield from read_file(file)
