"""Pronoun speakers: agreement in gender, never a name modifying another noun, nobody rather than "you"."""

from __future__ import annotations


def test_she_skips_a_man_named_last_and_finds_the_woman(annotated, quote_with):
    article = annotated(
        "Harbour master Ines Kallberg met the ferry operator Tomas Brede on Monday. "
        "She said the pier would reopen in May."
    )
    assert quote_with(article, "the pier would reopen").speaker == "Ines Kallberg"


def test_a_name_inside_a_report_title_is_no_antecedent(annotated, quote_with):
    article = annotated(
        "Councillor Tomas Brede spoke after the vote. The 2019 Kallberg report on the harbour was cited twice. "
        "He said the council had ignored it."
    )
    assert quote_with(article, "the council had ignored it").speaker == "Tomas Brede"


def test_you_is_never_a_speaker(annotated):
    article = annotated("If you think the ferry is late, you said it yourself that the timetable is a mess.")
    assert all((q.speaker or "").lower() != "you" for q in article.quotes)
    assert all(q.speaker_type == "unknown" for q in article.quotes if q.speaker is None)
