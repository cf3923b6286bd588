"""Article -> entities, people with roles, quotes (who said what).

The model reads English: an article in another language (``Article.language``, read off its text at
extraction) is stored and searchable, but gets no entities, people or quotes rather than the English
model's misreadings of it.

``annotate`` is the stage entry point; ``annotate_many`` parses a batch through ``nlp.pipe``
(much faster for archives). ``annotate_parsed`` does the work on an existing spaCy Doc, so the
benchmark and the ingest runner share one code path.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator

from presswatch.model import Article, replace

# spaCy and the model load when the stage is first used, not on import: the word lists in
# ``nlp.lexicon`` are read by the store and the CLI, which never parse.
_LAZY = {"load_nlp": "presswatch.nlp.pipeline", "find_quoted_spans": "presswatch.nlp.attribution"}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'presswatch.nlp' has no attribute {name!r}")


def annotate_parsed(article: Article, doc) -> Article:
    """Fill entities, people and quotes of ``article`` from its parsed text ``doc``."""
    from presswatch.nlp.component import attach_quotes
    from presswatch.nlp.people import entities_of, find_people

    people = find_people(doc, article.text)
    people.authors = article.authors
    quotes = attach_quotes(doc, article.text, people)  # the "presswatch_quotes" component's own code
    return replace(article, entities=entities_of(doc, article.text, people), people=tuple(people.people), quotes=quotes)


#: the languages the packaged model reads
MODEL_LANGUAGES = frozenset({"en"})


def reads(article: Article) -> bool:
    """Whether the model can read ``article``: some text, in a language it knows."""
    return bool(article.text.strip()) and (article.language or "en") in MODEL_LANGUAGES


_ZONE_LOCK = threading.RLock()
_WARMED: set[int] = set()


@contextlib.contextmanager
def _transient_strings() -> Iterator[None]:
    """Parse inside a spaCy memory zone: the strings and lexemes a batch brings (names, numbers, new
    words) are freed with its docs, where spaCy otherwise keeps every one for the life of the process
    and a long ingest grows without bound. Zones neither nest nor mix with a parse outside them, so
    parses take turns; the first parse of a freshly loaded model runs outside a zone, so whatever
    its components set up on first use stays."""
    from presswatch.nlp.pipeline import load_nlp

    nlp = load_nlp()
    with _ZONE_LOCK:
        if id(nlp) not in _WARMED or nlp.vocab.in_memory_zone:
            _WARMED.add(id(nlp))
            yield
            return
        with nlp.memory_zone():
            yield


def annotate(article: Article) -> Article:
    """Fill ``entities``, ``people`` and ``quotes`` of an article (left empty when the model cannot read it)."""
    if not reads(article):
        return article
    from presswatch.nlp.pipeline import parse_text

    with _transient_strings():
        return annotate_parsed(article, parse_text(article.text))


def annotate_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Article]:
    """``annotate`` for many articles, parsed in batches; yields in input order."""
    from presswatch.nlp.pipeline import parse_texts

    batch = list(articles)
    readable = [a for a in batch if reads(a)]
    with _transient_strings():
        docs = iter(parse_texts((a.text for a in readable), batch_size=batch_size))
        for article in batch:
            yield annotate_parsed(article, next(docs)) if reads(article) else article


__all__ = ["MODEL_LANGUAGES", "annotate", "annotate_many", "annotate_parsed", "find_quoted_spans", "load_nlp", "reads"]
