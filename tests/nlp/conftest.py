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


def _parsed(spec: str, *, people: tuple[tuple[int, int], ...] = ()):
    """A Doc with a given parse, one token a line: ``word TAG POS dep head lemma`` (head is a token
    index). The repair rules are for parses the model sometimes makes; a test that fixes the parse
    shows a rule at work whatever a given model version does with a given sentence. ``people``: token
    ranges [start, end) labelled PERSON."""
    from spacy.tokens import Doc, Span

    from presswatch.nlp.pipeline import load_nlp

    rows = [line.split() for line in spec.strip().splitlines()]
    doc = Doc(
        load_nlp().vocab, words=[r[0] for r in rows], tags=[r[1] for r in rows], pos=[r[2] for r in rows],
        deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows], lemmas=[r[5] for r in rows],
    )
    doc.ents = [Span(doc, start, end, label="PERSON") for start, end in people]
    return doc


def _quotes_of(doc):
    from presswatch.nlp.people import find_people
    from presswatch.nlp.attribution import find_quotes

    return find_quotes(doc, doc.text, find_people(doc, doc.text))


@pytest.fixture
def parsed():
    """``parsed(spec, people=...)``: a Doc with a fixed parse (see ``_parsed``)."""
    return _parsed


@pytest.fixture
def quotes_of():
    """``quotes_of(doc)``: the quotes found in a fixed-parse Doc."""
    return _quotes_of
