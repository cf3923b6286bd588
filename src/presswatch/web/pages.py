"""The HTML pages: server-rendered, no JavaScript needed.

Forms that write (comments, saving an analysed article) carry a CSRF token and are rate limited per
client. A refused comment re-renders the article page with each message next to its field and the
typed text kept.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from presswatch.comments import post_comment
from presswatch.errors import ExtractError, PressWatchError, QueryError, ValidationError
from presswatch.store.base import QUOTE_KINDS, SPEAKER_TYPES, Store
from presswatch.web import chart_pages, views
from presswatch.web.api import quotes_csv_response
from presswatch.web.rendering import client_key, render
from presswatch.web.security import CSRF_COOKIE

router = APIRouter(include_in_schema=False)

ANALYZE_MAX_BYTES = views.ANALYZE_MAX_BYTES


def _csrf_ok(request: Request, form_token: str | None) -> bool:
    return request.app.state.csrf.check_submission(form_token, request.cookies.get(CSRF_COOKIE))


def _forbidden(request: Request) -> Response:
    return render(
        request,
        "error.html",
        {
            "status": 403,
            "title": "Form expired",
            "message": "This form could not be verified (it may be older than the server's last restart, "
            "or cookies are blocked). Go back, reload the page and send it again.",
        },
        status_code=403,
    )


def _page_number(page: int) -> int:
    if page < 1 or page > 10_000:
        raise QueryError("page must be between 1 and 10000")
    return page


@router.get("/")
def home(request: Request) -> Response:
    store: Store = request.app.state.store
    latest = views.run_search(store, views.search_params(limit=15))
    people = store.people(limit=15)
    return render(
        request,
        "index.html",
        {"latest": latest, "people": people, "article_count": store.count_articles()},
    )


@router.get("/search")
def search(
    request: Request,
    q: str | None = None,
    site: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: int = 1,
) -> Response:
    store: Store = request.app.state.store
    form = {"q": q or "", "site": site or "", "person": person or "", "since": since or "", "until": until or ""}
    try:
        page = _page_number(page)
        params = views.search_params(
            q, site, person, since, until, limit=views.PAGE_SIZE, offset=(page - 1) * views.PAGE_SIZE
        )
        result = views.run_search(store, params)
    except QueryError as exc:
        # Keep the search box, say what is wrong with the query, answer 400.
        return render(
            request, "search.html", {"form": form, "error": str(exc), "result": None, "page": 1}, status_code=400
        )
    pages = max(1, -(-result.total // views.PAGE_SIZE))
    over_time = chart_pages.articles_chart(store, params, height=140) if result.total else None
    return render(
        request,
        "search.html",
        {"form": form, "error": None, "result": result, "params": params, "page": page, "pages": pages,
         "over_time": over_time},
    )


def _article_response(
    request: Request,
    article_id: str,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    page = views.article_page(request.app.state.store, article_id)
    return render(
        request,
        "article.html",
        {
            "page": page,
            "a": page.article,
            "values": values or {"name": "", "comment": ""},
            "errors": errors or {},
            "notice": notice,
        },
        status_code=status_code,
    )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    return _article_response(request, article_id)


@router.post("/articles/{article_id}/comments")
def add_comment(
    request: Request,
    article_id: str,
    name: str = Form(""),
    comment: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    if not _csrf_ok(request, csrf_token):
        return _forbidden(request)
    values = {"name": name, "comment": comment}
    wait = request.app.state.limiter.acquire(client_key(request))
    if wait > 0:
        seconds = max(1, round(wait))
        response = _article_response(
            request,
            article_id,
            values=values,
            notice=f"You are posting too quickly. Please wait {seconds} seconds and send it again.",
            status_code=429,
        )
        response.headers["Retry-After"] = str(seconds)
        return response
    try:
        saved = post_comment(request.app.state.store, article_id, name, comment)
    except ValidationError as exc:
        return _article_response(request, article_id, values=values, errors=exc.errors, status_code=422)
    return RedirectResponse(f"/articles/{saved.article_id}#comment-{saved.id}", status_code=303)


PEOPLE_PAGE_SIZE = 100


@router.get("/people")
def people(request: Request, q: str | None = None, page: int = 1) -> Response:
    store: Store = request.app.state.store
    query = views.clean_param(q)
    page = _page_number(page)
    found = store.people(query, limit=PEOPLE_PAGE_SIZE, offset=(page - 1) * PEOPLE_PAGE_SIZE)
    total = store.count_people(query)
    pages = max(1, -(-total // PEOPLE_PAGE_SIZE))
    return render(
        request,
        "people.html",
        {"people": found, "q": q or "", "page": page, "pages": pages, "total": total,
         "first": (page - 1) * PEOPLE_PAGE_SIZE + 1},
    )


@router.get("/people/{person_id}")
def person(request: Request, person_id: str) -> Response:
    store: Store = request.app.state.store
    detail = store.person(person_id)
    return render(request, "person.html", {
        "p": detail, "s": detail.summary, "roles": views.role_spans(detail), "by_role": views.quotes_by_role(detail),
        "charts": chart_pages.person_charts(detail),
        "provenance": store.quote_provenance([hit.quote_id for hit in detail.quotes]),
    })


@router.get("/sources")
def sources(request: Request, site: str | None = None, since: str | None = None, until: str | None = None) -> Response:
    form = {"site": site or "", "since": since or "", "until": until or ""}
    try:
        stats = request.app.state.store.source_stats(
            site=views.clean_param(site), since=views.clean_param(since), until=views.clean_param(until)
        )
    except QueryError as exc:
        return render(request, "sources.html", {"form": form, "error": str(exc), "stats": None}, status_code=400)
    return render(request, "sources.html", {"form": form, "error": None, "stats": stats})


_QUOTE_FIELDS = ("q", "speaker", "kind", "speaker_type", "site", "since", "until", "min_confidence")


@router.get("/quotes")
def quotes(
    request: Request,
    q: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    speaker_type: str | None = None,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: str | None = None,
    page: int = 1,
) -> Response:
    values = dict(zip(_QUOTE_FIELDS, (q, speaker, kind, speaker_type, site, since, until, min_confidence)))
    form = {key: value or "" for key, value in values.items()}
    context: dict[str, Any] = {"form": form, "kinds": QUOTE_KINDS, "speaker_types": SPEAKER_TYPES}
    try:
        page = _page_number(page)
        params = views.quote_params(**values)
        found = views.find_quotes(
            request.app.state.store, params, limit=views.PAGE_SIZE, offset=(page - 1) * views.PAGE_SIZE
        )
    except QueryError as exc:
        context.update(error=str(exc), hits=[], page=1, pages=1, total=0, csv_url=None)
        return render(request, "quotes.html", context, status_code=400)
    query = urlencode({key: value for key, value in values.items() if value and value.strip()})
    context.update(
        error=None, hits=found.items, page=page, pages=max(1, -(-found.total // views.PAGE_SIZE)), total=found.total,
        csv_url="/quotes.csv" + (f"?{query}" if query else ""),
    )
    return render(request, "quotes.html", context)


@router.get("/quotes/{quote_id}")
def quote_page(request: Request, quote_id: str) -> Response:
    """One quotation across articles: where it was first printed, every later printing, its wordings."""
    prov = views.quote_provenance(request.app.state.store, quote_id)
    return render(request, "quote.html", {"prov": prov, "q": prov.asked})


@router.get("/quotes.csv")
def quotes_csv(
    request: Request,
    q: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    speaker_type: str | None = None,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: str | None = None,
) -> Response:
    """Every quote the same filters find on /quotes (all pages), as CSV."""
    params = views.quote_params(q, speaker, kind, speaker_type, site, since, until, min_confidence)
    return quotes_csv_response(views.find_quotes(request.app.state.store, params, limit=None).items)


# --- analyze --------------------------------------------------------------------------------


def _decode_upload(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ExtractError("that file looks binary; upload a text or HTML file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


@router.get("/analyze")
def analyze_form(request: Request) -> Response:
    return render(request, "analyze.html", {"text": "", "url": "", "errors": {}, "result": None})


@router.post("/analyze")
def analyze(
    request: Request,
    text: str = Form(""),
    url: str = Form(""),
    csrf_token: str = Form(""),
    file: UploadFile | None = File(None),
) -> Response:
    if not _csrf_ok(request, csrf_token):
        return _forbidden(request)
    context: dict[str, Any] = {"text": text, "url": url, "errors": {}, "result": None}
    # Analysing runs the language model: bounded per client like writes, in a bucket of its own.
    wait = request.app.state.limiter.acquire("analyze:" + client_key(request))
    if wait > 0:
        seconds = max(1, round(wait))
        context["errors"] = {"text": f"You are sending too quickly. Please wait {seconds} seconds."}
        response = render(request, "analyze.html", context, status_code=429)
        response.headers["Retry-After"] = str(seconds)
        return response
    try:
        if file is not None and file.filename:
            data = file.file.read(ANALYZE_MAX_BYTES + 1)
            if len(data) > ANALYZE_MAX_BYTES:
                raise ValidationError({"file": f"That file is over {ANALYZE_MAX_BYTES // 1_000_000} MB."})
            text = _decode_upload(data)
            context["text"] = text
        article = views.analyze_text(text, url.strip() or None)
    except ValidationError as exc:
        context["errors"] = exc.errors
        return render(request, "analyze.html", context, status_code=422)
    except PressWatchError as exc:  # an unreadable upload
        context["errors"] = {"file": str(exc)}
        return render(request, "analyze.html", context, status_code=422)
    context["result"] = article
    context["paragraphs"] = views.paragraph_segments(article)
    context["entities"] = views.entity_groups(article)
    return render(request, "analyze.html", context)


@router.post("/analyze/save")
def analyze_save(
    request: Request,
    text: str = Form(""),
    url: str = Form(""),
    csrf_token: str = Form(""),
) -> Response:
    if not _csrf_ok(request, csrf_token):
        return _forbidden(request)
    wait = request.app.state.limiter.acquire(client_key(request))
    if wait > 0:
        seconds = max(1, round(wait))
        raise_context = {"text": text, "url": url, "result": None,
                         "errors": {"text": f"You are saving too quickly. Please wait {seconds} seconds."}}
        response = render(request, "analyze.html", raise_context, status_code=429)
        response.headers["Retry-After"] = str(seconds)
        return response
    try:
        saved = views.save_text(request.app.state.store, text, url.strip() or None)
    except ValidationError as exc:
        return render(request, "analyze.html", {"text": text, "url": url, "errors": exc.errors, "result": None},
                      status_code=422)
    if saved.already_stored:
        return render(request, "analyze.html", {"text": text, "url": url, "errors": {}, "result": None, "existing": saved})
    return RedirectResponse(f"/articles/{saved.article_id}", status_code=303)


__all__ = ["router"]
