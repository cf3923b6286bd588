"""Contract: full-text search, HTML-safe snippets, filters, facets and paging; bad syntax is a QueryError."""

from __future__ import annotations

import pytest

from presswatch.errors import QueryError
from presswatch.store import Store
from store_fixtures import make_article, person

FERRY = "Ferry crews walked out on Monday. The strike stopped every crossing to the island."
TRAM = "Tram drivers in the city voted to accept the new contract after a long dispute."
PORT = "The port authority said the strike would cost millions; ferry operators disagreed."


@pytest.fixture
def news(store: Store) -> Store:
    store.upsert_articles(
        [
            make_article("ferry", title="Ferry strike halts crossings", text=FERRY, site="harbour.example",
                         published="2024-03-04T08:00:00+00:00", people=(person("Anna Petrova", "union leader"),)),
            make_article("tram", title="Tram deal agreed", text=TRAM, site="city.example",
                         published="2024-02-10T12:00:00+00:00", people=(person("Boris Orlov", "mayor"),)),
            make_article("port", title="Port counts the cost", text=PORT, site="harbour.example",
                         published="2024-03-20T16:30:00+00:00",
                         people=(person("Anna Petrova", "union leader"), person("Boris Orlov", "mayor"))),
            make_article("undated", title="Letters", text="Readers write about ferries and trams.", site="city.example",
                         published=None),
        ]
    )
    return store


def test_query_finds_matching_articles_best_first(news: Store) -> None:
    page = news.search("strike")
    assert page.total == 2
    # The title match ranks above a body-only match.
    assert [h.article.id for h in page.items] == ["ferry", "port"]
    assert page.items[0].rank <= page.items[1].rank


def test_stemming_finds_other_word_forms(news: Store) -> None:
    assert {h.article.id for h in news.search("strikes").items} == {"ferry", "port"}


def test_snippet_marks_matches_and_escapes_everything_else(store: Store) -> None:
    store.upsert_articles(
        [make_article("x", title="Markup", text='A reader wrote <script>alert("strike")</script> & left. The strike went on.')]
    )
    snippet = store.search("strike").items[0].snippet
    assert "<mark>" in snippet and "</mark>" in snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "&amp;" in snippet
    without_marks = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks


def test_empty_query_lists_newest_first_with_undated_last(news: Store) -> None:
    for query in (None, "", "   "):
        page = news.search(query)
        assert [h.article.id for h in page.items] == ["port", "ferry", "tram", "undated"]
        assert page.total == 4
        assert "<mark>" not in page.items[0].snippet


def test_filters_by_site_person_and_dates(news: Store) -> None:
    assert {h.article.id for h in news.search(None, site="harbour.example").items} == {"ferry", "port"}
    assert {h.article.id for h in news.search(None, person="boris-orlov").items} == {"tram", "port"}
    assert {h.article.id for h in news.search(None, person="Boris Orlov").items} == {"tram", "port"}
    assert {h.article.id for h in news.search(None, since="2024-03-01").items} == {"ferry", "port"}
    # ``until`` is a whole day: an article published during that day is included.
    assert {h.article.id for h in news.search(None, until="2024-03-04").items} == {"ferry", "tram"}
    assert {h.article.id for h in news.search("strike", site="harbour.example", since="2024-03-10").items} == {"port"}


def test_bad_dates_are_query_errors(news: Store) -> None:
    with pytest.raises(QueryError, match="ISO date"):
        news.search(None, since="last tuesday")


def test_facets_count_the_whole_filtered_result_not_just_the_page(news: Store) -> None:
    page = news.search(None, limit=1)
    assert len(page.items) == 1
    assert page.total == 4
    assert page.facets["site"] == [("city.example", 2), ("harbour.example", 2)]
    assert page.facets["person"] == [("Anna Petrova", 2), ("Boris Orlov", 2)]
    assert page.facets["month"] == [("2024-03", 2), ("2024-02", 1)]

    filtered = news.search("strike")
    assert filtered.facets["site"] == [("harbour.example", 2)]
    assert filtered.facets["month"] == [("2024-03", 2)]


def test_paging_walks_the_result_without_overlap(news: Store) -> None:
    seen = []
    for offset in range(0, 4, 2):
        page = news.search(None, limit=2, offset=offset)
        assert page.total == 4
        seen += [h.article.id for h in page.items]
    assert seen == ["port", "ferry", "tram", "undated"]
    assert news.search(None, limit=2, offset=10).items == []


def test_query_syntax_phrases_or_not_prefix(news: Store) -> None:
    assert {h.article.id for h in news.search('"tram drivers"').items} == {"tram"}
    assert {h.article.id for h in news.search("tram OR port").items} == {"tram", "port", "undated"}
    assert {h.article.id for h in news.search("strike -ferry").items} == set()
    assert {h.article.id for h in news.search("strike NOT island").items} == {"port"}
    assert {h.article.id for h in news.search("isla*").items} == {"ferry"}


def test_common_words_are_searchable_on_every_backend(store: Store) -> None:
    """A fact-checker looking up a line made only of common words ("to be or not to be") finds it on
    PostgreSQL too, whose English index leaves such words out."""
    store.upsert_articles([
        make_article("hamlet", title="Council debate", text="“To be or not to be,” the mayor said of the ferry."),
        make_article("ferry", title="Ferry news", text="Crossings resume on Monday after repairs."),
        make_article("not", title="Schedule", text="Not every crossing will be on time, officials warned."),
    ])
    assert {h.article.id for h in store.search('"to be or not to be"').items} == {"hamlet"}
    assert {h.article.id for h in store.search("the").items} == {"hamlet"}
    assert {h.article.id for h in store.search("the ferry").items} == {"hamlet"}  # both words, as on SQLite
    assert {h.article.id for h in store.search("the OR repairs").items} == {"hamlet", "ferry"}
    assert {h.article.id for h in store.search("crossing -not").items} == {"ferry"}
    hit = store.search('"to be or not to be"').items[0]
    assert "<mark>" in hit.snippet.lower() and "be" in hit.snippet.lower()


def test_punctuation_in_plain_words_is_not_a_syntax_error(news: Store) -> None:
    for query in ("crossing's", "U.S. ferry", "co-operation", "ferry:", "(strike", "50%"):
        news.search(query)  # no exception: words are quoted for the engine


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "strike AND", "OR strike", "-ferry", "NOT ferry"])
def test_malformed_query_raises_a_readable_query_error(news: Store, query: str) -> None:
    with pytest.raises(QueryError) as info:
        news.search(query)
    message = str(info.value)
    assert query in message and "Malformed search query" in message


def test_snippet_without_a_query_is_the_escaped_start_of_the_article(store: Store) -> None:
    store.upsert_articles([make_article("x", standfirst=None, text="Fish & chips <b>cost</b> more. " * 20)])
    snippet = store.search(None).items[0].snippet
    assert snippet.startswith("Fish &amp; chips &lt;b&gt;cost&lt;/b&gt; more.")
    assert snippet.endswith("…") and len(snippet) < 400


def test_every_backend_implements_the_whole_store_interface(store: Store) -> None:
    assert isinstance(store, Store)


def test_many_equally_ranked_copies_page_by_date_then_id(store: Store) -> None:
    # 60 copies of one wire story rank alike: pages follow the date (newest first, undated last),
    # then the id, and together list every copy once.
    text = "The lighthouse keeper of Grisholm retired after forty years on the rock."
    copies = [
        make_article(f"copy-{i:02d}", title="Keeper retires", text=text, site="wire.example",
                     published=None if i % 7 == 0 else f"2024-05-{1 + i % 20:02d}T09:00:00+00:00")
        for i in range(60)
    ]
    store.upsert_articles([*copies, make_article("other", title="Harbour news", text="Grisholm harbour reopens.")])
    seen = [h.article.id for off in (0, 20, 40) for h in store.search("lighthouse keeper", limit=20, offset=off).items]
    expected = sorted(copies, key=lambda a: a.id)
    expected.sort(key=lambda a: a.published or "", reverse=True)
    expected.sort(key=lambda a: a.published is None)
    assert seen == [a.id for a in expected]
    assert store.search("lighthouse keeper", limit=20).total == 60
