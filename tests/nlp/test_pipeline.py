"""What the parser is given: the article text repaired character for character, paragraphs kept apart."""

from __future__ import annotations

from presswatch.nlp.pipeline import parse_text, text_for_parse


def test_a_paragraph_break_starts_a_sentence():
    # a byline line without a full stop: left alone, the parser runs it into the next paragraph
    text = "Reporting by Ann Lee and Tom Brede\nThe charity that campaigns for ferries said the toll was unfair."
    doc = parse_text(text)
    said = next(t for t in doc if t.text == "said")
    assert said.sent.text.startswith("The charity")
    assert [s.text.strip() for s in doc.sents][0] == "Reporting by Ann Lee and Tom Brede"


def test_only_a_line_break_starts_a_sentence_not_other_white_space():
    doc = parse_text("Holt said  the ferry would run\tall winter, and Lee agreed.")
    assert len(list(doc.sents)) == 1


def test_the_parsed_text_has_the_articles_length_and_straight_marks():
    text = "Lee’s view: “It’s over,” she said.\n\n“Done.”"
    parsed = text_for_parse(text)
    assert len(parsed) == len(text)
    assert parsed == "Lee's view: \"It's over,\" she said.\n\n\"Done.\""
    doc = parse_text(text)
    assert [t.idx for t in doc] == [t.idx for t in parse_text(parsed)]


def test_a_plural_possessive_with_a_curly_apostrophe_is_parsed_as_a_possessive():
    doc = parse_text("The board blocked the ferry workers’ access to their data, and the captains’ union said it would sue.")
    marks = [t for t in doc if t.text in ("’", "'")]
    assert len(marks) == 2 and all(t.tag_ == "POS" for t in marks)


def test_a_horizontal_bar_is_parsed_as_a_dash():
    doc = parse_text("An overwhelming majority of that ― two million pounds ― was spent on leaflets opposing the plan.")
    bars = [t for t in doc if t.idx in {i for i, ch in enumerate(doc.text) if ch in "―—"}]
    assert len(bars) == 2 and all(t.pos_ == "PUNCT" for t in bars)
    assert next(t for t in doc if t.text == "spent").dep_ == "ROOT"
