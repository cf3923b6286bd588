"""What a page prints about its story beside the headline: the publication date and the byline.

Readers take a story's date and writers from the lines printed under (or just above) its headline,
"Von Ana Lind · 21.01.2022" or "Posted on March 3, 2020 by Bo Ek"; the markup's machine stamps and
author fields are often a republication time, a CMS account or the outlet. This module reads that
zone: the text after the page's first ``<h1>`` (a short stretch before it too), outside page furniture
(comments, related stories, sidebars, teasers, footers: ``boilerplate.is_furniture_name``).

- ``printed_date``: the first date written there that is not labelled as an update ("Updated",
  "Aktualisiert", "mis à jour"...), numeric (ISO, ``21.01.2022``, ``2022/01/21``, ``2022年1月21日``,
  unambiguous day/month orders) or with a month name in English, German, French, Spanish, Italian,
  Portuguese or Dutch; a ``<time datetime>`` there gives its attribute.
- ``printed_bylines``: short lines there that are a by-label and a name ("By Ana Lind", "von Ana Lind",
  "Auteur : Ana Lind", "Posted on 3 May 2021 by Ana Lind"): what follows the label, for the author cleaner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml.html import HtmlElement

from presswatch.extract.boilerplate import ARTICLE_SHARE, is_furniture_name

__all__ = ["parse_printed_date", "printed_bylines", "printed_date"]

#: how much text after the headline (and before it) is the byline zone, in characters
AFTER_HEADLINE = 1200
BEFORE_HEADLINE = 200

# not the byline zone: furniture, quotations, captions, and headlines (a date in a headline is its text)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "nav", "aside", "footer", "form",
                        "select", "button", "figcaption", "blockquote", "h1", "h2", "h3", "h4"})

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier enero gennaio janeiro januari jänner janv ene gen",
        "february feb februar février fevrier febrero febbraio fevereiro februari févr fev febr",
        "march mar märz maerz mars marzo março marco maart mär",
        "april apr avril abril aprile avr abr",
        "may mai mayo maggio maio mei mag",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho juil lug",
        "august aug août aout agosto augustus ago",
        "september sep sept septembre septiembre settembre setembro set",
        "october oct oktober octobre octubre ottobre outubro okt ott out",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre dezembro dez déc dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_NUMERIC = [
    re.compile(rf"(?<!\d){_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d){_YEAR}\.(?P<m>\d{{1,2}})\.(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日"),
    re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?{_YEAR}(?!\d)"),
]
# "03/12/2019" or "12-03-2019": which is the month is only known when one of the two is over 12
_SLASHED = re.compile(rf"(?<![\d/])(?P<a>\d{{1,2}})[/-](?P<b>\d{{1,2}})[/-]{_YEAR}(?!\d)")
_WORDED = [
    # "21. Januar 2022", "21 janvier 2022", "21 de enero de 2022", "Mittwoch, 26. Jan. 2022"
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?{_YEAR}(?!\d)",
               re.IGNORECASE),
    # "January 21, 2022", "Jan. 21 2022"
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)", re.IGNORECASE),
]

# a date labelled as a later change, not the publication
_UPDATE_LABEL = re.compile(
    r"(?:updated|update|modified|changed|edited|revised|aktualisiert|geändert|änderung|bearbeitet|stand\b|"
    r"mis\s+à\s+jour|mise\s+à\s+jour|modifié|actualizad[oa]|actualización|modificad[oa]|aggiornat[oa]|"
    r"aggiornamento|atualizad[oa]|atualização|bijgewerkt|gewijzigd)",
    re.IGNORECASE,
)
# label words that name the writer ahead of the name
_BY_LABEL = re.compile(
    r"^(?:(?:text|texte|words|story|reporting|written|posted|published|geschrieben|verfasst|publicado|publié|"
    r"écrit|escrito|scritto|pubblicato|veröffentlicht)(?:\s+(?:on|in|am|le|el|il|em)\s+.{2,40}?)?\s+)?"
    r"(?:by|von|par|por|di|door)\s+(?=\S)"
    r"|^(?:text|texte|autor|autorin|author|auteur|autore|redaktion|words|reporter|reporting)\s*:\s*(?=\S)",
    re.IGNORECASE,
)


def parse_printed_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    first = _first_date(text)
    return first[1] if first else None


def _first_date(text: str) -> tuple[int, str] | None:
    """Where the first date in ``text`` starts, and the day."""
    found: list[tuple[int, str]] = []
    for pattern in _NUMERIC:
        for match in pattern.finditer(text):
            day = _day(match["year"], match["m"], match["d"])
            if day:
                found.append((match.start(), day))
                break
    for match in _SLASHED.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 >= b:
            day = _day(match["year"], b, a)
        elif b > 12 >= a:
            day = _day(match["year"], a, b)
        else:
            continue  # both could be the month: no guess
        if day:
            found.append((match.start(), day))
            break
    for pattern in _WORDED:
        for match in pattern.finditer(text):
            month = _MONTHS.get(match["month"].casefold().rstrip("."))
            if month:
                day = _day(match["year"], month, match["d"])
                if day:
                    found.append((match.start(), day))
                    break
    return min(found) if found else None


def _day(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if value.year < 1995 or value > date.today():
        return None
    return value.isoformat()


# names of blocks that are not the story's own lines, beside the page furniture
_NOT_BYLINE = re.compile(r"caption|credit|print|profile|breadcrumb", re.IGNORECASE)
# classes that keep a block off the screen
_HIDDEN = frozenset({"hidden", "hide", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "print-only"})
#: a printed date or byline is a short line of its own; a date inside a longer text is the story's
MAX_LINE = 90
MAX_LEAD_WORDS = 4


def _furniture(element: HtmlElement, article: _Article | None = None) -> bool:
    """``element`` sits in page furniture. The story's own containers are no furniture whatever their
    names say ("layout-with-sidebar"): the headline's ancestors, and a block holding most of the page's
    text."""
    article = article or _Article()
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str) or id(node) in article.ancestors:
            continue
        if node.tag in _SKIP_TAGS:
            return True
        names = (node.get("class") or "", node.get("id") or "")
        if not _HIDDEN.isdisjoint(names[0].lower().split()):
            return True
        if any(is_furniture_name(n) or _NOT_BYLINE.search(n) for n in names):
            if article.total and len(node.text_content()) >= ARTICLE_SHARE * article.total:
                continue
            return True
    return False


def _update_class(value: str) -> bool:
    """A class naming an update; WordPress themes mark the publication "entry-date published updated"."""
    return bool(_UPDATE_LABEL.search(value)) and not re.search(r"publish|entry-date|posted", value, re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _headline(root: HtmlElement, titles: tuple[str, ...]) -> HtmlElement | None:
    """The story's headline element: the first h1/h2 that reads as the page's title, else the first h1."""
    wanted = {_norm(t) for t in titles if t and t.strip()}
    if wanted:
        for element in root.iter("h1", "h2"):
            text = _norm(element.text_content())
            if text and any(text == w or (len(text) > 20 and text in w) for w in wanted):
                return element
    return root.find(".//h1")


class _Article:
    """The story's own containers: the headline's ancestors, and the page's text length (measured when
    first asked) to recognise a block holding most of it."""

    def __init__(self, root: HtmlElement | None = None, headline: HtmlElement | None = None) -> None:
        self.root = root
        # the elements are held, not only their ids: lxml makes a new Python object (and id) for a node
        # whose last one was freed
        self._held = list(headline.iterancestors()) if headline is not None else []
        self.ancestors = frozenset(id(a) for a in self._held)
        self._total: int | None = None

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = len(self.root.text_content()) if self.root is not None else 0
        return self._total


def _article(tree: HtmlElement, titles: tuple[str, ...]) -> tuple[HtmlElement | None, _Article]:
    body = tree.find(".//body")
    root = body if body is not None else tree
    h1 = _headline(root, titles)
    return h1, _Article(root, h1)


def _pieces(elements: Iterator[HtmlElement]) -> Iterator[tuple[HtmlElement, str, bool]]:
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        if element.text and element.text.strip():
            yield element, element.text, False
        if element.tail and element.tail.strip():
            yield element, element.tail, True


def _following(h1: HtmlElement, root: HtmlElement) -> Iterator[HtmlElement]:
    """The headline and every element after it, in document order."""
    yield from h1.iter()
    node = h1
    while node is not None and node is not root:
        for sibling in node.itersiblings():
            yield from sibling.iter()
        node = node.getparent()


def _zone(tree: HtmlElement, titles: tuple[str, ...] = ()) -> Iterator[tuple[HtmlElement, str, bool]]:
    """(element, its own text piece, is_tail) in document order across the headline's zone: from a
    little before the headline, in its own block (a kicker or date line above it, not the site's
    banner), to a stretch after it."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    h1 = _headline(root, titles)
    if h1 is None:
        return
    block = h1.getparent()
    before: list[tuple[HtmlElement, str, bool]] = []
    if block is not None and block is not root and block.tag != "body":
        for element in block.iter():
            if element is h1:
                break
            before.extend(_pieces(iter((element,))))
    spent, kept = 0, 0
    while kept < len(before) and spent < BEFORE_HEADLINE:
        kept += 1
        spent += len(before[-kept][1].strip())
    spent = 0
    for element, text, is_tail in before[len(before) - kept:]:
        spent += len(text.strip())
        yield element, text, is_tail
    for element, text, is_tail in _pieces(_following(h1, root)):
        if spent > BEFORE_HEADLINE + AFTER_HEADLINE:
            return
        spent += len(text.strip())
        yield element, text, is_tail


def _owner(element: HtmlElement, is_tail: bool) -> HtmlElement:
    """The element a text piece belongs to (a tail belongs to the parent)."""
    parent = element.getparent() if is_tail else None
    return parent if parent is not None else element


def printed_date(tree: HtmlElement, titles: tuple[str, ...] = ()) -> tuple[str | None, str]:
    """The publication day printed in the headline's zone, and its source (``time`` or ``text``).

    ``titles`` are the page's headline as its markup gives it, to find the headline element."""
    label = ""  # the text just before the current piece, where "Aktualisiert:" sits
    seen_times: list[HtmlElement] = []  # (elements held: see _Article)
    _, article = _article(tree, titles)
    for element, text, is_tail in _zone(tree, titles):
        owner = _owner(element, is_tail)
        time = next((t for t in (element, *element.iterancestors()) if t.tag == "time"), None) if not is_tail else None
        if time is not None and time not in seen_times and time.get("datetime"):
            seen_times.append(time)
            if not (_UPDATE_LABEL.search(f"{label} {time.text_content()}") or _update_class(time.get("class") or "")
                    or _furniture(time, article)):
                day = parse_printed_date(time.get("datetime") or "")
                if day:
                    return day, "time"
        if len(" ".join(text.split())) <= MAX_LINE:
            first = _first_date(text)
            day = first[1] if first else None
            # a date line has a label of a few words before the date at most, not a sentence
            if day and len(text[: first[0]].split()) > MAX_LEAD_WORDS:
                day = None
            if day and len(owner.text_content()) <= 2 * MAX_LINE and not _furniture(owner, article):
                if not (_UPDATE_LABEL.search(f"{label} {text}") or _update_class(owner.get("class") or "")):
                    return day, "time" if time is not None else "text"
        label = text.strip()[-40:]
    return None, "none"


def printed_bylines(tree: HtmlElement, titles: tuple[str, ...] = ()) -> list[str]:
    """Short lines in the headline's zone that are a by-label and a name, as printed."""
    lines: list[str] = []
    seen: list[HtmlElement] = []
    _, article = _article(tree, titles)
    for element, _text, is_tail in _zone(tree, titles):
        owner = _owner(element, is_tail)
        if any(owner is other for other in seen):
            continue
        seen.append(owner)
        line = " ".join(owner.text_content().split())
        label = _BY_LABEL.match(line)
        if len(line) > MAX_LINE or not label or _furniture(owner, article):
            continue
        lines.append(line[label.end():])
    return lines
