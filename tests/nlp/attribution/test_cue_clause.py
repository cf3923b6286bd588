"""Cue clause: a verb of saying and the words it reports."""

from __future__ import annotations

from presswatch.nlp.attribution import Construction
from presswatch.nlp.attribution.constructions.cue_clause import CueClause


def test_a_reported_clause_is_the_subjects_indirect_quote(annotated, only_quote):
    q = only_quote(annotated("Harbour master Ines Haldor said the night ferry would stop running in March."))
    assert q.text == "the night ferry would stop running in March"
    assert (q.speaker, q.speaker_type, q.kind, q.cue) == ("Ines Haldor", "person", "indirect", "said")


def test_an_organisation_warns(annotated, only_quote):
    q = only_quote(annotated("The council warned that the bridge tolls would rise again next year."))
    assert q.text == "the bridge tolls would rise again next year"  # without the "that"
    assert (q.speaker, q.speaker_type, q.cue) == ("The council", "org", "warned")


def test_a_report_closing_its_sentence_covers_what_comes_before(annotated, only_quote):
    q = only_quote(annotated("A ferry worker was hurt by a falling crate on the pier, police said."))
    assert q.text == "A ferry worker was hurt by a falling crate on the pier"
    assert q.speaker == "police" and q.cue == "said"


def test_set_phrases_report_nobody(annotated):
    assert annotated("That said, the ferry will keep running through the winter months.").quotes == ()
    assert annotated("The port, also known as the Old Harbour, handles most of the island's freight.").quotes == ()


def test_the_construction_alone_marks_its_candidates(context_of):
    found = list(CueClause().find(context_of("Ines Haldor said the night ferry would stop running in March.")))
    assert [(c.construction, c.cue.text, c.subject.text) for c in found] == [(Construction.CUE, "said", "Haldor")]
    assert found[0].origin == "cue:say"


def test_speaking_about_something_names_a_topic_not_words(annotated, only_quote):
    assert annotated("Mara Lindqvist spoke to the Gazette about the strike on Monday.").quotes == ()
    assert annotated("Mara Lindqvist spoke of a betrayal by the harbour board.").quotes == ()
    q = only_quote(annotated("Mara Lindqvist spoke out against the closure, saying the ferry was a lifeline."))
    assert (q.text, q.speaker) == ("the ferry was a lifeline", "Mara Lindqvist")
