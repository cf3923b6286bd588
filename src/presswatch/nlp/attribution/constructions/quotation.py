"""Quotations standing alone: a quotation in marks that no cue clause covers takes, in this order, a
source named after a dash ("HEADLINE - Ann Lee: “...”"), a verb of naming inside the clause that covers
it ("what Gilbert called “a perception problem”"), a signature or bracketed credit, the cue of its own
sentence (or, after "?" or "!", of the sentence after it), else an introduction.
"""

from __future__ import annotations

import re

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase, is_cue
from presswatch.nlp.attribution.constructions.credit import credited_source_after, signature_after, source_after_dash
from presswatch.nlp.attribution.constructions.cue_clause import that_clause_after
from presswatch.nlp.attribution.constructions.idioms import discourse_idiom
from presswatch.nlp.attribution.constructions.introduction import (
    colon_introduction,
    sentence_introduction,
    verb_after,
    verb_introduction,
)
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import (
    CLOSING_MARKS,
    QuotedSpan,
    is_quoted,
    overlap,
    paragraph_end,
    plausible_quotation,
    sentences_over,
    tokens_starting_in,
)
from presswatch.nlp.attribution.speakers.resolve import Speaker, resolve_speaker
from presswatch.nlp.attribution.speakers.rules import subject_of
from presswatch.nlp.pipeline import doc_text


def _cue_for_quotation(doc, q: QuotedSpan, cues: frozenset[str], quoted: list[QuotedSpan], para_end: int,
                       quoting_cues: frozenset[str] | None = None):
    """The nearest cue verb outside quotation marks in the sentences the quotation spans; in the
    sentence after it, only a verb that can report a clause ("“Is it ready?” Holt asked.")."""
    best = None
    best_distance = None
    for sent in sentences_over(doc, q.start, q.end):
        for token in sent:
            if token.idx < q.paragraph_start or token.idx >= para_end:
                continue
            if not is_cue(token, cues) or is_quoted(token.idx, quoted):
                continue
            if any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in token.children):
                continue  # "..., which votes June 7": a relative clause about something else
            if discourse_idiom(token):
                continue  # "Lee said, and I quote, “...”": Lee's words, not the writer's
            between = doc_text(doc)[q.end : token.idx] if token.idx > q.end else ""
            if any(d in between for d in ("—", "–", " - ", "--")):
                continue  # "“any and all changes” — a reaction to the measure pushed by Haldor": the writer's aside
            distance = q.start - token.idx if token.idx < q.start else token.idx - q.end
            if best_distance is None or distance < best_distance:
                best, best_distance = token, distance
    if best is None:
        best = _cue_in_sentence_after(doc, q, quoting_cues if quoting_cues is not None else cues, quoted, para_end)
    return best


def _cue_in_sentence_after(doc, q: QuotedSpan, cues: frozenset[str], quoted: list[QuotedSpan], para_end: int):
    """ "“Is it ready?” Anna Holt asked.": after a quotation that ends in ? or ! the parser starts a new
    sentence, so the attribution right after the closing mark is a sentence of its own. Its cue
    counts when it reports nothing else (no clause of its own: "asked reporters", "said")."""
    text = doc_text(doc)
    pos = q.end
    while pos < para_end and text[pos] in CLOSING_MARKS:
        pos += 1
    if pos == q.end or pos >= para_end:
        return None
    sent = next(iter(tokens_starting_in(doc, pos, pos + 1)), None)
    if sent is None or sent.sent.start_char < q.end:
        return None  # the quotation and what follows are one sentence: the usual search saw it
    for token in sent.sent:
        if token.idx >= para_end:
            break
        if not is_cue(token, cues) or is_quoted(token.idx, quoted):
            continue
        if any(c.dep_ in ("ccomp", "xcomp") for c in token.children) or that_clause_after(token) is not None:
            return None
        return token
    return None


_NAMING = {"call", "describe", "dub", "term", "label", "brand", "deem"}


def _namer_inside(doc, q: QuotedSpan, covering: list[Candidate]):
    """ "Cleveland sought the convention hoping to shed what Gilbert called “a perception problem.”": the
    words are Gilbert's, named by a verb of naming with its own subject that governs the quotation from
    inside the clauses covering it."""
    for token in tokens_starting_in(doc, q.start, q.end):
        for verb in token.ancestors:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in _NAMING or verb.idx >= q.start:
                continue
            if not any(c.dep_ == "nsubj" for c in verb.children):
                continue
            if all(a.cue is not None and a.cue.i != verb.i and a.start <= verb.idx < a.end for a in covering):
                return verb
            return None
        return None
    return None


def quotations_standing_alone(ctx: QuoteContext, clauses: list[Candidate]) -> tuple[list[Candidate], list[Candidate]]:
    """(the cue clauses, the quotations standing alone): a source after a dash also ends the headline
    clause that ran on over it, and a cue that speaks a quotation after it no longer reports its own
    bare object ("“Is it ready?” Holt asked reporters")."""
    doc, text, people, quoted = ctx.doc, ctx.text, ctx.people, ctx.quoted
    attributions = clauses
    standalone: list[Candidate] = []
    for q in ctx.speech:
        after_dash = source_after_dash(doc, text, q)
        if after_dash is not None:
            att, dash_at = after_dash
            # a headline clause that ran on over the source and its quotation ends at the dash
            for other in attributions:
                if other.cue is not None and other.cue.idx < dash_at < other.end and other.start < q.end:
                    other.end = dash_at
            attributions = [
                o for o in attributions
                if not (o.cue is not None and o.cue.idx < dash_at <= o.start < q.end) and re.search(r"\w", text[o.start : o.end])
            ]
            att.speaker = resolve_speaker(att.subject, people, facts=ctx.speaker_facts)
            if att.speaker.name and dash_at >= doc[att.subject.left_edge.i].idx:
                # a name the recogniser missed: its description would run back into the headline
                source = " ".join(text[dash_at + 1 : att.subject.idx + len(att.subject.text)].split()).lstrip("-–— ")
                att.speaker = Speaker(source, att.speaker.type, att.speaker.person)
            standalone.append(att)
            continue
        covering = [a for a in attributions if overlap(a.start, a.end, q.start, q.end) >= 0.5 * (q.end - q.start)]
        if covering:
            namer = _namer_inside(doc, q, covering)
            if namer is not None:
                subject = subject_of(namer, quoted=quoted)
                standalone.append(Candidate(q.start, q.end, namer, cue_phrase(namer), subject, construction=Construction.QUOTATION))
            continue
        signed = signature_after(doc, text, q) or credited_source_after(text, q, people)
        if signed is not None:
            standalone.append(signed)
            continue
        para_end = paragraph_end(text, q.start)
        cue = _cue_for_quotation(doc, q, ctx.cues, quoted, para_end, ctx.reporting)
        if cue is not None and plausible_quotation(doc, text, q, cue):
            construction = Construction.QUOTATION_AFTER if cue.sent.start_char >= q.end else Construction.QUOTATION
            standalone.append(
                Candidate(q.start, q.end, cue, cue_phrase(cue), subject_of(cue, quoted=quoted), construction=construction)
            )
            continue
        intro = colon_introduction(doc, text, q, ctx.cues) or verb_introduction(doc, text, q) or verb_after(doc, text, q, quoted)
        if intro is None:
            intro = sentence_introduction(doc, text, q, quoted)
        if intro is not None:
            standalone.append(intro)
    quotation_cues = {a.cue.i for a in standalone if a.cue is not None and a.construction is Construction.QUOTATION_AFTER}
    attributions = [
        a for a in attributions
        if a.cue is None or a.cue.i not in quotation_cues
        or any(t.pos_ in ("VERB", "AUX") for t in tokens_starting_in(doc, a.start, a.end))
    ]
    return attributions, standalone
