"""The records that flow through PressWatch.

Every stage maps one record to the next: ``RawDocument`` (ingest) -> ``Article`` (extract)
-> ``Article`` with entities, people and quotes (nlp) -> ``Article`` with a cluster (dedup).
Records are frozen; a stage returns a new record with ``dataclasses.replace``.

``Article.to_record()`` is the export contract (one JSON line per article) that the JSONL/CSV/
Parquet exports, the JSON API and the tests rely on. Offsets (``start``/``end``) are character
offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal
from urllib.parse import urlsplit

DocumentKind = Literal["text", "html"]
QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "org", "anonymous", "unknown"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a reader found it, before any cleaning.

    ``source_path`` names where it came from; for container formats (JSONL, WARC, feeds) it carries
    a fragment: ``dump.jsonl#L3``, ``crawl.warc.gz#record=12``.
    """

    source_path: str
    content: str
    kind: DocumentKind
    url: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document or file that could not be turned into an article, and why."""

    source_path: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class ClusterAssignment:
    """Where dedup put an article: written onto the article row by the store."""

    article_id: str
    cluster_id: str
    canonical_id: str
    is_canonical: bool


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner removed from the body, with the rule that matched it."""

    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class CommentForm:
    """A reader-comment form found in scraped text: its fields and their prompt messages."""

    fields: tuple[str, ...]
    messages: tuple[tuple[str, str], ...]  # (field, message) pairs, in page order

    def to_record(self) -> dict[str, Any]:
        return {"fields": list(self.fields), "messages": dict(self.messages)}


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an article: the fullest name, the roles the text gives, every mention."""

    name: str
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    # the person across articles, after identity merges (set by the store when it reads the record)
    person_id: str | None = None
    # why the text takes this name for a person: "full_name", "title", "role", "pronoun", "speech", "surname" (named by the surname alone too)
    evidence: tuple[str, ...] = ()
    # the text's own words about gender: pronouns referring to the person, "Mr."/"Ms.", gendered titles
    gender_cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: one attribution found in an article."""

    text: str
    kind: QuoteKind
    speaker: str | None
    speaker_type: SpeakerType
    speaker_role: str | None
    cue: str | None
    start: int
    end: int
    speaker_person_id: str | None = None  # the speaker across articles (set by the store when it reads)
    #: how likely the quote finder thinks this attribution is right, in [0, 1] (calibrated on PolNeAR
    #: train); None where no model scored it (a record written before the model existed)
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article. ``text`` is the body: paragraphs joined by a blank line."""

    id: str
    url: str | None
    site: str | None
    title: str | None
    standfirst: str | None
    authors: tuple[str, ...]
    published: str | None
    language: str | None
    paragraphs: tuple[str, ...]
    text: str
    source_path: str
    content_hash: str
    entities: tuple[Entity, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    cluster_id: str | None = None
    canonical_id: str | None = None
    is_canonical: bool = True
    comments_count: int = 0
    syndication_hint: str | None = None
    comment_form: CommentForm | None = None
    removed: tuple[RemovedLine, ...] = ()
    #: where ``published`` came from: jsonld | meta | time | url | text (a date printed in the page,
    #: found by search) | none; analysts filter guesses out with it
    published_source: str = "none"
    #: the text is a teaser: a subscription prompt (dropped from the body) or the page's own word cut it
    paywalled: bool = False

    def to_record(self) -> dict[str, Any]:
        """The export record (DESIGN.md): plain JSON types, lists not tuples."""
        rec: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "comment_form":
                rec[f.name] = value.to_record() if value is not None else None
            else:
                rec[f.name] = _plain(value)
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Article":
        """Inverse of ``to_record`` (extra keys are ignored)."""
        form = rec.get("comment_form")
        return cls(
            id=rec["id"],
            url=rec.get("url"),
            site=rec.get("site"),
            title=rec.get("title"),
            standfirst=rec.get("standfirst"),
            authors=tuple(rec.get("authors") or ()),
            published=rec.get("published"),
            language=rec.get("language"),
            paragraphs=tuple(rec.get("paragraphs") or ()),
            text=rec.get("text") or "",
            source_path=rec.get("source_path") or "",
            content_hash=rec.get("content_hash") or "",
            entities=tuple(Entity(**e) for e in rec.get("entities") or ()),
            people=tuple(
                Person(
                    name=p["name"],
                    roles=tuple(p.get("roles") or ()),
                    mentions=tuple(Mention(**m) for m in p.get("mentions") or ()),
                    person_id=p.get("person_id"),
                    evidence=tuple(p.get("evidence") or ()),
                    gender_cues=tuple(p.get("gender_cues") or ()),
                )
                for p in rec.get("people") or ()
            ),
            quotes=tuple(Quote(**q) for q in rec.get("quotes") or ()),
            cluster_id=rec.get("cluster_id"),
            canonical_id=rec.get("canonical_id"),
            is_canonical=bool(rec.get("is_canonical", True)),
            comments_count=int(rec.get("comments_count") or 0),
            syndication_hint=rec.get("syndication_hint"),
            paywalled=bool(rec.get("paywalled", False)),
            published_source=rec.get("published_source") or ("none" if not rec.get("published") else "meta"),
            comment_form=(
                CommentForm(
                    fields=tuple(form.get("fields") or ()),
                    messages=tuple((form.get("messages") or {}).items()),
                )
                if form
                else None
            ),
            removed=tuple(RemovedLine(**r) for r in rec.get("removed") or ()),
        )


def _plain(value: Any) -> Any:
    """Records as plain JSON types: nested dataclasses become dicts and tuples lists, all the way down
    (so a record read back from JSON compares equal to a freshly made one)."""
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Cluster:
    """A syndication cluster: the same story on several sites, with the original marked."""

    id: str
    canonical_id: str
    member_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment on an article."""

    id: int
    article_id: str
    name: str
    comment: str
    created_at: str  # ISO 8601, UTC
    hidden: bool = False


def content_hash(text: str) -> str:
    """SHA-256 of the clean body: re-ingesting unchanged content is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def site_from_url(url: str | None) -> str | None:
    """The host a URL names, without ``www.``: the site of an article whose page names none."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def article_id_for(url: str | None, source_path: str) -> str:
    """A stable id from where the article lives (its URL, else its source path).

    The same page re-ingested keeps its id; a changed page updates the same record.
    """
    key = url or source_path
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def quote_id(article_id: str, quote: Quote) -> str:
    """A quote's id across the reader, the API and the feeds: its article and its place in the text
    ("<article id>-<start>-<end>"). It changes only when the article's text does."""
    return f"{article_id}-{quote.start}-{quote.end}"


def quote_anchor(quote: Quote) -> str:
    """The id of the quote's passage on its article page (``/articles/<id>#q<start>-<end>``)."""
    return f"q{quote.start}-{quote.end}"


def quote_passage(quote_id_: str) -> str:
    """Where a quote is on its article page: ``/articles/<id>#q<start>-<end>``."""
    article_id, start, end = quote_id_.rsplit("-", 2)
    return f"/articles/{article_id}#q{start}-{end}"


_QUOTE_ID = re.compile(r"^(?P<article>.+)-(?P<start>\d{1,9})-(?P<end>\d{1,9})$")


def parse_quote_id(value: str) -> tuple[str, int, int] | None:
    """(article id, start, end) of a quote id, or None when it is not one."""
    match = _QUOTE_ID.match(value or "")
    if match is None:
        return None
    start, end = int(match["start"]), int(match["end"])
    return (match["article"], start, end) if start < end else None


__all__ = [
    "site_from_url",
    "quote_id",
    "quote_anchor",
    "quote_passage",
    "parse_quote_id",
    "RawDocument",
    "Failure",
    "RemovedLine",
    "CommentForm",
    "Entity",
    "Mention",
    "Person",
    "Quote",
    "Article",
    "Cluster",
    "ClusterAssignment",
    "Comment",
    "content_hash",
    "article_id_for",
    "replace",
    "field",
]
