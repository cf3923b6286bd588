"""The chart pages and their CSV downloads: /charts for a search, the charts of a person page.

Thin: the counts come from the store (``Store.articles_by_month`` ...), the SVG and tables from
``presswatch.web.charts``; a CSV is the very table the page shows under its chart.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from presswatch.errors import NotFound, QueryError
from presswatch.store.base import MonthCount, PersonDetail, Store, person_timeline
from presswatch.web import charts, views
from presswatch.web.rendering import csv_download, render

router = APIRouter(include_in_schema=False)

SEARCH_CHARTS = ("articles-by-month", "articles-by-site", "most-quoted", "quoted-sources")
PERSON_CHARTS = ("quotes-by-month", "roles-by-month")
TOP_OUTLETS = 12
TOP_SPEAKERS = 12


def _search_query(params: views.SearchParams, **changes: str | None) -> str:
    values = {"q": params.q, "site": params.site, "person": params.person, "since": params.since, "until": params.until}
    values.update(changes)
    return urlencode({k: v for k, v in values.items() if v})


def _search_link(params: views.SearchParams) -> Callable[[charts.Period], str]:
    def link(period: charts.Period) -> str:
        # a column's month (or year) within the search's own bounds
        since = max(filter(None, (period.since, params.since[:10] if params.since else None)))
        until = min(filter(None, (period.until, params.until[:10] if params.until else None)))
        return "/search?" + _search_query(params, since=since, until=until)

    return link


def articles_chart(
    store: Store, params: views.SearchParams, *, height: int = 180, counts: list[MonthCount] | None = None
) -> charts.Chart:
    """Articles over time for a search (the /search side column and /charts)."""
    if counts is None:
        counts = store.articles_by_month(params.q, site=params.site, person=params.person, since=params.since,
                                         until=params.until)
    query = _search_query(params)
    return charts.articles_over_time(
        counts, link=_search_link(params), csv_url="/charts/articles-by-month.csv" + (f"?{query}" if query else ""),
        height=height,
    )


def search_charts(store: Store, params: views.SearchParams, only: str | None = None) -> list[charts.Chart]:
    """The charts of /charts: articles over time, outlets and their share, most-quoted people, who is
    quoted (``only``: just the one of that id, for its CSV)."""
    filters = {"site": params.site, "person": params.person, "since": params.since, "until": params.until}
    query = _search_query(params)
    suffix = f"?{query}" if query else ""
    wanted = SEARCH_CHARTS if only is None else (only,)
    found: list[charts.Chart] = []
    counts = store.articles_by_month(params.q, **filters) if {"articles-by-month", "articles-by-site"} & set(wanted) else []
    if "articles-by-month" in wanted:
        found.append(articles_chart(store, params, counts=counts))
    if "articles-by-site" in wanted:
        found.append(charts.sources_share(
            store.articles_by_site(params.q, **filters, limit=TOP_OUTLETS),
            counts,
            link=lambda site: "/search?" + _search_query(params, site=site),
            csv_url="/charts/articles-by-site.csv" + suffix,
        ))
    if "most-quoted" in wanted:
        found.append(charts.most_quoted(
            store.most_quoted(params.q, **filters, limit=TOP_SPEAKERS),
            link=lambda pid: f"/people/{quote(pid, safe='')}",
            csv_url="/charts/most-quoted.csv" + suffix,
        ))
    if "quoted-sources" in wanted:
        found.append(charts.quoted_sources(
            store.source_stats(query=params.q, **filters, top=1),
            csv_url="/charts/quoted-sources.csv" + suffix,
        ))
    return found


def person_charts(detail: PersonDetail) -> list[charts.Chart]:
    """Quotes over time and roles over time for a person page (what its lists show, counted)."""
    timeline = person_timeline(detail)
    base = f"/people/{quote(timeline.person_id, safe='')}/charts/"
    return [
        charts.quotes_over_time(timeline, csv_url=base + "quotes-by-month.csv"),
        charts.roles_over_time(timeline, csv_url=base + "roles-by-month.csv"),
    ]


@router.get("/charts")
def search_charts_page(
    request: Request,
    q: str | None = None,
    site: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    form = {"q": q or "", "site": site or "", "person": person or "", "since": since or "", "until": until or ""}
    try:
        params = views.search_params(q, site, person, since, until)
        found = search_charts(request.app.state.store, params)
    except QueryError as exc:
        return render(request, "charts.html", {"form": form, "error": str(exc), "charts": []}, status_code=400)
    query = _search_query(params)
    return render(request, "charts.html", {
        "form": form, "error": None, "charts": found, "search_url": "/search" + (f"?{query}" if query else ""),
    })


@router.get("/charts/{name}.csv")
def search_chart_csv(
    request: Request,
    name: str,
    q: str | None = None,
    site: str | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """The numbers of one /charts chart for the same search, as CSV."""
    if name not in SEARCH_CHARTS:
        raise NotFound(f"No chart {name!r}; the charts are {', '.join(SEARCH_CHARTS)}")
    params = views.search_params(q, site, person, since, until)
    (chart,) = search_charts(request.app.state.store, params, only=name)
    return csv_download(chart.table.csv(), f"{name}.csv")


@router.get("/people/{person_id}/charts/{name}.csv")
def person_chart_csv(request: Request, person_id: str, name: str) -> Response:
    """The numbers of one person-page chart, as CSV."""
    if name not in PERSON_CHARTS:
        raise NotFound(f"No chart {name!r}; a person page has {', '.join(PERSON_CHARTS)}")
    chart = next(c for c in person_charts(request.app.state.store.person(person_id)) if c.id == name)
    return csv_download(chart.table.csv(), f"{person_id}-{name}.csv")


__all__ = ["articles_chart", "person_charts", "router", "search_charts"]
