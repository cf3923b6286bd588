"""As-clause: "As the Herald noted, ..." vouches for the clause it is set in."""

from __future__ import annotations


def test_a_fronted_as_clause_credits_the_main_clause(annotated, only_quote):
    q = only_quote(annotated("As the harbour master noted on Friday, the old pier cannot carry the weight of the new ferries."))
    assert q.text == "the old pier cannot carry the weight of the new ferries"
    assert (q.speaker, q.speaker_type, q.cue, q.kind) == ("the harbour master", "anonymous", "noted", "indirect")


def test_as_someone_put_it_inside_the_clause(annotated, only_quote):
    q = only_quote(annotated("The toll, as Tomas Brede put it, is a tax on living on an island."))
    assert q.text.startswith("The toll") and q.text.endswith("is a tax on living on an island")
    assert (q.speaker, q.cue) == ("Tomas Brede", "put")
