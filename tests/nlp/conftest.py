from __future__ import annotations

import pytest

from presswatch.model import Article, content_hash
from presswatch.nlp import annotate


def article_from(*paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(
        id="t", url=None, site=None, title=None, standfirst=None, authors=(), published=None, language="en",
        paragraphs=tuple(paragraphs), text=text, source_path="t", content_hash=content_hash(text),
    )


@pytest.fixture
def annotated():
    def run(*paragraphs: str) -> Article:
        return annotate(article_from(*paragraphs))

    return run


@pytest.fixture
def quote_with():
    """The first quote of an article whose text holds ``fragment``; fails, listing the quotes, when none does."""

    def find(article: Article, fragment: str):
        found = [q for q in article.quotes if fragment in q.text]
        assert found, f"no quote containing {fragment!r} in {[q.text for q in article.quotes]}"
        return found[0]

    return find
