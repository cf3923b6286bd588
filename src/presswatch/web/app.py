"""The web reader: ``create_app(db)`` builds the FastAPI app (HTML pages, JSON API, Atom feeds).

Endpoints are plain ``def`` functions, so FastAPI runs them on its thread pool and a slow query
never blocks the event loop. Errors from the library become 4xx answers here, in one place:
NotFound -> 404, QueryError -> 400, ValidationError -> 422, anything else PressWatch raises on
purpose -> 400. Paths under ``/api/`` and ``/feeds/`` answer JSON; pages answer HTML.
"""

from __future__ import annotations

import calendar
import logging
import os
import secrets
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from presswatch import __version__
from presswatch.errors import NotFound, PressWatchError, QueryError, StoreError, ValidationError
from presswatch.store import open_store
from presswatch.web.docs import install_docs
from presswatch.web.errors import error_body, summary, validation_errors
from presswatch.web.middleware import DEFAULT_MAX_BODY_BYTES, BodyLimit, RefuseNul, SecurityHeaders
from presswatch.web.security import CSRF_COOKIE, CsrfSigner, RateLimit, RateLimiter, is_web_url
from presswatch.model import quote_anchor, quote_id, quote_passage
from presswatch.store.base import person_id_for

HERE = Path(__file__).parent
log = logging.getLogger("presswatch.web")


def _format_date(value: str | None, with_time: bool = False) -> str:
    """'2021-08-20T10:00:00+00:00' -> '20 Aug 2021' (as given when it does not parse)."""
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    text = f"{parsed.day} {parsed:%b %Y}"
    if with_time:
        text += f", {parsed:%H:%M} UTC" if parsed.tzinfo else f", {parsed:%H:%M}"
    return text


def _month_bounds(month: str) -> tuple[str, str]:
    """'2024-02' -> ('2024-02-01', '2024-02-29'): the since/until of a month facet."""
    try:
        year, number = (int(part) for part in month.split("-")[:2])
        first = date(year, number, 1)
    except ValueError:
        return month, month
    return first.isoformat(), date(year, number, calendar.monthrange(year, number)[1]).isoformat()


def make_templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = _format_date
    env.filters["month_bounds"] = _month_bounds
    env.filters["datetime"] = lambda v: _format_date(v, with_time=True)
    env.tests["web_url"] = is_web_url
    env.globals["person_id"] = person_id_for
    env.globals["quote_id"] = quote_id
    env.globals["quote_anchor"] = quote_anchor
    env.globals["passage_link"] = quote_passage
    env.globals["version"] = __version__
    return env


def client_key(request: Request) -> str:
    """Who is posting, for rate limiting: the peer address (no proxy headers are trusted)."""
    return request.client.host if request.client else "unknown"


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render a page; every page gets a CSRF token, and the cookie is (re)set when needed."""
    app = request.app
    signer: CsrfSigner = app.state.csrf
    token = request.cookies.get(CSRF_COOKIE)
    fresh = not signer.is_valid(token)
    if fresh:
        token = signer.new_token()

    def url_with(**changes: Any) -> str:
        """This page's URL with some query parameters changed (None removes one)."""
        params = dict(request.query_params)
        for key, value in changes.items():
            if value is None or value == "":
                params.pop(key, None)
            else:
                params[key] = str(value)
        query = urlencode(params)
        return request.url.path + (f"?{query}" if query else "")

    html = app.state.templates.get_template(template).render(
        request=request, csrf_token=token, url_with=url_with, **context
    )
    response = HTMLResponse(html, status_code=status_code)  # security headers: web/middleware.py
    if fresh:
        secure = app.state.secure_cookies or request.url.scheme == "https"
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/", secure=secure)
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/feeds/", "/openapi.json"))


def _error(request: Request, status_code: int, message: str, errors: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(status_code, message, errors), status_code=status_code)
    titles = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
              422: "Invalid input", 429: "Too many requests", 503: "Unavailable"}
    return render(
        request,
        "error.html",
        {"status": status_code, "title": titles.get(status_code, "Error"), "message": message},
        status_code=status_code,
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc) or "not found")

    @app.exception_handler(QueryError)
    def _bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(ValidationError)
    def _invalid(request: Request, exc: ValidationError) -> Response:
        return _error(request, 422, str(exc), exc.errors)

    @app.exception_handler(StoreError)
    def _store(request: Request, exc: StoreError) -> Response:
        # the message names the database (its URL may hold a password): it goes to the log only
        log.error("database error on %s %s: %s", request.method, request.url.path, exc)
        return _error(request, 503, "the database is unavailable; try again later (the server log has the details)")

    @app.exception_handler(PressWatchError)
    def _other(request: Request, exc: PressWatchError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers)
        response = _error(request, exc.status_code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    def _request_invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            problems = validation_errors(jsonable_errors(exc))
            return JSONResponse(error_body(422, summary(problems), problems), status_code=422)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        )
        return _error(request, 400, problems or "invalid request")


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """FastAPI's error list without the raw input (which may not be JSON-serialisable)."""
    return [{k: v for k, v in err.items() if k in ("type", "loc", "msg")} for err in exc.errors()]


def create_app(
    db: str,
    *,
    secret: bytes | None = None,
    rate_limit: RateLimit | None = None,
    max_body_bytes: int | None = None,
    secure_cookies: bool | None = None,
) -> FastAPI:
    """The PressWatch web app over the database ``db`` (a path or SQLAlchemy URL).

    ``secret`` signs CSRF tokens (default: ``$PRESSWATCH_SECRET``, else random per process, which
    only means forms open before a restart must be reloaded). ``rate_limit`` bounds comment and
    save posts per client. ``max_body_bytes`` (default ``$PRESSWATCH_MAX_BODY_BYTES``, else 1 MiB):
    larger request bodies get 413. ``secure_cookies`` (default ``$PRESSWATCH_SECURE_COOKIES``): mark
    cookies ``Secure`` even when the request does not look like HTTPS (behind a proxy that does not
    pass X-Forwarded-Proto); over HTTPS they always are.
    """
    limit = max_body_bytes if max_body_bytes is not None else _int_setting("PRESSWATCH_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES)
    if secure_cookies is None:
        secure_cookies = os.environ.get("PRESSWATCH_SECURE_COOKIES", "").strip().lower() in ("1", "true", "yes", "on")
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="PressWatch",
        version=__version__,
        description="Clean, attributed, searchable news: articles, people, quotes, syndication clusters "
        "and reader comments.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    env_secret = os.environ.get("PRESSWATCH_SECRET")
    app.state.store = store
    app.state.csrf = CsrfSigner(secret or (env_secret.encode() if env_secret else secrets.token_bytes(32)))
    app.state.limiter = RateLimiter(rate_limit or RateLimit())
    app.state.templates = make_templates()
    app.state.secure_cookies = secure_cookies

    _install_error_handlers(app)

    from presswatch.web import api, feeds, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    install_docs(app)

    inner = app.build_middleware_stack

    def build_middleware_stack() -> Any:  # outside Starlette's own error handling, so a 500 has them too
        return SecurityHeaders(RefuseNul(BodyLimit(inner(), limit)))

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]
    return app


def _int_setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: f"a whole number of bytes, not {raw!r}"}) from None
    if value < 1:
        raise ValidationError({name: f"a number of bytes >= 1, not {value}"})
    return value


__all__ = ["create_app", "render", "client_key"]
