"""According to: the longer side of the sentence is what the source says."""

from __future__ import annotations

from presswatch.nlp.attribution import Construction
from presswatch.nlp.attribution.constructions.according_to import AccordingTo


def test_according_to_a_person_after_the_claim(annotated, only_quote):
    q = only_quote(annotated(
        "The ferry will be sold to a private operator, according to Tomas Brede, the port's finance director."
    ))
    assert q.text == "The ferry will be sold to a private operator"
    assert (q.speaker, q.speaker_type, q.kind, q.cue) == ("Tomas Brede", "person", "indirect", "according to")


def test_according_to_a_report_credits_its_author(annotated, only_quote):
    q = only_quote(annotated("According to a report by the Harbour Institute, the pier will need repairs costing two million."))
    assert q.text == "the pier will need repairs costing two million"
    assert (q.speaker, q.speaker_type) == ("Harbour Institute", "org")


def test_the_construction_alone(context_of):
    found = list(AccordingTo().find(context_of("The pier is unsafe, according to the harbour master.")))
    assert [c.construction for c in found] == [Construction.ACCORDING]
    assert found[0].cue_text == "according to"
