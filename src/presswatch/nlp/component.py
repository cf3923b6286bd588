"""The quote finder as a spaCy component: ``nlp.add_pipe("presswatch_quotes")``.

After it runs, ``doc.spans["quotes"]`` holds one span per quote, with the extension attributes
``speaker``, ``speaker_type``, ``speaker_role``, ``cue``, ``kind`` and ``confidence``;
``doc._.presswatch_quotes`` keeps the full ``Quote`` records (joint speakers share a span).
``presswatch.nlp.annotate_parsed`` goes through the same ``attach_quotes``.
The factory is registered on import of ``presswatch.nlp`` and through spaCy's ``spacy_factories``
entry point, so a plain ``spacy.load(...)`` finds it. Its config is ``QuoteConfig``'s fields
(``nlp.add_pipe("presswatch_quotes", config={"joint_speakers": False})``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dataclasses import asdict

from presswatch.model import Quote
from presswatch.nlp.attribution import QuoteConfig, find_quotes
from presswatch.nlp.attribution.config import DEFAULT
from presswatch.nlp.people import PeopleIndex, find_people

SPANS_KEY = "quotes"
_SPAN_ATTRIBUTES = ("speaker", "speaker_type", "speaker_role", "cue", "kind", "confidence")


def _register_extensions() -> None:
    for name in _SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("presswatch_quotes"):
        Doc.set_extension("presswatch_quotes", default=())


def attach_quotes(doc: Doc, text: str | None = None, people: PeopleIndex | None = None, *,
                  config: QuoteConfig = DEFAULT) -> tuple[Quote, ...]:
    """Find the quotes of a parsed ``doc`` and attach them to it (``doc.spans["quotes"]``).

    ``text``: the article text the offsets index, when the parse ran on a repaired copy of the
    same length; ``people``: the people index, when the caller has it already."""
    _register_extensions()
    text = text if text is not None else doc.text
    people = people if people is not None else find_people(doc, text)
    quotes = tuple(find_quotes(doc, text, people, config=config))
    spans: list[Span] = []
    placed: set[tuple[int, int]] = set()
    for quote in quotes:
        if (quote.start, quote.end) in placed:
            continue  # words said jointly: one span, the first speaker's attributes
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        placed.add((quote.start, quote.end))
        for name in _SPAN_ATTRIBUTES:
            span._.set(name, getattr(quote, name))
        spans.append(span)
    doc.spans[SPANS_KEY] = spans
    doc._.presswatch_quotes = quotes
    return quotes


class QuoteFinder:
    """The pipeline component: finds who said what in each document it is given."""

    def __init__(self, nlp: Language, name: str, config: QuoteConfig = DEFAULT) -> None:
        self.name = name
        self.config = config
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        attach_quotes(doc, config=self.config)
        return doc


@Language.factory(
    "presswatch_quotes",
    assigns=["doc.spans", "doc._.presswatch_quotes"],
    requires=["token.dep", "token.lemma", "token.pos", "token.tag", "doc.ents"],
    default_config=asdict(DEFAULT),
)
def make_quote_finder(nlp: Language, name: str, direct_share: float, speaker_model: bool, uncued_quotations: bool,
                      interview_turns: bool, joint_speakers: bool, examples_as_used: bool,
                      confidence_floor: float) -> QuoteFinder:
    config = QuoteConfig(
        direct_share=direct_share, speaker_model=speaker_model, uncued_quotations=uncued_quotations,
        interview_turns=interview_turns, joint_speakers=joint_speakers, examples_as_used=examples_as_used,
        confidence_floor=confidence_floor,
    )
    return QuoteFinder(nlp, name, config)
