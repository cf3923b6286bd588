"""According to: "the toll would double, according to the port authority"."""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.speakers.rules import source_behind_document


class AccordingTo(WordConstruction):
    """The longer side of the sentence around "according to X" is what X says."""

    name = "according to"

    def match(self, ctx: QuoteContext, token):
        doc = ctx.doc
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            return doc[token.i + 1]
        return None

    def candidates(self, ctx: QuoteContext, token, to) -> Iterator[Candidate]:
        doc = ctx.doc
        source = source_behind_document(next((c for c in to.children if c.dep_ == "pobj"), None))
        sent = token.sent
        phrase_first, phrase_last = token.i, max(token.right_edge.i, to.right_edge.i)
        before = (sent.start, phrase_first - 1)
        after = (phrase_last + 1, sent.end - 1)
        first, last = max((before, after), key=lambda r: r[1] - r[0])
        span = trim(doc, first, last)
        if span:
            yield Candidate(span[0], span[1], token, "according to", source, construction=Construction.ACCORDING)
