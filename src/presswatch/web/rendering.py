"""Rendering pages: the Jinja2 environment with its filters, the CSRF token every page carries, and
the client key the rate limit counts by. The app (``web.app``) and the routers (``web.pages``,
``web.api``) all use these; this module imports none of them."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from presswatch import __version__
from presswatch.model import quote_anchor, quote_id, quote_passage
from presswatch.store.base import person_id_for
from presswatch.web.security import CSRF_COOKIE, CsrfSigner, is_web_url

HERE = Path(__file__).parent


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


def csv_download(text: str, filename: str) -> Response:
    """A CSV file the browser saves as ``filename``."""
    return Response(
        text, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


__all__ = ["HERE", "client_key", "csv_download", "make_templates", "render"]
