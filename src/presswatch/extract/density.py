"""A second body candidate, readability-style: the paragraphs of the page's densest prose blocks.

trafilatura sometimes settles on one fragment of an article that the page splits into several sibling
blocks (a story cut by ads or embeds into "chunks"). This candidate groups prose paragraphs by their
parent block, takes the block with the most prose, and adds its siblings that are built the same way
(same tag and class) or are prose-dense themselves. ``html.py`` uses it only when trafilatura's result
covers a small share of the page's prose, and only when it contains that result.
"""

from __future__ import annotations

from collections import defaultdict

from lxml.html import HtmlElement

__all__ = ["densest_block_paragraphs", "prose_paragraph_length"]

#: a <p> shorter than this is a caption, a label or a teaser, not prose
MIN_PROSE = 80
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def prose_paragraph_length(tree: HtmlElement) -> int:
    """Characters in the page's prose paragraphs (<p> of at least MIN_PROSE characters)."""
    return sum(n for n in (len(_text(p)) for p in tree.iter("p")) if n >= MIN_PROSE)


#: the article block is the deepest one holding at least this share of the page's prose
ARTICLE_SHARE = 0.7


def densest_block_paragraphs(tree: HtmlElement) -> list[str]:
    """Paragraphs of the deepest block that holds most of the page's prose, in page order."""
    prose_below: dict[HtmlElement, int] = defaultdict(int)
    depth: dict[HtmlElement, int] = {}
    total = 0
    for paragraph in tree.iter("p"):
        length = len(_text(paragraph))
        if length < MIN_PROSE:
            continue
        total += length
        ancestors = list(paragraph.iterancestors())
        for level, ancestor in enumerate(reversed(ancestors)):
            prose_below[ancestor] += length
            depth[ancestor] = level
    if not total:
        return []
    holders = [el for el, n in prose_below.items() if n >= ARTICLE_SHARE * total]
    block = max(holders, key=depth.__getitem__)
    if block.tag in ("body", "html"):
        return []  # no block holds the prose together: nothing better than the first result
    paragraphs: list[str] = []
    for element in block.iter(*_BLOCK_TAGS):
        # the innermost block element carries the text; skip one that wraps a <p>
        if element.find(".//p") is not None:
            continue
        text = _text(element)
        if not text:
            continue
        if element.tag == "li":
            linked = sum(len(_text(a)) for a in element.iter("a"))
            if len(text.split()) < 8 or linked > 0.5 * len(text):
                continue  # a link list ("more stories"), not a list in the story
        paragraphs.append(text)
    return paragraphs
