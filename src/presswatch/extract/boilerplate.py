"""Pre-cleaning of a page's tree: drop what is page furniture by its markup, before body extraction.

The rules are general, not keyed to sites: a block goes when its tag or ARIA role says it is navigation,
a sidebar or a footer, when its class/id names a known kind of furniture (related links, newsletter
sign-up, share bar, comments, most-read lists), or when it is mostly links. Whatever the markup says,
a block that holds most of the page's paragraph text is kept: it is the article, whatever it is called.
Layout tables (a table used as a page grid) become plain blocks so the body is not read as one table row.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from lxml.etree import Element as _ANY_ELEMENT
from lxml.etree import XPath
from lxml.html import HtmlElement

__all__ = [
    "PruneReport",
    "is_furniture_name",
    "prune_boilerplate",
    "unwrap_layout_tables",
]

# page furniture by tag, and controls and embedded media (their fallback text is not the story)
_FURNITURE_TAGS = frozenset(
    {"nav", "aside", "footer", "form", "menu", "noscript", "template", "dialog"}
    | {
        "select",
        "button",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "svg",
    }
)
_FURNITURE_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "contentinfo",
        "banner",
        "search",
        "dialog",
        "menu",
        "menubar",
    }
)

# class/id words of page furniture, matched as whole words of names split on spaces, - _ and camelCase
_FURNITURE_WORDS = frozenset(
    [
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "popular",
        "trending",
        "latest",
        "recent",
        "newsletter",
        "newsletters",
        "subscribe",
        "signup",
        "optin",
        "share",
        "sharing",
        "sharebar",
        "social",
        "socials",
        "sharetools",
        "comment",
        "comments",
        "disqus",
        "discussion",
        "breadcrumb",
        "breadcrumbs",
        "sidebar",
        "sidenav",
        "navbar",
        "nav",
        "menu",
        "footer",
        "masthead",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "advert",
        "advertisement",
        "ads",
        "adslot",
        "sponsored",
        "sponsor",
        "promo",
        "promoted",
        "outbrain",
        "taboola",
        "tags",
        "tagcloud",
        "taglist",
        "topics",
        "pagination",
        "pager",
        "toolbar",
        "widget",
        "partner",
        "partners",
        "teaser",
        "teasers",
        "modal",
        "popup",
        "overlay",
        "scrim",
        "lightbox",
        "tooltip",
        "popover",
        "hovercard",
        "rollover",
    ]
)
# furniture named by two or three words ("read-more", "mostPopular", "you_may_like"), joined
_FURNITURE_COMPOUNDS = frozenset(
    [
        "readmore",
        "morestories",
        "morenews",
        "morefrom",
        "moreon",
        "morearticles",
        "mostpopular",
        "mostread",
        "mostviewed",
        "mostshared",
        "mostcommented",
        "topstories",
        "youmaylike",
        "youmayalsolike",
        "alsolike",
        "alsoread",
    ]
)
# names that contain a furniture word but name the article itself ("article-body share-wrapper")
_CONTENT_COMPOUNDS = frozenset(
    f"{a}{b}"
    for a in ("article", "story", "post", "entry")
    for b in ("body", "content", "text")
)
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")


# whole class tokens that hide a block (as parts of longer names, "label-hidden", they do not)
_HIDDEN_CLASSES = frozenset({"hide", "hidden", "is-hidden", "d-none", "display-none"})

#: a matched block holding at least this share of the page's paragraph text is the article: kept
ARTICLE_SHARE = 0.4
#: a block is "mostly links" above this share of its text in <a>, with at least this many links
LINK_DENSITY = 0.65
MIN_LINKS = 4
#: a paragraph or list item is "only a link" when at least this share of its text is linked
LINK_ONLY = 0.9


@dataclass(frozen=True, slots=True)
class PruneReport:
    removed_blocks: int
    unwrapped_tables: int


_WORD_RUN = re.compile(r"[a-z0-9]+")
_ANY_COMPOUND = re.compile("|".join(sorted(_FURNITURE_COMPOUNDS)))
_ANY_CONTENT_COMPOUND = re.compile("|".join(sorted(_CONTENT_COMPOUNDS)))


def is_furniture_name(name: str) -> bool:
    """Whether a class or id value names page furniture (``"related-links"``, ``"shareBar"``)."""
    if not name:
        return False
    # a page has a hundred or more distinct names, most of them not furniture ("container",
    # "col-md-6"): the common case is decided by one set test and a few substring tests
    lowered = name.lower()
    if lowered != name:  # only upper-case letters make camelCase boundaries
        lowered = _CAMEL_BOUNDARY.sub(" ", name).lower()
    words = _WORD_RUN.findall(lowered)
    # a compound made of two to four of the words, or one word, is a substring of them glued
    glued = "".join(words)
    if _FURNITURE_WORDS.isdisjoint(words):
        if not _ANY_COMPOUND.search(glued):
            return False
    elif not _ANY_CONTENT_COMPOUND.search(glued):
        return True  # a furniture word, and no name of the article's own body to overrule it
    joined = {a + b for a, b in pairwise(words)}
    if joined & _CONTENT_COMPOUNDS or _CONTENT_COMPOUNDS.intersection(words):
        return False
    if (
        _FURNITURE_WORDS.intersection(words)
        or _FURNITURE_COMPOUNDS.intersection(words)
        or joined & _FURNITURE_COMPOUNDS
    ):
        return True
    triples = {a + b + c for a, b, c in zip(words, words[1:], words[2:])}
    return bool(triples & _FURNITURE_COMPOUNDS) or any(
        a + b + c + d in _FURNITURE_COMPOUNDS
        for a, b, c, d in zip(words, words[1:], words[2:], words[3:])
    )


def _text_length(element: HtmlElement) -> int:
    # string-length in XPath runs in C: no Python string per node
    return int(_STRING_LENGTH(element))


_LINK_TEXT = XPath(".//a//text()", smart_strings=False)
# compiled once: element.xpath("...") compiles its expression on every call
_STRING_LENGTH = XPath("string-length(.)")
_LINK_COUNT = XPath("count(.//a)")
_TABLE_CELLS = XPath("./tr/td|./tbody/tr/td|./thead/tr/td")


def _link_text_length(element: HtmlElement) -> int:
    return sum(map(len, _LINK_TEXT(element)))


def _prose_length(element: HtmlElement) -> int:
    """Characters of text outside links: how much reading matter a block holds."""
    return max(0, _text_length(element) - _link_text_length(element))


def _is_furniture(element: HtmlElement) -> bool:
    tag = element.tag
    if tag in _FURNITURE_TAGS:
        return True
    role = (element.get("role") or "").lower()
    if role in _FURNITURE_ROLES:
        return True
    if tag in _NEVER_BY_NAME:
        return False
    return is_furniture_name(element.get("class") or "") or is_furniture_name(
        element.get("id") or ""
    )


def _is_link_list(element: HtmlElement) -> bool:
    """A list that is mostly links (a menu, a "more stories" list), not a list in the story.

    Either many links making up most of its text, or every item (two or more) nothing but a link:
    a short "related" list inside the article.
    """
    links = _LINK_COUNT(element)
    if links < 2:
        return False
    text = _text_length(element)
    if not text:
        return False
    if links >= MIN_LINKS and _link_text_length(element) >= LINK_DENSITY * text:
        return True
    items = element.findall("li")
    return len(items) >= 2 and all(_is_link_only(item) for item in items)


def _is_link_only(element: HtmlElement) -> bool:
    """A block whose text is all one link's (a teaser, "READ MORE: ..."), with at least three words."""
    if element.find(".//a") is None:
        return False  # the cheap test first: most paragraphs hold no link
    text = " ".join(element.text_content().split())
    if len(text.split()) < 3:
        return False
    return _link_text_length(element) >= LINK_ONLY * len(text)


# candidates by tag or role (class/id names are matched separately), and lists (for link density)
# elements a class/id name alone never removes: the page's main containers and the text's own blocks
_NEVER_BY_NAME = frozenset({"html", "body", "main", "article", "p", "h1", "a"})


def _named_furniture(value: str | None) -> bool:
    return value is not None and _is_furniture_value(value)


# class names repeat across a site's pages and across sites ("row", "container"): test each once
@lru_cache(maxsize=16384)
def _is_furniture_value(value: str) -> bool:
    lowered = value.lower()
    return is_furniture_name(value) or (
        ("hid" in lowered or "none" in lowered)
        and bool(_HIDDEN_CLASSES.intersection(lowered.split()))
    )


def matching_values(root: HtmlElement, wanted, attribute: str) -> frozenset[str]:
    """The distinct values of ``attribute`` on the page that pass ``wanted``.

    Values are read in C (``//@class``) and each distinct one is tested once in Python, so a page with
    thousands of elements but a few hundred class names costs a few hundred regex checks.
    """
    # filter() loops in C: no Python frame per value
    return frozenset(filter(wanted, _distinct_values(root, attribute)))


# the distinct values of the last page seen (per thread): the metadata, standfirst and pruning steps
# each ask for the same page's class names; a superset (values of elements removed since) is harmless
_last_page = threading.local()


def _distinct_values(root: HtmlElement, attribute: str) -> set[str]:
    document = root.getroottree().getroot()
    if getattr(_last_page, "document", None) is not document:
        _last_page.document, _last_page.values = document, {}
    values = _last_page.values
    if attribute not in values:
        values[attribute] = set(document.xpath(f"//@{attribute}", smart_strings=False))
    return values[attribute]


def elements_named(
    root: HtmlElement, wanted, attributes: tuple[str, ...] = ("class", "id")
) -> list[HtmlElement]:
    """The elements whose class/id value passes ``wanted``, in document order."""
    matched = {
        attribute: matching_values(root, wanted, attribute) for attribute in attributes
    }
    matched = {a: v for a, v in matched.items() if v}
    if not matched:
        return []
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and any(element.get(a) in values for a, values in matched.items())
    ]


def _drop(element: HtmlElement) -> None:
    """Remove a block, keeping its tail text (it belongs to the parent) and a space in its place, so
    the words on either side of the removed block do not run together."""
    parent = element.getparent()
    if parent is None:
        return
    tail = " " + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def unwrap_layout_tables(tree: HtmlElement) -> int:
    """Turn tables used as page grids into plain blocks; data tables (cells of short values) stay."""
    count = 0
    for table in list(tree.iter("table")):
        cells = _TABLE_CELLS(table)
        is_layout = table.find(".//table") is not None or any(
            len(cell.findall(".//p")) >= 2 or cell.find(".//div") is not None
            for cell in cells
        )
        if not is_layout:
            continue
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            element.tag = "div"
        count += 1
    return count


_ELEMENTS_INSIDE = XPath("count(descendant::*)")
# the article by the page's own markup: HTML's <article>, schema.org's articleBody, hAtom's entry
_ARTICLE_MARKUP = XPath(
    "//article|//*[@itemprop='articleBody']|//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]"
    "|//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]"
)
#: an article element needs this much text outside links to be the page's article (not a teaser card)
ARTICLE_MIN_PROSE = 200


def _depth_key(element: HtmlElement) -> int:
    return -sum(1 for _ in element.iterancestors())


def main_article_path(root: HtmlElement) -> set[HtmlElement]:
    """The element the page marks as its article (the one of them with most text outside links, when
    several are marked: teaser cards use the same tag) and every block around it.

    A block around the article is never page furniture, whatever its name says: blog platforms put the
    post inside a "widget", ASP.NET inside a page-wide <form>."""
    marked = _ARTICLE_MARKUP(root)
    if not marked:
        return set()
    best = max(marked, key=_prose_length)
    if _prose_length(best) < ARTICLE_MIN_PROSE:
        return set()
    return {best, *best.iterancestors()}


def prune_boilerplate(tree: HtmlElement) -> PruneReport:
    """Remove furniture blocks from ``tree`` in place; returns what was done."""
    body = tree.find("body")
    root = body if body is not None else tree
    # scripts and styles are not text; drop them first so they do not count as prose
    for element in list(root.iter("script", "style")):
        _drop(element)
    total = _prose_length(root) or 1
    unwrapped = unwrap_layout_tables(root)
    removed: list[HtmlElement] = []
    # the page's furniture class and id values, each distinct value tested once; an element whose
    # value is not among them is looked up in a set, with no name splitting per element
    named = {
        attribute: matching_values(root, _is_furniture_value, attribute)
        for attribute in ("class", "id")
    }
    furniture_classes, furniture_ids = named["class"], named["id"]
    around_article = main_article_path(root)
    article = min(around_article, key=_depth_key) if around_article else None
    # one pass in document order (elements only, filtered in C): outer blocks come before what
    # they contain, and what a removed block contains is skipped, not tested
    skip = 0
    for element in root.iter(_ANY_ELEMENT):
        if skip:
            skip -= 1
            continue
        tag = element.tag
        role = element.get("role")
        if (
            tag in _FURNITURE_TAGS
            or role is not None
            and role.lower() in _FURNITURE_ROLES
            or tag == "p"
            and _is_link_only(element)
        ):
            pass
        elif tag in _NEVER_BY_NAME:
            continue
        elif (furniture_classes and element.get("class") in furniture_classes) or (
            furniture_ids and element.get("id") in furniture_ids
        ):
            pass
        elif not (tag in ("ul", "ol") and _is_link_list(element)):
            continue
        if element in around_article or (
            # with an article marked on the page, a block elsewhere (a long comment thread) is not
            # the article for holding much of the text
            (article is None or article in element.iterancestors())
            and _prose_length(element) >= ARTICLE_SHARE * total
        ):
            # kept here, but trafilatura may still drop it later without a space in its place:
            # pad its tail so the words on either side cannot run together into a new word
            tail = element.tail
            if not tail or not tail[0].isspace():
                element.tail = " " + (tail or "")
            continue
        removed.append(element)
        # its descendants come next in document order
        skip = int(_ELEMENTS_INSIDE(element))
    for element in removed:
        _drop(element)
    return PruneReport(removed_blocks=len(removed), unwrapped_tables=unwrapped)


_STANDFIRST_NAME = re.compile(
    r"(?:^|[\s_\-])(?:standfirst|dek|sub[-_]?head(?:line)?|sub[-_]?title|subline|strapline|summary|description)(?:$|[\s_\-])",
    re.IGNORECASE,
)
_STANDFIRST_ANYWHERE = re.compile(
    r"standfirst|dek|sub.?head|sub.?title|subline|strapline|summary|description"
)
_HEADER_NAME = re.compile(
    r"(?:^|[\s_\-])(?:header|head|headline|headlines|hero|title)(?:$|[\s_\-]|wrap)",
    re.IGNORECASE,
)
_STANDFIRST_TAGS = frozenset({"h2", "h3", "h4", "p", "div", "span"})


@lru_cache(maxsize=16384)
def _is_standfirst_value(value: str) -> bool:
    return bool(_STANDFIRST_ANYWHERE.search(value.lower())) and bool(
        _STANDFIRST_NAME.search(_CAMEL_BOUNDARY.sub("-", value))
    )


# names that only ever mean a standfirst (unlike "summary" or "description", also used for the lead)
_STRONG_STANDFIRST = re.compile(
    r"standfirst|dek\b|sub.?head|strapline|sub.?title|subline", re.IGNORECASE
)


def _names_standfirst_strongly(element: HtmlElement) -> bool:
    names = " ".join(filter(None, (element.get("class"), element.get("id"))))
    return bool(names) and bool(
        _STRONG_STANDFIRST.search(_CAMEL_BOUNDARY.sub("-", names))
    )


def _in_article_header(element: HtmlElement) -> bool:
    """Inside the block that holds the headline (<header>, or the parent of the <h1>)."""
    for ancestor in (
        element.getparent(),
        *(
            element.getparent().iterancestors()
            if element.getparent() is not None
            else ()
        ),
    ):
        if ancestor is None or ancestor.tag in ("body", "html", "article", "main"):
            return False
        if ancestor.tag == "header" or ancestor.find("h1") is not None:
            return True
        if len(ancestor.findall("p")) >= 3:
            return False  # reached the body's paragraphs
    return False


def _is_standfirst(element: HtmlElement) -> bool:
    if element.tag not in _STANDFIRST_TAGS:
        return False
    names = " ".join(
        filter(None, (element.get("class"), element.get("id"), element.get("itemprop")))
    )
    if names and _STANDFIRST_NAME.search(_CAMEL_BOUNDARY.sub("-", names)):
        return True
    # a sub-heading inside the article's header block (<header>, "article-head") is its standfirst
    if element.tag in ("h2", "h3"):
        parent = element.getparent()
        if parent is not None and (
            parent.tag == "header"
            or _HEADER_NAME.search(_CAMEL_BOUNDARY.sub("-", parent.get("class") or ""))
        ):
            return parent.find(".//h1") is not None or parent.tag == "header"
    return False


def _standfirst_candidates(root: HtmlElement) -> Iterator[HtmlElement]:
    """Sub-headings and elements with a standfirst-like name, in page order; a generator, as the
    standfirst sits near the top and the walk ends where it is found."""
    classes, ids, props = (
        matching_values(root, _is_standfirst_value, attribute)
        for attribute in ("class", "id", "itemprop")
    )
    if not (classes or ids or props):
        # nothing on the page is named like a standfirst: only sub-headings, found in C
        yield from (element for element in root.iter("h2", "h3") if element is not root)
        return
    for element in root.iter(_ANY_ELEMENT):
        if (
            element.tag in ("h2", "h3")
            or (classes and element.get("class") in classes)
            or (ids and element.get("id") in ids)
            or (props and element.get("itemprop") in props)
        ) and element is not root:
            yield element


def detach_standfirst(tree: HtmlElement) -> str | None:
    """Take the standfirst (dek, sub-headline) out of the tree and return its text.

    It is printed between the headline and the body, styled apart; it is not body text. Only a short
    block without paragraphs of its own qualifies, so a whole "summary" section is never taken.
    """
    body = tree.find("body")
    root = body if body is not None else tree
    candidates = _standfirst_candidates(root)
    for element in candidates:
        if not _is_standfirst(element):
            continue
        text = " ".join(element.text_content().split())
        if not 20 <= len(text) <= 400 or len(element.findall(".//p")) > 1:
            continue
        if not _names_standfirst_strongly(element) and not _in_article_header(element):
            # "summary"/"description" also name the lead paragraph: only in the headline's block
            continue
        _drop(element)
        return text
    return None
