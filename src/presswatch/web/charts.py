"""Server-side SVG charts: plain SVG elements with attributes and classes, nothing else.

The pages' Content-Security-Policy allows no script, no inline style (no ``style=`` attribute, no
``<style>`` element) and nothing from elsewhere, so a chart is markup the page's own stylesheet
colours (``.chart .s-originals`` ...). Charting libraries were tried first: pygal's SVG always carries
a ``<style>`` element, a ``style=`` attribute and an inline ``<script>`` (inlined under the CSP it
renders as a black box); Altair through vl-convert is CSP-clean but brings ~94 MB of packages and takes
tens to hundreds of milliseconds a chart, more than a whole page takes to build.

The charts are responsive without scaling their text: horizontal positions are percentages of the
chart's width, text sizes are the stylesheet's. Every chart comes with the :class:`Table` of its
numbers; the page shows it under the chart and the CSV download is made from the same table, so they
cannot disagree.
"""

from __future__ import annotations

import calendar
import csv
import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from presswatch.people.sources import SourceStats
from presswatch.store.base import MonthCount, PersonTimeline, SiteCount, SpeakerCount

#: More months than this and a time chart counts years.
MAX_MONTH_COLUMNS = 36
#: The share of the width left of the columns, for the value axis' labels.
GUTTER = 8.0


@dataclass(frozen=True, slots=True)
class Series:
    """One stacked part of every column or bar: ``key`` names its CSS class (``s-<key>``)."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Point:
    """A column (or a bar): its label, one value per series, where clicking it goes, and a note
    printed after a bar (a share, say)."""

    label: str
    values: tuple[int, ...]
    href: str | None = None
    note: str | None = None

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True, slots=True)
class Table:
    """A chart's numbers, as the page's table and as CSV."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    #: where each row's first cell links to on the page (the chart's own links), when anywhere
    links: tuple[str | None, ...] = ()

    def link(self, row: int) -> str | None:
        return self.links[row] if row < len(self.links) else None

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


@dataclass(frozen=True, slots=True)
class Chart:
    """What a page shows for one chart: the SVG, its table and where its CSV is."""

    id: str
    title: str
    svg: Markup
    table: Table
    csv_url: str
    empty: bool = False
    note: str = ""
    series: tuple[Series, ...] = ()

    @property
    def legend(self) -> Markup:
        """The key to the colours (only worth showing for more than one series)."""
        return legend(self.series) if len(self.series) > 1 else Markup("")


@dataclass(frozen=True, slots=True)
class Period:
    """A column of a time chart: a month ("2024-03") or a year ("2024"), with its first and last day
    (the since/until of a search narrowed to it); ``key`` None is the undated column."""

    key: str | None
    label: str
    since: str | None
    until: str | None


UNDATED = Period(None, "undated", None, None)


def _month_index(month: str) -> int | None:
    try:
        year, number = int(month[:4]), int(month[5:7])
    except ValueError:
        return None
    return year * 12 + number - 1 if 1 <= number <= 12 else None


def periods_for(months: Sequence[str | None]) -> list[Period]:
    """The columns a time chart over these months needs: every month from the first to the last
    (empty ones too, so gaps show as gaps), or every year when that would be more than
    MAX_MONTH_COLUMNS; then one undated column when ``None`` is among them."""
    indexes = sorted({i for m in months if m for i in [_month_index(m)] if i is not None})
    result: list[Period] = []
    if indexes:
        first, last = indexes[0], indexes[-1]
        if last - first + 1 <= MAX_MONTH_COLUMNS:
            for i in range(first, last + 1):
                year, number = divmod(i, 12)
                key = f"{year:04d}-{number + 1:02d}"
                end = calendar.monthrange(year, number + 1)[1]
                result.append(Period(key, key, f"{key}-01", date(year, number + 1, end).isoformat()))
        else:
            for year in range(first // 12, last // 12 + 1):
                result.append(Period(f"{year:04d}", f"{year:04d}", f"{year:04d}-01-01", f"{year:04d}-12-31"))
    if any(m is None for m in months):
        result.append(UNDATED)
    return result


def period_of(month: str | None, periods: Sequence[Period]) -> Period | None:
    """The column a month falls in (a month or its year); the undated column for None."""
    for period in periods:
        if period.key is None:
            if month is None:
                return period
        elif month is not None and month.startswith(period.key):
            return period
    return None


def bucket(values: Mapping[str | None, tuple[int, ...]], periods: Sequence[Period], width: int) -> list[tuple[Period, tuple[int, ...]]]:
    """Sum per-month values into the periods (every period, zeros where nothing fell)."""
    sums = {period: [0] * width for period in periods}
    for month, vals in values.items():
        period = period_of(month, periods)
        if period is None:
            continue
        for n, value in enumerate(vals):
            sums[period][n] += value
    return [(period, tuple(sums[period])) for period in periods]


# --- drawing ---------------------------------------------------------------------------------


def _nice_max(value: int) -> tuple[int, int]:
    """A round top for the value axis at or above ``value`` and the step between its grid lines."""
    if value <= 0:
        return 1, 1
    rough = value / 4
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    step = max(1, int(step))
    return step * math.ceil(value / step), step


def _pct(value: float) -> str:
    return f"{value:.2f}%"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tooltip(point: Point, series: Sequence[Series]) -> str:
    parts = ", ".join(f"{s.label.lower()} {v}" for s, v in zip(series, point.values))
    return f"{point.label}: {parts}" if len(series) > 1 else f"{point.label}: {point.total}"


def _open(kind: str, label: str, height: float, *, links: bool = False) -> list[str]:
    # a picture to assistive technology, unless it holds links: those must stay reachable
    role = "group" if links else "img"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg {kind}" width="100%" height="{_num(height)}" '
        f'role="{role}" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]


def _labelled(dated: int, max_labels: int, undated_last: bool) -> set[int]:
    """Which dated columns get a label: at most ``max_labels``, evenly spaced, none so close to the
    undated column that their labels would run into its own (that one is always labelled)."""
    every = max(1, math.ceil(dated / max_labels))
    chosen = set(range(0, dated, every))
    if undated_last and every > 1:
        chosen = {n for n in chosen if dated - 1 - n >= every / 2 + 0.5}
    return chosen


def _label_anchor(n: int, dated: int, is_undated: bool) -> tuple[str, float]:
    """(text-anchor, where in the slot) for a column label: the last column's label ends at the
    chart's right edge rather than running past it."""
    if is_undated or (n == dated - 1 and dated > 1):
        return "end", 1.0
    return "middle", 0.5


def legend(series: Sequence[Series]) -> Markup:
    """The key to the colours, as HTML (it wraps on a narrow screen where SVG text would not)."""
    items = "".join(
        f'<li><svg class="swatch" width="12" height="12" aria-hidden="true"><rect class="s-{escape(s.key)}" '
        f'width="12" height="12"></rect></svg>{escape(s.label)}</li>'
        for s in series
    )
    return Markup(f'<ul class="chart-legend">{items}</ul>')


def column_chart(
    points: Sequence[Point],
    series: Sequence[Series],
    *,
    label: str,
    height: int = 180,
    max_labels: int = 4,
    undated_last: bool = False,
) -> Markup:
    """Stacked columns over time (left to right), a value axis with round grid lines, at most
    ``max_labels`` column labels (evenly thinned). With ``undated_last`` the last point is the
    undated column: set apart by a gap and a rule, drawn in the ``undated`` style, always labelled."""
    top_pad, bottom_pad = 14.0, 22.0
    plot = height - top_pad - bottom_pad
    top, step = _nice_max(max((p.total for p in points), default=0))
    out = _open("chart-columns", label, height, links=any(p.href for p in points))
    for tick in range(0, top + 1, step):
        y = top_pad + plot * (1 - tick / top)
        out.append(f'<line class="grid" x1="{_pct(GUTTER)}" x2="100%" y1="{_num(y)}" y2="{_num(y)}"></line>')
        out.append(f'<text class="c-axis" x="{_pct(GUTTER - 1)}" y="{_num(y + 4)}" text-anchor="end">{tick}</text>')
    slots = len(points) + (0.6 if undated_last else 0)  # the gap before the undated column
    slot = (100 - GUTTER) / slots if slots else 0
    dated = len(points) - (1 if undated_last else 0)
    labelled = _labelled(dated, max_labels, undated_last)
    for n, point in enumerate(points):
        is_undated = undated_last and n == len(points) - 1
        x = GUTTER + slot * (n + (0.6 if is_undated else 0))
        if is_undated:
            rule = x - slot * 0.3
            out.append(f'<line class="undated-rule" x1="{_pct(rule)}" x2="{_pct(rule)}" y1="{_num(top_pad)}" '
                       f'y2="{_num(top_pad + plot)}"></line>')
        group = [f'<g class="column{" undated" if is_undated else ""}">', f"<title>{escape(_tooltip(point, series))}</title>"]
        base = top_pad + plot
        for s, value in zip(series, point.values):
            if value <= 0:
                continue
            h = plot * value / top
            base -= h
            group.append(
                f'<rect class="s-{escape(s.key)}" x="{_pct(x + slot * 0.1)}" y="{_num(base)}" '
                f'width="{_pct(slot * 0.8)}" height="{_num(h)}"></rect>'
            )
        if point.total == 0:  # an empty month still takes a hover/click target
            group.append(f'<rect class="hit" x="{_pct(x)}" y="{_num(top_pad)}" width="{_pct(slot)}" height="{_num(plot)}"></rect>')
        if is_undated or n in labelled:
            anchor, at = _label_anchor(n, dated, is_undated)
            tx = x + slot * at
            group.append(
                f'<text class="c-label" x="{_pct(tx)}" y="{_num(height - 6)}" text-anchor="{anchor}">{escape(point.label)}</text>'
            )
        group.append("</g>")
        if point.href:
            out.append(f'<a href="{escape(point.href)}">' + "".join(group) + "</a>")
        else:
            out.extend(group)
    out.append(f'<line class="baseline" x1="{_pct(GUTTER)}" x2="100%" y1="{_num(top_pad + plot)}" y2="{_num(top_pad + plot)}"></line>')
    out.append("</svg>")
    return Markup("".join(out))


def bar_chart(points: Sequence[Point], series: Sequence[Series], *, label: str, row_height: int = 36) -> Markup:
    """Horizontal stacked bars, one row each (largest first as given): the label over the bar, the
    total and the note after it. The longest bar takes 78% of the width, leaving room for its note."""
    height = row_height * len(points) + 4
    top = max((p.total for p in points), default=0) or 1
    out = _open("chart-bars", label, height, links=any(p.href for p in points))
    for n, point in enumerate(points):
        y = n * row_height
        group = [f'<g class="bar">', f"<title>{escape(_tooltip(point, series))}</title>",
                 f'<text class="c-label" x="0" y="{y + 13}">{escape(point.label)}</text>']
        x = 0.0
        for s, value in zip(series, point.values):
            if value <= 0:
                continue
            w = 78 * value / top
            group.append(f'<rect class="s-{escape(s.key)}" x="{_pct(x)}" y="{y + 18}" width="{_pct(w)}" height="12"></rect>')
            x += w
        after = f"{point.total}" + (f" · {point.note}" if point.note else "")
        group.append(f'<text class="c-value" x="{_pct(x)}" dx="5" y="{y + 29}">{escape(after)}</text>')
        group.append("</g>")
        if point.href:
            out.append(f'<a href="{escape(point.href)}">' + "".join(group) + "</a>")
        else:
            out.extend(group)
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Lane:
    """One row of a lane chart (a role): a count per period, in the periods' order."""

    label: str
    counts: tuple[int, ...]


def lane_chart(lanes: Sequence[Lane], periods: Sequence[Period], *, label: str, lane_height: int = 34,
               max_labels: int = 4) -> Markup:
    """When each lane (a role) was seen: a dot per period it was seen in, its area growing with the
    count, on the same columns as :func:`column_chart` with ``undated_last`` (so the two line up)."""
    axis = 20
    height = lane_height * len(lanes) + axis
    undated_last = bool(periods) and periods[-1].key is None
    slots = len(periods) + (0.6 if undated_last else 0)
    slot = (100 - GUTTER) / slots if slots else 0
    top = max((c for lane in lanes for c in lane.counts), default=0) or 1
    dated = len(periods) - (1 if undated_last else 0)

    def centre(n: int) -> float:
        is_undated = undated_last and n == len(periods) - 1
        return GUTTER + slot * (n + (0.6 if is_undated else 0) + 0.5)

    out = _open("chart-lanes", label, height)
    if undated_last:
        rule = centre(len(periods) - 1) - slot * 0.8
        out.append(f'<line class="undated-rule" x1="{_pct(rule)}" x2="{_pct(rule)}" y1="0" y2="{height - axis}"></line>')
    for row, lane in enumerate(lanes):
        y = row * lane_height
        out.append(f'<g class="lane"><text class="c-label" x="0" y="{y + 12}">{escape(lane.label)}</text>')
        out.append(f'<line class="grid" x1="{_pct(GUTTER)}" x2="100%" y1="{y + 24}" y2="{y + 24}"></line>')
        for n, (period, count) in enumerate(zip(periods, lane.counts)):
            if count <= 0:
                continue
            r = 3 + 4 * math.sqrt(count / top)
            cls = "dot undated" if period.key is None else "dot"
            noun = "article" if count == 1 else "articles"
            out.append(f'<circle class="{cls}" cx="{_pct(centre(n))}" cy="{y + 24}" r="{_num(r)}">'
                       f"<title>{escape(lane.label)}, {escape(period.label)}: {count} {noun}</title></circle>")
        out.append("</g>")
    labelled = _labelled(dated, max_labels, undated_last)
    for n, period in enumerate(periods):
        is_undated = period.key is None
        if is_undated or n in labelled:
            anchor, at = _label_anchor(n, dated, is_undated)
            x = centre(n) - slot * 0.5 + slot * at
            out.append(f'<text class="c-axis" x="{_pct(x)}" y="{height - 5}" text-anchor="{anchor}">'
                       f"{escape(period.label)}</text>")
    out.append("</svg>")
    return Markup("".join(out))


# --- the charts the pages show ----------------------------------------------------------------

ARTICLE_SERIES = (Series("originals", "Originals"), Series("copies", "Syndicated copies"))
QUOTE_SERIES = (Series("direct", "Direct"), Series("indirect", "Indirect"), Series("mixed", "Mixed"))
SPEAKER_SERIES = (Series("quotes", "Quotes"),)


def _period_column(periods: Sequence[Period]) -> str:
    dated = [p for p in periods if p.key is not None]
    return "Year" if dated and len(dated[0].key or "") == 4 else "Month"


def articles_over_time(
    counts: Sequence[MonthCount], *, link: Callable[[Period], str | None], csv_url: str, height: int = 180
) -> Chart:
    """Articles per month (per year over a long span), originals and syndicated copies stacked, the
    undated ones in a column of their own at the end."""
    periods = periods_for([c.month for c in counts])
    rows = bucket({c.month: (c.originals, c.copies) for c in counts}, periods, 2)
    points = [Point(p.label, vals, href=link(p) if p.key is not None else None) for p, vals in rows]
    undated = next((vals for p, vals in rows if p.key is None), None)
    total = sum(c.total for c in counts)
    table = Table(
        (_period_column(periods), "Originals", "Syndicated copies", "All"),
        tuple((p.label, o, c, o + c) for p, (o, c) in rows),
        links=tuple(point.href for point in points),
    )
    note = ""
    if undated is not None:
        n = sum(undated)
        note = f"{n} of {total} article{'s' if total != 1 else ''} give{'s' if total == 1 else ''} no publication date."
    svg = column_chart(points, ARTICLE_SERIES, label=f"Articles over time: {total} in all", height=height,
                       undated_last=undated is not None)
    return Chart("articles-by-month", "Articles over time", svg, table, csv_url, empty=not counts, note=note,
                 series=ARTICLE_SERIES)


def sources_share(
    sites: Sequence[SiteCount], totals: Sequence[MonthCount], *, link: Callable[[str], str], csv_url: str
) -> Chart:
    """Outlets and their share of the articles, originals and copies stacked; the outlets past the
    top ones together in one last row."""
    total = sum(c.total for c in totals)
    copies = sum(c.copies for c in totals)
    rows: list[tuple[str, int, int, str | None]] = [
        (s.site or "(no site)", s.originals, s.copies, link(s.site) if s.site else None) for s in sites
    ]
    rest = total - sum(s.total for s in sites)
    if rest > 0:
        rest_copies = copies - sum(s.copies for s in sites)
        rows.append(("other outlets", rest - rest_copies, rest_copies, None))

    def share(n: int) -> str:
        return f"{100 * n / total:.1f}" if total else "0.0"

    points = [Point(name, (o, c), href=href, note=f"{share(o + c)}%") for name, o, c, href in rows]
    table = Table(
        ("Outlet", "Originals", "Syndicated copies", "All", "Share (%)"),
        tuple((name, o, c, o + c, share(o + c)) for name, o, c, _ in rows),
        links=tuple(href for *_, href in rows),
    )
    svg = bar_chart(points, ARTICLE_SERIES, label=f"Outlets: {len(rows)}, {total} articles")
    return Chart("articles-by-site", "Outlets and their share", svg, table, csv_url, empty=not rows,
                 series=ARTICLE_SERIES)


def most_quoted(speakers: Sequence[SpeakerCount], *, link: Callable[[str], str], csv_url: str) -> Chart:
    """The most-quoted people, by utterances (a quote repeated by copies of a story once)."""
    points = [
        Point(s.name, (s.quotes,), href=link(s.person_id), note=f"{s.stories} stor{'y' if s.stories == 1 else 'ies'}")
        for s in speakers
    ]
    table = Table(("Person", "Quotes", "Stories"), tuple((s.name, s.quotes, s.stories) for s in speakers),
                  links=tuple(p.href for p in points))
    svg = bar_chart(points, SPEAKER_SERIES, label=f"Most quoted: {len(speakers)} people")
    return Chart("most-quoted", "Most quoted people", svg, table, csv_url, empty=not speakers)


SOURCE_SERIES = (
    Series("women", "Women"), Series("men", "Men"), Series("unknown", "Gender unknown"),
    Series("orgs", "Organisations"), Series("anonymous", "Anonymous"), Series("nobody", "No speaker"),
)


def quoted_sources(stats: SourceStats, *, csv_url: str) -> Chart:
    """Who the quotes come from: named people (women, men, gender unknown stacked), organisations,
    anonymous sources, quotes with no speaker; each with its share of the quotes (utterances)."""
    t = stats.total

    def share(n: int) -> str:
        return f"{100 * n / t.quotes:.1f}" if t.quotes else "0.0"

    rows = [
        ("Named people", (t.women, t.men, t.gender_unknown, 0, 0, 0)),
        ("Organisations", (0, 0, 0, t.organisations, 0, 0)),
        ("Anonymous", (0, 0, 0, 0, t.anonymous, 0)),
        ("No speaker", (0, 0, 0, 0, 0, t.unattributed)),
    ]
    points = [Point(name, vals, note=f"{share(sum(vals))}%") for name, vals in rows]
    table = Table(
        ("Source", "Quotes", "Share (%)"),
        tuple(
            (name, n, share(n))
            for name, n in (
                ("Named people: women", t.women), ("Named people: men", t.men),
                ("Named people: gender unknown", t.gender_unknown), ("Organisations", t.organisations),
                ("Anonymous", t.anonymous), ("No speaker", t.unattributed),
            )
        ),
    )
    svg = bar_chart(points, SOURCE_SERIES, label=f"Who is quoted: {t.quotes} quotes")
    return Chart("quoted-sources", "Who is quoted", svg, table, csv_url, empty=not t.quotes, series=SOURCE_SERIES[:3],
                 note="Gender is estimated from first names and the texts' own words (see Sources).")


def person_periods(timeline: PersonTimeline) -> list[Period]:
    """One time axis for both person charts, so their columns line up."""
    return periods_for([q.month for q in timeline.quotes] + [r.month for r in timeline.roles])


def quotes_over_time(timeline: PersonTimeline, *, csv_url: str) -> Chart:
    periods = person_periods(timeline)
    rows = bucket({q.month: (q.direct, q.indirect, q.mixed) for q in timeline.quotes}, periods, 3)
    points = [Point(p.label, vals) for p, vals in rows]
    total = sum(q.total for q in timeline.quotes)
    table = Table(
        (_period_column(periods), "Direct", "Indirect", "Mixed", "All"),
        tuple((p.label, *vals, sum(vals)) for p, vals in rows),
    )
    svg = column_chart(points, QUOTE_SERIES, label=f"Quotes over time: {total} in all", height=150,
                       undated_last=bool(periods) and periods[-1].key is None)
    return Chart("quotes-by-month", "Quotes over time", svg, table, csv_url, empty=not total,
                 series=QUOTE_SERIES)


def roles_over_time(timeline: PersonTimeline, *, csv_url: str) -> Chart:
    periods = person_periods(timeline)
    names: list[str] = []
    for r in timeline.roles:
        if r.role not in names:
            names.append(r.role)
    lanes = []
    for name in names:
        per = bucket({r.month: (r.articles,) for r in timeline.roles if r.role == name}, periods, 1)
        lanes.append(Lane(name, tuple(vals[0] for _, vals in per)))
    table = Table(
        ("Role", _period_column(periods), "Articles"),
        tuple((lane.label, p.label, n) for lane in lanes for p, n in zip(periods, lane.counts) if n),
    )
    svg = lane_chart(lanes, periods, label=f"Roles over time: {len(lanes)} role{'s' if len(lanes) != 1 else ''}")
    return Chart("roles-by-month", "Roles over time", svg, table, csv_url, empty=not lanes)


__all__ = [
    "ARTICLE_SERIES",
    "Chart",
    "articles_over_time",
    "most_quoted",
    "person_periods",
    "quoted_sources",
    "quotes_over_time",
    "roles_over_time",
    "sources_share",
    "Lane",
    "MAX_MONTH_COLUMNS",
    "Period",
    "Point",
    "Series",
    "Table",
    "UNDATED",
    "bar_chart",
    "bucket",
    "column_chart",
    "lane_chart",
    "legend",
    "period_of",
    "periods_for",
]
