"""Continuation: a quotation with no cue of its own goes on with the speaker before it."""

from __future__ import annotations


def test_the_second_quotation_of_a_paragraph_continues_the_first_speaker(annotated):
    a = annotated("“The tolls are too high,” Ines Haldor said. “Families cannot afford to visit the mainland.”")
    assert [(q.text, q.speaker, q.kind, q.cue) for q in a.quotes] == [
        ("The tolls are too high", "Ines Haldor", "direct", "said"),
        ("Families cannot afford to visit the mainland.", "Ines Haldor", "direct", "said"),
    ]


def test_a_quotation_opening_the_next_paragraph_continues_too(annotated, quote_with):
    a = annotated("“The tolls are too high,” Ines Haldor said.", "“Families cannot afford to visit the mainland any more.”")
    assert quote_with(a, "Families cannot afford").speaker == "Ines Haldor"


def test_a_label_in_marks_continues_nobody(annotated):
    a = annotated("“The tolls are too high,” Ines Haldor said. The “Save the Night Ferry” campaign meets on Monday.")
    assert [q.text for q in a.quotes] == ["The tolls are too high"]
