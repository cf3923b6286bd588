"""HTML extraction: the article body and its metadata from one news page.

trafilatura does the heavy lifting, in its fast mode, on a tree PressWatch has pre-cleaned first
(``presswatch.extract.boilerplate``): blocks that are navigation, related links, newsletter boxes or
share bars by their markup are gone before trafilatura scores the page. Its output is then checked
against a second candidate when it looks weak, and the paragraphs lose what is not body text: the
headline repeated at the top, byline and dateline lines, and whatever the shared text-cleaner rules
(``presswatch.extract.text.clean_paragraphs``) recognise. Every dropped line is kept in ``removed``
with the rule that dropped it, so nothing disappears silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Extractor
from trafilatura.utils import load_html

from presswatch.extract.base import ExtractedText
from presswatch.extract.boilerplate import detach_standfirst, prune_boilerplate
from presswatch.extract.paywall import declared_not_free, drop_paywall_prompts, is_paywall_prompt, is_teaser
from presswatch.extract.chooser import OWN, anchor_texts, choose_body
from presswatch.extract.ensemble import peer_candidates
from presswatch.extract.nesting import flatten_deep_nesting
from presswatch.extract.density import densest_block_paragraphs, prose_paragraph_length
from presswatch.extract.metadata import extract_metadata
from presswatch.extract.text import clean_paragraphs
from presswatch.model import RemovedLine

__all__ = [
    "body_candidates",
    "body_paragraphs",
    "drop_bare_links",
    "drop_byline_lines",
    "drop_menu_runs",
    "drop_tag_lists",
    "drop_title_lines",
    "drop_trailing_prompts",
    "extract_html",
    "pick_candidate",
]


def extract_html(html: str | bytes, *, url: str | None = None, ensemble: bool = True) -> ExtractedText:
    """Extract one page; a page without article text gives an ExtractedText with no paragraphs.

    With ``ensemble`` the peer extractors read the page too, their text gets the same line rules as
    PressWatch's own, and the learned chooser (``presswatch.extract.chooser``) says which candidate is
    the body: PressWatch's own unless another is predicted clearly better."""
    if isinstance(html, str):
        html = flatten_deep_nesting(html)
    tree = parse_html(html)
    if tree is None:
        return ExtractedText(title=None, standfirst=None, paragraphs=(), url=url)
    meta = extract_metadata(tree, url=url)
    not_free = declared_not_free(tree)  # read before the body's pruning drops the page's scripts
    standfirst = detach_standfirst(tree)
    page_prose = prose_paragraph_length(tree)
    anchors = anchor_texts(tree) if ensemble else frozenset()
    cleaned = {OWN: _cleaned(body_paragraphs(tree, page_prose=page_prose), meta)}
    if ensemble:
        cleaned.update(_peer_bodies(html, url, meta, standfirst))
        chosen = choose_body({name: c[0] for name, c in cleaned.items()}, page_prose, anchors)
    else:
        chosen = OWN
    paragraphs, removed, comment_form, syndication_hint = cleaned[chosen]
    # the subscription prompt never enters the body; a body it cut short is a teaser
    without_prompts = drop_paywall_prompts(paragraphs)
    removed.extend(RemovedLine(line, "paywall_prompt") for line in _dropped(paragraphs, without_prompts))
    # an earlier rule (newsletter, reader prompt) may have dropped the prompt already
    had_prompt = any(is_paywall_prompt(line.text) for line in removed)
    paragraphs = without_prompts
    paywalled = is_teaser(paragraphs, had_prompt, not_free)
    return ExtractedText(
        paywalled=paywalled,
        title=meta.title,
        standfirst=standfirst
        or _description_as_standfirst(meta.description, paragraphs),
        paragraphs=tuple(paragraphs),
        authors=meta.authors,
        published=meta.published,
        published_source=meta.published_source,
        site=meta.site,
        language=meta.language,
        url=meta.url or url,
        removed=tuple(removed),
        comment_form=comment_form,
        syndication_hint=syndication_hint,
    )


def body_candidates(
    html: str | bytes, *, url: str | None = None
) -> tuple[dict[str, list[str]], int, frozenset[str]]:
    """Every body candidate of a page after the line rules (PressWatch's own under ``OWN``, then each
    peer's), the page's prose length and its link texts: what the chooser reads, for learning it."""
    if isinstance(html, str):
        html = flatten_deep_nesting(html)
    tree = parse_html(html)
    if tree is None:
        return {}, 0, frozenset()
    meta = extract_metadata(tree, url=url)
    standfirst = detach_standfirst(tree)
    page_prose = prose_paragraph_length(tree)
    anchors = anchor_texts(tree)
    cleaned = {OWN: _cleaned(body_paragraphs(tree, page_prose=page_prose), meta)}
    cleaned.update(_peer_bodies(html, url, meta, standfirst))
    return {name: c[0] for name, c in cleaned.items()}, page_prose, anchors


# the parser settings trafilatura uses (comments and processing instructions dropped at parse time)
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)
# lxml.html picks each element's class in Python (form elements get their own), once per node every
# time a node is touched from Python: thousands of calls a page. Extraction never uses the form
# classes, so a fixed lookup done in C gives every element the plain HtmlElement, still what
# trafilatura accepts as a parsed tree.
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page; text goes straight to lxml, bytes and odd inputs through trafilatura's loader
    (encoding detection, repair of broken beginnings)."""
    if isinstance(html, str) and html.strip():
        try:
            tree = lxml.html.document_fromstring(html, parser=_PARSER)
        except (ValueError, lxml.etree.ParserError):
            tree = None
        if tree is not None and len(tree):
            return tree
    return load_html(html)


def _cleaned(paragraphs: list[str], meta) -> tuple[list[str], list[RemovedLine], object, str | None]:
    """The body's line rules, in order; every dropped line is kept with its rule."""
    removed: list[RemovedLine] = []
    # menus first: a menu left above the headline would hide it from the headline rule
    for rule, apply in (
        ("bare_link", drop_bare_links),
        ("menu", drop_menu_runs),
        ("repeated_title", lambda ps: drop_title_lines(ps, meta.title_candidates)),
        ("byline", lambda ps: drop_byline_lines(ps, authors=meta.authors)),
        ("reader_prompt", drop_trailing_prompts),
        ("tag_list", drop_tag_lists),
    ):
        kept = apply(paragraphs)
        removed.extend(RemovedLine(line, rule) for line in _dropped(paragraphs, kept))
        paragraphs = kept
    # the messy-text cleaner's line rules: share/subscribe prompts, comment forms, repeated title
    kept, more_removed, comment_form, syndication_hint = clean_paragraphs(tuple(paragraphs), title=meta.title)
    removed.extend(more_removed)
    return list(kept), removed, comment_form, syndication_hint


def _peer_bodies(html: str | bytes, url: str | None, meta, standfirst: str | None) -> dict:
    """Each peer's text as lines, through the same line rules as PressWatch's own; the standfirst taken
    out of PressWatch's tree is not body text in theirs either, where it opens their text."""
    skip = _norm(standfirst) if standfirst else None
    out = {}
    for name, text in peer_candidates(html, url).items():
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and skip and _norm(lines[0]) == skip:
            lines = lines[1:]
        out[name] = _cleaned(lines, meta)
    return out


def _description_as_standfirst(
    description: str | None, paragraphs: list[str]
) -> str | None:
    """The page's description stands in for a standfirst unless it is just the body's opening
    (pages often copy the first paragraph, or its start, into the description)."""
    if not description:
        return None
    key = _norm(description.rstrip(".… "))
    body_start = _norm(" ".join(paragraphs[:2]))
    if not key or body_start.startswith(key) or key in body_start:
        return None
    return description


def _dropped(before: list[str], after: list[str]) -> list[str]:
    """The lines a rule removed, in order (rules only remove, never reorder)."""
    remaining = Counter(after)
    out = []
    for line in before:
        if remaining[line]:
            remaining[line] -= 1
        else:
            out.append(line)
    return out


# --- body ---------------------------------------------------------------------------------------


def body_paragraphs(tree: HtmlElement, *, page_prose: int | None = None) -> list[str]:
    """The body's paragraphs, from trafilatura's fast mode on the pre-cleaned tree.

    The tree is modified (pruned); metadata must be read before. ``page_prose``: the page's
    ``prose_paragraph_length``, when the caller has it already.
    """
    if page_prose is None:
        page_prose = prose_paragraph_length(tree)
    prune_boilerplate(tree)
    # the head (read for metadata already) and inline graphics hold no text, only nodes to walk
    head = tree.find("head")
    if head is not None:
        head.clear()
    for graphic in list(tree.iter("svg", "{http://www.w3.org/2000/svg}svg")):
        graphic.drop_tree()
    _space_around_blocks(tree)
    doc = trafilatura.bare_extraction(tree, options=_TRAFILATURA_OPTIONS)
    text = doc.text if doc is not None else ""
    paragraphs = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if page_prose and sum(map(len, paragraphs)) < WEAK_SHARE * page_prose:
        paragraphs = pick_candidate(paragraphs, densest_block_paragraphs(tree))
    return paragraphs


_BLOCKS = (
    "p", "div", "section", "aside", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
)


def _space_around_blocks(tree: HtmlElement) -> None:
    """A space before and after every block element: trafilatura drops some blocks itself (class
    "related", say), and the inline text on either side then ran together into a word the page never
    had ("…0001</a><p class="related">…</p><a>0001" read "00010001"). The extraction benchmark is
    unchanged by it (PressWatch F1 0.9809 either way)."""
    for block in tree.iter(*_BLOCKS):
        previous = block.getprevious()
        if previous is not None and not (previous.tail or "")[-1:].isspace():
            previous.tail = (previous.tail or "") + " "
        if block.tail and not block.tail[:1].isspace():
            block.tail = " " + block.tail


# one options object for every page (trafilatura copies it where it changes it): fast mode, no
# comments, tables kept, no metadata (read above, more cheaply); building it per call costs time
_TRAFILATURA_OPTIONS = Extractor(
    output_format="python", fast=True, comments=False, tables=True
)

#: trafilatura's result is suspect below this share of the page's prose paragraphs
WEAK_SHARE = 0.4


def _shingle_set(paragraphs: list[str]) -> set[tuple[str, ...]]:
    words = _WORD.findall(" ".join(paragraphs).casefold())
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def pick_candidate(main: list[str], second: list[str]) -> list[str]:
    """Keep ``main`` unless ``second`` is clearly longer AND contains it (more of the same article).

    A longer candidate that does not contain the first result found something else on the page
    (comments, another story), and is not taken.
    """
    if sum(map(len, second)) < 1.5 * sum(map(len, main)):
        return main
    main_shingles = _shingle_set(main)
    if main_shingles and len(main_shingles & _shingle_set(second)) < 0.9 * len(
        main_shingles
    ):
        return main
    return second


# --- paragraph rules ----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """Words only, case-folded: how a repeated headline is recognised despite punctuation changes."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def drop_title_lines(paragraphs: list[str], titles: tuple[str, ...]) -> list[str]:
    """Drop the headline when it is repeated as the body's first lines (the body excludes it).

    A leading line counts as the headline when it equals one of the page's title candidates (og:title,
    <h1>, <title> without the site suffix) or is the <title> with the site name around it.
    """
    wanted = {n for n in (_norm(t) for t in titles) if n}
    if not wanted:
        return paragraphs
    out = list(paragraphs)
    # the headline sits at the top; look at the first few lines only so a quoted headline later stays
    for index in range(min(3, len(out))):
        line = _norm(out[index])
        if line and (
            line in wanted
            or any(
                len(line) >= 20
                and (
                    t.startswith(line) or line.startswith(t) and len(line) - len(t) < 30
                )
                for t in wanted
            )
        ):
            return out[:index] + out[index + 1 :]
    return out


# a person's name as bylines print it: capitalised words, with the usual lower-case particles
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|da|di|del|van|von|der|den|al|bin|le|la)\s+)?[A-Z][\w.'’-]*){0,4}"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|reported by|von|por|par)\s+{_NAME}(?:\s*(?:,|(?i:and)|&)\s*{_NAME})*"
    r"(?:\s*[,|·•–—-]\s*[^.!?]{0,60})?$"
)
_DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:\s*(?:[-–—|,·•]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?)?\s*$",
    re.IGNORECASE,
)


_POSTED_BY = re.compile(
    r"^[-–—•|\s]*(?:posted|published|written|publicado|publicada|publié|publiée|veröffentlicht|pubblicato)\s+"
    r"(?:by|por|par|von|da)\b.{0,80}$",
    re.IGNORECASE,
)


def is_byline(line: str, authors: tuple[str, ...] = ()) -> bool:
    """A line that only credits the writer ("By Jane Roe", "Jane Roe | Reuters") or dates the piece."""
    stripped = line.strip()
    if len(stripped) > 120:
        return False
    if (
        _DATELINE.match(stripped)
        or _BYLINE.match(stripped)
        or _POSTED_BY.match(stripped)
    ):
        return True
    norm = _norm(stripped)
    for author in authors:
        name = _norm(author)
        if name and (norm == name or norm in {f"by {name}", f"{name} staff writer"}):
            return True
    return False


def drop_byline_lines(
    paragraphs: list[str], *, authors: tuple[str, ...] = ()
) -> list[str]:
    """Drop byline and dateline lines at the top of the body (where pages print them)."""
    out = list(paragraphs)
    start = 0
    while start < min(4, len(out)) and is_byline(out[start], authors):
        start += 1
    return out[start:]


_BARE_LINK = re.compile(r"^(?:https?://|www\.)\S+$")


def drop_bare_links(paragraphs: list[str]) -> list[str]:
    """Drop lines that are nothing but a URL (share widgets and print footers leave them)."""
    return [p for p in paragraphs if not _BARE_LINK.match(p.strip())]


#: a run of at least this many short lines in a row is a menu, tag cloud or category list
MENU_RUN = 6
_SHORT_LINE_WORDS = 4


def _is_menu_item(line: str) -> bool:
    text = line.strip().lstrip("-•*| ").strip()
    # characters too: scripts written without spaces make any sentence "one word"; digits and
    # colons make it data (a price list, opening hours), which menus and tag lists do not carry
    return (
        len(text.split()) <= _SHORT_LINE_WORDS
        and len(text) <= 30
        and not text.endswith((".", "!", "?", ":", "”", '"', "。", "！", "？"))
        and not any(ch.isdigit() or ch == ":" for ch in text)
    )


def drop_menu_runs(paragraphs: list[str]) -> list[str]:
    """Drop runs of many short, unpunctuated lines: menus and tag lists that got past the markup rules.

    Short lines one or a few at a time (a subheading, a short list in the story) are kept.
    """
    out: list[str] = []
    run: list[str] = []
    for paragraph in [*paragraphs, None]:
        if paragraph is not None and _is_menu_item(paragraph):
            run.append(paragraph)
            continue
        if len(run) < MENU_RUN:
            out.extend(run)
        run = []
        if paragraph is not None:
            out.append(paragraph)
    return out


# what a closing line says when it is the page talking to the reader, not the story
_PROMPT = re.compile(
    r"\S+@\S+\.\w+|\bfollow (?:us|him|her|them|me)\b|\bsign up\b|\bshare (?:it|this)\b|\bclick here\b|"
    r"\bwrite to \w+|\bemail (?:him|her|them|us|the author)\b",
    re.IGNORECASE,
)
#: how many closing lines are looked at, and how long a prompt can be
TRAILING_LINES = 3
PROMPT_WORDS = 40


def drop_trailing_prompts(paragraphs: list[str]) -> list[str]:
    """Drop short closing lines that address the reader: contact e-mails, follow/sign-up/share prompts.

    Only the last few lines are looked at: the same words inside the story ("he said he would click
    here and there") are the story.
    """
    out = list(paragraphs)
    start = max(0, len(out) - TRAILING_LINES)
    tail = [
        p
        for p in out[start:]
        if not (len(p.split()) <= PROMPT_WORDS and _PROMPT.search(p))
    ]
    return out[:start] + tail


_TAGS_LABEL = re.compile(
    r"^(?:tags|tagged(?: with)?|topics|keywords|related topics|categories|filed under)\s*:?\s*",
    re.IGNORECASE,
)


def _is_keyword_list(line: str) -> bool:
    items = [item.strip() for item in re.split(r"[,;|]", line) if item.strip()]
    return len(items) >= 3 and all(
        len(item.split()) <= 6 and not item.endswith(".") for item in items
    )


def drop_tag_lists(paragraphs: list[str]) -> list[str]:
    """Drop a CMS tag list: a "Tags" label with the keyword list after it (or on the same line)."""
    out: list[str] = []
    skip_next = False
    for index, paragraph in enumerate(paragraphs):
        if skip_next:
            skip_next = False
            if _is_keyword_list(paragraph):
                continue
        label = _TAGS_LABEL.match(paragraph)
        if label:
            rest = paragraph[label.end() :]
            if not rest:
                nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
                if _is_keyword_list(nxt) or len(nxt.split()) <= 3:
                    skip_next = True
                    continue
            elif _is_keyword_list(rest):
                continue
        out.append(paragraph)
    return out
