"""The metadata benchmark scores as trafilatura scores itself: author sets, the day, exact titles."""

from __future__ import annotations

import gzip
import json

import pytest
from typer.testing import CliRunner

from presswatch.bench.metadata import Found, MetaPage, author_names, author_set, score


def _page(authors=None, date=None, title=None):
    return MetaPage("p", None, "<html></html>", title, authors, date)


def test_author_sets_ignore_case_punctuation_and_a_leading_by():
    assert author_set(["By Ann Lee", "tom  brede"]) == author_set(["ann lee", "Tom Brede."])
    assert author_set(["Ann Lee"]) != author_set(["Ann Lee", "Tom Brede"])


def test_author_names_split_the_annotation_lists_on_both_sides_alike():
    assert author_names(["Ann Lee, Tom Brede"]) == author_names(["Ann Lee", "Tom Brede"])
    assert author_names(["Ann Lee und Tom Brede"]) == author_names(["Tom Brede; Ann Lee"])
    assert author_names(["Ann Lee, Tom Brede"]) != author_names(["Ann Lee"])
    # the README's own key keeps a comma-joined annotation as one value
    assert author_set(["Ann Lee, Tom Brede"]) != author_set(["Ann Lee", "Tom Brede"])


def test_each_field_is_scored_only_where_it_is_annotated_and_a_missing_date_counts_as_no_date():
    pages = [_page("Ann Lee", "2020-01-02", "Ferry stops"), _page(None, "2020-05-06", None)]
    found = [Found("Ferry stops", ("By Ann Lee",), "2020-01-02T10:00:00"), Found(None, ("Someone",), None)]
    s = score(pages, found, ("title", "authors", "date"))
    assert (s.authors, s.authors_strict, s.day, s.no_date, s.title) == (1.0, 1.0, 0.5, 0.5, 1.0)
    assert score(pages, [None, None], ("date",)).failures == 2


def test_bench_metadata_prints_a_table_per_set(tmp_path, monkeypatch):
    from presswatch.cli import app

    folder = tmp_path / "fictional"
    (folder / "pages").mkdir(parents=True)
    html = (
        "<html><head><title>Ferry to stop</title><meta name='author' content='Ann Lee'>"
        "<meta property='article:published_time' content='2021-04-05T08:00:00Z'></head>"
        "<body><article><p>The Kelvale harbour ferry will stop running on Sundays, the council said.</p>"
        "</article></body></html>"
    )
    (folder / "pages" / "a.html.gz").write_bytes(gzip.compress(html.encode()))
    (folder / "expected.json").write_text(json.dumps({"a": {"url": "https://news.example/a", "author": "Ann Lee",
                                                            "date": "2021-04-05", "title": "Ferry to stop"}}))
    monkeypatch.setenv("PRESSWATCH_METADATA_BENCH", str(tmp_path))
    result = CliRunner().invoke(app, ["bench", "metadata", "--json"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert last["fictional"]["presswatch"]["authors"] == pytest.approx(1.0)
    assert last["fictional"]["presswatch"]["day"] == pytest.approx(1.0)
    assert "trafilatura" in last["fictional"] and "htmldate" in last["fictional"]
