"""The date and byline printed beside the headline, on pages written here."""

from __future__ import annotations

import lxml.html
import pytest

from presswatch.extract.metadata import extract_metadata
from presswatch.extract.printed import parse_printed_date, printed_bylines, printed_date


def _tree(html: str):
    return lxml.html.fromstring(html)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("21.01.2022 - 13:30", "2022-01-21"),
        ("Veröffentlicht am Mittwoch, 26. Januar 2022", "2022-01-26"),
        ("30 septembre 2018", "2018-09-30"),
        ("Domenica 06 Dicembre 2020", "2020-12-06"),
        ("3 de mayo de 2021", "2021-05-03"),
        ("Posted on March 3, 2020 by Ana Lind", "2020-03-03"),
        ("Written: 2023-11-07 15:03:30", "2023-11-07"),
        ("2020年07月12日", "2020-07-12"),
        ("2019/10/05", "2019-10-05"),
        ("25/12/2019", "2019-12-25"),
        ("12/25/2019", "2019-12-25"),
    ],
)
def test_printed_dates_in_several_languages_and_formats(text, day):
    assert parse_printed_date(text) == day


@pytest.mark.parametrize("text", ["03/04/2019", "31.02.2020", "Ausgabe 12", "1. Mai", "3 March 1890"])
def test_no_day_is_guessed_from_ambiguous_impossible_or_partial_dates(text):
    assert parse_printed_date(text) is None


PAGE = """<html><body>
<div class="top-bar"><span class="today">Montag, 7. März 2022</span></div>
<article>
  <h1>Neue Fähre für den Hafen von Wexby</h1>
  <div class="meta">
    <span class="label">Aktualisiert:</span> <span>08.03.2022</span>
    <span class="published">Veröffentlicht am 02.03.2022</span>
  </div>
  <figure><img src="x.jpg"><figcaption>Die Fähre am 01.02.2022</figcaption></figure>
  <p>Die Stadt hat am 14. Februar 2022 beschlossen, eine neue Fähre zu kaufen, die im Sommer fahren soll.</p>
  <aside class="related"><time datetime="2022-02-20">20.02.2022</time> Alte Fähre außer Dienst</aside>
</article></body></html>"""


def test_the_first_publication_date_under_the_headline_not_an_update_a_caption_or_the_story():
    assert printed_date(_tree(PAGE)) == ("2022-03-02", "text")


def test_a_time_element_under_the_headline_gives_its_machine_date():
    html = """<html><body><h1>Pier reopens</h1><p class="byline">By Ona Brisk
    <time class="entry-date published updated" datetime="2021-06-04T21:10:00+02:00">4 June</time></p>
    <p>Long story text follows here.</p></body></html>"""
    assert printed_date(_tree(html)) == ("2021-06-04", "time")


def test_the_headline_is_the_one_the_markup_names_not_the_site_banner():
    html = """<html><body><h1>Wexby Notes</h1><p class="meta">Blog since 12.05.2011</p>
    <div class="post"><h2>Ferry timetable changes</h2><p class="meta">04.09.2021</p><p>Text.</p></div></body></html>"""
    assert printed_date(_tree(html), ("Ferry timetable changes",))[0] == "2021-09-04"


def test_a_date_in_a_hidden_block_is_not_printed():
    html = """<html><body><h1>Ferry timetable changes</h1><div class="print-only">Printed 11.02.2022</div>
    <p class="date">04.09.2021</p></body></html>"""
    assert printed_date(_tree(html))[0] == "2021-09-04"


def test_no_headline_no_printed_date():
    assert printed_date(_tree("<html><body><p>12.03.2020</p></body></html>")) == (None, "none")


def test_the_printed_day_corrects_a_utc_stamp_past_local_midnight():
    html = """<html><head><meta property="article:published_time" content="2021-11-04T23:00:00+00:00">
    </head><body><h1>Council votes on the harbour</h1><p class="date">05.11.2021</p><p>Text.</p></body></html>"""
    meta = extract_metadata(_tree(html), fallback=False)
    assert meta.published == "2021-11-05" and meta.published_source == "text"


def test_the_markup_date_stands_against_a_printed_date_days_away():
    html = """<html><head><meta property="article:published_time" content="2021-11-01T10:00:00+01:00">
    </head><body><h1>Council votes on the harbour</h1><p class="date">09.11.2021</p></body></html>"""
    meta = extract_metadata(_tree(html), fallback=False)
    assert meta.published == "2021-11-01T10:00:00+01:00" and meta.published_source == "meta"


def test_the_printed_date_when_the_markup_has_none():
    html = """<html><body><h1>Council votes on the harbour</h1>
    <div class="info"><span>Datum:</span> <span>18.10.2021</span></div><p>Text.</p></body></html>"""
    meta = extract_metadata(_tree(html), fallback=False)
    assert meta.published == "2021-10-18" and meta.published_source == "text"


def test_a_by_labelled_line_under_the_headline_gives_the_writer():
    html = """<html><head><meta name="author" content="Wexby Gazette"><meta property="og:site_name" content="Wexby Gazette">
    </head><body><article><h1>Council votes on the harbour</h1><p class="intro">von Ana Lindqvist</p>
    <p>The council voted on Tuesday to rebuild the harbour wall before the winter storms.</p></article></body></html>"""
    assert printed_bylines(_tree(html)) == ["Ana Lindqvist"]
    meta = extract_metadata(_tree(html), url="https://wexby-gazette.example/a", fallback=False)
    assert meta.authors == ("Ana Lindqvist",)


def test_posted_on_a_date_by_a_writer():
    html = """<html><body><h1>Notes from the pier</h1><div class="meta">Posted on May 3, 2021 by Bo Ekdahl</div>
    <p>Text of the post.</p></body></html>"""
    assert printed_bylines(_tree(html)) == ["Bo Ekdahl"]


def test_labelled_lines_in_comments_or_related_blocks_are_not_bylines():
    html = """<html><body><h1>Notes from the pier</h1><p>Short text.</p>
    <div class="comments"><p>By Carl Moss</p></div><div class="related-posts"><p>By Dee Vance</p></div></body></html>"""
    assert printed_bylines(_tree(html)) == []


def test_a_layout_block_named_for_its_sidebar_that_holds_the_story_is_not_furniture():
    story = "The ferry will stop on Sundays from May, the council said after a long meeting. " * 8
    html = f"""<html><body><header><h1>Ferry to stop on Sundays</h1></header>
    <section class="layout layout__with-sidebar"><p class="meta">Posted in Harbour by Bo Ekdahl on May 3, 2021</p>
    <p>{story}</p></section><div class="sidebar"><p>By Dee Vance</p></div></body></html>"""
    assert printed_bylines(_tree(html)) == ["Bo Ekdahl on May 3, 2021"]
    meta = extract_metadata(_tree(html), fallback=False)
    assert meta.authors == ("Bo Ekdahl",)
