"""Parenthetical cue: "The plan, said Ann Lee, would fail": a cue set off by commas credits the phrase
beside it with the sentence around the insertion."""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction, verb_cue
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.speakers.rules import SUBJECT_DEPS

RELATIVE_WORDS = {"which", "who", "whom", "what", "whatever"}

# a noun phrase inside a parenthetical attribution: determiners, modifiers, names, "and"
PHRASE_POS = {"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "CCONJ", "PART", "PUNCT"}

MAX_PARENTHETICAL = 8  # tokens between the two commas

# verbs that stand before their subject in an insertion: "..., said Lee, ..."
INVERTING_CUES = {
    "say", "add", "write", "explain", "note", "recall", "continue", "argue", "insist", "ask", "report",
    "observe", "conclude", "acknowledge", "admit", "agree", "contend", "predict", "warn", "claim", "tell",
}


def comma_before(token) -> int:
    """The nearest comma before a cue within a short insertion's reach, else where the search stopped
    (the sentence start, or ``MAX_PARENTHETICAL`` tokens back): the caller checks for the comma."""
    doc, sent = token.doc, token.sent
    left = token.i - 1
    while left > sent.start and doc[left].text != "," and token.i - left <= MAX_PARENTHETICAL:
        left -= 1
    return left


def clause_start_before(token, left: int) -> int:
    """Where the stretch of the cue's sentence before token ``left`` begins: the sentence start, or just
    after a ";" or ":" in it."""
    doc, sent = token.doc, token.sent
    first = left - 1
    while first > sent.start and doc[first - 1].text not in (";", ":"):
        first -= 1
    return first


def parenthetical_cue(token):
    """ "The plan, said Ann Lee and others, would fail", "Holt, a senior aide said, “is ready”": a
    finite cue set off by commas with nothing but its speaker beside it, in a sentence that goes on
    both sides. Returns (speaker, first, last): the head of the speaker's phrase and the token range
    of the sentence around the insertion; None for any other cue."""
    if token.tag_ not in ("VBD", "VBZ", "VBP") or token.pos_ != "VERB":
        return None
    doc, sent = token.doc, token.sent
    left = comma_before(token)
    right = token.i + 1
    while right < sent.end - 1 and doc[right].text != "," and right - token.i <= MAX_PARENTHETICAL:
        right += 1
    if not (left > sent.start and doc[left].text == "," and right < sent.end - 1 and doc[right].text == ","):
        return None
    phrase = [t for t in doc[left + 1 : right] if t.i != token.i]
    # the speaker stands on one side of the cue only, and is a phrase, not a clause or a quotation;
    # after the cue only where English inverts ("said Lee", never "urged a strong stand")
    if not phrase or not (phrase[-1].i < token.i or phrase[0].i > token.i and token.lemma_.lower() in INVERTING_CUES):
        return None
    if any(t.pos_ not in PHRASE_POS or t.text in ("“", "”", '"', "''", "``", "—", "–", "-") for t in phrase):
        return None
    if phrase[0].pos_ in ("CCONJ", "PUNCT") or phrase[-1].pos_ == "CCONJ":
        return None  # "..., but I said, hey, ...": a clause of its own
    if any(t.lower_ in RELATIVE_WORDS or t.lower_ == "that" for t in phrase):
        return None  # "the war, which most Whigs opposed, ..."
    if (
        phrase[0].i > token.i
        and phrase[0].tag_ == "PRP$"
        and not any(c.dep_ in SUBJECT_DEPS and c.i > token.i for c in token.children)
    ):
        return None  # "Holt, who led the council for years, said their speeches, ...": no insertion
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns or any("\n" in t.text for t in doc[left:right + 1]):
        return None
    following = doc[right + 1] if right + 1 < sent.end else None
    if following is None or following.is_punct or following.is_space:
        return None  # "..., she said, “...”": the quotation rules take it
    appositive = any(n.left_edge.i <= following.i <= n.right_edge.i and n.right_edge.i >= sent.end - 2 for n in nouns)
    # the head of the phrase: its first noun that no other noun of the phrase governs
    inside = {t.i for t in phrase}
    heads = [t for t in nouns if not (t.head.i in inside and t.head.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ != "conj")]
    speaker = heads[0] if heads else nouns[-1]
    if appositive:
        # "A is B: C, said Ben Marsh, an expert at the institute.": the speaker's description ends
        # the sentence; what he said is all that stands before it
        return speaker, sent.start, left - 1
    # what is reported is the sentence around the insertion, or its part between ";" and ":"
    first = clause_start_before(token, left)
    last = right + 1
    while last < sent.end - 1 and doc[last + 1].text not in (";", ":"):
        last += 1
    return speaker, first, last


class Parenthetical(WordConstruction):
    name = "parenthetical"

    def match(self, ctx: QuoteContext, token):
        return parenthetical_cue(token) if verb_cue(ctx, token) else None

    def candidates(self, ctx: QuoteContext, token, found) -> Iterator[Candidate]:
        speaker, first, last = found
        span = trim(ctx.doc, first, last)
        if span:
            yield Candidate(span[0], span[1], token, cue_phrase(token), speaker, construction=Construction.PARENTHETICAL)
