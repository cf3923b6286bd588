"""Property tests: the cleaner never raises and never invents text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.extract.text import LINE_RULES, clean_paragraphs, clean_text

_WORD = re.compile(r"\w+")

# Lines from a mix of junk the rules know, sentences, and arbitrary text with quotes and separators.
_junk = st.sampled_from(["Please enter your comment!", "Share this article", "Advertisement", "– .", "Related: X",
                         "We use cookies on this site.", "© 2020 Site", "(Reuters) - Text follows.", "Name *", "“", '"'])
_line = st.one_of(_junk, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
                  st.text(alphabet="ab cD.“”\"'‘’–-|!?,\n\t\u00a0", max_size=80))
_documents = st.lists(_line, max_size=25).map(lambda lines: "\n".join(lines))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(unicodedata.normalize("NFC", text)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents, st.one_of(st.none(), st.text(max_size=40)))
def test_clean_text_never_raises_and_never_invents_words(document: str, title_hint: str | None) -> None:
    cleaned = clean_text(document, title_hint=title_hint)
    source = _words(document) | _words(title_hint or "")
    for part in (cleaned.title, cleaned.standfirst, *cleaned.paragraphs):
        if part is None:
            continue
        assert part.strip() == part and part != ""
        assert _words(part) <= source
    for removed in cleaned.removed:
        assert _words(removed.text) <= source


_news_words = st.sampled_from("the ferry crews harbour minister union pay winter river city talks boats said "
                               "would not return until contracts were signed on monday".split())
_sentence = st.lists(_news_words, min_size=3, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.tuples(st.just(True), _sentence), st.tuples(st.just(False), _line)), max_size=15),
       st.one_of(st.none(), st.text(max_size=40)))
def test_clean_paragraphs_never_raises_and_keeps_order(lines: list[tuple[bool, str]], title: str | None) -> None:
    # marked paragraphs are news sentences ("Marker07 said ..."); the others may be anything, junk included
    paragraphs = [f"Marker{i:02d} said {text}." if marked else text for i, (marked, text) in enumerate(lines)]
    kept, removed, _, _ = clean_paragraphs(paragraphs, title=title)
    source_words = _words("\n".join(paragraphs))
    for paragraph in kept:
        assert _words(paragraph) <= source_words
    markers = [int(m) for m in re.findall(r"Marker(\d\d) said", "\n".join(kept))]
    expected = [i for i, (marked, _) in enumerate(lines) if marked]
    assert markers == expected  # every real paragraph kept, in input order


def test_output_characters_come_from_the_input_except_quotes_and_spaces() -> None:
    document = "Title here\n\n“ Opening,” she said of it.\n\nA longer paragraph that ends oddly. “\n\nLast line here."
    cleaned = clean_text(document)
    allowed = set(document) | set("“”\"'’ ")
    for part in (cleaned.title, *cleaned.paragraphs):
        assert set(part) <= allowed
    assert len(LINE_RULES) > 10
