"""The one Store interface every backend implements (SQLite default, PostgreSQL for teams).

The contract suite in ``tests/store/`` runs the same tests on every backend.
Backends are opened with :func:`presswatch.store.open_store` from a file path or an SQLAlchemy URL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from presswatch.model import Article, Cluster, ClusterAssignment, Comment, Failure, Quote
from presswatch.people.sources import SourceStats

if TYPE_CHECKING:  # dedup imports this module: only the type is needed here
    from presswatch.dedup.quotes import QuoteProvenance


#: The values of ``Quote.kind`` and ``Quote.speaker_type`` (``presswatch.model``), for filters.
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")
SPEAKER_TYPES: tuple[str, ...] = ("person", "org", "anonymous", "unknown")

_SLUG_JUNK = re.compile(r"[^\w]+", re.UNICODE)


def person_id_for(name: str) -> str:
    """A person's id: a slug of the full name ("Nikolai Patrushev" -> "nikolai-patrushev").

    Accents are folded ("José" -> "jose"); letters of other scripts are kept rather than dropped.
    Applying it to an id gives the id back, so callers may pass either.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _SLUG_JUNK.sub("-", folded.lower()).replace("_", "-").strip("-")


class UpsertOutcome(str, Enum):
    STORED = "stored"  # a new article
    UPDATED = "updated"  # same id, changed content
    UNCHANGED = "unchanged"  # same id, same content hash: nothing written


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: Article
    snippet: str  # HTML-safe text with <mark>..</mark> around matches (everything else escaped)
    rank: float  # smaller is better; the scale is the backend's own (bm25 / -ts_rank), 0.0 without a query


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    items: list[SearchHit]
    # "site" / "person" / "month" -> [(value, count)] over the whole filtered result (not just this page):
    # sites and people most frequent first (at most 20 each; a person is given by name, which the
    # ``person`` filter accepts), months ("2024-03") newest first.
    facets: dict[str, list[tuple[str, int]]]


@dataclass(frozen=True, slots=True)
class PersonSummary:
    id: str  # a slug of the name: "nikolai-patrushev"
    name: str
    roles: tuple[str, ...]
    article_count: int
    quote_count: int  # utterances: a quote repeated by syndicated copies of a story counts once


@dataclass(frozen=True, slots=True)
class RoleSeen:
    role: str
    article_id: str
    published: str | None


@dataclass(frozen=True, slots=True)
class QuoteCopy:
    """Another article (a syndicated copy in the same cluster) that carries the same quote."""

    article_id: str
    article_title: str | None
    site: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One utterance: copies of a story (one dedup cluster) repeating the same quote by the same
    speaker are one hit, given by the original (the canonical copy, else the earliest) with the
    other copies in ``copies``."""

    quote: Quote
    article_id: str
    article_title: str | None
    published: str | None
    site: str | None
    speaker_id: str | None = None  # the speaker's person id (for links), when the speaker is a person
    copies: tuple[QuoteCopy, ...] = ()  # the other articles with the same quote, oldest first

    @property
    def quote_id(self) -> str:
        """The quote's id (``presswatch.model.quote_id``): ``/quotes/<id>``, ``Store.quote_provenance``."""
        return f"{self.article_id}-{self.quote.start}-{self.quote.end}"


@dataclass(frozen=True, slots=True)
class PersonDetail:
    summary: PersonSummary
    names_seen: tuple[str, ...]
    roles_over_time: tuple[RoleSeen, ...]  # oldest first
    quotes: tuple[QuoteHit, ...]  # newest first
    article_ids: tuple[str, ...]
    gender: str = "unknown"  # female | male | unknown (presswatch.people.gender)
    gender_evidence: str = ""


@dataclass(frozen=True, slots=True)
class FailureSeen:
    """A failure record with its history: first and last time it failed, and how many times."""

    source_path: str
    stage: str
    reason: str
    first_failed_at: str
    last_failed_at: str
    times: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Articles of one month of publication: ``originals`` (an article in no syndication cluster, or
    its cluster's original) and ``copies`` (syndicated copies of a story told by an original).
    ``month`` is "2024-03", or None for the articles that give no publication date (never dated by
    when they were fetched)."""

    month: str | None
    originals: int
    copies: int

    @property
    def total(self) -> int:
        return self.originals + self.copies


@dataclass(frozen=True, slots=True)
class SiteCount:
    """Articles of one outlet (``site`` None: no site known), originals and syndicated copies."""

    site: str | None
    originals: int
    copies: int

    @property
    def total(self) -> int:
        return self.originals + self.copies


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A person and how often they are quoted: ``quotes`` counts utterances (a quote repeated by
    syndicated copies of a story once), ``stories`` the stories (clusters, else articles) quoting them."""

    person_id: str
    name: str
    quotes: int
    stories: int


@dataclass(frozen=True, slots=True)
class QuoteMonth:
    """A person's utterances of one month (None: undated), by kind."""

    month: str | None
    direct: int = 0
    indirect: int = 0
    mixed: int = 0

    @property
    def total(self) -> int:
        return self.direct + self.indirect + self.mixed


@dataclass(frozen=True, slots=True)
class RoleMonth:
    """How many articles of one month (None: undated) gave a person one role."""

    role: str
    month: str | None
    articles: int


@dataclass(frozen=True, slots=True)
class PersonTimeline:
    """A person's quotes and roles over time, months oldest first and undated last; roles in the
    order they were first seen (undated roles last)."""

    person_id: str
    quotes: tuple[QuoteMonth, ...]
    roles: tuple[RoleMonth, ...]


def _month_of(published: str | None) -> str | None:
    return published[:7] if published and len(published) >= 7 else None


def _month_order(month: str | None) -> tuple[bool, str]:
    return (month is None, month or "")


def person_timeline(detail: PersonDetail) -> PersonTimeline:
    """Quotes and roles over time from the person page's own data, so the charts count exactly what
    the page lists: the utterances credited to the person (quote_confidence_threshold applied by the
    store), dated by their original's publication, and each role seen per article."""
    kinds: dict[str | None, dict[str, int]] = {}
    for hit in detail.quotes:
        counts = kinds.setdefault(_month_of(hit.published), {"direct": 0, "indirect": 0, "mixed": 0})
        if hit.quote.kind in counts:
            counts[hit.quote.kind] += 1
    quotes = tuple(QuoteMonth(month, **counts) for month, counts in sorted(kinds.items(), key=lambda kv: _month_order(kv[0])))
    # One line per role (case-insensitive, as written the first time), one count per article.
    names: dict[str, str] = {}
    first_seen: dict[str, tuple[bool, str]] = {}
    per_month: dict[tuple[str, str | None], set[str]] = {}
    for seen in detail.roles_over_time:
        key = " ".join(seen.role.split()).lower()
        if not key:
            continue
        month = _month_of(seen.published)
        names.setdefault(key, " ".join(seen.role.split()))
        first_seen[key] = min(first_seen.get(key, (True, "~")), _month_order(month))
        per_month.setdefault((key, month), set()).add(seen.article_id)
    ordered = sorted(per_month, key=lambda km: (first_seen[km[0]], names[km[0]].lower(), _month_order(km[1])))
    roles = tuple(RoleMonth(names[key], month, len(per_month[(key, month)])) for key, month in ordered)
    return PersonTimeline(detail.summary.id, quotes, roles)


@dataclass(frozen=True, slots=True)
class CompletedFile:
    """A ledger entry: an input file every document of which was written without a failure.

    The runner skips a file on a later run while its size, modification time and fingerprint are
    all the same (see ``presswatch.run.ledger``), and counts its ``articles`` as unchanged.
    """

    source_path: str  # the file as the walk named it (articles from it have this path, or ``path#...``)
    size: int
    mtime_ns: int
    fingerprint: str
    articles: int  # articles the file gave (failures excluded)
    completed_at: str | None = None  # set by the store when the entry is written (ISO 8601, UTC)
    failures: int = 0  # its documents that failed: such a file is read again only when asked


@dataclass(frozen=True, slots=True)
class SignatureChanges:
    """Dedup signatures stored after a given write: ``seq`` is the newest write among them (or the
    one asked about, when there is none)."""

    seq: int
    signatures: tuple[tuple[str, bytes], ...]


class WriteSession(Protocol):
    """One write transaction that no other writer of the database interleaves with (both backends
    serialise writers). Reading what other writers stored and writing on top of it inside one
    session is what keeps concurrent ingests from clustering against a stale picture."""

    def signature_changes(self, after: int) -> SignatureChanges:
        """The signatures written by writes numbered above ``after``, in the order they were written."""
        ...

    def write_batch(
        self,
        articles: Sequence[Article],
        *,
        failures: Sequence[Failure] = (),
        assignments: Sequence[ClusterAssignment] = (),
        signatures: Sequence[tuple[str, bytes]] = (),
        completed_files: Sequence[CompletedFile] = (),
        incomplete_files: Sequence[str] = (),
    ) -> list[UpsertOutcome]:
        """As :meth:`Store.write_batch`, inside this session's transaction."""
        ...

    @property
    def seq(self) -> int:
        """The number of this session's write of signatures (after ``write_batch``), else the newest seen."""
        ...


@runtime_checkable
class Store(Protocol):
    url: str

    # --- articles -------------------------------------------------------------------------
    def upsert_articles(self, articles: Sequence[Article]) -> list[UpsertOutcome]:
        """Insert or update a batch in one transaction; idempotent by (id, content_hash)."""
        ...

    def write_batch(
        self,
        articles: Sequence[Article],
        *,
        failures: Sequence[Failure] = (),
        assignments: Sequence[ClusterAssignment] = (),
        signatures: Sequence[tuple[str, bytes]] = (),
        completed_files: Sequence[CompletedFile] = (),
        incomplete_files: Sequence[str] = (),
    ) -> list[UpsertOutcome]:
        """What the ingest runner calls: upsert articles, clear failures of paths that now succeed,
        record new failures, apply cluster changes to stored articles, save dedup signatures, mark
        ``completed_files`` done in the ledger (clearing failures left for them or their documents
        ``path#...`` from earlier runs) and drop the ledger entries of ``incomplete_files``
        (files that ended with a failure this time), all in ONE transaction -- so a file is never
        marked done unless its last document is stored, and an interrupted batch marks nothing."""
        ...

    def writing(self) -> AbstractContextManager[WriteSession]:
        """A write transaction for a read-then-write step, serialised with every other writer."""
        ...

    def signature_seq(self) -> int:
        """The number of the newest write of dedup signatures (0 for none)."""
        ...

    def completed_files(self) -> Iterator[CompletedFile]:
        """The checkpoint ledger: every file marked complete, ordered by source_path."""
        ...

    def get_article(self, article_id: str) -> Article:
        """The article with its current cluster fields and comments_count; raises NotFound."""
        ...

    def find_article(self, id_or_path: str) -> Article:
        """By id, else by source_path (exact, then suffix match); raises NotFound."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """Every article, ordered by id (stable for exports)."""
        ...

    def count_articles(self) -> int: ...

    def stored_times(self, article_ids: Sequence[str]) -> dict[str, str]:
        """When each article was first stored (ISO 8601, UTC): bookkeeping, never a publication
        date (the Atom feeds need some time for an undated entry's ``updated``)."""
        ...

    def search(
        self,
        query: str | None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchPage:
        """Full-text search (FTS5 / tsvector) over title, standfirst and text, newest first when
        ``query`` is empty, best match first otherwise. A malformed query raises QueryError.

        The query language is the same on every backend (see ``store/query.py``): words (all must
        match, stemmed), "quoted phrases", ``OR``, ``-word`` / ``NOT word``, ``prefix*``. Punctuation in
        plain words is never a syntax error. ``person`` is a person id, a written form of a name, or a surname (everyone of
        that surname); ``since`` and
        ``until`` are ISO dates or datetimes compared with ``published`` (``until`` as a date includes
        that whole day); undated articles only appear without those filters."""
        ...

    # --- charts: counts over a search ------------------------------------------------------
    def articles_by_month(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[MonthCount]:
        """The articles :meth:`search` finds (every page), counted per month of publication, originals
        and syndicated copies apart; oldest month first, then one ``month=None`` entry for the
        undated ones (left out when there are none). A malformed query raises QueryError."""
        ...

    def articles_by_site(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 20,
    ) -> list[SiteCount]:
        """The articles :meth:`search` finds, counted per outlet (most articles first, then by name),
        originals and copies apart; at most ``limit`` outlets (``None``: all)."""
        ...

    def most_quoted(
        self,
        query: str | None = None,
        *,
        site: str | None = None,
        person: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 10,
    ) -> list[SpeakerCount]:
        """The people most quoted in the articles :meth:`search` finds (utterances over
        quote_confidence_threshold, as on person pages), most quotes first."""
        ...

    # --- failures -------------------------------------------------------------------------
    def record_failures(self, failures: Sequence[Failure]) -> None:
        """Store failure records (one row per source_path; a later success clears it)."""
        ...

    def failures(self) -> list[Failure]: ...

    def failure_history(self) -> list[FailureSeen]:
        """Every failure record, with when it first and last failed and how often."""
        ...

    # --- people and quotes ----------------------------------------------------------------
    def people(self, query: str | None = None, *, limit: int = 50, offset: int = 0) -> list[PersonSummary]:
        """People across articles, most-mentioned first; ``query`` filters by name."""
        ...

    def count_people(self, query: str | None = None) -> int:
        """How many people :meth:`people` has for ``query`` in all (for paging)."""
        ...

    def person(self, person_id: str) -> PersonDetail:
        """Raises NotFound."""
        ...

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        speaker_type: str | None = None,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Utterances (see QuoteHit), newest first, matching every filter given: ``query`` (the search
        syntax, over the quote's words), ``speaker`` (a person reference as for ``search``, or part of
        the speaker as written), ``kind`` (QUOTE_KINDS), ``speaker_type`` (SPEAKER_TYPES), the article's
        ``site`` and ``since``/``until`` dates, ``min_confidence`` (quotes no model scored are left out
        by it). ``limit=None``: all of them. A bad value raises QueryError."""
        ...

    def count_quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        kind: str | None = None,
        speaker_type: str | None = None,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        """How many utterances :meth:`quotes` has for these filters in all."""
        ...

    def quote_provenance(self, quote_ids: Sequence[str]) -> "dict[str, QuoteProvenance]":
        """Each quote's printings across articles (``presswatch.dedup.quotes``): the same quotation
        in other articles, first printed first (undated printings last, marked undated), its wordings,
        and the articles that credit it to someone else. Keyed by quote id
        (``presswatch.model.quote_id``); ids naming no stored quote are left out."""
        ...

    def source_stats(
        self,
        *,
        site: str | None = None,
        since: str | None = None,
        until: str | None = None,
        top: int = 20,
        query: str | None = None,
        person: str | None = None,
    ) -> "SourceStats":
        """Who gets quoted (``presswatch.people.sources``): per outlet and month, quotes by women, men and
        unknown, named against anonymous, top quoted people. A quote repeated by syndicated copies counts
        once, on the original, whose site and date the filters apply to. ``query`` and ``person`` keep
        the quotes of the articles :meth:`search` finds for them. Bad dates raise QueryError."""
        ...

    # --- clusters -------------------------------------------------------------------------
    def apply_cluster_assignments(self, assignments: Sequence[ClusterAssignment]) -> None: ...

    def clusters(self, *, min_size: int = 2) -> list[Cluster]: ...

    def cluster(self, cluster_id: str) -> Cluster:
        """Raises NotFound."""
        ...

    def save_signatures(self, signatures: Sequence[tuple[str, bytes]]) -> None:
        """Persist dedup signatures (article_id -> serialized MinHash) beside the articles."""
        ...

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]: ...

    # --- comments -------------------------------------------------------------------------
    def add_comment(self, article_id: str, name: str, comment: str) -> Comment:
        """Raises NotFound for an unknown article. Validation happens before (presswatch.comments)."""
        ...

    def comments(self, article_id: str, *, include_hidden: bool = False) -> list[Comment]: ...

    def hide_comment(self, comment_id: int) -> Comment:
        """Raises NotFound."""
        ...

    def close(self) -> None: ...
