"""Properties of HTML extraction on generated pages: it never raises and never invents words."""

from __future__ import annotations

import re

import lxml.html
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from presswatch.extract.base import ExtractedText
from presswatch.extract.html import extract_html

WORDS = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")),
    min_size=1,
    max_size=12,
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=40).map(" ".join)
TAGS = st.sampled_from(
    ["p", "div", "span", "li", "h2", "td", "nav", "aside", "section", "a", "blockquote"]
)
CLASSES = st.sampled_from(
    [
        "",
        "related",
        "article-body",
        "share",
        "byline",
        "standfirst",
        "comments",
        "hidden",
        "x",
    ]
)


@st.composite
def pages(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(0, 12))):
        tag, cls, text = draw(TAGS), draw(CLASSES), draw(SENTENCE)
        attr = f' class="{cls}"' if cls else ""
        wrapper = "ul" if tag == "li" else "table><tr" if tag == "td" else None
        inner = f"<{tag}{attr}>{text}</{tag}>"
        if wrapper == "ul":
            inner = f"<ul>{inner}</ul>"
        elif wrapper:
            inner = f"<table><tr>{inner}</tr></table>"
        blocks.append(inner)
    title = draw(SENTENCE)
    return f"<html><head><title>{title}</title></head><body><article>{''.join(blocks)}</article></body></html>"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_extraction_never_raises_and_never_invents_words(html):
    note(html)
    # PressWatch's own rules; a peer chosen by the ensemble may join the words either side of an element
    # it removed, which this synthetic soup of bare inline tags provokes
    parts = extract_html(html, ensemble=False)
    assert isinstance(parts, ExtractedText)
    # adjacent inline elements render as one word ("<b>0</b><i>0</i>" reads "00"): every word of the
    # output must be a piece of the page's text, not necessarily one of its space-separated words
    page_text = lxml.html.fromstring(html).text_content()
    for paragraph in parts.paragraphs:
        assert all(word in page_text for word in re.findall(r"\w+", paragraph))


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_any_input_gives_a_result_not_an_exception(data):
    assert isinstance(extract_html(data), ExtractedText)


def test_text_on_either_side_of_a_block_the_extractor_drops_stays_apart():
    # the case the property above found: trafilatura drops the "related" paragraph itself, and the
    # two links beside it used to run together into "000000000001000001", a word the page never had
    html = (
        "<html><head><title>0</title></head><body><article>"
        "<p>0 0 0 0 0 0 0 00000000 00000000 000000000 00000000000</p>"
        "<a>0 0 0 0 00 00 00 00 0000 0000 00000 000000 0000000 00000000 00000000 00000000 00000000000 "
        "000000000000 000000000000 000000000001</a><p class=\"related\">0</p><a>000001</a>"
        "<p>0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0</p>"
        "</article></body></html>"
    )
    page_text = lxml.html.fromstring(html).text_content()
    for paragraph in extract_html(html).paragraphs:
        assert all(word in page_text for word in re.findall(r"\w+", paragraph)), paragraph
