"""Who said what: direct, indirect and mixed quotes with their cue and speaker.

The package, in the order a document goes through it:

- ``context.QuoteContext``: what every construction reads, computed once per document (the parse, the
  text, the people, the cue lexicon learnt from PolNeAR train, the article's quotation marks);
- ``constructions/``: one module per construction of reported speech, each a small class with a
  ``name`` (cue clause, according-to, survey frame, noun/adjective cue, parenthetical, as-clause,
  colon label, quotations standing alone, block quote, continuation, interview turns); each makes
  ``candidate.Candidate`` records whose ``construction`` says which found them;
- ``boundaries``: passes that move a candidate's ends (paragraph, nested reports, another speaker's
  clause, the writer's credit, the quotation it is);
- ``speakers/``: the rules naming a cue's subject, the speaker model learnt from train, and the
  resolution of a subject to a person, organisation or description; it never imports the constructions;
- ``emission``: kind (direct/mixed/indirect), the speaker's role, joint speakers, confidence -> ``Quote``.

``finder.find_quotes`` runs them in that order; ``config.QuoteConfig`` holds the few real options. The
spaCy component ``presswatch_quotes`` (``nlp.component``) calls the same function.
"""

from __future__ import annotations

from presswatch.nlp.attribution.candidate import Candidate, Construction
from presswatch.nlp.attribution.config import QuoteConfig
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.finder import find_quotes
from presswatch.nlp.attribution.marks import QuotedSpan, find_quoted_spans

__all__ = ["Candidate", "Construction", "QuoteConfig", "QuoteContext", "QuotedSpan", "find_quoted_spans", "find_quotes"]
