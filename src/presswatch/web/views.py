"""Query functions shared by the HTML pages, the JSON API and the feeds.

Both front ends call these, so a filter or a limit cannot mean one thing in the browser and another
in the API. Nothing here knows about HTTP; bad input raises presswatch.errors, which the app maps
to 4xx responses.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from presswatch.dedup.quotes import QuoteProvenance
from presswatch.errors import NotFound, QueryError, ValidationError
from presswatch.model import Article, Comment, Failure, Quote, RawDocument, quote_anchor, quote_id, quote_passage
from presswatch.pipeline import process_batch, raw_document
from presswatch.service import SaveOutcome, save
from presswatch.store.base import QUOTE_KINDS, SPEAKER_TYPES, PersonDetail, QuoteHit, SearchPage, Store, person_id_for
from presswatch.store.query import parse_query
from presswatch.store.sql import iso_bound

PAGE_SIZE = 20
MAX_PAGE_SIZE = 500
MAX_OFFSET = 1_000_000
MAX_CLUSTER_MEMBERS_SHOWN = 50


def speaker_ids(article: Article) -> dict[str, str]:
    """Person-page ids for the quotes' speakers, resolved the way the store files them.

    A speaker named by surname only ("Kowalczyk") is the one person in the article whose name ends
    with it; otherwise the slug of the speaker's own name.
    """
    people_ids = [person_id_for(p.name) for p in article.people]
    ids: dict[str, str] = {}
    for quote in article.quotes:
        if not quote.speaker or quote.speaker_type != "person" or quote.speaker in ids:
            continue
        pid = person_id_for(quote.speaker)
        if pid not in people_ids:
            by_surname = [p for p in people_ids if p.endswith("-" + pid)]
            if len(by_surname) == 1:
                pid = by_surname[0]
        ids[quote.speaker] = pid
    return ids


# --- search ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str | None = None
    site: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = PAGE_SIZE
    offset: int = 0


def clean_param(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _check_date(field_name: str, value: str | None) -> str | None:
    value = clean_param(value)
    return None if value is None else iso_bound(value, field_name)


def search_params(
    q: str | None = None,
    site: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> SearchParams:
    """Normalise and check search parameters (blank means absent); raises QueryError."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if offset < 0:
        raise QueryError("offset must not be negative")
    query = clean_param(q)
    if query is not None and "\x00" in query:
        raise QueryError("the search query contains a NUL character")
    return SearchParams(
        q=query,
        site=clean_param(site),
        person=clean_param(person),
        since=_check_date("since", since),
        until=_check_date("until", until),
        limit=limit,
        offset=offset,
    )


def paging(limit: int, offset: int | None = None, page: int | None = None) -> tuple[int, int]:
    """(limit, offset) from a limit and either an offset or a page number (1 is the first page)."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if page is not None:
        if offset:
            raise QueryError("give offset or page, not both")
        if page < 1:
            raise QueryError("page must be 1 or more")
        offset = (page - 1) * limit
    offset = offset or 0
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET:,}")
    return limit, offset


@dataclass(frozen=True, slots=True)
class QuoteParams:
    """The filters of /quotes, /quotes.csv and /api/quotes, checked (see Store.quotes)."""

    q: str | None = None
    speaker: str | None = None
    kind: str | None = None
    speaker_type: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None

    def filters(self) -> dict[str, object]:
        return {
            "speaker": self.speaker, "kind": self.kind, "speaker_type": self.speaker_type, "site": self.site,
            "since": self.since, "until": self.until, "min_confidence": self.min_confidence,
        }


def quote_params(
    q: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    speaker_type: str | None = None,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: str | float | None = None,
) -> QuoteParams:
    """Normalise and check quote filters (blank means absent); raises QueryError."""
    kind, speaker_type = clean_param(kind), clean_param(speaker_type)
    if kind is not None and kind not in QUOTE_KINDS:
        raise QueryError(f"kind must be one of {', '.join(QUOTE_KINDS)}, not {kind!r}")
    if speaker_type is not None and speaker_type not in SPEAKER_TYPES:
        raise QueryError(f"speaker_type must be one of {', '.join(SPEAKER_TYPES)}, not {speaker_type!r}")
    confidence: float | None = None
    raw = clean_param(min_confidence) if isinstance(min_confidence, str) else min_confidence
    if raw is not None:
        try:
            confidence = float(raw)
        except ValueError:
            raise QueryError(f"min_confidence must be a number between 0 and 1, not {raw!r}") from None
        if not 0.0 <= confidence <= 1.0:
            raise QueryError(f"min_confidence must be between 0 and 1, not {raw!r}")
    query = clean_param(q)
    if query is not None:
        parse_query(query)  # a malformed query is a 400 here as in a search, not an empty answer
    return QuoteParams(
        q=query, speaker=clean_param(speaker), kind=kind, speaker_type=speaker_type, site=clean_param(site),
        since=_check_date("since", since), until=_check_date("until", until), min_confidence=confidence,
    )


@dataclass(frozen=True, slots=True)
class QuotePage:
    total: int
    items: list[QuoteHit]


def find_quotes(store: Store, params: QuoteParams, *, limit: int | None, offset: int = 0) -> QuotePage:
    """One page of utterances and how many match in all (``limit=None``: every match)."""
    items = store.quotes(params.q, limit=limit, offset=offset, **params.filters())  # type: ignore[arg-type]
    total = store.count_quotes(params.q, **params.filters())  # type: ignore[arg-type]
    return QuotePage(total=total, items=items)


def run_search(store: Store, params: SearchParams) -> SearchPage:
    return store.search(
        params.q,
        site=params.site,
        person=params.person,
        since=params.since,
        until=params.until,
        limit=params.limit,
        offset=params.offset,
    )


# --- article page ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of paragraph text (inside a quote when ``quote`` is set), or, with ``said_by``, the
    place after a quote's closing mark where its speaker is shown."""

    text: str
    quote: Quote | None = None
    said_by: Quote | None = None
    #: ids of quote passages that begin here (the first piece of a quote; or a quote nested inside
    #: another, which has no piece of its own): what ``/articles/<id>#q<start>-<end>`` jumps to
    anchors: tuple[str, ...] = ()


# Closing quotation marks and punctuation that belong with the quote, before its speaker tag.
_CLOSING = re.compile(r"[\"'”’»)\].,;:!?]*")


@dataclass(frozen=True, slots=True)
class ClusterMember:
    id: str
    title: str | None
    site: str | None
    published: str | None
    is_original: bool


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: Article
    paragraphs: list[list[Segment]]
    comments: list[Comment]
    cluster: list[ClusterMember]
    entities: dict[str, list[str]]  # label group -> distinct names, in order of first appearance
    speaker_ids: dict[str, str]  # quote speaker -> person id
    anchors: dict[str, str]  # quote id -> the id of its passage in the text (quotes the text shows)
    provenance: dict[str, QuoteProvenance]  # quote id -> its printings across articles


def _paragraph_spans(article: Article) -> list[tuple[int, int] | None]:
    """Where each paragraph sits in ``article.text`` (None when it cannot be found)."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for para in article.paragraphs:
        at = article.text.find(para, cursor)
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(para)))
        cursor = at + len(para)
    return spans


def paragraph_segments(article: Article) -> list[list[Segment]]:
    """Split each paragraph into plain text and quote pieces using the quotes' character offsets.

    Offsets that point outside the text are ignored (the paragraph is shown plain) rather than
    trusted; overlapping quotes are clipped so no text is shown twice. Every quote that begins in a
    paragraph gets its anchor (``model.quote_anchor``) on the piece where it begins.
    """
    length = len(article.text)
    quotes = sorted(
        (q for q in article.quotes if 0 <= q.start < q.end <= length),
        key=lambda q: (q.start, -q.end),
    )
    result: list[list[Segment]] = []
    for para, span in zip(article.paragraphs, _paragraph_spans(article)):
        if span is None:
            result.append([Segment(para)])
            continue
        p_start, p_end = span
        cursor = p_start
        placed: list[tuple[int, Segment]] = []  # (start offset, piece)
        for quote in quotes:
            if quote.end <= p_start or quote.start >= p_end:
                continue
            start = max(quote.start, cursor)
            end = min(quote.end, p_end)
            if start >= end:
                continue
            if start > cursor:
                placed.append((cursor, Segment(article.text[cursor:start])))
            placed.append((start, Segment(article.text[start:end], quote=quote)))
            cursor = end
            if end == quote.end:
                closing_end = _CLOSING.match(article.text, end, p_end).end()  # type: ignore[union-attr]
                if closing_end > end:
                    placed.append((end, Segment(article.text[end:closing_end])))
                    cursor = closing_end
                placed.append((cursor, Segment("", said_by=quote)))
        if cursor < p_end:
            placed.append((cursor, Segment(article.text[cursor:p_end])))
        result.append(_with_anchors(placed, [q for q in quotes if p_start <= q.start < p_end]))
    return result


def _with_anchors(placed: list[tuple[int, Segment]], starting_here: list[Quote]) -> list[Segment]:
    """The pieces with each quote's anchor on the piece holding its first character."""
    anchors: dict[int, list[str]] = {}
    for quote in starting_here:
        holder = None
        for n, (start, piece) in enumerate(placed):
            if piece.said_by is not None:
                continue
            if start <= quote.start < start + len(piece.text):
                holder = n
                if piece.quote is quote:
                    break
        if holder is not None:
            anchors.setdefault(holder, []).append(quote_anchor(quote))
    return [
        Segment(piece.text, piece.quote, piece.said_by, tuple(dict.fromkeys(anchors[n]))) if n in anchors else piece
        for n, (_, piece) in enumerate(placed)
    ]


def shown_anchors(article: Article, paragraphs: list[list[Segment]]) -> dict[str, str]:
    """Quote id -> anchor id, for the quotes whose anchor is on the page."""
    present = {anchor for pieces in paragraphs for piece in pieces for anchor in piece.anchors}
    return {quote_id(article.id, q): quote_anchor(q) for q in article.quotes if quote_anchor(q) in present}


_ENTITY_GROUPS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Places", "LOC": "Places", "NORP": "Groups"}


def entity_groups(article: Article) -> dict[str, list[str]]:
    """Names by kind, each once; a person's every mention ("Vetrova", "Ms. Vetrova") shows as the
    full name the people logic gave them ("Olga Vetrova")."""
    full_name = {(m.start, m.end): person.name for person in article.people for m in person.mentions}
    groups: dict[str, list[str]] = {}
    for entity in article.entities:
        group = _ENTITY_GROUPS.get(entity.label, entity.label.title())
        names = groups.setdefault(group, [])
        text = entity.text
        if entity.label == "PERSON":
            text = full_name.get((entity.start, entity.end)) or next(
                (name for (s, e), name in full_name.items() if s <= entity.start < e or entity.start <= s < entity.end),
                text,
            )
        if text not in names:
            names.append(text)
    return groups


def cluster_members(store: Store, cluster_id: str) -> list[ClusterMember]:
    """The copies in a cluster, the original first; members that vanished are skipped."""
    cluster = store.cluster(cluster_id)
    members: list[ClusterMember] = []
    for member_id in cluster.member_ids[:MAX_CLUSTER_MEMBERS_SHOWN]:
        try:
            member = store.get_article(member_id)
        except NotFound:
            continue
        members.append(
            ClusterMember(
                id=member.id,
                title=member.title,
                site=member.site,
                published=member.published,
                is_original=member.id == cluster.canonical_id,
            )
        )
    members.sort(key=lambda m: (not m.is_original, m.published or "9999", m.id))
    return members


def article_page(store: Store, article_id: str) -> ArticlePage:
    """Everything the article page shows; raises NotFound."""
    article = store.get_article(article_id)
    cluster: list[ClusterMember] = []
    if article.cluster_id:
        try:
            cluster = cluster_members(store, article.cluster_id)
        except NotFound:
            cluster = []
    paragraphs = paragraph_segments(article)
    return ArticlePage(
        article=article,
        paragraphs=paragraphs,
        comments=store.comments(article.id),
        cluster=cluster if len(cluster) > 1 else [],
        entities=entity_groups(article),
        speaker_ids=speaker_ids(article),
        anchors=shown_anchors(article, paragraphs),
        provenance=store.quote_provenance([quote_id(article.id, q) for q in article.quotes]),
    )


def quote_provenance(store: Store, quote_id_: str) -> QuoteProvenance:
    """The printings of one quote across articles (``/quotes/<id>``, ``/api/quotes/<id>``); raises NotFound."""
    found = store.quote_provenance([quote_id_]).get(quote_id_)
    if found is None:
        raise NotFound(f"No quote with id {quote_id_!r}")
    return found


#: Where a quote is on its article page, ``/articles/<id>#q<start>-<end>``: the anchor every quote
#: that begins in a paragraph has (see paragraph_segments).
passage_link = quote_passage


# --- person page ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """One role a person was given, with when it was seen and in which articles."""

    role: str
    first: str | None
    last: str | None
    article_ids: tuple[str, ...]


def role_spans(detail: PersonDetail) -> list[RoleSpan]:
    """Roles over time, one line per distinct role (case-insensitive), oldest first."""
    spans: dict[str, dict] = {}
    for seen in detail.roles_over_time:
        key = seen.role.strip().lower()
        span = spans.setdefault(key, {"role": seen.role.strip(), "dates": [], "ids": []})
        if seen.published:
            span["dates"].append(seen.published)
        if seen.article_id not in span["ids"]:
            span["ids"].append(seen.article_id)
    result = [
        RoleSpan(
            role=s["role"],
            first=min(s["dates"]) if s["dates"] else None,
            last=max(s["dates"]) if s["dates"] else None,
            article_ids=tuple(s["ids"]),
        )
        for s in spans.values()
    ]
    return sorted(result, key=lambda r: (r.first or "9999", r.role))


def quotes_by_role(detail: PersonDetail) -> list[tuple[str | None, list[QuoteHit]]]:
    """The person's quotes grouped by the role the quote's article gave them (case-insensitive),
    groups in the order of their newest quote; quotes with no role last."""
    groups: dict[str | None, tuple[str | None, list[QuoteHit]]] = {}
    for hit in detail.quotes:
        role = (hit.quote.speaker_role or "").strip() or None
        key = role.lower() if role else None
        groups.setdefault(key, (role, []))[1].append(hit)
    named = [g for k, g in groups.items() if k is not None]
    return named + ([groups[None]] if None in groups else [])


def copies_note(hit: QuoteHit) -> str:
    """Plain text naming the other copies of the story that repeat a quote ("" when there are none).

    The page, the API and the feed all get one hit per utterance from the store; this is only how a
    text-only front end (the Atom feed) says where else it was printed.
    """
    if not hit.copies:
        return ""
    names = [c.site or c.article_title or c.article_id for c in hit.copies]
    noun = "copy" if len(names) == 1 else "copies"
    return f"Also in {len(names)} other {noun}: {', '.join(names)}."


# --- analyze ---------------------------------------------------------------------------------

#: Pasted or uploaded input for /analyze; a news page is far smaller than this.
ANALYZE_MAX_BYTES = 2_000_000


def analyze_source_path(text: str) -> str:
    """Pasted input has no file: name it by its content, so saving the same text twice is one record."""
    return "analyze:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _analyze_input(text: str, url: str | None) -> RawDocument:
    if not text.strip():
        raise ValidationError({"text": "Paste the text or HTML of an article, or choose a file."})
    if len(text.encode("utf-8")) > ANALYZE_MAX_BYTES:
        raise ValidationError({"text": f"That is more than {ANALYZE_MAX_BYTES // 1_000_000} MB; is it one article?"})
    return raw_document(text, url or None, source_path=analyze_source_path(text))


def _failed(failure: Failure) -> ValidationError:
    return ValidationError({"text": f"No article could be made of this ({failure.stage}): {failure.reason}"})


def analyze_text(text: str, url: str | None = None) -> Article:
    """Run pasted text or HTML through the per-document pipeline exactly as ingest does.

    What ingest would record as a failure (no article text, or an unexpected error in a stage)
    is raised as a ValidationError on the ``text`` field, so the form can show it.
    """
    (result,) = process_batch([_analyze_input(text, url)])
    if isinstance(result, Failure):
        raise _failed(result)
    return result


def save_text(store: Store, text: str, url: str | None = None) -> SaveOutcome:
    """Analyse and store, as ``service.save`` does (dedup, then one transaction); a text that is
    already stored is not stored again (see there). A text no article can be made of is a
    ValidationError on the ``text`` field, as in :func:`analyze_text`."""
    outcome = save(_analyze_input(text, url), store)
    if isinstance(outcome, Failure):
        raise _failed(outcome)
    return outcome


__all__ = [
    "ArticlePage",
    "ClusterMember",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "QuotePage",
    "QuoteParams",
    "find_quotes",
    "paging",
    "quote_params",
    "SearchParams",
    "Segment",
    "article_page",
    "cluster_members",
    "copies_note",
    "entity_groups",
    "paragraph_segments",
    "quote_provenance",
    "passage_link",
    "shown_anchors",
    "role_spans",
    "speaker_ids",
    "run_search",
    "analyze_source_path",
    "analyze_text",
    "save_text",
    "SaveOutcome",
    "search_params",
]
