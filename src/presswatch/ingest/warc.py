"""WARC / WARC.gz (and WET) archives: HTML response records and text conversion records."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from presswatch.errors import IngestError
from presswatch.ingest.decode import declared_charset, decode_text
from presswatch.model import Failure, RawDocument


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(data: bytes, source_path: str) -> Iterator[RawDocument | Failure]:
    """One RawDocument per HTML response (or WET text conversion) record: ``file#record=<n>``.

    Records are numbered from 1 in file order, counting every record, so a number points at the
    same record whatever the reader skips. Requests, metadata and non-HTML responses are skipped.
    """
    number = 0
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
            elif record.rec_type == "conversion":
                content_type = record.rec_headers.get_header("Content-Type") or "text/plain"
                kind = "text"
            else:
                continue
            payload = record.content_stream().read()
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
