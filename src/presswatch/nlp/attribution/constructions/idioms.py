"""Set phrases with a verb of saying that report nobody's words: "That said, ...", "suffice it to say",
"and I quote", "also known as"."""

from __future__ import annotations

from presswatch.nlp.attribution.constructions.base import WordConstruction, verb_cue
from presswatch.nlp.attribution.context import QuoteContext


def _words_around(token, before: int, after: int) -> tuple[list[str], list[str]]:
    doc = token.doc
    return (
        [t.lower_ for t in doc[max(0, token.i - before) : token.i]],
        [t.lower_ for t in doc[token.i + 1 : token.i + 1 + after]],
    )


def discourse_idiom(token) -> bool:
    """A verb of saying in a set phrase that reports nobody's words: "That said, ...", "Having said
    that, ...", "suffice it to say", "to say the least", "Lee said, and I quote, “...”"."""
    before, after = _words_around(token, 3, 3)
    word = token.lower_
    if word == "said" and before[-1:] == ["that"] and after[:1] == [","]:
        return token.i == token.sent.start + 1 or token.doc[token.i - 2].is_punct
    if word == "said" and before[-1:] == ["having"] and after[:2] == ["that", ","]:
        return True
    if word == "say" and (before[-3:] == ["suffice", "it", "to"] or before[-1:] == ["to"] and after[:2] == ["the", "least"]):
        return True
    if word == "known" and "as" in after[:2]:
        return True  # "the Islamic State, also known as Daesh": a name, not anyone's knowledge
    return word == "quote" and before[-1:] == ["i"] and (before[-2:-1] in (["and"], [","]))


class DiscourseIdiom(WordConstruction):
    """Takes the cue word of a set phrase so that no later construction reads it as a report."""

    name = "set phrase"

    def match(self, ctx: QuoteContext, token):
        return True if verb_cue(ctx, token) and discourse_idiom(token) else None

    def candidates(self, ctx: QuoteContext, token, evidence):
        return ()
