"""The JSON API under ``/api/``: the same query functions as the HTML pages, as JSON.

Response models are declared so ``/openapi.json`` describes every answer, including the 4xx ones.
"""

from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from presswatch.dedup.quotes import QuoteProvenance
from presswatch.comments import COMMENT_MAX_CHARS, NAME_MAX_CHARS, post_comment
from presswatch.export import write_quotes_csv
from presswatch.model import Comment, quote_id
from presswatch.people.sources import SourceCounts, SourceStats
from presswatch.store.base import PersonDetail, PersonSummary, QuoteHit
from presswatch.web import views
from presswatch.web.rendering import client_key, csv_download
from presswatch.web.errors import ErrorOut, error_body

router = APIRouter(prefix="/api", tags=["api"])


# --- response models ------------------------------------------------------------------------


class EntityOut(BaseModel):
    text: str
    label: str
    start: int
    end: int


class MentionOut(BaseModel):
    text: str
    start: int
    end: int


class PersonOut(BaseModel):
    name: str
    roles: list[str]
    mentions: list[MentionOut]
    person_id: str | None = Field(None, description="the person across articles; null: not taken for a person")
    evidence: list[str] = Field(default_factory=list, description="why the name is a person's: full_name, title, role, pronoun")


class QuoteOut(BaseModel):
    text: str
    kind: str = Field(description="direct, indirect or mixed")
    speaker: str | None
    speaker_type: str = Field(description="person, org or anonymous")
    speaker_role: str | None
    cue: str | None
    start: int = Field(description="character offset into the article's text")
    end: int
    speaker_person_id: str | None = Field(None, description="the speaker's person id, when the speaker is a person")
    confidence: float | None = Field(
        None, description="how likely the attribution is right, in [0, 1]; null where no model scored it"
    )
    quote_id: str | None = Field(
        None, description="in an article's record: the quote's id, for `/api/quotes/{quote_id}` (its provenance)"
    )


class ArticleRecord(BaseModel):
    """The export record (see DESIGN.md); extra fields may appear."""

    model_config = ConfigDict(extra="allow")

    id: str
    url: str | None
    site: str | None
    title: str | None
    standfirst: str | None
    authors: list[str]
    published: str | None
    language: str | None
    paragraphs: list[str]
    text: str
    source_path: str
    content_hash: str
    entities: list[EntityOut]
    people: list[PersonOut]
    quotes: list[QuoteOut]
    cluster_id: str | None
    canonical_id: str | None
    is_canonical: bool
    comments_count: int


class SearchItem(ArticleRecord):
    """A hit with its full record (``fields=full``)."""

    snippet: str = Field(description="HTML-safe excerpt; matches wrapped in <mark>.")
    rank: float


class ArticleSummaryOut(BaseModel):
    """A hit in the light list (``fields=summary``, the default): enough to show and link it."""

    id: str
    title: str | None
    site: str | None
    published: str | None
    url: str | None
    snippet: str = Field(description="HTML-safe excerpt; matches wrapped in <mark>.")
    rank: float
    cluster_id: str | None
    is_canonical: bool


class FacetValue(BaseModel):
    value: str
    count: int


class Paged(BaseModel):
    total: int = Field(description="how many match in all")
    limit: int = Field(description="the most items a page holds")
    offset: int = Field(description="how many matches come before this page")


class SearchResult(Paged):
    items: list[SearchItem | ArticleSummaryOut]
    facets: dict[str, list[FacetValue]] = Field(description="site / person / month -> values with counts")


class CommentOut(BaseModel):
    id: int
    article_id: str
    name: str
    comment: str
    created_at: str = Field(description="ISO 8601, UTC")


class ArticleWithComments(ArticleRecord):
    comments: list[CommentOut]


class PersonSummaryOut(BaseModel):
    id: str
    name: str
    roles: list[str]
    article_count: int
    quote_count: int


class PeopleResult(Paged):
    items: list[PersonSummaryOut]


class RoleSeenOut(BaseModel):
    role: str
    article_id: str
    published: str | None


class QuoteCopyOut(BaseModel):
    article_id: str
    article_title: str | None
    site: str | None
    published: str | None


class QuoteHitOut(BaseModel):
    """One utterance: the article is the original; syndicated copies repeating it are in ``copies``."""

    quote_id: str = Field(description="the quote's id: `/api/quotes/{quote_id}` gives its provenance")
    quote: QuoteOut
    article_id: str
    article_title: str | None
    published: str | None
    site: str | None
    copies: list[QuoteCopyOut] = Field(
        default_factory=list, description="Other copies of the story carrying the same quote, oldest first."
    )


class QuoteAppearanceOut(BaseModel):
    """One article's printing of the quotation."""

    quote_id: str
    article_id: str
    article_title: str | None
    site: str | None
    url: str | None
    published: str | None = Field(description="the article's publication date; null: undated")
    undated: bool = Field(description="no publication date: listed after the dated printings (never given a fetch time)")
    link: str = Field(description="the passage on the article page")
    text: str = Field(description="the words as this article prints them")
    kind: str
    speaker: str | None
    speaker_type: str
    speaker_person_id: str | None
    speaker_role: str | None
    confidence: float | None
    variant: int = Field(description="index into `variants`")
    speaker_differs: bool = Field(description="credited to a different speaker than the quote asked about")
    same_story: bool = Field(description="a syndicated copy of the story of the quote asked about")


class QuoteVariantOut(BaseModel):
    text: str = Field(description="the wording as first printed")
    count: int = Field(description="articles printing it so")
    first_quote_id: str


class QuoteCreditOut(BaseModel):
    speaker: str
    speaker_person_id: str | None
    count: int


class QuoteProvenanceOut(BaseModel):
    """A quotation across articles, seen from one printing (``quote_id``)."""

    quote_id: str
    quote: QuoteAppearanceOut = Field(description="the printing asked about")
    first: QuoteAppearanceOut | None = Field(description="the earliest dated printing; null when none is dated")
    appearances: list[QuoteAppearanceOut] = Field(description="dated printings oldest first, then the undated ones")
    variants: list[QuoteVariantOut] = Field(description="its wordings, the first printing's first")
    credits: list[QuoteCreditOut] = Field(description="who the articles credit it to, most often first")
    disputed: list[str] = Field(description="quote ids of the printings that credit a different speaker")


class SourceCountsOut(BaseModel):
    quotes: int = Field(description="utterances: a quote repeated by syndicated copies counts once, on the original")
    named_people: int
    organisations: int
    anonymous: int
    unattributed: int
    women: int = Field(description="quotes by named people estimated female")
    men: int
    gender_unknown: int
    share_women: float | None = Field(description="of the quotes by named people; null when there are none")
    share_men: float | None
    share_gender_unknown: float | None
    share_named: float | None = Field(description="of all quotes")
    share_anonymous: float | None


class SiteCountsOut(SourceCountsOut):
    site: str | None


class MonthCountsOut(SourceCountsOut):
    month: str | None = Field(description="YYYY-MM; null for undated articles")


class QuotedPersonOut(BaseModel):
    person_id: str
    name: str
    gender: str = Field(description="female, male or unknown")
    quotes: int


class SourceStatsOut(BaseModel):
    total: SourceCountsOut
    by_site: list[SiteCountsOut]
    by_month: list[MonthCountsOut]
    top_people: list[QuotedPersonOut]


class PersonDetailOut(PersonSummaryOut):
    names_seen: list[str]
    roles_over_time: list[RoleSeenOut]
    quotes: list[QuoteHitOut]
    article_ids: list[str]
    gender: str = Field("unknown", description="female, male or unknown: first name and the texts' own words")
    gender_evidence: str = ""


class QuotesResult(Paged):
    items: list[QuoteHitOut]


class ClusterMemberOut(BaseModel):
    id: str
    title: str | None
    site: str | None
    published: str | None
    is_original: bool


class ClusterOut(BaseModel):
    id: str
    canonical_id: str
    members: list[ClusterMemberOut]


class ClustersResult(Paged):
    items: list[ClusterOut]


def _limits(min_length: int, max_length: int, pattern: str) -> Any:
    """The schema of a form field with a default only at run time: the spec states the limits and no
    default (an empty default would break its own ``minLength``)."""

    def edit(schema: dict[str, Any]) -> None:
        schema.pop("default", None)
        schema.update(minLength=min_length, maxLength=max_length, pattern=pattern)

    return edit


class CommentIn(BaseModel):
    # Defaults instead of required fields: a missing field gets the same human message as an
    # empty one ("Please enter your name here"), not a schema error.
    # The limits are documented in the schema but checked by presswatch.comments, which words the
    # messages the same way for the form, the API and the CLI.
    model_config = ConfigDict(json_schema_extra=lambda schema: schema.__setitem__("required", ["name", "comment"]))

    name: str = Field(
        "",
        description="Shown with the comment; one line.",
        json_schema_extra=_limits(1, NAME_MAX_CHARS, r"^[^\r\n\x00]*\S[^\r\n\x00]*$"),
    )
    comment: str = Field(
        "",
        description="The comment text (plain text; shown escaped).",
        json_schema_extra=_limits(1, COMMENT_MAX_CHARS, r"^[^\x00]*\S[^\x00]*$"),
    )


# --- converters -----------------------------------------------------------------------------


def comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "article_id": comment.article_id,
        "name": comment.name,
        "comment": comment.comment,
        "created_at": comment.created_at,
    }


def summary_out(summary: PersonSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "name": summary.name,
        "roles": list(summary.roles),
        "article_count": summary.article_count,
        "quote_count": summary.quote_count,
    }


def provenance_out(prov: QuoteProvenance) -> dict[str, Any]:
    record = prov.to_record()
    appearances = [record["quote"], *([record["first"]] if record["first"] else []), *record["appearances"]]
    for a in appearances:
        a["link"] = views.passage_link(a["quote_id"])
    return record


def quote_hit_out(hit: QuoteHit) -> dict[str, Any]:
    q = hit.quote
    return {
        "quote_id": hit.quote_id,
        "quote": {
            "text": q.text,
            "kind": q.kind,
            "speaker": q.speaker,
            "speaker_type": q.speaker_type,
            "speaker_role": q.speaker_role,
            "cue": q.cue,
            "start": q.start,
            "end": q.end,
            "speaker_person_id": hit.speaker_id,
            "confidence": q.confidence,
        },
        "article_id": hit.article_id,
        "article_title": hit.article_title,
        "published": hit.published,
        "site": hit.site,
        "copies": [
            {"article_id": c.article_id, "article_title": c.article_title, "site": c.site, "published": c.published}
            for c in hit.copies
        ],
    }


def person_detail_out(detail: PersonDetail) -> dict[str, Any]:
    return {
        **summary_out(detail.summary),
        "names_seen": list(detail.names_seen),
        "roles_over_time": [
            {"role": r.role, "article_id": r.article_id, "published": r.published} for r in detail.roles_over_time
        ],
        "quotes": [quote_hit_out(h) for h in detail.quotes],
        "article_ids": list(detail.article_ids),
        "gender": detail.gender,
        "gender_evidence": detail.gender_evidence,
    }


def counts_out(c: SourceCounts) -> dict[str, Any]:
    return {
        "quotes": c.quotes, "named_people": c.named_people, "organisations": c.organisations,
        "anonymous": c.anonymous, "unattributed": c.unattributed,
        "women": c.women, "men": c.men, "gender_unknown": c.gender_unknown,
        "share_women": c.share_women, "share_men": c.share_men, "share_gender_unknown": c.share_gender_unknown,
        "share_named": c.share_named, "share_anonymous": c.share_anonymous,
    }


def source_stats_out(stats: SourceStats) -> dict[str, Any]:
    return {
        "total": counts_out(stats.total),
        "by_site": [{"site": site, **counts_out(c)} for site, c in stats.by_site],
        "by_month": [{"month": month, **counts_out(c)} for month, c in stats.by_month],
        "top_people": [
            {"person_id": p.person_id, "name": p.name, "gender": p.gender, "quotes": p.quotes} for p in stats.top_people
        ],
    }


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Malformed query or parameter"},
    404: {"model": ErrorOut, "description": "No such id"},
    422: {"model": ErrorOut, "description": "A parameter of the wrong type or out of range; `errors` maps it to a message"},
    503: {"model": ErrorOut, "description": "The database is unavailable"},
}

LIMIT = Query(views.PAGE_SIZE, ge=1, le=views.MAX_PAGE_SIZE, description=f"Items per page, at most {views.MAX_PAGE_SIZE}")
OFFSET = Query(None, ge=0, le=views.MAX_OFFSET, description="Matches to skip (or give `page`)")
PAGE = Query(None, ge=1, le=100_000, description="Page number, 1 first: offset = (page - 1) * limit")


def summary_item(hit: Any) -> dict[str, Any]:
    a = hit.article
    return {
        "id": a.id, "title": a.title, "site": a.site, "published": a.published, "url": a.url,
        "snippet": hit.snippet, "rank": hit.rank, "cluster_id": a.cluster_id, "is_canonical": bool(a.is_canonical),
    }


# --- endpoints ------------------------------------------------------------------------------


@router.get("/articles", response_model=SearchResult, responses=ERRORS)
def list_articles(
    request: Request,
    q: str | None = Query(None, description="Full-text query (FTS syntax: words, \"phrases\", OR, NOT, prefix*)"),
    site: str | None = None,
    person: str | None = Query(None, description="A person's id, a name as written, or a surname"),
    since: str | None = Query(None, description="Earliest publication date, YYYY-MM-DD"),
    until: str | None = Query(None, description="Latest publication date, YYYY-MM-DD"),
    fields: Literal["summary", "full"] = Query(
        "summary", description="summary: id, title, site, published, url, snippet; full: the whole record"
    ),
    limit: int = LIMIT,
    offset: int | None = OFFSET,
    page: int | None = PAGE,
) -> dict[str, Any]:
    limit, offset = views.paging(limit, offset, page)
    params = views.search_params(q, site, person, since, until, limit, offset)
    result = views.run_search(request.app.state.store, params)
    if fields == "full":
        items = [{**hit.article.to_record(), "snippet": hit.snippet, "rank": hit.rank} for hit in result.items]
    else:
        items = [summary_item(hit) for hit in result.items]
    return {
        "total": result.total,
        "limit": limit,
        "offset": offset,
        "items": items,
        "facets": {
            name: [{"value": value, "count": count} for value, count in values] for name, values in result.facets.items()
        },
    }


@router.get("/articles/{article_id}", response_model=ArticleWithComments, responses=ERRORS)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    store = request.app.state.store
    article = store.get_article(article_id)
    record = article.to_record()
    for quote, out in zip(article.quotes, record["quotes"]):
        out["quote_id"] = quote_id(article.id, quote)
    return {**record, "comments": [comment_out(c) for c in store.comments(article.id)]}


@router.post(
    "/articles/{article_id}/comments",
    response_model=CommentOut,
    status_code=201,
    responses={
        400: {"model": ErrorOut, "description": "The body is not JSON"},
        404: {"model": ErrorOut, "description": "No such article"},
        413: {"model": ErrorOut, "description": "The request body is over the size limit"},
        422: {"model": ErrorOut, "description": "Empty or too long name/comment; `errors` maps field -> message"},
        429: {"model": ErrorOut, "description": "Too many comments from this client; see Retry-After"},
        503: {"model": ErrorOut, "description": "The database is unavailable"},
    },
)
def create_comment(request: Request, article_id: str, body: CommentIn) -> Any:
    wait = request.app.state.limiter.acquire(client_key(request))
    if wait > 0:
        seconds = max(1, round(wait))
        return JSONResponse(
            error_body(429, f"too many comments; try again in {seconds} seconds"),
            status_code=429,
            headers={"Retry-After": str(seconds)},
        )
    comment = post_comment(request.app.state.store, article_id, body.name, body.comment)
    return comment_out(comment)


@router.get("/people", response_model=PeopleResult, responses=ERRORS)
def list_people(
    request: Request,
    q: str | None = Query(None, description="Part of a name"),
    limit: int = Query(50, ge=1, le=views.MAX_PAGE_SIZE, description=f"Items per page, at most {views.MAX_PAGE_SIZE}"),
    offset: int | None = OFFSET,
    page: int | None = PAGE,
) -> dict[str, Any]:
    limit, offset = views.paging(limit, offset, page)
    store = request.app.state.store
    query = views.clean_param(q)
    people = store.people(query, limit=limit, offset=offset)
    return {"total": store.count_people(query), "limit": limit, "offset": offset, "items": [summary_out(p) for p in people]}


@router.get("/people/{person_id}", response_model=PersonDetailOut, responses=ERRORS)
def get_person(request: Request, person_id: str) -> dict[str, Any]:
    return person_detail_out(request.app.state.store.person(person_id))


@router.get("/stats/sources", response_model=SourceStatsOut, responses=ERRORS)
def stats_sources(
    request: Request,
    site: str | None = Query(None, description="Only quotes whose original ran on this site"),
    since: str | None = Query(None, description="Earliest publication date of the original, YYYY-MM-DD"),
    until: str | None = Query(None, description="Latest publication date of the original, YYYY-MM-DD"),
) -> dict[str, Any]:
    stats = request.app.state.store.source_stats(
        site=views.clean_param(site), since=views.clean_param(since), until=views.clean_param(until)
    )
    return source_stats_out(stats)


@router.get(
    "/quotes",
    response_model=QuotesResult,
    responses={
        **ERRORS,
        200: {
            "description": "A page of quotes (JSON), or with `format=csv` every matching quote as CSV",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def list_quotes(
    request: Request,
    q: str | None = Query(None, description="Words in the quote (search syntax: words, \"phrases\", OR, NOT)"),
    speaker: str | None = Query(None, description="The speaker: a person's id, a name as written, a surname"),
    kind: Literal["direct", "indirect", "mixed"] | None = Query(None, description="How the quote is given"),
    speaker_type: Literal["person", "org", "anonymous", "unknown"] | None = Query(None, description="Who speaks"),
    site: str | None = Query(None, description="The article's site"),
    since: str | None = Query(None, description="Earliest publication date of the article, YYYY-MM-DD"),
    until: str | None = Query(None, description="Latest publication date of the article, YYYY-MM-DD"),
    min_confidence: float | None = Query(
        None, ge=0.0, le=1.0, description="Only quotes scored at least this (quotes no model scored are left out)"
    ),
    format: Literal["json", "csv"] = Query("json", description="csv: every match (no paging) as a CSV download"),
    limit: int = Query(50, ge=1, le=views.MAX_PAGE_SIZE, description=f"Items per page, at most {views.MAX_PAGE_SIZE}"),
    offset: int | None = OFFSET,
    page: int | None = PAGE,
) -> Any:
    params = views.quote_params(q, speaker, kind, speaker_type, site, since, until, min_confidence)
    store = request.app.state.store
    if format == "csv":
        return quotes_csv_response(views.find_quotes(store, params, limit=None).items)
    limit, offset = views.paging(limit, offset, page)
    found = views.find_quotes(store, params, limit=limit, offset=offset)
    return {"total": found.total, "limit": limit, "offset": offset, "items": [quote_hit_out(h) for h in found.items]}


@router.get("/quotes/{quote_id}", response_model=QuoteProvenanceOut, responses=ERRORS)
def get_quote(request: Request, quote_id: str) -> dict[str, Any]:
    """One quote with its provenance: the same quotation in other articles (normalised words and
    near-same wordings), first printed first, its wordings, and who else it is credited to."""
    return provenance_out(views.quote_provenance(request.app.state.store, quote_id))


def quotes_csv_response(hits: list[QuoteHit]) -> Response:
    out = io.StringIO()
    write_quotes_csv(hits, out)
    return csv_download(out.getvalue(), "quotes.csv")


def _cluster_out(store, cluster) -> dict[str, Any]:
    members = views.cluster_members(store, cluster.id)
    return {
        "id": cluster.id,
        "canonical_id": cluster.canonical_id,
        "members": [
            {"id": m.id, "title": m.title, "site": m.site, "published": m.published, "is_original": m.is_original}
            for m in members
        ],
    }


@router.get("/clusters", response_model=ClustersResult, responses=ERRORS)
def list_clusters(
    request: Request,
    min_size: int = Query(2, ge=1, le=1_000_000, description="Only clusters of at least this many articles"),
    limit: int = Query(50, ge=1, le=views.MAX_PAGE_SIZE, description=f"Items per page, at most {views.MAX_PAGE_SIZE}"),
    offset: int | None = OFFSET,
    page: int | None = PAGE,
) -> dict[str, Any]:
    """Syndication clusters, largest first, each with its members (the original marked)."""
    limit, offset = views.paging(limit, offset, page)
    store = request.app.state.store
    clusters = store.clusters(min_size=min_size)
    return {
        "total": len(clusters), "limit": limit, "offset": offset,
        "items": [_cluster_out(store, c) for c in clusters[offset : offset + limit]],
    }


@router.get("/clusters/{cluster_id}", response_model=ClusterOut, responses=ERRORS)
def get_cluster(request: Request, cluster_id: str) -> dict[str, Any]:
    store = request.app.state.store
    return _cluster_out(store, store.cluster(cluster_id))


class SourceHealthOut(BaseModel):
    id: int
    name: str
    url: str
    kind: str = Field(description="feed or sitemap")
    every_s: int = Field(description="seconds between polls")
    status: str = Field(description="ok, stalled, failing or new")
    stalled: bool = Field(description="published daily, and nothing new for two days")
    last_polled_at: str | None
    last_success_at: str | None
    last_new_item_at: str | None
    items_per_day_7: float
    items_per_day_30: float
    consecutive_errors: int
    last_error: str | None
    next_due_at: str


@router.get("/sources/health", response_model=list[SourceHealthOut], responses=ERRORS)
def sources_health(request: Request) -> list[dict[str, Any]]:
    """Each monitored source (``presswatch sources add``) and whether it still brings stories in."""
    from presswatch.watch.health import sources_health as health

    return [h.to_record() for h in health(request.app.state.store)]
