"""Continuation: a quotation with no cue of its own continues the attribution before it ("“A,” X said.
“B.”"), in its paragraph or the one before; and the rest of a quotation a report opened continues the
report. A quotation nothing continues stands uncued, its speaker borrowed from its paragraph."""

from __future__ import annotations

import re

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import (
    QuotedSpan,
    capitalised_heading,
    modifies_a_noun,
    overlap,
    paragraph_end,
    plausible_quotation,
    quoted_letter_count,
    tokens_starting_in,
)
from presswatch.nlp.attribution.speakers.resolve import UNKNOWN, resolve_speaker

_MAX_GAP_CHARS = 120  # words between two quotations that can hold an attribution

_GAP_PRONOUNS = {"he", "she", "they"}


def _speaker_between_quotations(doc, text: str, q: QuotedSpan, quoted: list[QuotedSpan]):
    """ "“A?” Trump went on, as if he had not heard. “B.”": whoever the words between two
    quotations of a paragraph name as doing something speaks the second one, whatever the verb
    ("went on", "retaliated", "reads" are no cues in the lexicon). (subject, verb) or None."""
    before = [p for p in quoted if p.paragraph_start == q.paragraph_start and p.end <= q.start]
    if not before:
        return None
    gap_start, gap_end = before[-1].end, q.start
    if gap_end - gap_start > _MAX_GAP_CHARS:
        return None
    for token in tokens_starting_in(doc, gap_start, gap_end):
        head = token.head
        if token.dep_ != "nsubj" or head.pos_ not in ("VERB", "AUX") or not gap_start <= head.idx < gap_end:
            continue
        if token.pos_ in ("PROPN", "NOUN") or token.lower_ in _GAP_PRONOUNS:
            return token, head
    return None


def rest_of_opened_quotations(ctx: QuoteContext, atts: list[Candidate]) -> list[Candidate]:
    """ "saying that visitors “laugh at our rusty ferries. We have to fix them.”": the parser ended the
    sentence inside the quotation the report opened; the rest of the quotation continues the report
    (the same speaker's, with the report's cue)."""
    text, speech = ctx.text, ctx.speech
    rest: list[Candidate] = []
    for att in atts:
        if att.construction is not Construction.CUE:
            continue
        for q in speech:
            if att.start <= q.start < att.end < q.end and "\n" not in text[att.end : q.end]:
                start = att.end
                while start < q.end and not text[start].isalnum():
                    start += 1
                if re.search(r"\w", text[start : q.end]):
                    rest.append(Candidate(start, q.end, att.cue, att.cue_text, att.subject, att.speaker, Construction.CONTINUATION))
                break
    return rest


def continue_quotations(ctx: QuoteContext, all_atts: list[Candidate]) -> None:
    """Each quotation in marks that no candidate covers yet continues the candidate before it, or
    stands uncued (``QuoteConfig.uncued_quotations``); ``all_atts`` is kept sorted by offsets."""
    doc, text, people, quoted, speech = ctx.doc, ctx.text, ctx.people, ctx.quoted, ctx.speech
    for q in speech:
        if any(overlap(a.start, a.end, q.start, q.end) >= 0.5 * (q.end - q.start) for a in all_atts):
            continue
        previous = [a for a in all_atts if a.end <= q.start]
        if not previous:
            continue
        if modifies_a_noun(doc, q) or capitalised_heading(text, q):
            continue  # "the “Save the Night Ferry” campaign": a label, nobody's next words
        between = _speaker_between_quotations(doc, text, q, quoted)
        if between is not None and len(re.findall(r"\w+", text[q.start : q.end])) >= 3:
            subject, verb = between
            all_atts.append(Candidate(q.start, q.end, verb, cue_phrase(verb), subject, construction=Construction.CONTINUATION))
            all_atts.sort(key=lambda a: (a.start, a.end))
            continue
        prev = previous[-1]
        # prefer the last attribution that itself carried quotation marks: "“A,” said X, describing
        # the plan. “B.”" continues X's quotation, not the description
        with_marks = [a for a in previous[-3:] if quoted_letter_count(text, a.start, a.end, quoted)]
        if with_marks:
            # of those, the one whose cue stands last: "X have mocked Y, calling him “A,” Lee said. ¶ “B.”"
            # continues Lee, whose cue is nearest the new quotation
            latest = max(with_marks, key=lambda a: a.cue.idx if a.cue is not None else a.start)
            if latest.subject is not None:
                prev = latest
        elif prev.cue is not None:
            # "the party issued a statement apologizing for the emails, which had staff suggesting someone
            # should question ... ¶ “On behalf of the party, we ...”": the words continue the outer report,
            # not the events nested in it
            holders = [o for o in previous if o is not prev and o.cue is not None and o.subject is not None
                       and o.start <= prev.cue.idx < o.end]
            if holders:
                prev = max(holders, key=lambda o: o.end - o.start)
        prev_para = text.rfind("\n", 0, prev.start) + 1
        same_para = prev_para == q.paragraph_start
        paragraph_before = q.start - q.paragraph_start <= 2 and paragraph_end(text, prev.end) >= q.paragraph_start - 3
        words = len(re.findall(r"\w+", text[q.start : q.end]))
        if (same_para or paragraph_before) and words >= 3:
            cont = Candidate(q.start, q.end, prev.cue, prev.cue_text, prev.subject, prev.speaker, Construction.CONTINUATION)
            if prev.speaker is None:
                prev.speaker = (
                    resolve_speaker(prev.subject, people, facts=ctx.speaker_facts) if prev.subject is not None else UNKNOWN
                )
                cont.speaker = prev.speaker
            all_atts.append(cont)
            all_atts.sort(key=lambda a: (a.start, a.end))
        elif ctx.config.uncued_quotations and plausible_quotation(doc, text, q, None):
            # a quotation with no cue the lexicon knows ("X put it: ..."): speech all the same; its
            # speaker is borrowed from the paragraph's attributions below
            # no subject: the speaker is borrowed from the nearest attribution (see ``borrow_speakers``);
            # the subject of the surrounding sentence was mostly wrong
            all_atts.append(Candidate(q.start, q.end, None, None, None, construction=Construction.UNCUED))
            all_atts.sort(key=lambda a: (a.start, a.end))
