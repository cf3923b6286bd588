"""The API docs (/docs Swagger UI, /redoc ReDoc) served from assets shipped in a pip package
(fastapi-offline), so they work offline and load nothing from a third-party origin."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_STATIC = "/static-docs"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _hashes(pattern: re.Pattern[str], html: str) -> str:
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()}'" for m in pattern.findall(html)
    )


def _with_csp(response: HTMLResponse, *, workers: bool = False) -> HTMLResponse:
    """A CSP that lets in exactly this page's own inline script (by its hash) and our assets; styles
    inline too, which Swagger UI and ReDoc set on elements at run time."""
    html = response.body.decode()
    scripts = _hashes(_INLINE_SCRIPT, html)
    policy = (
        f"default-src 'none'; script-src 'self' {scripts}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:; connect-src 'self'; font-src 'self' data:; "
        f"{'worker-src blob:; ' if workers else ''}frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    response.headers["Content-Security-Policy"] = policy
    return response


def install_docs(app: FastAPI) -> None:
    assets = resources.files("fastapi_offline").joinpath("static")
    app.mount(DOCS_STATIC, StaticFiles(directory=str(assets)), name="static-docs")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _with_csp(get_swagger_ui_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} API",
            swagger_js_url=f"{root}{DOCS_STATIC}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_STATIC}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_STATIC}/favicon.png",
        ))

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _with_csp(get_redoc_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} API",
            redoc_js_url=f"{root}{DOCS_STATIC}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_STATIC}/favicon.png",
            with_google_fonts=False,
        ), workers=True)


__all__ = ["install_docs"]
