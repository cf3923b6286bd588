"""find_quotes: the constructions in order, the boundary passes, speaker choice, emission last."""

from __future__ import annotations

from presswatch.model import Quote
from presswatch.nlp.attribution import boundaries
from presswatch.nlp.attribution.candidate import Candidate
from presswatch.nlp.attribution.config import DEFAULT, QuoteConfig
from presswatch.nlp.attribution.constructions import BLOCK_QUOTES, COLON_LABELS, WORD_CONSTRUCTIONS, word_candidates
from presswatch.nlp.attribution.constructions.colon_label import add_labels
from presswatch.nlp.attribution.constructions.continuation import continue_quotations, rest_of_opened_quotations
from presswatch.nlp.attribution.constructions.interview import interview_turns
from presswatch.nlp.attribution.constructions.quotation import quotations_standing_alone
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.emission import emit
from presswatch.nlp.attribution.speakers.choice import borrow_speakers, model_subjects
from presswatch.nlp.attribution.speakers.resolve import UNKNOWN, resolve_speaker
from presswatch.nlp.people import PeopleIndex


def find_quotes(
    doc,
    text: str,
    people: PeopleIndex,
    *,
    relations: frozenset[tuple[str, str]] | None = None,
    config: QuoteConfig = DEFAULT,
    origins: list[str] | None = None,
    subject_examples: list | None = None,
    confidence_examples: list | None = None,
) -> list[Quote]:
    """All attributions in a parsed article; offsets index ``text`` (the article text).

    ``relations``: the cue lexicon's (lemma, relation) pairs, when not the shipped one.
    ``origins``, when given, receives the name of the construction behind each quote (for error
    analysis); ``subject_examples`` receives (start, end, candidate and head offsets, feature lists)
    for training the speaker model (``speaker_training``), and the rules' subjects are then left as
    they are; ``confidence_examples`` receives each quote's confidence features.
    """
    ctx = QuoteContext.build(doc, text, people, relations=relations, config=config)

    # 1. the cue clauses: each word to the first construction that takes it, then the colon labels
    clauses = add_labels(word_candidates(ctx, WORD_CONSTRUCTIONS), COLON_LABELS.find(ctx))
    for boundary in boundaries.CLAUSE_BOUNDARIES:
        clauses = boundary(ctx, clauses)
    clauses += rest_of_opened_quotations(ctx, clauses)
    clauses = boundaries.end_before_next_speaker(ctx, clauses)

    # 2. quotations in marks that no clause covers, and block quotes
    clauses, standalone = quotations_standing_alone(ctx, clauses)
    standalone += BLOCK_QUOTES.find(ctx)
    candidates: list[Candidate] = sorted(clauses + standalone, key=lambda a: (a.start, a.end))

    # 3. speakers: the learnt model's subjects, continuations of the speaker before, resolution
    if config.speaker_model or subject_examples is not None:
        model_subjects(candidates, ctx.quoted, people, subject_examples, examples_as_used=config.examples_as_used,
                       facts=ctx.speaker_facts)
    continue_quotations(ctx, candidates)
    for att in candidates:
        if att.speaker is None:
            att.speaker = resolve_speaker(att.subject, people, facts=ctx.speaker_facts) if att.subject is not None else UNKNOWN
    # a quotation no attribution lends a speaker to stays unattributed: a guessed name on someone's
    # words costs a reader more than an honest "unknown"
    borrow_speakers(text, candidates)
    if config.interview_turns:
        interview_turns(ctx, candidates)
    candidates = boundaries.end_after_quotation(ctx, candidates)

    # 4. emission
    return emit(ctx, candidates, origins=origins, confidence_examples=confidence_examples)
