"""JSONL dumps: one document per line (``text`` or ``html``; optional url, title, published, site, authors)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from presswatch.model import Failure, RawDocument


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(a.strip() for a in value.replace(" and ", ";").split(";") if a.strip())
    if isinstance(value, list):
        return tuple(str(a).strip() for a in value if isinstance(a, (str, int)) and str(a).strip())
    return ()


def _optional_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_jsonl(text: str, source_path: str) -> Iterator[RawDocument | Failure]:
    """One RawDocument per good line (``source_path#L<n>``), a Failure per bad line; the rest go on."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source_path}#L{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Failure(where, "ingest", f"line {number} is not valid JSON ({exc}); fix or remove that line")
            continue
        if not isinstance(record, dict):
            yield Failure(where, "ingest", f"line {number} is JSON but not an object; each line must be "
                                           '{"text": ...} or {"html": ...}')
            continue
        html, body = record.get("html"), record.get("text")
        if isinstance(html, str) and html.strip():
            content, kind = html, "html"
        elif isinstance(body, str) and body.strip():
            content, kind = body, "text"
        else:
            yield Failure(where, "ingest", f'line {number} has no "text" or "html" string; add the article body '
                                           "under one of those keys")
            continue
        yield RawDocument(
            source_path=where,
            content=content,
            kind=kind,  # type: ignore[arg-type]
            url=_optional_str(record.get("url")),
            title=_optional_str(record.get("title")),
            published=_optional_str(record.get("published")),
            site=_optional_str(record.get("site")),
            authors=_authors(record.get("authors")),
        )
