"""Deep nesting: only a page the parser cannot hold is rewritten."""

from __future__ import annotations

from presswatch.extract.html import extract_html
from presswatch.extract.nesting import MAX_DEPTH, flatten_deep_nesting, max_depth, parsed_depth


def test_a_page_of_unclosed_paragraphs_and_items_is_left_as_it_is() -> None:
    # The tag scan counts every unclosed <li> as a level; the parser closes them, so nothing is lost.
    items = "".join(f"<li>Stop {i} on the ferry line" for i in range(MAX_DEPTH + 40))
    html = f"<html><body><article><p>The ferry runs again.<ul>{items}</ul></article></body></html>"
    assert max_depth(html) > MAX_DEPTH
    assert parsed_depth(html) < 20
    assert flatten_deep_nesting(html) == html


def test_a_page_deeper_than_the_parser_keeps_its_article() -> None:
    text = "The harbour authority said the ferry would run again on Monday after the strike ended."
    html = "<html><body>" + "<div>" * 400 + f"<p>{text}</p>" + "</div>" * 400 + "</body></html>"
    assert parsed_depth(html) >= 256
    flat = flatten_deep_nesting(html)
    assert parsed_depth(flat) < 256
    assert text in "\n".join(extract_html(html, ensemble=False).paragraphs)
