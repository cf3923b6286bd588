"""Charts: the SVG is well-formed XML with the bars and labels its numbers call for and nothing the
CSP would block; each chart's table and CSV say the same; the pages link and fail as a reader expects."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from presswatch.web import charts
from presswatch.web.app import create_app

from chart_corpus import PERSON_ID, ChartCorpus, build_chart_corpus
from web_corpus import ROOMY, SECRET

SVG = "{http://www.w3.org/2000/svg}"
SERIES = (charts.Series("originals", "Originals"), charts.Series("copies", "Syndicated copies"))


def _svg(markup: str) -> ET.Element:
    root = ET.fromstring(str(markup))
    assert root.tag == f"{SVG}svg"
    return root


def _no_inline_style_or_script(root: ET.Element) -> None:
    for element in root.iter():
        assert "style" not in element.attrib, element.tag
        assert element.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image"), element.tag
        for name, value in element.attrib.items():
            assert not name.startswith("on"), name
            assert "http" not in value or name == "href", (name, value)


def _pct(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1])


# --- the SVG ---------------------------------------------------------------------------------


def test_column_chart_draws_stacked_columns_in_proportion() -> None:
    points = [
        charts.Point("2024-01", (2, 0), href="/search?since=2024-01-01"),
        charts.Point("2024-02", (0, 0)),
        charts.Point("2024-03", (4, 6)),
        charts.Point("undated", (3, 0)),
    ]
    root = _svg(charts.column_chart(points, SERIES, label="Articles", undated_last=True))
    _no_inline_style_or_script(root)
    originals = root.findall(f".//{SVG}rect[@class='s-originals']")
    copies = root.findall(f".//{SVG}rect[@class='s-copies']")
    assert len(originals) == 3 and len(copies) == 1  # nothing drawn for a zero
    heights = [float(r.get("height")) for r in originals]
    assert heights[1] == pytest.approx(2 * heights[0]) and float(copies[0].get("height")) == pytest.approx(3 * heights[0])
    # the copies sit on top of the month's originals
    assert float(copies[0].get("y")) + float(copies[0].get("height")) == pytest.approx(float(originals[1].get("y")))
    assert all(0 < _pct(r.get("x")) < 100 and _pct(r.get("width")) > 0 for r in originals + copies)
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "c-label"]
    assert labels == ["2024-01", "2024-02", "2024-03", "undated"]
    undated = [g for g in root.iter(f"{SVG}g") if g.get("class") == "column undated"]
    assert len(undated) == 1 and undated[0].find(f"{SVG}title").text == "undated: originals 3, syndicated copies 0"
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == ["/search?since=2024-01-01"]
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "c-axis"]
    assert ticks[0] == "0" and int(ticks[-1]) >= 10  # the axis reaches the tallest column


def test_column_labels_are_thinned_and_escaped() -> None:
    points = [charts.Point(f"<m{n}>", (n,)) for n in range(24)]
    root = _svg(charts.column_chart(points, SERIES[:1], label="<b>x</b>", max_labels=4))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "c-label"]
    assert labels == ["<m0>", "<m6>", "<m12>", "<m18>"]
    assert root.find(f"{SVG}title").text == "<b>x</b>"


def test_bar_chart_rows_labels_and_notes() -> None:
    points = [charts.Point("north.example", (8, 2), href="/search?site=north.example", note="62.5%"),
              charts.Point("south & co", (0, 6), note="37.5%")]
    root = _svg(charts.bar_chart(points, SERIES, label="Outlets"))
    _no_inline_style_or_script(root)
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "c-label"] == ["north.example", "south & co"]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "c-value"] == ["10 · 62.5%", "6 · 37.5%"]
    widths = [_pct(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths == pytest.approx([78 * 8 / 10, 78 * 2 / 10, 78 * 6 / 10])
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["/search?site=north.example"]


def test_lane_chart_has_a_dot_where_a_role_was_seen() -> None:
    periods = charts.periods_for(["2024-01", "2024-03", None])
    lanes = [charts.Lane("deputy mayor", (2, 0, 0, 0)), charts.Lane("mayor", (0, 1, 3, 1))]
    root = _svg(charts.lane_chart(lanes, periods, label="Roles"))
    _no_inline_style_or_script(root)
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == 4
    assert [d.find(f"{SVG}title").text for d in dots] == [
        "deputy mayor, 2024-01: 2 articles", "mayor, 2024-02: 1 article", "mayor, 2024-03: 3 articles",
        "mayor, undated: 1 article",
    ]
    assert dots[-1].get("class") == "dot undated"
    assert float(dots[2].get("r")) > float(dots[1].get("r"))


def test_periods_fill_gaps_count_years_over_a_long_span_and_keep_undated_last() -> None:
    assert [p.key for p in charts.periods_for(["2024-03", "2023-11", None])] == [
        "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", None]
    feb = charts.periods_for(["2024-02"])[0]
    assert (feb.since, feb.until) == ("2024-02-01", "2024-02-29")
    years = charts.periods_for(["2019-05", "2024-01"])
    assert [p.key for p in years] == ["2019", "2020", "2021", "2022", "2023", "2024"]
    summed = charts.bucket({"2019-05": (1, 0), "2019-07": (2, 1), "2024-01": (1, 1)}, years, 2)
    assert [vals for _, vals in summed] == [(3, 1), (0, 0), (0, 0), (0, 0), (0, 0), (1, 1)]
    assert charts.periods_for([None]) == [charts.UNDATED]
    assert charts.periods_for([]) == []


def test_table_csv_quotes_what_needs_quoting() -> None:
    table = charts.Table(("Outlet", "All"), (('north, "the" paper', 3),))
    assert list(csv.reader(io.StringIO(table.csv()))) == [["Outlet", "All"], ['north, "the" paper', "3"]]


# --- the pages -------------------------------------------------------------------------------


@pytest.fixture
def chart_corpus(tmp_path: Path) -> ChartCorpus:
    return build_chart_corpus(tmp_path / "charts.db")


@pytest.fixture
def chart_client(chart_corpus: ChartCorpus) -> Iterator[TestClient]:
    with TestClient(create_app(chart_corpus.db, secret=SECRET, rate_limit=ROOMY)) as test_client:
        yield test_client


def _table(html: str, chart_id: str) -> list[list[str]]:
    doc = lxml.html.fromstring(html)
    (table,) = doc.cssselect(f"#chart-{chart_id} table")
    return [[cell.text_content().strip() for cell in row.cssselect("th, td")] for row in table.cssselect("tr")]


def _csv_link(html: str, chart_id: str) -> str:
    (link,) = lxml.html.fromstring(html).cssselect(f"#chart-{chart_id} .chart-csv a")
    return link.get("href")


def _csv_rows(client: TestClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.reader(io.StringIO(response.text)))


def test_search_charts_count_the_corpus_and_csv_matches_the_table(chart_client: TestClient, chart_corpus: ChartCorpus):
    page = chart_client.get("/charts")
    assert page.status_code == 200
    assert page.text.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg') == 4
    rows = _table(page.text, "articles-by-month")
    assert rows[0] == ["Month", "Originals", "Syndicated copies", "All"]
    expected = {("undated" if m is None else m): v for m, v in chart_corpus.by_month.items()}
    got = {r[0]: (int(r[1]), int(r[2])) for r in rows[1:] if r[3] != "0"}
    assert got == expected
    assert rows[-1][0] == "undated"
    assert "2 of 26 articles give no publication date." in page.text
    for chart_id in ("articles-by-month", "articles-by-site", "most-quoted", "quoted-sources"):
        assert _csv_rows(chart_client, _csv_link(page.text, chart_id)) == _table(page.text, chart_id)
    shares = _table(page.text, "articles-by-site")[1:]
    assert sum(int(r[3]) for r in shares) == 26
    assert sum(float(r[4]) for r in shares) == pytest.approx(100, abs=0.5)


def test_search_charts_take_the_search_and_its_filters(chart_client: TestClient):
    page = chart_client.get("/charts", params={"q": "fares"})
    assert _table(page.text, "articles-by-month")[1:] == [["2024-03", "1", "5", "6"]]
    link = _csv_link(page.text, "articles-by-month")
    assert link == "/charts/articles-by-month.csv?q=fares"
    assert _table(page.text, "most-quoted")[1:] == [["Hanna Eklund", "1", "1"]]  # six copies, one utterance
    sources = {r[0]: (r[1], r[2]) for r in _table(page.text, "quoted-sources")[1:]}
    assert sources["Named people: women"] == ("1", "50.0") and sources["Organisations"] == ("1", "50.0")
    dated = chart_client.get("/charts", params={"since": "2024-03-01", "until": "2024-03-31"})
    assert [r[0] for r in _table(dated.text, "articles-by-month")[1:]] == ["2024-03"]  # no undated column


def test_search_page_shows_articles_over_time_with_links_narrowing_to_a_month(chart_client: TestClient):
    page = chart_client.get("/search", params={"q": "bridge"})
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.text)
    (figure,) = doc.cssselect(".facets #chart-articles-by-month")
    assert "Months" not in [h.text_content() for h in doc.cssselect(".facets h2")]  # the chart replaces the list
    rows = {r[0]: int(r[3]) for r in _table(page.text, "articles-by-month")[1:]}
    hrefs = [a.get("href") for a in figure.cssselect("svg.chart-svg a")]
    assert hrefs[0] == "/search?q=bridge&since=2023-09-01&until=2023-09-30"
    assert [a.get("href") for a in figure.cssselect("table a")] == hrefs  # the same links without the picture
    assert figure.cssselect("svg.chart-svg")[0].get("role") == "group"  # links inside a role=img would be hidden
    march = next(h for h in hrefs if "since=2024-03-01" in h)
    narrowed = lxml.html.fromstring(chart_client.get(march).text).cssselect(".summary")[0].text_content()
    assert narrowed.startswith(f"{rows['2024-03']} article")
    more = doc.cssselect(".chart-more a")[0].get("href")
    assert more == "/charts?q=bridge"


def test_person_charts_count_the_page_and_csv_matches_the_table(chart_client: TestClient):
    page = chart_client.get(f"/people/{PERSON_ID}")
    assert page.status_code == 200
    quotes = _table(page.text, "quotes-by-month")
    listed = len(lxml.html.fromstring(page.text).cssselect(".quote-item"))
    assert sum(int(r[4]) for r in quotes[1:]) == listed  # the chart counts what the page lists
    assert quotes[-1] == ["undated", "0", "1", "0", "1"]
    roles = _table(page.text, "roles-by-month")
    assert {r[0] for r in roles[1:]} == {"deputy mayor", "mayor"}
    assert ["mayor", "undated", "2"] in roles
    for chart_id in ("quotes-by-month", "roles-by-month"):
        assert _csv_rows(chart_client, _csv_link(page.text, chart_id)) == _table(page.text, chart_id)


def test_chart_errors_are_clear(chart_client: TestClient):
    bad = chart_client.get("/charts", params={"q": '"bridge'})
    assert bad.status_code == 400 and "double quote is not closed" in bad.text
    assert chart_client.get("/charts/articles-by-month.csv", params={"q": '"bridge'}).status_code == 400
    assert chart_client.get("/charts/articles-by-month.csv", params={"since": "March"}).status_code == 400
    assert chart_client.get("/charts/pie.csv").status_code == 404
    assert chart_client.get(f"/people/{PERSON_ID}/charts/pie.csv").status_code == 404
    assert chart_client.get("/people/nobody-here/charts/quotes-by-month.csv").status_code == 404
    empty = chart_client.get("/charts", params={"q": "zeppelin"})
    assert empty.status_code == 200 and empty.text.count("Nothing to count yet.") == 4


@pytest.mark.postgres
def test_charts_say_the_same_on_postgres(pg_url: str, chart_client: TestClient):
    build_chart_corpus(pg_url)
    urls = ["/charts/articles-by-month.csv?q=bridge", "/charts/articles-by-site.csv", "/charts/most-quoted.csv",
            "/charts/quoted-sources.csv?q=fares",
            f"/people/{PERSON_ID}/charts/quotes-by-month.csv", f"/people/{PERSON_ID}/charts/roles-by-month.csv"]
    with TestClient(create_app(pg_url, secret=SECRET, rate_limit=ROOMY)) as pg_client:
        for url in urls:
            assert _csv_rows(pg_client, url) == _csv_rows(chart_client, url), url
