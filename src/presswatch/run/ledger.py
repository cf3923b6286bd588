"""The checkpoint ledger for resume: which input files a run has already finished.

Every executor walks the input through :func:`plan_batches` and writes through :class:`LedgerKeeper`.
A file is marked complete in the store (``Store.write_batch(completed_files=...)``) in the same
transaction as the batch holding its last document, and only when none of its documents failed; an
interrupted run therefore leaves exactly the finished files marked, and the next run skips them.

A file is "the same" when its size, modification time (ns) and fingerprint all match the entry.
The fingerprint is sha256 over the size and the first and last 64 KiB: a constant-cost read however
big the archive, so checking 50 finished multi-gigabyte WARCs costs 50 x 128 KiB, not a re-read of
every byte. Size and mtime catch appends and rewrites; the fingerprint guards against a different file
put in place with the same size and a preserved mtime (a restore, ``cp -p``, ``rsync -t``). Files up to
128 KiB -- single pages, the common case in folders -- are hashed whole. A file that was only touched
(new mtime, same bytes) is processed again; its articles then come out unchanged and its entry is renewed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.ingest import read_file, read_paths, walk
from presswatch.model import Article, Failure, RawDocument
from presswatch.store import CompletedFile, Store

EDGE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class FileStamp:
    """What identifies one version of a file's content, taken just before the file is read."""

    size: int
    mtime_ns: int
    fingerprint: str

    def matches(self, entry: CompletedFile) -> bool:
        return (entry.size, entry.mtime_ns, entry.fingerprint) == (self.size, self.mtime_ns, self.fingerprint)


def stamp_file(path: str | Path) -> FileStamp:
    """Size, mtime and the head+tail fingerprint of ``path`` (raises OSError when unreadable)."""
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        digest = hashlib.sha256(st.st_size.to_bytes(8, "big"))
        digest.update(fh.read(EDGE_BYTES))
        if st.st_size > 2 * EDGE_BYTES:
            fh.seek(st.st_size - EDGE_BYTES)
        digest.update(fh.read(EDGE_BYTES))
    return FileStamp(st.st_size, st.st_mtime_ns, digest.hexdigest())


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file the ledger says is done (or failed) and unchanged: not read again."""

    source_path: str
    articles: int
    failures: int = 0  # its documents that failed when it was last read


@dataclass(frozen=True, slots=True)
class FileEnd:
    """Every document of ``source_path`` has been handed out (the last one is in this batch or before)."""

    source_path: str
    stamp: FileStamp


@dataclass(frozen=True, slots=True)
class Piece:
    """One thing the walk produced, with the file it came from."""

    file: str
    item: RawDocument | Failure | SkippedFile


@dataclass(slots=True)
class WorkBatch:
    """Up to ``batch_size`` documents, plus the skipped files and file ends that fall among them."""

    pieces: list[Piece] = field(default_factory=list)
    file_ends: list[FileEnd] = field(default_factory=list)
    documents: int = 0

    @property
    def raws(self) -> list[RawDocument]:
        return [p.item for p in self.pieces if isinstance(p.item, RawDocument)]

    def __bool__(self) -> bool:
        return bool(self.pieces or self.file_ends)


def _walk_pieces(
    paths: Iterable[str | Path], done: dict[str, CompletedFile], retry_failed: bool = False
) -> Iterator[Piece | FileEnd]:
    for p in paths:
        path = Path(p)
        if not path.exists():
            for item in read_paths([path]):  # the reader's own "no such file" failure
                yield Piece(str(path), item)
            continue
        for file in walk(path):
            source = str(file)
            try:
                stamp = stamp_file(file)
            except OSError:  # unreadable: the reader says why, and without a stamp it is never marked done
                for item in read_file(file):
                    yield Piece(source, item)
                continue
            entry = done.get(source)
            if entry is not None and stamp.matches(entry) and not (entry.failures and retry_failed):
                # done, or failed and unchanged since: a failed file costs its reading once, not every run
                yield Piece(source, SkippedFile(source, entry.articles, entry.failures))
                continue
            for item in read_file(file):
                yield Piece(source, item)
            yield FileEnd(source, stamp)


def plan_batches(
    paths: Iterable[str | Path], store: Store, *, batch_size: int, resume: bool = True, retry_failed: bool = False
) -> Iterator[WorkBatch]:
    """The input in batches of ``batch_size`` documents, in walk order, with finished files skipped.

    A full batch is held back until the next document shows up, so the end of the file its last
    document belongs to travels with it. A skipped file with no document waiting goes out alone at
    once, so the caller's progress keeps moving through a long run of finished files.
    """
    done = {e.source_path: e for e in store.completed_files()} if resume else {}
    batch = WorkBatch()
    for piece in _walk_pieces(paths, done, retry_failed):
        if isinstance(piece, FileEnd):
            batch.file_ends.append(piece)
            continue
        if batch.documents >= batch_size:
            yield batch
            batch = WorkBatch()
        batch.pieces.append(piece)
        if isinstance(piece.item, SkippedFile):
            if batch.documents == 0 and not batch.file_ends:
                yield batch
                batch = WorkBatch()
        else:
            batch.documents += 1
    if batch:
        yield batch


@dataclass(slots=True)
class _Tally:
    articles: int = 0
    failures: int = 0


@dataclass(slots=True)
class Settled:
    completed: list[CompletedFile] = field(default_factory=list)  # every document written, none failed
    failed: list[CompletedFile] = field(default_factory=list)  # ended with a failure: read again only if changed or asked
    incomplete: list[str] = field(default_factory=list)  # entries to drop from the ledger
    empty: list[str] = field(default_factory=list)  # gave no document at all (still complete)


@dataclass(slots=True)
class LedgerKeeper:
    """Counts each file's articles and failures across batches; says which files a batch completes."""

    _open: dict[str, _Tally] = field(default_factory=dict)

    def settle(self, batch: WorkBatch, results: Sequence[Article | Failure | SkippedFile]) -> Settled:
        """Which files this batch finishes, given its results (aligned with ``batch.pieces``)."""
        for piece, result in zip(batch.pieces, results, strict=True):
            if isinstance(result, SkippedFile):
                continue
            tally = self._open.setdefault(piece.file, _Tally())
            if isinstance(result, Article):
                tally.articles += 1
            else:
                tally.failures += 1
        settled = Settled()
        for end in batch.file_ends:
            tally = self._open.pop(end.source_path, None)
            if tally is None:
                settled.empty.append(end.source_path)
                tally = _Tally()
            s = end.stamp
            entry = CompletedFile(end.source_path, s.size, s.mtime_ns, s.fingerprint, tally.articles, failures=tally.failures)
            (settled.failed if tally.failures else settled.completed).append(entry)
        return settled


__all__ = [
    "EDGE_BYTES",
    "FileEnd",
    "FileStamp",
    "LedgerKeeper",
    "Piece",
    "Settled",
    "SkippedFile",
    "WorkBatch",
    "plan_batches",
    "stamp_file",
]
