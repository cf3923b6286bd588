"""A quotation credited outside the sentence: "HEADLINE - Ann Lee: “...”", a signature line "- Ann Lee.",
a digest's bracketed credit "“...” [Reuters]"."""

from __future__ import annotations

import re

from presswatch.nlp.attribution.candidate import Candidate, Construction
from presswatch.nlp.attribution.marks import QuotedSpan, mark_before, paragraph_end, past_closing_marks, tokens_starting_in
from presswatch.nlp.attribution.speakers.resolve import DASH_TOKENS, Speaker
from presswatch.nlp.people import PeopleIndex


def source_after_dash(doc, text: str, q: QuotedSpan) -> tuple[Candidate, int] | None:
    """ "HEADLINE OF A ROUNDUP - Ann Lee: “...”": a short name between a dash and the colon that opens
    the quotation is its source, whatever the headline's own verb ("Pollsters agree - Ann Lee:").
    Returns the attribution and where the dash stands (what comes before it is the headline)."""
    colon = mark_before(doc, text, q, ":")
    if colon is None or colon.i == 0 or doc[colon.i - 1].pos_ != "PROPN":
        return None
    dash = next((t for t in reversed(doc[colon.sent.start : colon.i]) if t.text in DASH_TOKENS), None)
    if dash is None or not 0 < colon.i - dash.i - 1 <= 6 or dash.idx < q.paragraph_start:
        return None
    return Candidate(q.start, q.end, None, ":", doc[colon.i - 1], construction=Construction.COLON_DASH), dash.idx


# "- Ann Lee." or "— Sen. Ann Lee, at a town hall." as a paragraph of its own, under a quotation
_SIGNATURE = re.compile(
    r"[ \t]*[-–—][ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w'’-]+)[ \t]*(?:,[^\n]{0,80})?\.?[ \t]*(?=\n|$)"
)


def signature_after(doc, text: str, q: QuotedSpan) -> Candidate | None:
    """ "“We will rebuild the pier.” ¶ - Ann Lee.": a quotation that fills its paragraph, signed by
    the next paragraph with a dash and a name (quote lists, fact checks), is that person's."""
    para_end = paragraph_end(text, q.start)
    if re.search(r"\w", text[q.paragraph_start : q.start]) or re.search(r"\w", text[q.end : para_end]):
        return None
    nxt = para_end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    m = _SIGNATURE.match(text, nxt)
    if m is None or not text[nxt : nxt + 2].strip(" \t").startswith(("-", "–", "—")):
        return None
    name = [t for t in tokens_starting_in(doc, m.start(1), m.end(1)) if not t.is_punct]
    if not name or name[-1].pos_ != "PROPN":
        return None
    return Candidate(q.start, q.end, None, "—", name[-1], construction=Construction.SIGNATURE)


# "“...” [Reuters]", "“...” [WSJ | Paywall]", "“...” [NYT.]": a digest credits the outlet it excerpts
_BRACKET_CREDIT = re.compile(r"[ \t]*\[\s*([A-Z][^\]|\n]{0,40}?)\s*\.?\s*(?:\|[^\]\n]*)?\]")

_TRANSCRIPT_NOTES = {"applause", "laughter", "laughs", "inaudible", "crosstalk", "sic", "cheers", "emphasis added", "booing", "music"}


def credited_source_after(text: str, q: QuotedSpan, people: PeopleIndex) -> Candidate | None:
    """ "EBOLA SURVIVORS, THROUGH THE LENS “It's about creating agency ...” [HuffPost]": a quotation
    followed at once by a bracketed credit is an excerpt of that outlet's (or writer's) article."""
    pos = past_closing_marks(text, q.end)
    m = _BRACKET_CREDIT.match(text, pos)
    if m is None:
        return None
    name = " ".join(m.group(1).split())
    if name.lower().rstrip(".") in _TRANSCRIPT_NOTES:
        return None  # "“...” [Applause]": a note on the occasion, not a credit
    person = next((p.name for p in people.people if p.name == name), None)
    speaker = Speaker(name, "person", person) if person else Speaker(name, "org")
    return Candidate(q.start, q.end, None, None, None, speaker=speaker, construction=Construction.CREDIT)
