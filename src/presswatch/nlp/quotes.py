"""Who said what: the quote finder lives in ``presswatch.nlp.attribution``; these names stay here for callers."""

from __future__ import annotations

from presswatch.nlp.attribution import QuoteConfig, QuotedSpan, find_quoted_spans, find_quotes

__all__ = ["QuoteConfig", "QuotedSpan", "find_quoted_spans", "find_quotes"]
