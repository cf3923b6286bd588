"""presswatch.comments: the validation every front end shares, and storing comments safely."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from presswatch.comments import COMMENT_MAX_CHARS, NAME_MAX_CHARS, post_comment, validate_comment
from presswatch.errors import NotFound, ValidationError
from presswatch.store import open_store

from web_corpus import Corpus


def errors_of(name: str, comment: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate_comment(name, comment)
    return info.value.errors


def test_exact_messages_for_empty_fields():
    assert errors_of("", "") == {"comment": "Please enter your comment!", "name": "Please enter your name here"}
    assert errors_of("Ana", "") == {"comment": "Please enter your comment!"}
    assert errors_of("", "Hello") == {"name": "Please enter your name here"}


def test_whitespace_only_counts_as_empty():
    assert errors_of(" \t", "\n \n") == {"comment": "Please enter your comment!", "name": "Please enter your name here"}


def test_length_limits_say_the_limit():
    validate_comment("A" * NAME_MAX_CHARS, "x" * COMMENT_MAX_CHARS)  # exactly at the limits is fine
    errors = errors_of("A" * (NAME_MAX_CHARS + 1), "x" * (COMMENT_MAX_CHARS + 1))
    assert str(NAME_MAX_CHARS) in errors["name"] and str(COMMENT_MAX_CHARS) in errors["comment"]


def test_other_refusals():
    assert "one line" in errors_of("Ana\nBob", "Hi")["name"]
    assert "control characters" in errors_of("Ana", "Hi\x00there")["comment"]


def test_post_comment_stores_trimmed_text_with_time(corpus: Corpus):
    store = open_store(corpus.db)
    try:
        saved = post_comment(store, "ferry0001", "  Ana ", "  First!\nSecond line.  ")
        assert (saved.name, saved.comment, saved.article_id) == ("Ana", "First!\nSecond line.", "ferry0001")
        posted = datetime.fromisoformat(saved.created_at.replace("Z", "+00:00"))
        assert abs((datetime.now(timezone.utc) - posted).total_seconds()) < 60
        assert store.comments("ferry0001") == [saved]
        assert store.get_article("ferry0001").comments_count == 1
        with pytest.raises(ValidationError):
            post_comment(store, "ferry0001", "", "")
        with pytest.raises(NotFound):
            post_comment(store, "no-such-article", "Ana", "Hello")
        assert len(store.comments("ferry0001")) == 1
    finally:
        store.close()


def test_concurrent_posts_are_never_lost(corpus: Corpus):
    """The web app posts from a thread pool; every comment must land, each with its own id."""
    store = open_store(corpus.db)
    try:
        def post(i: int) -> int:
            return post_comment(store, "tram00001", f"Reader {i}", f"Comment number {i}").id

        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = list(pool.map(post, range(40)))
        assert len(set(ids)) == 40
        stored = store.comments("tram00001")
        assert sorted(c.comment for c in stored) == sorted(f"Comment number {i}" for i in range(40))
    finally:
        store.close()
