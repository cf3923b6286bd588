"""Exports of stored articles: JSONL (the record), CSV (flat) and Parquet (nested, typed).

All three carry the same fields, the record of DESIGN.md; CSV stores list fields as JSON text.
In Parquet ``published`` is a timestamp (UTC; null when the date is unknown or unreadable) and
``published_raw`` keeps the text as the record has it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from presswatch.model import Article
from presswatch.store.base import QuoteHit

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

#: Scalar columns first, in the record's order; list/struct fields after.
RECORD_FIELDS: tuple[str, ...] = (
    "id", "url", "site", "title", "standfirst", "authors", "published", "language",
    "paragraphs", "text", "source_path", "content_hash", "entities", "people", "quotes",
    "cluster_id", "canonical_id", "is_canonical", "comments_count", "syndication_hint",
    "comment_form", "removed",
)  # fmt: skip

_ENTITY = pa.struct([("text", pa.string()), ("label", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_MENTION = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_PERSON = pa.struct(
    [
        ("name", pa.string()),
        ("roles", pa.list_(pa.string())),
        ("mentions", pa.list_(_MENTION)),
        ("person_id", pa.string()),
        ("evidence", pa.list_(pa.string())),
        ("gender_cues", pa.list_(pa.string())),
    ]
)
_QUOTE = pa.struct(
    [
        ("text", pa.string()),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("speaker_type", pa.string()),
        ("speaker_role", pa.string()),
        ("cue", pa.string()),
        ("speaker_person_id", pa.string()),
        ("confidence", pa.float64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]
)
_COMMENT_FORM = pa.struct([("fields", pa.list_(pa.string())), ("messages", pa.map_(pa.string(), pa.string()))])
_REMOVED = pa.struct([("text", pa.string()), ("rule", pa.string())])

PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("url", pa.string()),
        ("site", pa.string()),
        ("title", pa.string()),
        ("standfirst", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published", pa.timestamp("us", tz="UTC")),
        ("published_raw", pa.string()),
        ("language", pa.string()),
        ("paragraphs", pa.list_(pa.string())),
        ("text", pa.string()),
        ("source_path", pa.string()),
        ("content_hash", pa.string()),
        ("entities", pa.list_(_ENTITY)),
        ("people", pa.list_(_PERSON)),
        ("quotes", pa.list_(_QUOTE)),
        ("cluster_id", pa.string()),
        ("canonical_id", pa.string()),
        ("is_canonical", pa.bool_()),
        ("comments_count", pa.int64()),
        ("syndication_hint", pa.string()),
        ("comment_form", _COMMENT_FORM),
        ("removed", pa.list_(_REMOVED)),
    ]
)


def published_timestamp(value: str | None) -> datetime | None:
    """An ISO 8601 date or datetime as an aware UTC datetime: a date alone is its midnight UTC, a time
    without an offset is taken as UTC; None for no date or text that is not one."""
    if not value or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def records(articles: Iterable[Article]) -> Iterator[dict[str, Any]]:
    for article in articles:
        rec = article.to_record()
        yield {name: rec.get(name) for name in RECORD_FIELDS}


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    n = 0
    for rec in records(articles):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(RECORD_FIELDS))
    writer.writeheader()
    n = 0
    for rec in records(articles):
        writer.writerow(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in rec.items()}
        )
        n += 1
    return n


def write_parquet(articles: Iterable[Article], out: IO[bytes] | str, *, batch_rows: int = 1000) -> int:
    """Write in row groups of ``batch_rows`` so large databases export in bounded memory."""
    n = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA) as writer:
        chunk: list[dict[str, Any]] = []
        for rec in records(articles):
            rec["published_raw"] = rec["published"]
            rec["published"] = published_timestamp(rec["published"])
            form = rec["comment_form"]
            if form is not None:
                rec["comment_form"] = {"fields": form["fields"], "messages": list(form["messages"].items())}
            chunk.append(rec)
            if len(chunk) >= batch_rows:
                writer.write_table(pa.Table.from_pylist(chunk, schema=PARQUET_SCHEMA))
                n += len(chunk)
                chunk = []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=PARQUET_SCHEMA))
            n += len(chunk)
    return n


#: One row per utterance (``presswatch.store.base.QuoteHit``): the original article's fields, then the
#: other copies of the story that repeat the quote, as ids separated by spaces.
QUOTE_CSV_FIELDS: tuple[str, ...] = (
    "article_id", "article_title", "site", "published", "speaker", "speaker_person_id", "speaker_type",
    "speaker_role", "kind", "cue", "confidence", "text", "start", "end", "copies", "copy_article_ids",
)  # fmt: skip


def quote_rows(hits: Iterable[QuoteHit]) -> Iterator[dict[str, Any]]:
    for hit in hits:
        q = hit.quote
        yield {
            "article_id": hit.article_id, "article_title": hit.article_title, "site": hit.site,
            "published": hit.published, "speaker": q.speaker, "speaker_person_id": hit.speaker_id,
            "speaker_type": q.speaker_type, "speaker_role": q.speaker_role, "kind": q.kind, "cue": q.cue,
            "confidence": q.confidence, "text": q.text, "start": q.start, "end": q.end,
            "copies": len(hit.copies), "copy_article_ids": " ".join(c.article_id for c in hit.copies),
        }


def write_quotes_csv(hits: Iterable[QuoteHit], out: IO[str]) -> int:
    """Quotes as CSV (a header, then one row per utterance); returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(QUOTE_CSV_FIELDS))
    writer.writeheader()
    n = 0
    for row in quote_rows(hits):
        writer.writerow(row)
        n += 1
    return n


def export_articles(articles: Iterable[Article], fmt: ExportFormat, out: IO[bytes]) -> int:
    """Write ``articles`` to the binary stream ``out`` in ``fmt``; returns the number of records."""
    if fmt == "parquet":
        return write_parquet(articles, out)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="" if fmt == "csv" else None, write_through=True)
    try:
        return write_jsonl(articles, text) if fmt == "jsonl" else write_csv(articles, text)
    finally:
        text.detach()


__all__ = ["FORMATS", "PARQUET_SCHEMA", "QUOTE_CSV_FIELDS", "RECORD_FIELDS", "quote_rows", "write_quotes_csv", "export_articles", "published_timestamp", "records", "write_csv", "write_jsonl", "write_parquet"]
