"""As-clause: "As the Herald noted, the toll would double", "The toll, as Lee put it, is a scandal": the
clause an as-clause of saying is set in is what was said."""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction, verb_cue
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.speakers.rules import subject_of

# verbs of saying and reporting that, in an as-clause, vouch for the clause around it
_AS_CUES = {
    "say", "note", "report", "write", "observe", "point", "explain", "argue", "put", "reveal", "suggest", "predict",
    "claim", "warn", "document", "detail", "show", "recall", "acknowledge", "concede", "admit", "contend", "conclude",
    "find", "tell", "remark", "mention", "state", "describe", "emphasize", "stress", "indicate", "assert", "insist",
    "add", "tweet", "disclose", "confirm", "announce", "testify", "allege", "estimate", "calculate", "quip",
}


def as_clause_content(token) -> tuple[int, int] | None:
    """Token range of the clause the as-clause headed by ``token`` vouches for (the clause around it,
    as-clause included when it sits inside), or None when ``token`` heads no such as-clause."""
    if token.dep_ != "advcl" or token.lemma_.lower() not in _AS_CUES:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.lower_ != "it" for c in token.children):
        return None  # "as Lee claimed that ...": the verb has content of its own
    if token.lemma_.lower() == "put" and not any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return None  # "as Lee put it", not "as Lee put the plan"
    head = token.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    doc = token.doc
    first, last = head.left_edge.i, head.right_edge.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if token.left_edge.i == first:
        first = token.right_edge.i + 1
    elif token.right_edge.i >= last:
        last = token.left_edge.i - 1
    return first, last


class AsClause(WordConstruction):
    name = "as-clause"

    def match(self, ctx: QuoteContext, token):
        return as_clause_content(token) if verb_cue(ctx, token) else None

    def candidates(self, ctx: QuoteContext, token, content) -> Iterator[Candidate]:
        span = trim(ctx.doc, *content)
        if span:
            source = subject_of(token, quoted=ctx.quoted)
            yield Candidate(span[0], span[1], token, cue_phrase(token), source, construction=Construction.AS_CLAUSE)
