"""WARC / WARC.gz (and WET) archives: HTML response records and text conversion records."""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from presswatch.errors import IngestError
from presswatch.ingest.decode import declared_charset, decode_text
from presswatch.model import Failure, RawDocument

#: A ``resource`` record holding one document as a reader gave it (a feed entry that carried the whole
#: story), written by the monitor's archive so that re-reading the archive gives the same document.
DOCUMENT_RECORD_TYPE = "application/vnd.presswatch.document+json"


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def document_payload(doc: RawDocument) -> bytes:
    """A document as the payload of a DOCUMENT_RECORD_TYPE record (its source path is the record's)."""
    return json.dumps({"content": doc.content, "kind": doc.kind, "url": doc.url, "title": doc.title,
                       "published": doc.published, "site": doc.site, "authors": list(doc.authors)},
                      ensure_ascii=False).encode("utf-8")


def _document_record(payload: bytes, where: str, number: int) -> RawDocument | Failure:
    try:
        data = json.loads(payload)
        return RawDocument(source_path=where, content=str(data["content"]), kind=data.get("kind") or "text",
                           url=data.get("url"), title=data.get("title"), published=data.get("published"),
                           site=data.get("site"), authors=tuple(str(a) for a in data.get("authors") or ()))
    except (ValueError, KeyError, TypeError) as exc:
        return Failure(where, "ingest", f"record {number} is a PressWatch document record that cannot be read ({exc})")


def read_warc(data: bytes, source_path: str, *, max_record_bytes: int | None = None) -> Iterator[RawDocument | Failure]:
    """One RawDocument per HTML response (or WET text conversion) record: ``file#record=<n>``.

    Records are numbered from 1 in file order, counting every record, so a number points at the
    same record whatever the reader skips. Requests, metadata and non-HTML responses are skipped.
    An archive cut short keeps every complete record before the cut; the cut one is a failure.
    A record whose body is larger than ``max_record_bytes`` is a failure, read no further.
    """
    number = 0
    cut_message = "the archive is cut short inside record {n}; the records before it were read. Re-fetch or re-pack it"
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            number += 1
            where = f"{source_path}#record={number}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                if status and not status.startswith("2"):
                    continue
                kind = "html"
            elif record.rec_type == "resource" and (record.rec_headers.get_header("Content-Type") or "") == DOCUMENT_RECORD_TYPE:
                yield _document_record(record.content_stream().read(), where, number)
                continue
            elif record.rec_type == "conversion":
                content_type = record.rec_headers.get_header("Content-Type") or "text/plain"
                kind = "text"
            else:
                continue
            stream = record.content_stream()
            payload = stream.read() if max_record_bytes is None else stream.read(max_record_bytes + 1)
            if max_record_bytes is not None and len(payload) > max_record_bytes:
                yield Failure(where, "ingest", f"record {number} ({url}) unpacks to more than {max_record_bytes:,} bytes "
                              "(PRESSWATCH_MAX_DECOMPRESSED_BYTES); it was skipped")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length: the cut
                yield Failure(where, "ingest", cut_message.format(n=number))
                return
            if not payload.strip():
                yield Failure(where, "ingest", f"record {number} ({url}) has an empty body; nothing to extract")
                continue
            try:
                content = decode_text(payload, charset=_charset(content_type) or declared_charset(payload))
            except IngestError as exc:
                yield Failure(where, "ingest", f"record {number} ({url}): {exc}")
                continue
            if not content.strip():
                yield Failure(where, "ingest", f"record {number} ({url}) has only whitespace; nothing to extract")
                continue
            yield RawDocument(source_path=where, content=content, kind=kind, url=url or None)  # type: ignore[arg-type]
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        yield Failure(f"{source_path}#record={number + 1}", "ingest",
                      f"the WARC archive is damaged after record {number} ({exc}); re-fetch or re-pack it")
        return
    if data[:2] == b"\x1f\x8b" and not _gzip_complete(data):
        yield Failure(f"{source_path}#record={number + 1}", "ingest", cut_message.format(n=number + 1))


_CHUNK = 1 << 20


def _gzip_complete(data: bytes) -> bool:
    """Whether every gzip member ends properly. Output is bounded per step and thrown away, so even a
    bomb costs time, not memory."""
    pos = 0
    while pos < len(data):
        unpacker = zlib.decompressobj(wbits=31)
        chunk = data[pos : pos + _CHUNK]
        pos += len(chunk)
        while True:
            try:
                unpacker.decompress(chunk, _CHUNK)
            except zlib.error:
                return False
            if unpacker.eof:
                break
            if unpacker.unconsumed_tail:
                chunk = unpacker.unconsumed_tail
                continue
            if pos >= len(data):
                return False  # input ended inside a member
            chunk = data[pos : pos + _CHUNK]
            pos += len(chunk)
        pos -= len(unpacker.unused_data)  # where this member ended
        while pos < len(data) and data[pos] == 0:  # zero padding between members
            pos += 1
    return True
