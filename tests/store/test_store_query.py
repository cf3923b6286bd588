"""The search query language: any text is either a valid search on every backend or a QueryError."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presswatch.errors import QueryError
from presswatch.store import Store
from presswatch.store.query import parse_query, to_fts5
from store_fixtures import make_article

QUERY_ALPHABET = st.sampled_from(list('ab "*-:()^+.,\'%_\\') + ["AND", "OR", "NOT", "NEAR", " ferry ", "é", "\u00a0", "\ue000"])


def test_words_are_quoted_so_only_our_operators_are_syntax() -> None:
    assert to_fts5(parse_query("ferry strike")) == '("ferry" AND "strike")'
    assert to_fts5(parse_query('say "hi" NEAR col:x')) == '("say" AND "hi" AND "NEAR" AND "col:x")'
    assert to_fts5(parse_query("a OR b -c")) == '("a") OR (("b") NOT "c")'
    assert to_fts5(parse_query('he said "ok"')) == '("he" AND "said" AND "ok")'


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(QUERY_ALPHABET, max_size=12).map("".join))
@example(query='_*')
@example(query='*')
@example(query='-')
@example(query='""')
@example(query='a:*')
@example(query='\\')
@example(query='ferry*')
@example(query='a "b c" OR -d')
@example(query='NEAR(a b)')
@example(query='a^')
@example(query="'")
@example(query='%_')
def test_any_text_is_a_search_or_a_query_error(store: Store, query: str) -> None:
    if not store.count_articles():
        store.upsert_articles([make_article("a1", title="Ferry", text="ferry a b strike")])
    try:
        page = store.search(query)
    except QueryError as exc:
        assert "search query" in str(exc)
    else:
        assert page.total >= 0
        for hit in page.items:
            assert "<script" not in hit.snippet
