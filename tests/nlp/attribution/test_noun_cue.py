"""Noun and adjective cues: "the claim that ...", "complaints from X that ...", "was confident that ..."."""

from __future__ import annotations


def test_a_claim_is_held_by_whoever_the_sentence_names(annotated):
    a = annotated("Mayor Ann Lee rejected the claim that the harbour budget had been spent on consultants.")
    claims = [q for q in a.quotes if q.cue == "claim"]
    assert len(claims) == 1, [(q.cue, q.text) for q in a.quotes]
    claim = claims[0]
    assert claim.text == "the harbour budget had been spent on consultants"
    assert (claim.speaker, claim.kind) == ("Ann Lee", "indirect")


def test_complaints_from_people_are_theirs(annotated, only_quote):
    q = only_quote(annotated("There were complaints from residents that the ferry was always late in the winter."))
    assert (q.text, q.cue, q.speaker, q.speaker_type) == (
        "the ferry was always late in the winter", "complaints", "residents", "anonymous",
    )


def test_an_adjective_of_belief_reports_its_clause(annotated, only_quote):
    q = only_quote(annotated("Councillor Ines Haldor was confident that the new pier would open before the summer."))
    assert (q.text, q.cue, q.speaker, q.kind) == (
        "the new pier would open before the summer", "confident", "Ines Haldor", "indirect",
    )
