"""Block quote: a paragraph a verb of saying introduces with a colon is the speaker's, marks or not."""

from __future__ import annotations


def test_the_paragraph_after_wrote_colon_is_the_writers(annotated, quote_with):
    a = annotated(
        "In a letter to the council, Ines Haldor wrote:",
        "The island has waited long enough for a ferry that runs at night, and the people who work late "
        "shifts deserve better.",
    )
    q = quote_with(a, "The island has waited long enough")
    assert q.text.endswith("the people who work late shifts deserve better.")
    assert (q.speaker, q.speaker_type, q.cue) == ("Ines Haldor", "person", "wrote")


def test_a_short_line_after_the_colon_is_a_heading_not_a_block_quote(annotated):
    a = annotated("Ines Haldor wrote:", "Night ferries", "The council meets on Tuesday.")
    assert not [q for q in a.quotes if q.text.startswith("Night ferries")]


def test_the_introducing_line_before_wrote_colon_is_no_quote_of_its_own(annotated):
    a = annotated(
        "In a letter to the council, Ines Haldor wrote:",
        "The island has waited long enough for a ferry that runs at night, and the people who work late "
        "shifts deserve better.",
    )
    assert [q.text[:24] for q in a.quotes] == ["The island has waited lo"]
