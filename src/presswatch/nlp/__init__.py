"""Article -> entities, people with roles, quotes (who said what).

``annotate`` is the stage entry point; ``annotate_many`` parses a batch through ``nlp.pipe``
(much faster for archives). ``annotate_parsed`` does the work on an existing spaCy Doc, so the
benchmark and the ingest runner share one code path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from presswatch.model import Article, replace
from presswatch.nlp.component import attach_quotes
from presswatch.nlp.people import entities_of, find_people
from presswatch.nlp.pipeline import load_nlp, parse_text, parse_texts
from presswatch.nlp.attribution import find_quoted_spans


def annotate_parsed(article: Article, doc) -> Article:
    """Fill entities, people and quotes of ``article`` from its parsed text ``doc``."""
    people = find_people(doc, article.text)
    people.authors = article.authors
    quotes = attach_quotes(doc, article.text, people)  # the "presswatch_quotes" component's own code
    return replace(article, entities=entities_of(doc, article.text, people), people=tuple(people.people), quotes=quotes)


def annotate(article: Article) -> Article:
    """Fill ``entities``, ``people`` and ``quotes`` of an article."""
    if not article.text.strip():
        return article
    return annotate_parsed(article, parse_text(article.text))


def annotate_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Article]:
    """``annotate`` for many articles, parsed in batches; yields in input order."""
    batch = list(articles)
    for article, doc in zip(batch, parse_texts((a.text for a in batch), batch_size=batch_size)):
        yield annotate_parsed(article, doc)


__all__ = ["annotate", "annotate_many", "annotate_parsed", "find_quoted_spans", "load_nlp"]
