"""Readers: files and folders -> RawDocument (or a Failure record), sniffed by content.

Formats: plain text, HTML, gzip of any of them, JSONL dumps, WARC/WARC.gz (and WET) archives,
RSS/Atom feeds. A file that cannot be read becomes a ``Failure(source_path, "ingest", reason)``
whose reason says what is wrong and what to do; the walk goes on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from presswatch.errors import IngestError
from presswatch.ingest.decode import declared_charset, decode_text
from presswatch.ingest.feeds import read_feed
from presswatch.ingest.jsonl import read_jsonl
from presswatch.ingest.limits import Limits, gunzip, gunzip_head, megabytes
from presswatch.ingest.sniff import sniff
from presswatch.ingest.warc import read_warc
from presswatch.model import Failure, RawDocument

__all__ = ["read_paths", "read_file", "read_bytes", "walk", "SKIPPED_SUFFIXES"]

#: Files a folder walk passes over: code and notes that live beside samples, not documents.
#: (Named explicitly on the command line, they are still read.)
SKIPPED_SUFFIXES = frozenset((".py", ".pyc", ".sh", ".md", ".toml", ".cfg", ".ini", ".lock"))

_SUPPORTED = "plain text, HTML, JSONL, WARC, RSS/Atom, or gzip of those"


def walk(path: Path, _seen: set[Path] | None = None) -> Iterator[Path]:
    """The files under ``path`` in sorted order, recursively, skipping hidden files and folders.

    Each real folder and file is visited once, however many symlinks lead to it (``ln -s . up``
    does not loop). A symlink that leads nowhere (broken, or a loop of links) is still yielded, so
    the reader records it as a failure instead of passing over it in silence.
    """
    seen = set() if _seen is None else _seen
    if not path.is_dir():
        if _first_visit(path, seen):
            yield path
        return
    if not _first_visit(path, seen):
        return
    try:
        children = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError:
        yield path  # an unreadable folder: the reader says why
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from walk(child, seen)
        elif child.suffix.lower() in SKIPPED_SUFFIXES:
            continue
        elif child.is_file() or (child.is_symlink() and not child.exists()):
            if _first_visit(child, seen):
                yield child


def _first_visit(path: Path, seen: set[Path]) -> bool:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return True  # broken or looping: nothing to dedupe against; the reader reports it
    if real in seen:
        return False
    seen.add(real)
    return True


def read_bytes(data: bytes, source_path: str, *, name: str | None = None,
               depth: int = 0, limits: Limits | None = None) -> Iterator[RawDocument | Failure]:
    """Read one file's bytes (already loaded) as whatever its content is.

    ``name`` is the file name used to break ties in sniffing (for a gzip member: without ".gz").
    """
    limits = limits or Limits.from_env()
    kind = sniff(data, name or source_path)
    if kind == "empty":
        yield Failure(source_path, "ingest", "the file is empty (no text); remove it or re-run the scraper for it")
    elif kind == "binary":
        yield Failure(source_path, "ingest", f"binary file, not a document; PressWatch reads {_SUPPORTED}")
    elif kind == "gzip":
        if depth >= 2:
            yield Failure(source_path, "ingest", "gzip inside gzip inside gzip; unpack it first")
            return
        if sniff(gunzip_head(data), source_path) == "warc":
            # warcio reads gzip members record by record, each record's body bounded
            yield from read_warc(data, source_path, max_record_bytes=limits.max_unpacked_bytes)
            return
        try:
            inner = gunzip(data, limits.max_unpacked_bytes)
        except IngestError as exc:
            yield Failure(source_path, "ingest", str(exc))
            return
        yield from read_bytes(inner, source_path, name=(name or source_path).removesuffix(".gz"), depth=depth + 1,
                              limits=limits)
    elif kind == "warc":
        yield from read_warc(data, source_path, max_record_bytes=limits.max_unpacked_bytes)
    elif kind == "feed":
        yield from read_feed(data, source_path)
    else:
        try:
            text = decode_text(data, charset=declared_charset(data) if kind == "html" else None)
        except IngestError as exc:
            yield Failure(source_path, "ingest", str(exc))
            return
        if kind == "jsonl":
            for item in read_jsonl(text, source_path):
                yield _bounded(item, limits)
        elif not text.strip():
            yield Failure(source_path, "ingest", "the file holds only whitespace; remove it or re-run the scraper for it")
        else:
            yield _bounded(RawDocument(source_path=source_path, content=text, kind="html" if kind == "html" else "text"), limits)


def _bounded(item: RawDocument | Failure, limits: Limits) -> RawDocument | Failure:
    """A document longer than the limit is a failure record: no article is that long, and parsing it
    would hold one worker for many minutes."""
    if isinstance(item, RawDocument) and len(item.content) > limits.max_document_chars:
        return Failure(
            item.source_path, "ingest",
            f"the document is {len(item.content):,} characters long, over the limit of {limits.max_document_chars:,} "
            "(PRESSWATCH_MAX_DOCUMENT_CHARS); split it or raise the limit",
        )
    return item


def read_file(path: str | Path) -> Iterator[RawDocument | Failure]:
    """All documents in one file (one for text/HTML, many for JSONL, WARC and feeds)."""
    source_path = str(path)
    limits = Limits.from_env()
    file = Path(path)
    try:
        with file.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > limits.max_file_bytes:
                yield Failure(source_path, "ingest", f"the file is {megabytes(size)}, over the limit of "
                              f"{megabytes(limits.max_file_bytes)} (PRESSWATCH_MAX_FILE_BYTES); split it or raise the limit")
                return
            data = fh.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        if file.is_symlink():
            yield Failure(source_path, "ingest", f"a symbolic link to {os.readlink(file)!r}, which does not exist; fix or remove the link")
        else:
            yield Failure(source_path, "ingest", "no such file or folder; check the path")
        return
    except IsADirectoryError:
        yield Failure(source_path, "ingest", "a folder that cannot be listed; check its permissions")
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Failure(source_path, "ingest", "a loop of symbolic links (it points back at itself); fix or remove the link")
        else:
            yield Failure(source_path, "ingest", f"cannot read the file ({exc.strerror or exc}); check its permissions")
        return
    yield from read_bytes(data, source_path, limits=limits)


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
