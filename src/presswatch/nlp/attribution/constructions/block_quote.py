"""Block quote: a paragraph introduced by "<speaker> <verb of saying>:" at the end of the one before is
the speaker's, marks or not (a block quote loses its formatting when scraped): "In the text accompanying
the video, Wallnau wrote: ¶ I think this prayer timely, ..."."""

from __future__ import annotations

import re
from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import QuotedSpan, tokens_starting_in
from presswatch.nlp.attribution.speakers.rules import subject_of

_BLOCK_INTRO = re.compile(r"\b\w+\s*:[ \t]*$")

_NEXT_PARAGRAPH = re.compile(r"\n+([^\n]+)")


def _block_quotes(doc, text: str, reporting: frozenset[str], quoted: list[QuotedSpan]) -> list[Candidate]:
    """Paragraphs introduced by "<speaker> <verb of saying>:" at the end of the paragraph before."""
    found = []
    for m in re.finditer(r"[^\n]+", text):
        if not _BLOCK_INTRO.search(m.group()):
            continue
        nxt = _NEXT_PARAGRAPH.match(text, m.end())
        if nxt is None:
            continue
        body = nxt.group(1)
        if body.lstrip()[:1] in "\"“‘'`«<" or len(re.findall(r"\w+", body)) < 6:
            continue  # a quotation (the quotation rules take it), a tweet's markup, or a list's heading
        colon = next(iter(tokens_starting_in(doc, m.start() + m.group().rstrip().rfind(":"), m.end())), None)
        if colon is None or colon.i == 0:
            continue
        verb = doc[colon.i - 1]
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in reporting:
            continue
        if any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
            continue  # "Lee said the following:" or a reported clause of its own
        subject = subject_of(verb, quoted=quoted)
        if subject is None:
            continue
        start = nxt.start(1) + (len(body) - len(body.lstrip()))
        end = nxt.start(1) + len(body.rstrip())
        found.append(Candidate(start, end, verb, cue_phrase(verb), subject, construction=Construction.BLOCK))
    return found


class BlockQuote:
    name = "block quote"

    def find(self, ctx: QuoteContext) -> Iterator[Candidate]:
        yield from _block_quotes(ctx.doc, ctx.text, ctx.reporting, ctx.quoted)
