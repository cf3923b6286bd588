"""What a construction is.

A ``WordConstruction`` is anchored on one word of the parse (a cue verb, a cue noun, "according"):
``match(ctx, token)`` returns the evidence that the word is this construction's, or None, and
``candidates(ctx, token, evidence)`` the attributions it makes there. The finder offers each word to
the word constructions in order (``constructions.WORD_CONSTRUCTIONS``) and the first that matches
takes it -- possibly making no candidate, as a set phrase does ("That said, ..."). ``find(ctx)`` runs
one construction over a whole document on its own (tests, error analysis).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from presswatch.nlp.attribution.candidate import Candidate, is_cue
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import is_quoted


class WordConstruction:
    name: str = ""

    def match(self, ctx: QuoteContext, token) -> object | None:
        raise NotImplementedError

    def candidates(self, ctx: QuoteContext, token, evidence) -> Iterable[Candidate]:
        raise NotImplementedError

    def find(self, ctx: QuoteContext) -> Iterator[Candidate]:
        for token in ctx.doc:
            evidence = self.match(ctx, token)
            if evidence is not None:
                yield from self.candidates(ctx, token, evidence)


def verb_cue(ctx: QuoteContext, token) -> bool:
    """A verb of the cue lexicon, outside quotation marks (inside, it is the quoted speaker's own word)."""
    return is_cue(token, ctx.cues) and not is_quoted(token.idx, ctx.quoted)


def word_candidates(ctx: QuoteContext, constructions: Iterable[WordConstruction]) -> list[Candidate]:
    """Each word of the document offered to the constructions in order; the first that matches takes it."""
    constructions = tuple(constructions)
    found: list[Candidate] = []
    for token in ctx.doc:
        for construction in constructions:
            evidence = construction.match(ctx, token)
            if evidence is not None:
                found += construction.candidates(ctx, token, evidence)
                break
    return found
