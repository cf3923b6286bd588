"""One module per construction of reported speech; ``WORD_CONSTRUCTIONS`` is their order on a word.

Word constructions (a word of the parse anchors them; the first in this order that matches a word
takes it): according-to, survey frame, noun cue, adjective cue, set phrase, parenthetical, as-clause,
cue clause (with the tail report). Then the document-wide ones, in ``finder.find_quotes``: colon
labels, quotations standing alone (``quotation``, with ``credit`` and ``introduction``), block quotes,
continuations, interview turns.
"""

from __future__ import annotations

from presswatch.nlp.attribution.constructions.according_to import AccordingTo
from presswatch.nlp.attribution.constructions.as_clause import AsClause
from presswatch.nlp.attribution.constructions.base import WordConstruction, word_candidates
from presswatch.nlp.attribution.constructions.block_quote import BlockQuote
from presswatch.nlp.attribution.constructions.colon_label import ColonLabel
from presswatch.nlp.attribution.constructions.cue_clause import CueClause
from presswatch.nlp.attribution.constructions.idioms import DiscourseIdiom
from presswatch.nlp.attribution.constructions.noun_cue import AdjectiveCue, NounCue
from presswatch.nlp.attribution.constructions.parenthetical import Parenthetical
from presswatch.nlp.attribution.constructions.survey import SurveyFrame

WORD_CONSTRUCTIONS: tuple[WordConstruction, ...] = (
    AccordingTo(),
    SurveyFrame(),
    NounCue(),
    AdjectiveCue(),
    DiscourseIdiom(),
    Parenthetical(),
    AsClause(),
    CueClause(),
)
COLON_LABELS = ColonLabel()
BLOCK_QUOTES = BlockQuote()

__all__ = ["BLOCK_QUOTES", "COLON_LABELS", "WORD_CONSTRUCTIONS", "WordConstruction", "word_candidates"]
