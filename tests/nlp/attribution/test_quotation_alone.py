"""Quotations standing alone: the cue of their sentence, an introduction, a signature or a credit."""

from __future__ import annotations


def test_a_quotation_takes_the_cue_of_its_sentence(annotated, only_quote):
    q = only_quote(annotated("“We will rebuild the pier before winter,” the mayor promised on Tuesday."))
    assert (q.text, q.speaker, q.kind, q.cue) == ("We will rebuild the pier before winter", "the mayor", "direct", "promised")


def test_a_short_sentence_before_introduces_the_quotation(annotated, only_quote):
    q = only_quote(annotated("Tomas Brede disagreed. “The ferry company has kept every promise it made to the island.”"))
    assert (q.speaker, q.cue, q.kind) == ("Tomas Brede", "disagreed", "direct")


def test_a_colon_introduction(annotated, only_quote):
    q = only_quote(annotated("Ann Lee put it bluntly: “Nobody on this island trusts the ferry company any more.”"))
    assert (q.text, q.speaker, q.kind) == ("Nobody on this island trusts the ferry company any more.", "Ann Lee", "direct")


def test_a_signature_line_under_a_quotation(annotated, only_quote):
    q = only_quote(annotated("“We will rebuild the pier before the winter storms arrive.”", "- Ann Lee"))
    assert (q.speaker, q.speaker_type, q.kind) == ("Ann Lee", "person", "direct")


def test_a_bracketed_credit_names_the_outlet(annotated, only_quote):
    q = only_quote(annotated("“The harbour will reopen in spring once the repairs are done.” [Dunmore Gazette]"))
    assert (q.speaker, q.speaker_type, q.kind) == ("Dunmore Gazette", "org", "direct")


def test_a_title_in_marks_is_nobodys_words(annotated):
    a = annotated("Ann Lee appeared on Channel Nine’s “Harbour Morning” on Sunday.")
    assert not [q for q in a.quotes if "Harbour Morning" in q.text]
