"""Pages nested deeper than the HTML parser goes (libxml2 stops at 256 levels, and the article
inside is lost): flattened by dropping layout wrappers, which carry no text of their own.

A linear scan of the tags says which pages might be that deep; it over-counts elements the parser
closes by itself (unclosed ``<p>``, ``<li>``, ``<td>``), so the parsed tree has the last word, and
only a page whose tree reaches the parser's limit is flattened."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

#: Deeper than this, wrappers are dropped (well under libxml2's 256, leaving room for the article).
MAX_DEPTH = 180
#: libxml2's nesting limit: a tree that reaches it has lost whatever was nested deeper.
PARSER_DEPTH_LIMIT = 256
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WRAPPERS = ("div", "span", "section", "font", "center")
#: What is kept when dropping the wrappers is not enough: the elements that carry an article.
_KEEP = frozenset(
    "html head title meta link body article main header h1 h2 h3 h4 h5 h6 p br time blockquote figure figcaption".split()
)


def max_depth(html: str) -> int:
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        name = name.lower()
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parsed_depth(html: str) -> int:
    """How deep the parser's tree of ``html`` goes (0 when it cannot be parsed)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return 0
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def flatten_deep_nesting(html: str) -> str:
    """``html`` unchanged unless its parsed tree reaches the parser's limit; else without layout
    wrappers, and if that is not enough, with only the tags that carry an article."""
    if max_depth(html) <= MAX_DEPTH or parsed_depth(html) < PARSER_DEPTH_LIMIT:
        return html
    wrappers = re.compile(r"</?(?:" + "|".join(_WRAPPERS) + r")\b[^>]*>", re.IGNORECASE)
    flat = wrappers.sub("\n", html)
    if max_depth(flat) <= MAX_DEPTH:
        return flat
    return _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in _KEEP else "\n", flat)


__all__ = ["MAX_DEPTH", "PARSER_DEPTH_LIMIT", "flatten_deep_nesting", "max_depth", "parsed_depth"]
