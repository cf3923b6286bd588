"""Page metadata: own fixtures for each source and rule, then the benchmark pages' own markup."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date

import lxml.html
import pytest

from presswatch.bench.data import extraction_dir
from presswatch.extract.metadata import (
    clean_authors,
    extract_metadata,
    normalise_date,
    split_title,
)

BENCH = extraction_dir()


def _meta(html: str, url: str | None = None, *, fallback: bool = False):
    return extract_metadata(lxml.html.fromstring(html), url=url, fallback=fallback)


JSON_LD_PAGE = """<html lang="en-GB"><head><title>Pier to close | Wexley Gazette</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Gazette Online"},
  {"@type": "NewsArticle", "headline": "Pier to close after inspection", "datePublished": "2019-11-19T10:30:00Z",
   "dateModified": "2019-11-21T08:00:00Z",
   "author": [{"@type": "Person", "name": "By ONA BRISK"}, {"@type": "Person", "name": "Teo Vance, Staff Writer"},
              {"@type": "Organization", "name": "Gazette Staff"}],
   "publisher": {"@type": "Organization", "name": "Wexley Gazette"}}]}</script>
</head><body><h1>Pier to close after inspection</h1></body></html>"""


def test_json_ld_gives_title_people_date_and_site():
    meta = _meta(JSON_LD_PAGE)
    assert meta.title == "Pier to close after inspection"
    assert meta.authors == (
        "Ona Brisk",
        "Teo Vance",
    )  # no "By", no role, no organisation
    assert meta.published == "2019-11-19T10:30:00+00:00"  # published, not modified
    assert meta.site == "Gazette Online"
    assert meta.language == "en"


OG_PAGE = """<html><head><title>Storm closes harbour road - Wexley Gazette</title>
<meta property="og:title" content="Storm closes harbour road">
<meta property="og:site_name" content="Wexley Gazette">
<meta property="article:published_time" content="2020-02-03T06:15:00+0100">
<meta property="article:author" content="https://gazette.example/staff/ona">
<meta name="author" content="Ona Brisk and Teo Vance">
<meta property="og:description" content="Waves topped the sea wall overnight.">
</head><body><p>Text</p></body></html>"""


def test_open_graph_and_meta_tags():
    meta = _meta(OG_PAGE)
    assert meta.title == "Storm closes harbour road"
    assert meta.site == "Wexley Gazette"
    assert meta.published == "2020-02-03T06:15:00+01:00"
    assert meta.authors == ("Ona Brisk", "Teo Vance")  # the profile URL is not a name
    assert meta.description == "Waves topped the sea wall overnight."


TIME_PAGE = """<html><head><title>New ferry named &#8216;Gull&#8217; | Wexley Gazette</title></head><body>
<article><h1>New ferry named ‘Gull’</h1>
<p class="byline">By <a rel="author" href="/teo">Teo Vance</a> | teo.vance@gazette.example</p>
<time class="updated" datetime="2021-06-01">June 1</time>
<time datetime="2021-05-30T09:00:00">May 30</time>
<p>The new ferry was named at a ceremony on the quay.</p></article></body></html>"""


def test_visible_byline_and_time_element_when_there_is_no_structured_data():
    meta = _meta(TIME_PAGE, url="https://www.gazette.example/ferry")
    assert meta.title == "New ferry named ‘Gull’"
    assert meta.authors == ("Teo Vance",)
    assert meta.published == "2021-05-30T09:00:00"  # the modified <time> is skipped
    assert meta.site == "gazette.example"  # from the URL when the page does not say


def test_structured_authors_win_over_names_printed_in_page_furniture():
    page = JSON_LD_PAGE.replace("</body>", "<div class='author'>Sam Other</div></body>")
    assert _meta(page).authors == ("Ona Brisk", "Teo Vance")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Roe"], ("Jane Roe",)),
        (["JANE ROE and JOHN DOE, Associated Press"], ("Jane Roe", "John Doe")),
        (["Jane Roe | jane@example.org"], ("Jane Roe",)),
        (["Jane Roe 19 Nov 2019 10:30"], ("Jane Roe",)),
        (["Jane Roe Published 6:00 a.m. ET"], ("Jane Roe",)),
        (["Jane RoeStaff Writer"], ("Jane Roe",)),
        (["Jane Roe; Jane Roe", "Jane"], ("Jane Roe",)),
        (["Staff", "The Editors", "Reuters", "https://x.example/jane"], ()),
        (["Kaylee McGhee"], ("Kaylee McGhee",)),
        (["Ludwig van Beethoven"], ("Ludwig van Beethoven",)),
        (["kevin-r"], ()),
        (["View all posts by Jane Roe"], ("Jane Roe",)),
        (["Author Jane Roe", "Author(s): John Doe"], ("Jane Roe", "John Doe")),
        (["Ana Ruiz y José Mora"], ("Ana Ruiz", "José Mora")),
        (["Name", "No Author", "Autor"], ()),
        (["Jane Roe·3", "Stop the Bypass!"], ()),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-11-19", "2019-11-19"),
        ("2019-11-19T10:30:00Z", "2019-11-19T10:30:00+00:00"),
        ("2019-11-20T02:07:18+0000", "2019-11-20T02:07:18+00:00"),
        ("2019-11-19 08:10:00", "2019-11-19T08:10:00"),
        ("November 19, 2019", "2019-11-19"),
        ("0001-01-01T00:00:00+00:00", None),
        ("10.12.2022, 07:00:03", "2022-12-10T07:00:03"),
        ("01-11-2023 10:29", "2023-11-01T10:29:00"),
        ("03/12/2019", "2019-03-12"),
        ("not a date", None),
        (None, None),
    ],
)
def test_normalise_date(raw, expected):
    assert normalise_date(raw) == expected


def test_split_title_removes_the_site_name():
    assert (
        split_title("Pier to close | Wexley Gazette", "Wexley Gazette")
        == "Pier to close"
    )
    assert (
        split_title("Wexley Gazette - Pier to close after a long inspection", None)
        == "Pier to close after a long inspection"
    )


def test_date_fallback_finds_the_original_date_never_today():
    page = """<html><head><title>Old story</title></head><body>
    <p class="date">Posted on 12 March 2016</p><p>A story about the old pier from years ago, before the storm.</p>
    <p>Page generated 2026-01-01</p></body></html>"""
    meta = _meta(
        page, url="https://gazette.example/2016/03/12/old-story", fallback=True
    )
    assert meta.published == "2016-03-12"


# --- the benchmark pages' own markup ----------------------------------------------------------

needs_bench = pytest.mark.skipif(
    not (BENCH / "ground-truth.json").exists(), reason="benchmark data not present"
)


def _bench_tree(prefix: str):
    (path,) = (BENCH / "html").glob(f"{prefix}*.html.gz")
    return lxml.html.fromstring(gzip.decompress(path.read_bytes()).decode("utf-8"))


def _json_ld_articles(tree) -> list[dict]:
    out = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if isinstance(obj, dict) and "headline" in obj:
                out.append(obj)
    return out


@needs_bench
@pytest.mark.parametrize("prefix", ["1ace8c85aa", "3cb22bfabe", "a6968f42"])
def test_benchmark_pages_json_ld_is_read_as_the_page_states_it(prefix):
    tree = _bench_tree(prefix)
    (article, *_) = _json_ld_articles(tree)
    meta = extract_metadata(tree, fallback=False)
    assert meta.title == article["headline"]
    stamp = normalise_date(article["datePublished"])
    # the stamp as stated, or the local day printed under the headline when the stamp is a day off
    assert meta.published == stamp or (
        meta.published_source == "text"
        and abs((date.fromisoformat(meta.published) - date.fromisoformat(stamp[:10])).days) == 1
    )
    stated = (
        article["author"]
        if isinstance(article["author"], list)
        else [article["author"]]
    )
    # the page's author names, as people: "By MEG KINNARD and ERRIN HAINES, Associated Press" is two people
    words = {w.casefold() for a in stated for w in re.findall(r"\w+", a["name"])}
    assert meta.authors
    assert all(
        w.casefold() in words for name in meta.authors for w in re.findall(r"\w+", name)
    )
    assert not any(
        re.search(r"\b(by|press|staff)\b", name, re.IGNORECASE) for name in meta.authors
    )


@needs_bench
def test_benchmark_page_names_two_people_from_one_wire_byline():
    meta = extract_metadata(_bench_tree("a6968f42"), fallback=False)
    assert meta.authors == ("Meg Kinnard", "Errin Haines")
    # the page is the Connecticut Post's, the story the agency's: og:site_name names the site
    assert meta.site == "Connecticut Post"


@needs_bench
def test_benchmark_page_open_graph_site_and_time():
    tree = _bench_tree("3cb22bfabe")
    og = {
        m.get("property"): m.get("content") for m in tree.iterfind(".//meta[@property]")
    }
    meta = extract_metadata(tree, fallback=False)
    assert meta.site == og["og:site_name"]
    assert meta.title == og["og:title"]


def test_a_guessed_date_of_today_is_the_crawl_time_and_is_not_taken():
    from datetime import date

    today = date.today().isoformat()
    page = f"""<html><head><title>Old story</title></head><body><p>Last updated {today}</p>
    <p>A story about the old pier from years ago, before the storm.</p></body></html>"""
    assert _meta(page, url="https://gazette.example/old-story", fallback=True).published is None
    # a date the page states in its markup is its own, even today's
    stated = page.replace("<title>", f"<meta property='article:published_time' content='{today}'><title>")
    assert _meta(stated, fallback=True).published == today


def test_the_date_fallback_leaves_the_page_tree_as_it_was():
    # no date in the markup: htmldate searches the page, on its own copy
    html = (
        "<html><head><title>Pier to close</title></head><body><h1>Pier to close</h1>"
        "<p class='meta'>Posted 19 November 2019</p><script>var x = 1;</script>"
        "<p>The harbour board voted on Tuesday to close the old ferry pier.</p></body></html>"
    )
    tree = lxml.html.fromstring(html)
    before = lxml.html.tostring(tree)
    meta = extract_metadata(tree, fallback=True)
    assert meta.published == "2019-11-19"
    assert lxml.html.tostring(tree) == before


@pytest.mark.parametrize(
    "class_name", ["byline-author", "byline o'hara", 'author "desk" byline']
)
def test_bylines_are_found_by_class_names_with_any_quote_marks(class_name):
    escaped = class_name.replace('"', "&quot;").replace("'", "&#39;")
    meta = _meta(
        f"<html><body><h1>Pier to close</h1><div class=\"{escaped}\">Ona Brisk</div>"
        "<p>The harbour board voted on Tuesday to close the old ferry pier.</p></body></html>"
    )
    assert meta.authors == ("Ona Brisk",)


def test_a_date_printed_only_in_the_text_is_found_by_the_extensive_search():
    from presswatch.extract.html import extract_html

    page = (
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry to stop</h1>"
        "<p>Posted on 12 March 2019 by the desk</p><p>The Kelvale harbour ferry will stop running on Sundays "
        "from March, the town council said on Monday after a long meeting.</p></article></body></html>"
    )
    assert extract_html(page, ensemble=False).published == "2019-03-12"


_BODY = (
    "<article><h1>Ferry to stop</h1><p>The Kelvale harbour ferry will stop running on Sundays from March, "
    "the town council said on Monday after a long meeting.</p>{extra}</article>"
)


@pytest.mark.parametrize(
    ("head", "extra", "url", "expected"),
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-07-01T09:00:00Z"}'
         "</script><meta property='article:published_time' content='2018-07-01T11:00:00+02:00'>", "", None,
         ("2018-07-01", "jsonld")),
        ("<meta property='article:published_time' content='2017-02-03T10:00:00Z'>", "", None, ("2017-02-03", "meta")),
        ("", "<time datetime='2016-05-06T08:00'>6 May</time>", None, ("2016-05-06", "time")),
        ("", "", "https://gazette.example/2015/04/09/ferry-to-stop", ("2015-04-09", "url")),
        ("", "<p>Posted on 12 March 2019 by the desk</p>", None, ("2019-03-12", "text")),
        ("", "", None, (None, "none")),
    ],
)
def test_published_source_says_where_the_date_came_from(head, extra, url, expected):
    from presswatch.extract.html import extract_html

    page = f"<html><head><title>Ferry</title>{head}</head><body>{_BODY.format(extra=extra)}</body></html>"
    parts = extract_html(page, url=url, ensemble=False)
    assert (parts.published[:10] if parts.published else None, parts.published_source) == expected


def test_when_the_markup_gives_two_days_the_one_the_page_reading_confirms_wins():
    # JSON-LD says 2018, the Open Graph date and the printed dateline say 2017: the day htmldate reads
    # off the whole page decides, and the source says which markup gave it.
    from presswatch.extract.html import extract_html

    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-07-01T09:00:00Z"}'
            "</script><meta property='article:published_time' content='2017-01-01'>")
    page = f"<html><head><title>Ferry</title>{head}</head><body>{_BODY.format(extra='<p>1 January 2017</p>')}</body></html>"
    parts = extract_html(page, ensemble=False)
    assert (parts.published[:10], parts.published_source) == ("2017-01-01", "meta")


def test_the_record_carries_published_source():
    from presswatch.extract import extract
    from presswatch.model import Article, RawDocument

    page = ("<html><head><meta property='article:published_time' content='2017-02-03T10:00:00Z'></head><body>"
            + _BODY.format(extra="") + "</body></html>")
    article = extract(RawDocument("a.html", page, "html"))
    record = article.to_record()
    assert record["published_source"] == "meta"
    assert Article.from_record(record).published_source == "meta"


def test_author_labels_are_stripped_and_the_order_kept():
    from presswatch.extract.metadata import clean_authors

    assert clean_authors(["Author: Ann Lee", "Posted by Tom Brede"]) == ("Ann Lee", "Tom Brede")
    assert clean_authors(["Authors: Kim Oh and Ann Lee"]) == ("Kim Oh", "Ann Lee")


def _page(head: str, body: str) -> str:
    return (f"<html><head><title>Ferry</title>{head}</head><body><article><h1>Ferry to stop</h1>{body}"
            "<p>The Kelvale harbour ferry will stop running on Sundays from March, the town council said on "
            "Monday after a long meeting of the transport committee.</p></article></body></html>")


def test_the_outlet_is_an_author_only_when_nobody_else_is_named():
    from presswatch.extract.html import extract_html

    head = ('<meta property="og:site_name" content="Kelvale Courier">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
            '{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Kelvale Courier"}]}</script>')
    assert extract_html(_page(head, ""), url="https://kelvalecourier.example/a", ensemble=False).authors == ("Ann Lee",)
    # the outlet's desk, named after it
    desk = '<meta name="author" content="Ann Lee; Redaktion Courier">'
    assert extract_html(_page(desk, ""), url="https://courier.example/a", ensemble=False).authors == ("Ann Lee",)
    alone = '<meta property="og:site_name" content="Kelvale Courier"><meta name="author" content="Kelvale Courier">'
    assert extract_html(_page(alone, ""), url="https://kelvalecourier.example/a", ensemble=False).authors == (
        "Kelvale Courier",)


def test_a_printed_byline_adds_the_co_authors_of_the_markup_author():
    from presswatch.extract.html import extract_html

    head = '<meta name="author" content="Ann Lee">'
    body = '<p class="byline">By Ann Lee and Tom Brede</p>'
    assert extract_html(_page(head, body), ensemble=False).authors == ("Ann Lee", "Tom Brede")


def test_a_list_of_other_stories_writers_is_no_byline():
    from presswatch.extract.html import extract_html

    body = "".join(f'<div class="author">{n}</div>' for n in
                   ("Ann Lee", "Tom Brede", "Kim Oh", "Ola Nord", "Pia Sand", "Bo Ek"))
    from presswatch.extract.html import parse_html
    from presswatch.extract.metadata import extract_metadata

    # the page's own printed names (without trafilatura's reading, which takes the first one)
    assert extract_metadata(parse_html(_page("", body)), fallback=False).authors == ()
    one = '<div class="author">Ann Lee</div>'
    assert extract_metadata(parse_html(_page("", one)), fallback=False).authors == ("Ann Lee",)


def test_a_utc_stamp_a_day_off_the_url_day_gives_the_outlets_own_day():
    from presswatch.extract.html import extract_html

    late = "<meta property='article:published_time' content='2020-02-25T02:25:54Z'>"
    parts = extract_html(_page(late, ""), url="https://gazette.example/2020/02/24/ferry", ensemble=False)
    assert (parts.published, parts.published_source) == ("2020-02-24", "url")
    # a local time stamp, or one that agrees with the URL, is kept as it is
    local = "<meta property='article:published_time' content='2020-02-25T02:25:54-05:00'>"
    assert extract_html(_page(local, ""), url="https://gazette.example/2020/02/24/ferry",
                        ensemble=False).published == "2020-02-25T02:25:54-05:00"
    same = "<meta property='article:published_time' content='2020-02-24T22:25:54Z'>"
    assert extract_html(_page(same, ""), url="https://gazette.example/2020/02/24/ferry",
                        ensemble=False).published == "2020-02-24T22:25:54+00:00"


def test_a_json_ld_author_given_by_reference_is_read_where_the_graph_names_it():
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "Article", "headline": "Pier fund", "author": {"@id": "https://gazette.example/#/person/7"}},
      {"@type": "Person", "@id": "https://gazette.example/#/person/7", "name": "Ona Brisk"}]}</script>
    </head><body><h1>Pier fund</h1></body></html>"""
    assert _meta(html).authors == ("Ona Brisk",)


def test_the_written_by_card_pair_names_the_writer():
    html = """<html><head><meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Ona Brisk">
    <meta name="twitter:label2" content="Geschätzte Lesezeit"><meta name="twitter:data2" content="3 Minuten">
    </head><body><h1>Pier fund</h1></body></html>"""
    assert _meta(html).authors == ("Ona Brisk",)


def test_an_organisation_is_the_author_only_when_no_person_is_named():
    org_only = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Pier fund",
      "author": {"@type": "Organization", "name": "Wexby Sport"}}</script></head><body><h1>Pier fund</h1></body></html>"""
    assert _meta(org_only).authors == ("Wexby Sport",)
    with_person = org_only.replace('{"@type": "Organization", "name": "Wexby Sport"}',
                                   '[{"@type": "Organization", "name": "Wexby Sport"}, {"@type": "Person", "name": "Ona Brisk"}]')
    assert _meta(with_person).authors == ("Ona Brisk",)


def test_a_desk_or_initials_byline_is_the_credit_when_no_person_is_named():
    html = """<html><body><h1>Pier fund</h1><div class="entry-meta"><span class="byline">by
    <span class="author vcard"><a class="url fn n" href="/author/desk">Newsdesk</a></span></span></div>
    <p>The fund opened on Monday.</p><div class="author-box"><span class="author">Newsdesk</span></div></body></html>"""
    assert _meta(html).authors == ("Newsdesk",)
    assert _meta(html.replace("Newsdesk", "Unknown")).authors == ()


def test_a_name_printed_only_in_comments_or_sidebars_is_not_stated_as_the_writer():
    from presswatch.extract.metadata import _stated_outside_furniture

    html = """<html><body><h1>Pier fund</h1><p class="byline">Ona Brisk</p>
    <ol class="comment-list"><li><span class="comment-author">Carl Moss</span> said: nice</li></ol>
    <div id="sidebar"><span>Dee Vance</span></div></body></html>"""
    tree = lxml.html.fromstring(html)
    assert _stated_outside_furniture(tree, "Ona Brisk")
    assert not _stated_outside_furniture(tree, "Carl Moss")
    assert not _stated_outside_furniture(tree, "Dee Vance")


def test_an_author_value_that_is_the_outlet_name_is_not_split_into_people():
    html = """<html><head><meta name="author" content="Ships &amp; Harbours"><meta property="og:site_name"
    content="Ships &amp; Harbours"></head><body><h1>Pier fund</h1><div class="byline">By Ona Brisk</div></body></html>"""
    assert _meta(html, "https://shipsandharbours.example/a").authors == ("Ona Brisk",)


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["Rasender Reporter"], ("Rasender Reporter",)),  # a pen name, not "Rasender" and a role
        (["Ona Brisk Staff Writer"], ("Ona Brisk",)),
        (["Ona Brisk Illustration von Teo Vance"], ("Ona Brisk",)),
        (["Ona Brisk am Samstag, 19. Oktober 2019"], ("Ona Brisk",)),
        (["Veröffentlicht am"], ()),
    ],
)
def test_byline_cleaning_keeps_the_writer_only(raw, names):
    assert clean_authors(raw) == names
