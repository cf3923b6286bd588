"""Boundary passes: where a candidate's words begin and end.

Each pass takes the context and the candidates and returns the candidates, in order; most look at one
candidate at a time (``each``), a few compare a candidate with the others (a nested report, another
speaker's clause inside a clause). ``CLAUSE_BOUNDARIES`` runs on the cue clauses before the
quotations standing alone are read; ``end_before_next_speaker`` and ``end_after_quotation`` later.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice

from presswatch.nlp.attribution.candidate import MIN_CONTENT_WORDS, Candidate, Construction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import (
    OPENERS,
    QuotedSpan,
    is_quoted,
    letter_count,
    overlap,
    paragraph_end,
    quoted_letter_count,
    tokens_starting_in,
)
from presswatch.nlp.attribution.speakers.rules import INTRO_PRONOUNS
from presswatch.nlp.lexicon import speech_acts

Pass = Callable[[QuoteContext, list[Candidate]], list[Candidate]]


def each(step: Callable[[QuoteContext, Candidate], Candidate | None]) -> Pass:
    """A pass that moves the ends of one candidate at a time (None drops it)."""

    def run(ctx: QuoteContext, candidates: list[Candidate]) -> list[Candidate]:
        return [c for c in (step(ctx, c) for c in candidates) if c is not None]

    run.__name__ = run.__qualname__ = step.__name__
    run.__doc__ = step.__doc__
    return run


@each
def within_cue_paragraph(ctx: QuoteContext, att: Candidate) -> Candidate | None:
    """A reported clause ends at its paragraph: the parser sometimes runs a sentence on into the
    next paragraph (a quotation that opens it), which is a different attribution."""
    if att.cue is None:
        return att
    text = ctx.text
    para_start = text.rfind("\n", 0, att.cue.idx) + 1
    para_end = paragraph_end(text, att.cue.idx)
    start, end = max(att.start, para_start), min(att.end, para_end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not re.search(r"\w", text[start:end]):
        return None
    att.start, att.end = start, end
    return att


def without_nested(ctx: QuoteContext, atts: list[Candidate]) -> list[Candidate]:
    """Drop a reported event inside someone's reported speech: in "X said the city had offered
    crews a bonus and accused the union of ...", "offered" and "accused" are what X said, not
    separate attributions (PolNeAR annotates such nested events, and the benchmark would gain by
    keeping them, but a quote whose speaker is "the city" and cue "offered" is wrong for the reader).
    A nested cue that takes a clause ("X said Y warned that ...") is speech of its own and stays, and
    so does a nested act of speech with a subject of its own ("Brede said the union had condemned the
    timetable"). A nested cue with no subject that continues the outer clause ("agreed to share the
    cost") repeats the outer quote's words: dropped."""
    relations = ctx.relations
    kept = []
    for att in atts:
        if att.cue is not None and att.construction is Construction.CUE:
            outer = any(
                o is not att and o.cue is not None and o.start <= att.cue.idx < o.end and o.cue.i != att.cue.i
                for o in atts
            )
            speech = (att.cue.lemma_.lower(), "ccomp") in relations
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in att.cue.children)
            if own_subject and att.cue.lemma_.lower() in speech_acts():
                speech = True
            if outer and not speech:
                continue
            if outer and att.cue.dep_ in ("xcomp", "conj") and not own_subject:
                continue  # "agreed to share the cost", "would survey the damage and consider loans": the same words
        kept.append(att)
    return kept


_CLAUSE_LINKS = ("advcl", "conj", "parataxis")

_CONTRASTS = {"while", "whereas", "whilst"}


def end_before_own_clauses(ctx: QuoteContext, atts: list[Candidate]) -> list[Candidate]:
    """ "Rubio suggested that X, while Cruz said that Y": a reported clause ends before another
    speaker's clause the parser hung inside it (an adverbial, coordinated or run-on clause with its
    own subject and cue), which is that speaker's attribution, not more of the first one's words.
    Adverbial clauses only when they contrast ("while", "whereas"): "after he suggested ...", "because
    Congress agreed ..." belong to what was reported."""
    text = ctx.text
    for outer in atts:
        if outer.cue is None or outer.construction is not Construction.CUE:
            continue
        cut = outer.end
        for inner in atts:
            if inner is outer or inner.cue is None or inner.construction is not Construction.CUE or inner.subject is None:
                continue
            cue, subject = inner.cue, inner.subject
            if not (outer.start < cue.idx < outer.end and outer.start < subject.idx < outer.end):
                continue
            if subject.head.i != cue.i or subject.dep_ not in ("nsubj", "nsubjpass"):
                continue  # only a clause that names its own speaker
            # how the inner clause hangs in the outer one: through a clause link, not as its complement
            node, linked = cue, False
            while node.head.i != node.i and node.i != outer.cue.i:
                if node.dep_ in _CLAUSE_LINKS:
                    contrast = any(c.dep_ == "mark" and c.lower_ in _CONTRASTS for c in node.children)
                    linked = node.dep_ != "advcl" or contrast
                    break
                if node.dep_ in ("ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj"):
                    break
                node = node.head
            if not linked:
                continue
            edge = min(t.idx for t in node.subtree)
            if outer.start < edge < cut:
                cut = edge
        if cut < outer.end:
            end = cut
            while end > outer.start and (text[end - 1] in " ,;:—–-" or text[end - 1].isspace()):
                end -= 1
            for word in (" and", " but", " while", " as", " whereas"):
                if text[outer.start : end].endswith(word):
                    end -= len(word)
            while end > outer.start and text[end - 1] in " ,;":
                end -= 1
            if len(re.findall(r"\w+", text[outer.start : end])) >= MIN_CONTENT_WORDS:
                outer.end = end
    return atts


_TAIL_EXTRAS = {"on", "in", "at", "during", "last", "this", "earlier", "later", "early", "late"}


def tail_reporters(ctx: QuoteContext, atts: list[Candidate]) -> list[Candidate]:
    """ "Haldor said the ferry would run on time, the Harbour Times reported.": a cue that closes its
    sentence after a comma, with its own subject, reports everything before it -- Haldor's words and
    that she said them -- and the clauses before it end at that comma."""
    doc = ctx.doc
    for tail in atts:
        cue = tail.cue
        if cue is None or tail.construction is not Construction.CUE:
            continue
        if cue.pos_ != "VERB" or cue.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
            continue
        comma = subject.left_edge.i - 1
        sent = cue.sent
        if comma <= sent.start + 2:
            continue
        boundary = doc[comma].idx
        if doc[comma].text in ("”", '"', "''", "»") and doc[comma - 1].text == ",":
            boundary = doc[comma].idx + len(doc[comma].text)  # "“No comment,” the Times reported"
        elif doc[comma].text != ",":
            continue
        after = [t for t in doc[cue.i + 1 : sent.end] if not t.is_punct and not t.is_space]
        if any(t.ent_type_ not in ("DATE", "TIME") and t.lower_ not in _TAIL_EXTRAS and t.pos_ != "ADV" for t in after):
            continue  # "..., the Times reported in 1991." only: a cue with words of its own after it is no tail
        before = [a for a in atts if a is not tail and a.cue is not None and sent.start <= a.cue.idx < boundary]
        if not before:
            continue
        start_tok = sent.start
        opening = ("“", '"', "``", "«")
        while start_tok < comma and (
            doc[start_tok].is_space or doc[start_tok].is_punct and doc[start_tok].text not in opening
        ):
            start_tok += 1
        tail.start, tail.end = doc[start_tok].idx, boundary
        for other in before:
            if other.start < boundary < other.end:
                other.end = boundary
    return atts


_ACCORDING_TAIL = re.compile(r",?\s+(?:—\s+)?according to\b", re.I)


@each
def end_before_according_to(ctx: QuoteContext, att: Candidate) -> Candidate:
    """A reported clause ends before the writer's credit for the report: "the campaign announced that
    it hired Lee, according to Northwire"."""
    text = ctx.text
    m = _ACCORDING_TAIL.search(text, att.start, att.end) if att.construction is Construction.CUE else None
    if m is None or att.cue is None or att.cue.idx >= m.start():
        return att
    if re.search(r"\w", text[att.start : m.start()]):
        att.end = m.start()
    return att


@each
def end_at_quotation_before_cue(ctx: QuoteContext, att: Candidate) -> Candidate:
    """ "“As mayor, I will not be neutral,” Lee said, in another shot aimed at Brede": the parser hangs
    the writer's words after the cue on the quoted clause; a cue clause that runs from a quotation over
    its own cue into unquoted words ends at that quotation."""
    text, speech = ctx.text, ctx.speech
    cue = att.cue
    if cue is None or att.construction is not Construction.CUE or not att.start < cue.idx < att.end:
        return att
    before = [q for q in speech if att.start <= q.end <= cue.idx and q.start < cue.idx]
    if not before or is_quoted(cue.idx, speech):
        return att
    last = max(before, key=lambda q: q.end)
    head_letters = letter_count(text, att.start, last.end)
    if quoted_letter_count(text, att.start, last.end, speech) < 0.9 * max(head_letters, 1):
        return att  # the words before the cue are not all quotation
    if quoted_letter_count(text, cue.idx, att.end, speech):
        return att  # "“A,” he said, “B”": the quotation goes on after the cue
    att.end = last.end
    return att


def _end_before_next_speaker(
    doc, text: str, att: Candidate, speech: list[QuotedSpan], reporting: frozenset[str]
) -> None:
    """ "When someone shouted, “Lee,” Park joked, “Amen!”": a reported clause the parser ran on past
    its quotation into another speaker's tag ends with that quotation."""
    inside = [q for q in speech if att.start <= q.start and q.end <= att.end]
    if not inside:
        return
    last = inside[0].end
    for token in islice(tokens_starting_in(doc, last, att.end), 6):
        if token.pos_ != "VERB" or token.lemma_.lower() not in reporting or is_quoted(token.idx, speech):
            continue
        nxt = token.i + 1
        while nxt < len(doc) and doc[nxt].text in (",", ":"):
            nxt += 1
        opens = nxt < len(doc) and (doc[nxt].text in OPENERS or doc[nxt].text == '"')
        named = any(
            c.dep_ == "nsubj" and c.idx >= last and not is_quoted(c.idx, speech)
            and (c.pos_ == "PROPN" or c.lower_ in INTRO_PRONOUNS)
            for c in token.children
        )
        if opens and named:
            end = last
            while end > att.start and text[end - 1] in " ,”\"'’»":
                end -= 1
            att.end = end
            return


_TAIL_BOUNDARY = re.compile(
    r",\s+(?:which|who|whom|whose)\b"
    r"|,?\s+(?:in|on|during|at|with|via)\s+(?:an?|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:interview|tweet|statement|speech|post|blog|appearance|op-ed|video|broadcast|conference|call|email|letter)s?\b"
    r"|,?\s+(?:on|via)\s+(?:Twitter|Facebook|Instagram|television|radio)\b"
    r"|,?\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _end_after_quotation(text: str, att: Candidate, speech: list[QuotedSpan]) -> None:
    """ "Lee said the plan was “a gift to commuters,” which the union disputes": a reported clause
    with quoted words ends at a relative clause after its last quotation -- what follows comments
    on the words and is the reporter's -- and at the medium or day it was said in ("... “rigged” in
    a tweet on Tuesday"). A cut at "but", a dash or a participle cost more recall than it won."""
    inside = [q for q in speech if att.start <= q.start and q.end <= att.end]
    if not inside:
        return
    last = inside[-1].end
    while last < att.end and text[last] in "”»\"'":
        last += 1
    # “...,” which ...: a comma inside the closing mark opens the relative clause as well
    comma = "," if text[inside[-1].start : inside[-1].end].rstrip().endswith(",") else ""
    m = _TAIL_BOUNDARY.search(comma + text[last : att.end])
    if m is None:
        return
    end = max(last, last + m.start() - len(comma))
    while end > att.start and text[end - 1] in " ,":
        end -= 1
    if re.search(r"\w", text[inside[0].start : end]):
        att.end = end


@each
def snap_to_quotation(ctx: QuoteContext, att: Candidate) -> Candidate:
    """A clause that is (nearly) all one quotation takes the quotation's exact bounds (marks excluded)."""
    for q in ctx.quoted:
        if att.cue is not None and q.start <= att.cue.idx < q.end:
            continue
        ov = overlap(att.start, att.end, q.start, q.end)
        if ov and ov >= 0.8 * (att.end - att.start) and q.end - q.start <= 1.5 * (att.end - att.start) + 20:
            att.start, att.end = q.start, q.end
    return att


@each
def end_before_next_speaker(ctx: QuoteContext, att: Candidate) -> Candidate:
    """ "When someone shouted, “Lee,” Park joked, “Amen!”": a cue clause the parser ran on past its
    quotation into another speaker's tag ends with that quotation."""
    if att.construction is Construction.CUE:
        _end_before_next_speaker(ctx.doc, ctx.text, att, ctx.speech, ctx.reporting)
    return att


@each
def end_after_quotation(ctx: QuoteContext, att: Candidate) -> Candidate:
    """A cue clause with quoted words ends at a relative clause, or the medium or day, after its last
    quotation (see ``_end_after_quotation``)."""
    if att.construction is Construction.CUE:
        _end_after_quotation(ctx.text, att, ctx.speech)
    return att


#: the passes over the cue clauses, in order, before the quotations standing alone are read
CLAUSE_BOUNDARIES: tuple[Pass, ...] = (
    within_cue_paragraph,
    without_nested,
    end_before_own_clauses,
    tail_reporters,
    end_before_according_to,
    end_at_quotation_before_cue,
    snap_to_quotation,
)
