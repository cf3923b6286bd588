"""Everything fetched goes into WARC files: one per day and source, each record its own gzip member.

``presswatch ingest ARCHIVE/*.warc.gz`` re-reads them with the ordinary WARC reader; a fetched page
is handed to the pipeline exactly as that reader would give it (``source_path`` is the archive file
and record number), so re-processing the archive gives the same records as the live run.
"""

from __future__ import annotations

import fcntl
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch import __version__
from presswatch.fetch.client import FetchResult
from presswatch.ingest.warc import DOCUMENT_RECORD_TYPE, document_payload, read_warc
from presswatch.model import Failure, RawDocument

# httpx hands over the decoded body: these would describe a body the archive does not hold
_DROPPED_HEADERS = frozenset(("content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"))


def default_archive_dir(db: str) -> Path:
    """``$PRESSWATCH_ARCHIVE``, else ``archive/`` beside a database file (or in the working folder)."""
    given = os.environ.get("PRESSWATCH_ARCHIVE", "").strip()
    if given:
        return Path(given).expanduser()
    if "://" not in db:
        return Path(db).expanduser().resolve().parent / "archive"
    return Path("archive").resolve()


def _slug(source: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", source).strip("-.").lower()
    return slug[:80] or "source"


@dataclass(frozen=True, slots=True)
class Archived:
    path: Path
    number: int  # the record's number in the file, counting every record from 1 (as the reader does)

    @property
    def source_path(self) -> str:
        return f"{self.path}#record={self.number}"


class WarcArchive:
    """Appends response records; safe for several processes (an exclusive lock per append)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser().resolve()
        self._counts: dict[Path, tuple[int, int]] = {}  # path -> (size when counted, records)

    def path_for(self, source: str, fetched_at: str) -> Path:
        return self.folder / f"{fetched_at[:10]}-{_slug(source)}.warc.gz"

    def add(self, result: FetchResult, source: str) -> Archived | None:
        """Archive a response (None when there was none: refused by robots.txt, timeout, 304)."""
        if result.status is None or result.not_modified:
            return None
        return self._append(self.path_for(source, result.fetched_at), lambda writer: self._response(writer, result))

    def add_document(self, doc: RawDocument, url: str, source: str, fetched_at: str) -> Archived:
        """Archive a document a listing carried whole (a feed entry with the full story) as a record of
        its own, so that ``presswatch ingest`` of the archive reads it again as it was read live."""
        def record(writer: WARCWriter):  # type: ignore[no-untyped-def]
            return writer.create_warc_record(
                url, "resource", payload=io.BytesIO(document_payload(doc)), warc_content_type=DOCUMENT_RECORD_TYPE,
                warc_headers_dict={"WARC-Date": fetched_at.replace("+00:00", "Z")},
            )

        archived = self._append(self.path_for(source, fetched_at), record)
        assert archived is not None
        return archived

    def _append(self, path: Path, make_record) -> Archived:  # type: ignore[no-untyped-def]
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(path, "ab") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                count = self._count(path)
                buf = io.BytesIO()
                writer = WARCWriter(buf, gzip=True)
                if count == 0:
                    writer.write_record(writer.create_warcinfo_record(
                        path.name, {"software": f"PressWatch/{__version__}", "format": "WARC File Format 1.1"}))
                    count += 1
                writer.write_record(make_record(writer))
                fh.write(buf.getvalue())
                fh.flush()
                count += 1
                self._counts[path] = (fh.tell(), count)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return Archived(path, count)

    def _count(self, path: Path) -> int:
        size = path.stat().st_size
        known = self._counts.get(path)
        if known is not None and known[0] == size:
            return known[1]
        if size == 0:
            return 0
        with open(path, "rb") as fh:
            return sum(1 for _ in ArchiveIterator(fh))

    @staticmethod
    def _response(writer: WARCWriter, result: FetchResult):  # type: ignore[no-untyped-def]
        headers = [(k, v) for k, v in result.headers if k.lower() not in _DROPPED_HEADERS]
        headers.append(("Content-Length", str(len(result.body))))
        status = f"{result.status} {result.reason_phrase}".strip()
        http_headers = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        date = result.fetched_at.replace("+00:00", "Z")
        return writer.create_warc_record(
            result.final_url, "response", payload=io.BytesIO(result.body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": date},
        )


def document_from(result: FetchResult, archived: Archived | None) -> RawDocument | Failure:
    """The document the pipeline gets for a fetched page: what the WARC reader makes of its record,
    so live and re-read agree. A page the reader would pass over becomes a failure saying why."""
    where = archived.source_path if archived is not None else result.final_url
    if result.error is not None:
        return Failure(result.url, "fetch", result.error)
    ctype = result.content_type
    if "html" not in ctype.lower():
        return Failure(result.url, "fetch", f"not an HTML page (Content-Type {ctype or 'missing'}); nothing to extract")
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    writer.write_record(WarcArchive._response(writer, result))
    for item in read_warc(buf.getvalue(), where):
        if isinstance(item, Failure):
            return Failure(result.url, "fetch", item.reason)
        return replace(item, source_path=where)
    return Failure(result.url, "fetch", "the response holds no document")


__all__ = ["Archived", "WarcArchive", "default_archive_dir", "document_from"]
