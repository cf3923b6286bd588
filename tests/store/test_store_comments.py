"""Contract: reader comments are stored with time, counted, hidden by moderation, never lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from presswatch.errors import NotFound
from presswatch.store import Store
from store_fixtures import make_article


def test_add_list_hide_and_count(store: Store) -> None:
    store.upsert_articles([make_article("a1")])
    first = store.add_comment("a1", "Ann", "Good piece.")
    second = store.add_comment("a1", "Bob", "<script>alert(1)</script>")
    assert first.id != second.id
    created = datetime.fromisoformat(first.created_at)
    assert created.utcoffset() == timezone.utc.utcoffset(None)
    assert abs((datetime.now(timezone.utc) - created).total_seconds()) < 60
    assert [c.comment for c in store.comments("a1")] == ["Good piece.", "<script>alert(1)</script>"]
    assert store.get_article("a1").comments_count == 2

    hidden = store.hide_comment(second.id)
    assert hidden.hidden is True
    assert [c.id for c in store.comments("a1")] == [first.id]
    assert [c.id for c in store.comments("a1", include_hidden=True)] == [first.id, second.id]
    assert store.get_article("a1").comments_count == 1
    assert store.search(None).items[0].article.comments_count == 1


def test_comment_on_unknown_article_or_hiding_unknown_comment_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.add_comment("missing", "Ann", "Hello")
    with pytest.raises(NotFound):
        store.hide_comment(12345)


def test_concurrent_comments_are_never_lost(store: Store) -> None:
    store.upsert_articles([make_article("a1"), make_article("a2")])
    posts = [(f"a{1 + i % 2}", f"reader {i}", f"comment number {i}") for i in range(80)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: store.add_comment(*p), posts))
    assert len({c.id for c in results}) == 80
    stored = store.comments("a1") + store.comments("a2")
    assert sorted(c.comment for c in stored) == sorted(p[2] for p in posts)
    assert store.get_article("a1").comments_count == 40


def test_reads_from_many_threads_while_writing(store: Store) -> None:
    store.upsert_articles([make_article(f"a{i}", text=f"ferry story {i}") for i in range(20)])

    def read(i: int) -> int:
        if i % 5 == 0:
            store.add_comment("a0", "reader", f"comment {i}")
        return store.search("ferry", limit=50).total

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(read, range(60))) == {20}
    assert store.get_article("a0").comments_count == 12


def test_comments_from_two_separate_connections_to_one_database_are_never_lost(db_url: str) -> None:
    """Two stores on one database stand in for two server processes posting at once."""
    from presswatch.store import open_store

    first, second = open_store(db_url), open_store(db_url)
    try:
        first.upsert_articles([make_article("a1")])
        posts = [(first if i % 2 else second, f"comment {i}") for i in range(40)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda p: p[0].add_comment("a1", "reader", p[1]), posts))
        assert sorted(c.comment for c in second.comments("a1")) == sorted(p[1] for p in posts)
    finally:
        first.close()
        second.close()
