"""What every construction reads about one document, computed once: the parse, the text, the people,
the cue lexicon, the article's quotation marks and what speaker resolution needs to know of the
document (in place of values cached on the spaCy Doc)."""

from __future__ import annotations

from dataclasses import dataclass

from presswatch.nlp.attribution.config import DEFAULT, QuoteConfig
from presswatch.nlp.attribution.marks import QuotedSpan, find_quoted_spans, is_title
from presswatch.nlp.attribution.speakers.resolve import SpeakerFacts
from presswatch.nlp.lexicon import cue_relations
from presswatch.nlp.people import PeopleIndex
from presswatch.nlp.pipeline import doc_text


@dataclass(frozen=True, slots=True)
class QuoteContext:
    doc: object  # the spaCy Doc
    text: str  # the article text: every offset indexes it
    parse_text: str  # the text the parser saw (same length; quotation marks repaired)
    people: PeopleIndex
    #: (lemma, relation) pairs of the cue lexicon: how a word takes what was said
    relations: frozenset[tuple[str, str]]
    cues: frozenset[str]  # every cue lemma
    reporting: frozenset[str]  # the cue lemmas that can report a clause ("said", "asked")
    quoted: list[QuotedSpan]  # every pair of quotation marks
    speech: list[QuotedSpan]  # ...less the titles of works, which are nobody's words
    config: QuoteConfig
    speaker_facts: SpeakerFacts  # what resolving a subject reads about the document (genders, ...)

    @classmethod
    def build(cls, doc, text: str, people: PeopleIndex, *, relations: frozenset[tuple[str, str]] | None = None,
              config: QuoteConfig = DEFAULT) -> QuoteContext:
        relations = relations if relations is not None else cue_relations()
        quoted = find_quoted_spans(text)
        return cls(
            doc=doc, text=text, parse_text=doc_text(doc), people=people, relations=relations,
            cues=frozenset(lemma for lemma, _ in relations),
            reporting=frozenset(lemma for lemma, relation in relations if relation == "ccomp"),
            quoted=quoted, speech=[q for q in quoted if not is_title(text, q)], config=config,
            speaker_facts=SpeakerFacts(doc, people),
        )
