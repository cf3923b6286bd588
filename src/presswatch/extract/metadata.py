"""Page metadata: title, authors, publication date, site, language -- from the page's own markup.

Sources, most trusted first: schema.org JSON-LD (the article object), Open Graph and ``article:*``
properties, named ``<meta>`` tags, ``<time datetime>``, then trafilatura's metadata extractor and
htmldate (original date only) for what the markup does not state. Authors come out as people's names:
"By", "Staff", job titles after a comma, dates, e-mails and profile URLs are stripped, "A and B" is
split, duplicates go. Dates come out in ISO 8601; a date in the future of the page (the crawl time) is
never taken, since htmldate is asked for the original date and the markup's modified dates are ignored.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.etree import Element as _ANY_ELEMENT
from lxml.html import HtmlElement

from presswatch.extract.boilerplate import matching_values
from presswatch.extract.printed import printed_bylines, printed_date
from presswatch.model import site_from_url

__all__ = [
    "PageMetadata",
    "clean_authors",
    "extract_metadata",
    "normalise_date",
    "split_title",
]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",
        "itempage",
        "creativework",
    }
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None = None
    #: every form of the headline seen on the page (to recognise it repeated in the body)
    title_candidates: tuple[str, ...] = ()
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601
    site: str | None = None
    language: str | None = None
    url: str | None = None
    published_source: str = "none"  # jsonld | meta | time | url | text | none


@dataclass(slots=True)
class _Found:
    """What one source says; the first source to say something wins."""

    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # organisations named as the author
    dates: list[str] = field(default_factory=list)
    date_sources: list[str] = field(default_factory=list)  # beside ``dates``: jsonld | meta | time

    def add_date(self, value: str, source: str) -> None:
        self.dates.append(value)
        self.date_sources.append(source)
    sites: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


# --- JSON-LD ------------------------------------------------------------------------------------


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # pages sometimes leave raw control characters in the JSON; try once without them
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        yield from _flatten(data)


def _flatten(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        main = data.get("mainEntity") or data.get("mainEntityOfPage")
        if isinstance(main, dict) and main.get("@type"):
            yield from _flatten(main)


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _names(value: object, by_id: dict[str, dict] | None = None) -> Iterator[str]:
    """People's names from a schema.org person value (string, object or list of them); an object that
    only points at another by ``@id`` (``{"@id": ".../#/schema/person/1"}``) is read where it is given."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _names(item, by_id)
    elif isinstance(value, dict):
        if "name" not in value and by_id and isinstance(value.get("@id"), str):
            target = by_id.get(value["@id"])
            value = target if target is not None and target is not value else value
        if _is_organisation(value):
            return
        name = value.get("name")
        if isinstance(name, str):
            yield name
        elif name is not None:
            yield from _names(name)


def _organisations(value: object, by_id: dict[str, dict]) -> Iterator[str]:
    """The names of organisations given as a schema.org author."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            if "name" not in item and isinstance(item.get("@id"), str):
                item = by_id.get(item["@id"], item)
            if _is_organisation(item) and isinstance(item.get("name"), str):
                yield item["name"]


def _is_organisation(value: dict) -> bool:
    return bool(value.get("@type")) and any(
        word in str(value.get("@type")).lower() for word in ("organization", "corporation", "newsmedia")
    )


def _from_json_ld(tree: HtmlElement, found: _Found) -> None:
    articles = []
    objects = list(_json_ld_objects(tree))
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str) and len(obj) > 1}
    for obj in objects:
        kinds = _types(obj)
        if "website" in kinds and isinstance(obj.get("name"), str):
            found.sites.append(obj["name"])
        if kinds & _ARTICLE_TYPES:
            articles.append(obj)
    # a page's news article object beats its generic WebPage object
    articles.sort(
        key=lambda o: 0 if _types(o) - {"webpage", "itempage", "creativework"} else 1
    )
    for rank, obj in enumerate(articles):
        for key in ("headline", "name"):
            if isinstance(obj.get(key), str):
                found.titles.append(obj[key])
        if isinstance(obj.get("description"), str):
            found.descriptions.append(obj["description"])
        if rank == 0:
            # later article objects are usually teasers for other stories, with their own authors
            found.authors.extend(_names(obj.get("author"), by_id))
            found.authors.extend(_names(obj.get("creator"), by_id))
            found.organisations.extend(_organisations(obj.get("author"), by_id))
        if isinstance(obj.get("datePublished"), str):
            found.add_date(obj["datePublished"], "jsonld")
        elif isinstance(obj.get("dateCreated"), str):
            found.add_date(obj["dateCreated"], "jsonld")
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            found.sites.append(publisher["name"])
        language = obj.get("inLanguage")
        if isinstance(language, str):
            found.languages.append(language)
        if isinstance(obj.get("url"), str):
            found.urls.append(obj["url"])


# --- <meta>, Open Graph, <time> ---------------------------------------------------------------

_META_TITLE = (
    "og:title",
    "twitter:title",
    "dc.title",
    "sailthru.title",
    "parsely-title",
)
_META_DESCRIPTION = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
)
_META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "cxenseparse:author",
)
_META_DATE = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
)
_META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher")


_WRITTEN_BY = re.compile(
    r"^\s*(?:written by|posted by|author|autor(?:in)?|auteur|autore|verfasst von|geschrieben von|écrit par|"
    r"escrito por|scritto da|geschreven door)\s*:?\s*$",
    re.IGNORECASE,
)


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        key = (
            (meta.get("property") or meta.get("name") or meta.get("itemprop") or "")
            .strip()
            .lower()
        )
        content = (meta.get("content") or "").strip()
        if key and content:
            values.setdefault(key, []).append(content)
    return values


_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:byline|author|authors|author-?name|byline__name|contributor|wrote[_-]?by|written[_-]?by)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)


def _from_meta(tree: HtmlElement, found: _Found) -> None:
    values = _meta_values(tree)

    def pick(keys: Iterable[str]) -> list[str]:
        return [v for k in keys for v in values.get(k, [])]

    found.titles.extend(pick(_META_TITLE))
    found.descriptions.extend(pick(_META_DESCRIPTION))
    found.authors.extend(
        a for a in pick(_META_AUTHOR) if not a.startswith(("http://", "https://"))
    )
    # SEO plugins' card pairs: twitter:label1 "Written by" / "Verfasst von", twitter:data1 the name
    for key, labels in values.items():
        if key.startswith("twitter:label") and any(_WRITTEN_BY.match(label) for label in labels):
            found.authors.extend(values.get(key.replace("label", "data", 1), []))
    for value in pick(_META_DATE):
        found.add_date(value, "meta")
    # the page's own og:site_name before JSON-LD's publisher: a syndicated story names the agency there
    found.sites[:0] = pick(_META_SITE)
    found.urls.extend(pick(("og:url",)))
    for link in tree.iterfind(".//link[@rel='canonical']"):
        if link.get("href"):
            found.urls.append(link.get("href"))
    for time in tree.iterfind(".//time[@datetime]"):
        # the first <time> with pubdate/published semantics, else the first one inside the article
        marks = " ".join(
            filter(None, (time.get("itemprop"), time.get("class"), time.get("pubdate")))
        )
        if "modif" in marks.lower() or "updat" in marks.lower():
            continue
        found.add_date(time.get("datetime"), "time")
        break
    language = tree.get("lang") or tree.get("xml:lang")
    if language:
        found.languages.append(language)
    found.languages.extend(
        pick(("og:locale", "content-language", "language", "dc.language"))
    )


@lru_cache(maxsize=16384)
def _is_byline_class(value: str) -> bool:
    lowered = value.lower()
    # every name the pattern takes holds one of these words; checked first, as a page has a hundred
    # or more class names and few name the byline (non-ASCII names go to the pattern, whose
    # case-insensitive matching knows more letter pairs than lower() does)
    if lowered.isascii() and not any(w in lowered for w in ("author", "byline", "contributor")):
        return False
    return bool(_BYLINE_CLASS.search(_CAMEL.sub("-", value)))


def _visible_bylines(tree: HtmlElement) -> list[str]:
    """Names printed on the page: schema.org microdata, rel=author links, elements named as the byline."""
    byline_classes = matching_values(tree, _is_byline_class, "class")
    # one walk over the elements for both kinds: schema.org/rel markup first, then the named ones
    marked: list[HtmlElement] = []
    named: list[HtmlElement] = []
    for element in tree.iter(_ANY_ELEMENT):
        if element.get("itemprop") == "author" or (
            element.get("rel") == "author" and element.tag == "a"
        ):
            marked.append(element)
        if (
            byline_classes
            and element.get("class") in byline_classes
            and element.find(".//p") is None
        ):
            named.append(element)
    elements = marked + named
    names = []
    for element in elements:
        if element.tag in ("meta", "link", "script"):
            continue
        if any(
            "comment" in (a.get("class") or "").lower() for a in element.iterancestors()
        ):
            continue  # a commenter, not the writer
        name = element.find(".//*[@itemprop='name']")
        text = " ".join((name if name is not None else element).text_content().split())
        if text and len(text) < 120:
            names.append(text)
    return names


# --- cleaning ------------------------------------------------------------------------------------

_BY = re.compile(
    r"^\s*(?:written\s+by|posted\s+by|words\s+by|reported\s+by|(?:view\s+)?(?:all\s+)?(?:posts|articles|stories)\s+by|"
    r"(?:authors?|author\(s\))(?=\s*:)|authors?(?=\s+[A-Z])|by|von|por|par)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DAYS = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
         r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
         r"dimanche")
# from the first date-ish word on, the rest of a byline is its date ("Jane Roe 19 Nov 2019", "Jane Roe Tuesday")
_DATE_FRAGMENT = re.compile(
    rf"\b(?:\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?|(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}|"
    rf"(?:{_DAYS})\b|\d{{1,2}}:\d{{2}}|\d{{4}}\b|(?:published|updated|posted|last\s+updated)\b).*$",
    re.IGNORECASE,
)
# the word that led into a date cut off a byline ("Ana Lind am", "Bo Ek on", "Cy Moss Stand:")
_INTO_DATE = re.compile(r"\s+(?:am|on|le|el|il|em|at|stand)\s*:?\s*$", re.IGNORECASE)
# words that end a name: what follows is a role or a link label ("Jane Roe Staff Writer", "View More Articles")
_ROLE_TAIL = re.compile(
    r"\s*\b(?:staff|senior|chief|sports|political|business|news|technology|science|health|foreign|special|"
    r"associate|contributing|deputy|managing|executive|editorial|writer|reporter|editor|correspondent|columnist|"
    r"contributor|intern|view|more|follow|share|email|get|read|see|articles?|posts?|illustrations?|photos?|"
    r"photography|fotos?|bilder|grafiken?)\b.*$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"^(?:staff|editor|editors|editorial|the editors|admin|administrator|reporter|correspondent|contributor|"
    r"guest|guest author|news desk|newsdesk|web desk|desk|team|biography|bio|profile|author|authors|by|"
    r"associated press|reuters|afp|ap|press release|unknown|anonymous|null|none|facebook|twitter|linkedin|"
    r"instagram|email|e-mail|print|share|updated|published|posted|name|your name|no author|autor|auteur|"
    r"veröffentlicht|aktualisiert|eingestellt|geschrieben|publié|publicado|publicada|pubblicato|actualizado)$",
    re.IGNORECASE,
)
# news agencies and wire services are credits, not people
_AGENCY = re.compile(
    r"\b(?:associated press|reuters|agence france|afp|press association|wire services?|news service)\b",
    re.IGNORECASE,
)
_SPLIT = re.compile(
    r"\s*(?:;|\||\band\b|&|\bund\b|\bet\b|\by\b(?=\s+[A-Z])|,\s*(?=[A-Z][\w'’.-]+\s+[A-Z]))\s*"
)
# "Meg JamesStaff Writer": a role word glued to the name (but "McGhee" is one word)
_GLUED = re.compile(
    r"(?<=[a-z])(?=(?:Staff|Senior|Contributing|Writer|Reporter|Editor|Correspondent|View|More|Published|Updated|Posted|Share|Follow|Email|Tweet)\b)"
)
# words of organisations, not people ("Detroit News", "The Water Coolest")
_ORG_WORD = re.compile(
    r"^the\b|\b(?:news|times|post|press|media|service|services|group|team|desk|magazine|daily|network|agency|online|tv|radio)\b",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "van",
        "von",
        "der",
        "den",
        "al",
        "bin",
        "le",
        "la",
        "du",
        "dos",
        "das",
    }
)


def _clean_author(raw: str) -> str | None:
    name = " ".join(raw.split())
    name = _URL.sub("", _EMAIL.sub("", name))
    name = _BY.sub("", name)
    name = _GLUED.sub(" ", name)
    if _AGENCY.search(name):
        name = _AGENCY.split(name)[0]
    name = name.split(",")[0]  # "Jane Roe, Staff Writer", "Jane Roe, Washington"
    if _ORG_WORD.search(name.strip()):
        return None
    name = _DATE_FRAGMENT.sub("", name)
    name = _INTO_DATE.sub("", name)
    without_role = _ROLE_TAIL.sub("", name)
    # a two-word pen name whose second word is a role word ("Rasender Reporter") keeps it
    name = without_role if len(without_role.split()) != 1 or len(name.split()) != 2 else name
    name = name.strip(" \t,;:|-–—·•()[]\"'")
    if not name or _NOT_A_NAME.match(name):
        return None
    words = name.split()
    # a person's name: one to five words, starting with a letter, not a sentence or a slug
    if not 1 <= len(words) <= 5 or not name[0].isalpha() or len(name) > 60:
        return None
    if re.search(r"[\d!?@#·•]", name):
        return None  # a counter, a slogan or a handle glued on ("Jane Roe·3", "Stop it!"), not a name
    if len(words) == 1 and name.isupper() and len(name) <= 5:
        return None  # an acronym ("CBS"), not a name
    if name.isupper() or name.islower():
        # SHOUTED or lower-cased names from bylines: give them name case
        if "-" in name and name.islower():
            return None  # a slug ("kevin-r"), not a printed name
        name = " ".join(w.capitalize() for w in words)
        words = name.split()
    if any(w[0].islower() and w not in _PARTICLES for w in words) or re.search(
        r"-[a-z]\b", name
    ):
        return None
    return name


def clean_authors(raw_names: Iterable[str]) -> tuple[str, ...]:
    """People's names from raw byline values: no "By", no "Staff", no dates, e-mails or URLs, deduped.

    A name that only repeats part of another ("Chris" beside "Chris Pokorny") is the same person.
    """
    names: list[str] = []
    for raw in raw_names:
        if not raw:
            continue
        text = _BY.sub("", " ".join(html.unescape(str(raw)).split()))
        for part in _SPLIT.split(text):
            name = _clean_author(part)
            if name is not None:
                names.append(name)
    kept: list[str] = []
    for name in names:
        words = set(name.casefold().split())
        if any(words < set(other.casefold().split()) for other in names):
            continue
        if name.casefold() not in {k.casefold() for k in kept}:
            kept.append(name)
    return tuple(kept)


# credits that name no one
_NO_CREDIT = re.compile(
    r"^(?:unknown|anonymous|anonym|admin|administrator|null|none|undefined|name|your name|no author|author|authors|"
    r"autor|auteur|by|von|follow|share|email|e-mail|print|updated|published|profile|bio|biography|more|mehr|"
    r"facebook|twitter|linkedin|instagram|home|redaktion|editor|editors)$",
    re.IGNORECASE,
)


def _clean_credit(raw: str) -> str | None:
    """A byline credit that is not a person's name (an outlet, a desk, initials), labels and links off."""
    text = " ".join(html.unescape(str(raw)).split())
    text = _BY.sub("", _URL.sub("", _EMAIL.sub("", text)))
    text = _INTO_DATE.sub("", _DATE_FRAGMENT.sub("", text))
    text = text.strip(" \t,;:|-–—·•()[]\"'")
    if not text or _NO_CREDIT.match(text) or len(text) > 60 or len(text.split()) > 6 or not text[0].isalnum():
        return None
    return text


def _credits(raw_values: Iterable[str]) -> tuple[str, ...]:
    """The markup's credits in order, deduplicated."""
    out: dict[str, str] = {}
    for raw in raw_values:
        credit = _clean_credit(raw) if raw else None
        if credit:
            out.setdefault(credit.casefold(), credit)
    return tuple(out.values())[:MAX_PRINTED_AUTHORS]


def _printed_credit(bylines: list[str]) -> tuple[str, ...]:
    """The credit the page's byline elements repeat most, when it is the clear one."""
    counts: dict[str, list[str]] = {}
    for line in bylines:
        credit = _clean_credit(line)
        if credit:
            counts.setdefault(credit.casefold(), []).append(credit)
    if not counts:
        return ()
    ranked = sorted(counts.values(), key=len, reverse=True)
    if len(ranked) == 1 or len(ranked[0]) > len(ranked[1]):
        return (ranked[0][0],)
    return ()


def _stated_outside_furniture(tree: HtmlElement, name: str) -> bool:
    """``name`` is printed somewhere on the page outside comments, sidebars and related blocks, or is
    given in an attribute (a meta tag, a link title)."""
    def key(text: str | None) -> str:
        return " ".join(re.findall(r"[^\W_]+", text.casefold())) if text else ""

    wanted = key(name)

    def names(text: str | None) -> bool:
        # a one-word name ("Alexander") only as a whole value: inside a longer one it is someone's first name
        found = key(text)
        return found == wanted if " " not in wanted else f" {wanted} " in f" {found} "

    for element in tree.iter(_ANY_ELEMENT):
        if element.tag in ("script", "style"):
            continue
        if any(names(v) for v in (element.get("content"), element.get("title"))):
            return True
        if not any(names(t) for t in (element.text, element.tail)):
            continue
        owner = element if names(element.text) else element.getparent()
        if owner is None or not _in_furniture(owner):
            return True
    return False


# blocks whose names are other people's: comments, sidebars and widgets, related or most-read lists
# (a class word of its own, or the head of one: "comment-list", "sidebar_left"; a page's <body> class
# names its layout, "sidebar" included, and Blogger wraps the post itself in a "widget")
_OTHERS_BLOCK = re.compile(r"(?:^|\s)(?:comments?|sidebar|related|recommend\w*|teasers?|popular|trending|"
                           r"recent\w*|most-?read)(?:$|[\s_-])", re.IGNORECASE)


def _in_furniture(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag == "aside" or _OTHERS_BLOCK.search(node.get("class") or "") or _OTHERS_BLOCK.search(
            node.get("id") or ""
        ):
            return True
    return False


#: at most this many names printed in the page make a byline; more are a list of other stories' writers
MAX_PRINTED_AUTHORS = 4


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", _URL.sub(" ", text).casefold()))


def site_names(sites: Iterable[str], url: str | None) -> list[tuple[str, ...]]:
    """The outlet's names as words: the markup's site and publisher names and the URL's host."""
    names = [_words(site) for site in sites]
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.removeprefix("www.").split(".")
        names += [tuple(labels), tuple(labels[:-1])]
    return [n for n in names if n]


def is_site_name(author: str, sites: list[tuple[str, ...]]) -> bool:
    """An author that is the outlet itself ("Die Tagespost", "Redacción Trome" on trome.pe)."""
    words = _words(author)
    if not words:
        return False
    joined = "".join(words)
    return any(joined == "".join(site) or (len(words) > len(site) and set(site) <= set(words)) for site in sites)


def people_first(authors: tuple[str, ...], sites: list[tuple[str, ...]]) -> tuple[str, ...]:
    """``authors`` without the outlet's own name (the caller keeps it when no one else is named)."""
    return tuple(a for a in authors if not is_site_name(a, sites))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")


_DAY_FIRST = re.compile(r"^\s*\d{1,2}[.-]\d{1,2}[.-]\d{4}\b")


def normalise_date(raw: str | None) -> str | None:
    """ISO 8601 from a markup date: a date-time keeps its time (and offset), a date stays a date."""
    if not raw:
        return None
    text = raw.strip()
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    if _ISO_LIKE.match(candidate):
        # some pages write "+0000" or "2019-11-19 08:10:00"; fromisoformat on 3.11 takes both
        try:
            parsed = datetime.fromisoformat(
                re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
            )
        except ValueError:
            try:
                return date.fromisoformat(candidate[:10]).isoformat()
            except ValueError:
                return None
        if parsed.year < 1990:
            return None  # placeholder dates ("0001-01-01") and epoch zero are not publication dates
        if len(candidate) <= 10:
            return parsed.date().isoformat()
        return parsed.isoformat()
    try:
        from dateutil import parser as date_parser

        with warnings.catch_warnings():
            # "EST"-style zone names: the date is still right, the warning is noise
            warnings.simplefilter("ignore")
            # "10.12.2022" and "01-11-2023" put the day first wherever they are written that way;
            # slashed dates keep the month first ("03/12/2019" as US pages mean it)
            day_first = bool(_DAY_FIRST.match(text))
            parsed = date_parser.parse(text, fuzzy=False, dayfirst=day_first)
    except (ValueError, OverflowError, ImportError):
        return None
    if parsed.year < 1990 or parsed.year > datetime.now().year + 1:
        return None
    has_time = bool(re.search(r"\d:\d\d", text))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»-]\s+|\s+-{2}\s+")


def split_title(title: str, site: str | None = None) -> str:
    """The headline from a <title>: without the site name the page adds before or after it."""
    parts = _TITLE_SEPARATORS.split(title.strip())
    if len(parts) == 1:
        return title.strip()
    if site:
        site_norm = site.casefold().strip()
        kept = [
            p
            for p in parts
            if p.casefold().strip() != site_norm and site_norm not in p.casefold()
        ]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
    # no known site name: the headline is the longest part
    return max(parts, key=len)


def _first(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value and value.strip():
            # markup values are sometimes entity-escaped twice ("&#8216;" inside content="")
            return " ".join(html.unescape(value).split())
    return None


def extract_metadata(
    tree: HtmlElement, *, url: str | None = None, fallback: bool = True
) -> PageMetadata:
    """Read the page's metadata; ``fallback`` lets trafilatura/htmldate fill what the markup lacks."""
    found = _Found()
    _from_json_ld(tree, found)
    _from_meta(tree, found)
    site = _first(found.sites)
    h1 = tree.find(".//h1")
    h1_text = " ".join(h1.text_content().split()) if h1 is not None else None
    title_tag = tree.find(".//title")
    title_text = (
        " ".join(title_tag.text_content().split()) if title_tag is not None else None
    )
    title = _first(
        [*found.titles, h1_text, split_title(title_text, site) if title_text else None]
    )
    # The markup's own authors first; trafilatura's byline reading next (when the markup names nobody,
    # or names several, of whom the ones both agree on are kept); names printed in the page last, as
    # in page furniture they are often other stories' writers.
    # The outlet's own name is an author only when no one else is named.
    sites = site_names(found.sites, url)
    # a value that is the outlet's own name as a whole ("Jobs & Hire") is not split into people
    credited = clean_authors(a for a in found.authors if not is_site_name(a, sites))
    authors = people_first(credited, sites)
    extra = None
    if fallback and len(authors) != 1:
        extra = _trafilatura_metadata(tree, url)
        theirs = clean_authors((extra.author or "").split(";")) if extra is not None else ()
        # trafilatura reads names off the whole page: one printed only in comments, sidebars or
        # related blocks is not the writer
        theirs = tuple(a for a in theirs if _stated_outside_furniture(tree, a))
        credited = credited or theirs
        theirs = people_first(theirs, sites)
        agreed = tuple(a for a in authors if a in theirs)
        authors = agreed or authors or theirs
    bylines = _visible_bylines(tree)
    if len(authors) == 1:
        # a printed byline that names the markup's author with co-authors ("By Ann Lee and Bo Ek")
        authors = next(
            (names for names in (people_first(clean_authors([line]), sites) for line in bylines)
             if authors[0] in names and 1 < len(names) <= MAX_PRINTED_AUTHORS),
            authors,
        )
    if not authors:
        # a by-labelled line under the headline ("Von Ana Lind", "Posted on ... by Ana Lind")
        labelled = people_first(clean_authors(printed_bylines(tree, tuple(found.titles))[:1]), sites)
        authors = labelled if len(labelled) <= MAX_PRINTED_AUTHORS else ()
    if not authors:
        printed = people_first(clean_authors(bylines), sites)
        # more names than a byline holds: the page lists other stories' writers
        authors = printed if len(printed) <= MAX_PRINTED_AUTHORS else ()
    authors = authors or credited
    if not authors:
        # no person named anywhere: the credit the markup gives (an outlet, a desk, initials, a pen name)
        authors = _credits(found.organisations + found.authors) or _printed_credit(bylines)
    dated = [(d, source) for d, source in zip((normalise_date(v) for v in found.dates), found.date_sources) if d]
    published, published_source = dated[0] if dated else (None, "none")
    if fallback and len({d[:10] for d, _ in dated}) > 1:
        # The markup gives several days (published, modified, a related story's): the one htmldate's
        # reading of the page also finds is the publication day.
        day, _ = _htmldate(tree, url)
        agreed = next(((d, source) for d, source in dated if day and d[:10] == day[:10]), None)
        if agreed is not None:
            published, published_source = agreed
    # the day printed under the headline: the outlet's own calendar day for a machine stamp a day off
    # (a UTC time past local midnight), and the date when the markup gives none
    shown, shown_source = printed_date(tree, tuple(found.titles))
    if shown and published and _days_apart(shown, published) == 1:
        published, published_source = shown, shown_source
    in_path = url_date(url)
    if published and in_path and _utc_day_beside(published, in_path):
        # a UTC time stamp a day off the day in the URL: the URL has the outlet's own calendar day
        published, published_source = in_path, "url"
    if not published:
        published, published_source = (in_path, "url") if in_path else (shown, shown_source)

    # trafilatura's extractor is slow next to the lookups above: only when the page gives no title;
    # a missing date goes straight to htmldate (which is what trafilatura would call for it)
    if fallback and not title:
        extra = extra or _trafilatura_metadata(tree, url)
        if extra is not None:
            title = title or extra.title
            authors = authors or clean_authors((extra.author or "").split(";"))
            site = site or extra.sitename
            if not published and normalise_date(extra.date):
                published, published_source = normalise_date(extra.date), "meta"
    if fallback and not published:
        published, published_source = _htmldate(tree, url)

    candidates = [t for t in (*found.titles, h1_text, title_text) if t]
    if title_text:
        candidates.append(split_title(title_text, site))
    language = _first(found.languages)
    return PageMetadata(
        title=title,
        title_candidates=tuple(dict.fromkeys(" ".join(c.split()) for c in candidates)),
        description=_first(found.descriptions),
        authors=authors,
        published=published,
        published_source=published_source,
        site=site or site_from_url(url),
        language=language.replace("_", "-").split("-")[0].lower() if language else None,
        url=_first(found.urls) or url,
    )


def _trafilatura_metadata(tree: HtmlElement, url: str | None):
    from copy import deepcopy

    from trafilatura.metadata import extract_metadata as trafilatura_metadata

    try:
        # fast: no extensive date search here, htmldate runs below only when needed
        return trafilatura_metadata(
            deepcopy(tree),
            url,
            {"original_date": True, "extensive_search": False},
            True,
        )
    except Exception:  # noqa: BLE001 -- a metadata helper failing must not lose the article
        return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|$)")


def _days_apart(day: str, stamp: str) -> int | None:
    """Days between a day and a date or date-time's day."""
    try:
        return abs((date.fromisoformat(stamp[:10]) - date.fromisoformat(day)).days)
    except ValueError:
        return None


def _utc_day_beside(stamp: str, day: str) -> bool:
    """``stamp`` is a UTC date-time whose day is the day before or after ``day``."""
    try:
        moment = datetime.fromisoformat(stamp)
        other = date.fromisoformat(day)
    except ValueError:
        return False
    offset = moment.utcoffset()
    return offset is not None and not offset and abs((moment.date() - other).days) == 1


def url_date(url: str | None) -> str | None:
    """A publication day written in the URL's path (``/2019/03/12/``, ``/2019-03-12-``), else None."""
    if not url:
        return None
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def _htmldate(tree: HtmlElement, url: str | None) -> tuple[str | None, str]:
    """htmldate's date and its source: ``meta`` for what its quick look at the markup found, ``text``
    for its extensive search of dates printed in the page."""
    from htmldate import find_date

    try:
        # original_date: the publication date, never the last modification or the crawl time;
        # htmldate prunes its own copy of a tree it is given, so the page's tree is handed over as is
        found, source = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=False,
            outputformat="%Y-%m-%d",
        ), "meta"
        if not found:
            # the extensive search reads dates printed in the text: slower, so only when nothing else said
            found, source = find_date(
                tree,
                url=url,
                original_date=True,
                extensive_search=True,
                outputformat="%Y-%m-%d",
            ), "text"
    except Exception:  # noqa: BLE001 -- as above
        return None, "none"
    # a guessed date of today is the crawl or render time ("Last updated" stamped on every view),
    # not the publication date: better none than a wrong one
    if found and found[:10] == date.today().isoformat():
        return None, "none"
    published = normalise_date(found)
    return (published, source) if published else (None, "none")
