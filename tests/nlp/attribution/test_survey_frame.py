"""Survey frame: a poll's finding is the clause it frames; the people polled keep their own words."""

from __future__ import annotations


def test_a_poll_frames_the_clause_after_it(annotated):
    a = annotated("In a Dunmore Gazette poll released on Monday, most islanders said the crossing was too expensive.")
    by_cue = {q.cue: q for q in a.quotes}
    assert set(by_cue) == {"in", "said"}
    poll = by_cue["in"]
    assert poll.text == "most islanders said the crossing was too expensive"
    assert poll.speaker == "a Dunmore Gazette poll" and poll.kind == "indirect"
    polled = by_cue["said"]
    assert (polled.text, polled.speaker) == ("the crossing was too expensive", "most islanders")


def test_a_named_author_speaks_for_its_own_study(annotated):
    a = annotated("In a new study, the Kestrel Institute found that the island's ferries run late twice a week.")
    assert [q.cue for q in a.quotes if q.cue == "in"] == []  # the institute's finding, not the study's
