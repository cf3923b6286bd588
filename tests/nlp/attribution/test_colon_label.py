"""Colon label: "Haldor: the island deserves ..." is the label's claim; "Breaking:" labels no one."""

from __future__ import annotations


def test_a_name_before_a_colon_speaks_the_claim(annotated, only_quote):
    q = only_quote(annotated("Haldor: the island deserves a ferry that runs every hour of the night"))
    assert q.text == "the island deserves a ferry that runs every hour of the night"
    assert (q.speaker, q.speaker_type, q.cue, q.kind) == ("Haldor", "person", ":", "indirect")


def test_a_headline_label_is_nobodys_claim(annotated):
    assert annotated("Breaking: the night ferry has run aground near the harbour wall").quotes == ()


def test_a_question_label_is_no_claim_and_q_is_never_a_speaker(annotated):
    assert annotated("Q: Why did the ferry company stop the night crossings this winter?").quotes == ()
