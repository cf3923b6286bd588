"""Every quote carries a confidence in [0, 1]; the display threshold decides what is credited."""

from __future__ import annotations

import dataclasses

import pytest

from presswatch import config
from presswatch.bench.calibration import reliability
from presswatch.errors import ValidationError
from presswatch.nlp.quote_confidence import is_shown


def test_every_quote_has_a_confidence_and_a_said_quotation_is_surer_than_a_bare_one(annotated):
    article = annotated(
        "“We will reopen the ferry pier by spring,” harbour master Ines Kallberg said on Tuesday.",
        "Councillor Tomas Brede claimed the budget for the pier had been spent twice.",
        "“Nobody asked the crews,” read a banner on the quay.",
    )
    assert article.quotes
    for q in article.quotes:
        assert q.confidence is not None and 0.0 <= q.confidence <= 1.0, q
    said = next(q for q in article.quotes if "reopen the ferry pier" in q.text)
    assert said.speaker == "Ines Kallberg"
    assert said.confidence >= 0.8
    others = [q.confidence for q in article.quotes if q is not said]
    assert all(c <= said.confidence for c in others)


def _quote(**changes):
    from presswatch.model import Quote

    base = Quote(text="the pier will open", kind="indirect", speaker="Ines Kallberg", speaker_type="person",
                 speaker_role=None, cue="said", start=0, end=18, confidence=0.7)
    return dataclasses.replace(base, **changes)


def test_is_shown_follows_the_threshold_setting(monkeypatch):
    assert is_shown(_quote(confidence=0.7))
    assert not is_shown(_quote(confidence=0.3))
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "0.9")
    assert not is_shown(_quote(confidence=0.7))
    assert is_shown(_quote(confidence=0.7), threshold=0.6)


def test_a_quote_with_no_speaker_is_never_credited():
    assert not is_shown(_quote(speaker=None, speaker_type="unknown", confidence=0.99))


def test_a_bad_threshold_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "high")
    with pytest.raises(ValidationError, match="number"):
        config.quote_confidence_threshold()
    monkeypatch.setenv("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD", "1.5")
    with pytest.raises(ValidationError):
        config.quote_confidence_threshold()


def test_reliability_table_and_expected_calibration_error():
    pairs = [(0.95, 1)] * 9 + [(0.95, 0)] + [(0.25, 1)] + [(0.25, 0)] * 3 + [(None, 1)]
    table = reliability(pairs)
    assert table.scored == 14
    top = table.bins[9]
    assert (top.count, round(top.accuracy, 2)) == (10, 0.9)
    assert table.bins[2].count == 4 and table.bins[2].accuracy == 0.25
    # |0.9 - 0.95| weighted 10/14, |0.25 - 0.25| weighted 4/14
    assert table.ece == pytest.approx(10 / 14 * 0.05)
    assert table.precision_at == pytest.approx(0.9)
    assert table.coverage_at == pytest.approx(9 / 10)


def test_quotes_the_model_scores_under_the_floor_are_not_emitted():
    from presswatch.nlp.attribution import QuoteConfig, find_quotes
    from presswatch.nlp.attribution.config import DEFAULT
    from presswatch.nlp.people import find_people
    from presswatch.nlp.pipeline import parse_text

    text = (
        "“We will reopen the ferry pier by spring,” harbour master Ines Kallberg said on Tuesday.\n"
        "Councillor Tomas Brede, who continues to support the night ferry, launched a review of the budget.\n"
        "Ms. Kallberg said the crews had not been asked."
    )
    doc = parse_text(text)
    people = find_people(doc, text)
    every = find_quotes(doc, text, people, config=QuoteConfig(confidence_floor=0.0))
    shown = find_quotes(doc, text, people)
    assert DEFAULT.confidence_floor > 0.0
    assert [q for q in every if q.confidence >= DEFAULT.confidence_floor] == shown
    assert any("reopen the ferry pier" in q.text for q in shown)
    assert not find_quotes(doc, text, people, config=QuoteConfig(confidence_floor=1.0))
