from __future__ import annotations

import pytest


@pytest.fixture
def context_of():
    """``context_of(text)``: the QuoteContext of a parsed text, for running one construction on its own."""
    from presswatch.nlp.attribution import QuoteContext
    from presswatch.nlp.people import find_people
    from presswatch.nlp.pipeline import parse_text

    def build(text: str) -> QuoteContext:
        doc = parse_text(text)
        return QuoteContext.build(doc, text, find_people(doc, text))

    return build


@pytest.fixture
def only_quote():
    """The one quote of an article; fails, listing them, when there are more or none."""

    def one(article):
        assert len(article.quotes) == 1, [(q.speaker, q.cue, q.text) for q in article.quotes]
        return article.quotes[0]

    return one
