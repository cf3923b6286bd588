"""The one composition of the stages: RawDocument -> Article | Failure (extract, then NLP).

:func:`process_batch` is the unit of work every caller runs -- ``process()``, the local and Ray
executors, the web's /analyze and watch -- so a document is treated the same however it came in.
It never raises for a bad document: each one becomes a :class:`Failure` naming the stage and the
reason, in input order, and a document over its time budget (``PRESSWATCH_DOCUMENT_TIMEOUT_S``) too.
"""

from __future__ import annotations

from collections.abc import Sequence

from presswatch.budget import time_budget
from presswatch.config import document_timeout_s
from presswatch.errors import PressWatchError
from presswatch.extract import extract
from presswatch.model import Article, Failure, RawDocument
from presswatch.nlp import annotate, annotate_many


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return any(tag in head for tag in ("<!doctype html", "<html", "<body", "<head", "<article", "<p>", "<div"))


def raw_document(text_or_html: str, url: str | None = None, *, source_path: str = "<input>") -> RawDocument:
    """Scraped text or HTML as a document for :func:`process_batch` (its kind guessed from the markup)."""
    kind = "html" if looks_like_html(text_or_html) else "text"
    return RawDocument(source_path=source_path, content=text_or_html, kind=kind, url=url)


def failure_of(source_path: str, exc: Exception, stage: str = "process") -> Failure:
    """The failure record for an error met while processing ``source_path``."""
    if isinstance(exc, PressWatchError):
        return Failure(source_path, exc.stage, str(exc))
    # a bug or a library error must not stop the run; record it instead
    return Failure(source_path, stage, f"unexpected {type(exc).__name__}: {exc}")


def process_batch(
    raws: Sequence[RawDocument], *, raise_errors: bool = False, budget_s: float | None = None
) -> list[Article | Failure]:
    """Extract and annotate ``raws``: one Article or Failure per document, in input order.

    The NLP parse is batched (spaCy's ``nlp.pipe``), which is where nearly all the time goes. If the
    batched parse fails, the batch is annotated one by one so only the document at fault becomes a
    failure. ``raise_errors`` raises the first document's error instead of recording it;
    ``budget_s`` overrides the per-document time budget (0: none)."""
    budget = document_timeout_s() if budget_s is None else budget_s
    extracted: list[Article | Failure] = []
    for raw in raws:
        try:
            with time_budget(budget, "extraction"):
                extracted.append(extract(raw))
        except Exception as exc:
            if raise_errors:
                raise
            extracted.append(failure_of(raw.source_path, exc, "extract"))
    articles = [a for a in extracted if isinstance(a, Article)]
    try:
        with time_budget(budget * len(articles), "the batch"):
            annotated: list[Article | Failure] = list(annotate_many(articles))
    except Exception:
        annotated = []
        for article in articles:
            try:
                with time_budget(budget, "the language analysis"):
                    annotated.append(annotate(article))
            except Exception as exc:
                if raise_errors:
                    raise
                annotated.append(failure_of(article.source_path, exc, "nlp"))
    done = iter(annotated)
    return [next(done) if isinstance(x, Article) else x for x in extracted]


def process_or_failure(raw: RawDocument) -> Article | Failure:
    """:func:`process_batch` for one document."""
    return process_batch([raw])[0]


def process_document(raw: RawDocument) -> Article:
    """Extract and annotate one document. Raises a PressWatchError subclass on bad input."""
    (article,) = process_batch([raw], raise_errors=True, budget_s=0)
    assert isinstance(article, Article)
    return article


def process(text_or_html: str, url: str | None = None, *, source_path: str = "<input>") -> Article:
    """Turn scraped text or HTML into a clean, annotated Article (no database involved)."""
    return process_document(raw_document(text_or_html, url, source_path=source_path))


__all__ = ["failure_of", "looks_like_html", "process", "process_batch", "process_document", "process_or_failure", "raw_document"]
