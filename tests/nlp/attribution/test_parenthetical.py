"""Parenthetical cue: "The plan, said Lee, would fail" credits the phrase beside the cue."""

from __future__ import annotations

from presswatch.nlp.attribution import Construction
from presswatch.nlp.attribution.constructions.parenthetical import Parenthetical


def test_an_inserted_cue_credits_its_speaker_with_the_sentence(annotated, only_quote):
    q = only_quote(annotated("The new timetable, said Tomas Brede, would cut the waiting time for commuters by half."))
    assert q.text.startswith("The new timetable") and q.text.endswith("would cut the waiting time for commuters by half")
    assert (q.speaker, q.cue, q.kind) == ("Tomas Brede", "said", "indirect")


def test_the_construction_alone(context_of):
    found = list(Parenthetical().find(context_of("The new timetable, said Tomas Brede, would cut the waiting time by half.")))
    assert [(c.construction, c.subject.text) for c in found] == [(Construction.PARENTHETICAL, "Brede")]


def test_a_relative_clause_between_commas_is_no_insertion(context_of):
    ctx = context_of("The war, which most islanders opposed, lasted four years.")
    assert list(Parenthetical().find(ctx)) == []
