"""Survey or poll frame: "In a Harbour Times poll released Monday, 60 percent of islanders said ...".

The poll frames the clause after it the way "according to a poll" does, so the clause is also the
poll's finding (the islanders' own words stay theirs, as the cue clause inside it). Not when a named
author is the clause's subject ("In a new study, the Kestrel Institute found ...").
"""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.speakers.rules import SUBJECT_DEPS, source_behind_document

SURVEYS = {"poll", "survey", "study", "report", "analysis", "audit", "census", "review"}


def survey_frame(token):
    """(source, first token of the framed clause) when ``token`` is a sentence-opening "In" whose
    object is a poll, survey, study or report; None otherwise."""
    doc = token.doc
    if token.dep_ != "prep" or token.i != token.sent.start or token.head.pos_ not in ("VERB", "AUX"):
        return None
    document = next((c for c in token.children if c.dep_ == "pobj"), None)
    if document is None or document.lemma_.lower() not in SURVEYS:
        return None
    first = token.right_edge.i + 1
    while first < token.sent.end and doc[first].is_punct:
        first += 1
    if first >= token.sent.end or not token.head.i >= first:
        return None
    subject = next((c for c in token.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None  # "In a new study, the Kestrel Institute found ...": the named author speaks
    return source_behind_document(document), first


class SurveyFrame(WordConstruction):
    name = "survey"

    def match(self, ctx: QuoteContext, token):
        return survey_frame(token) if token.lower_ == "in" else None

    def candidates(self, ctx: QuoteContext, token, frame) -> Iterator[Candidate]:
        source, first = frame
        span = trim(ctx.doc, first, token.sent.end - 1)
        if span:
            yield Candidate(span[0], span[1], token, "in", source, construction=Construction.SURVEY)
