"""The messy-text cleaner: scraped plain text -> title, standfirst, paragraphs.

Scrapers leave the same residue again and again: the headline printed twice with the site name cut
to " – .", comment-form labels ("Please enter your comment!"), share buttons, cookie notices,
newsletter prompts, "Related:" links, copyright lines, syndication credits. The cleaner recognises
them with a table of named line rules (``LINE_RULES``, data rather than a pile of ifs), records each
removed line with the rule that matched it, and records a comment form as a ``CommentForm``.

The cleaner never invents text: every character of its output comes from the input, except for
whitespace and the quote-mark normalisations in ``normalise_quotes`` (a closing quote typed as an
opening one, spaces inside quote marks).

``clean_paragraphs`` is the same machinery for paragraphs that another extractor already found
(the HTML path runs trafilatura's output through it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from presswatch.extract.base import ExtractedText
from presswatch.model import CommentForm, RemovedLine

__all__ = [
    "LINE_RULES",
    "LineRule",
    "byline_authors",
    "clean_text",
    "clean_paragraphs",
    "match_line_rule",
    "normalise_quotes",
    "strip_site_residue",
]


@dataclass(frozen=True, slots=True)
class LineRule:
    """One kind of residue a whole line can be.

    ``pattern`` must match the whole (whitespace-normalised) line, case-insensitively. ``max_words``
    protects real paragraphs that merely start like a prompt: longer lines never match.
    ``form_field`` marks a line of a reader-comment form (and which field it belongs to, if any);
    ``prompt`` marks a form's validation message, recorded in ``CommentForm.messages``.
    ``credit`` marks a syndication credit ("first appeared in X"): its ``source`` group becomes the
    syndication hint.
    """

    name: str
    pattern: re.Pattern[str]
    max_words: int = 30
    form_field: str | None = None
    in_form: bool = False
    prompt: bool = False
    credit: bool = False
    #: the pattern's alternatives, as written (``pattern`` is their alternation)
    alternatives: tuple[str, ...] = ()


def _rule(name: str, *alternatives: str, max_words: int = 30, form_field: str | None = None,
          in_form: bool = False, prompt: bool = False, credit: bool = False) -> LineRule:
    pattern = re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)
    return LineRule(name, pattern, max_words, form_field, in_form or form_field is not None, prompt, credit,
                    alternatives)


_EMAIL = r"e-?mail"
_SOCIAL = (r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|flipboard|tumblr|"
           r"instagram|youtube|tiktok|threads|bluesky|mastodon|email|e-mail|mail|print|copy link|copy|sms|"
           r"tweet|share|pin it|pin|save|comments?")

#: The line rules, in the order they are tried. Names end up in ``RemovedLine.rule``.
LINE_RULES: tuple[LineRule, ...] = (
    # -- reader-comment forms: validation prompts first, they carry the field's message
    _rule("comment_form.prompt", r"please enter (?:your |a )?comments?[.!]*", r"please (?:write|type) (?:your |a )?comment[.!]*",
          form_field="comment", prompt=True),
    _rule("comment_form.prompt", r"please enter (?:your )?(?:full )?name(?: here)?[.!]*", form_field="name", prompt=True),
    _rule("comment_form.prompt", rf"please enter (?:your |a valid )?{_EMAIL}(?: address)?(?: here)?[.!]*",
          rf"you have entered an (?:incorrect|invalid) {_EMAIL} address[.!]*", form_field="email", prompt=True),
    _rule("comment_form.prompt", r"please enter (?:your )?(?:website|url)(?: here)?[.!]*", form_field="website", prompt=True),
    # labels of the form's fields
    _rule("comment_form.label", r"(?:your )?comments?\s*(?:\*|:|\(required\))*\s*", form_field="comment"),
    _rule("comment_form.label", r"(?:your )?(?:full )?name\s*(?:\*|:|\(required\))*\s*", form_field="name"),
    _rule("comment_form.label", rf"(?:your )?{_EMAIL}(?: address)?\s*(?:\*|:|\(required\)|\(will not be published\))*\s*",
          form_field="email"),
    _rule("comment_form.label", r"(?:your )?(?:website|url)\s*(?:\*|:|\(optional\))*\s*", form_field="website"),
    # the form's chrome
    # the form's heading and button stand for its comment box
    _rule("comment_form.heading", r"leave a (?:reply|comment|response)(?: to .{1,80})?", r"cancel reply",
          r"(?:post|submit|add|publish|write) (?:a |your )?comment", r"post reply", form_field="comment"),
    _rule("comment_form.chrome", r"\d+ comments?",
          r"comments?(?: \(\d+\))?", r"(?:join|start) the (?:conversation|discussion)",
          r"be the first to comment.*", r"no comments yet\.?",
          rf"your {_EMAIL} address will not be published\.?(?: required fields are marked\s*\*?\.?)?",
          r"required fields are marked\s*\*?\.?",
          rf"save my name,? {_EMAIL},? and website in this browser for the next time i comment\.?",
          rf"notify me of (?:follow-up comments|new posts|new replies)(?: by {_EMAIL})?\.?",
          r"you must be logged in to post a comment\.?", r"log in to (?:leave a )?(?:reply|comment)",
          r"comments are closed\.?", r"(?:show|load|view) (?:more |all )?comments", in_form=True),
    # -- syndication credits: removed from the body, remembered as the syndication hint
    _rule("syndication.credit",
          r"this (?:article|story|piece|post|report|column) (?:was )?(?:first |originally )?"
          r"(?:appeared|published|ran|posted)(?: first| originally)? (?:in|on|at|by) (?P<source>.+?)[.!]?",
          r"(?:(?:this (?:article|story) (?:is|was) )?(?:reprinted|republished|reproduced))(?: here)?"
          r" with (?:the )?(?:kind )?permission(?: (?:of|from) (?P<source2>.+?))?[.!]?",
          r"(?:this (?:article|story) (?:is|was) )?republished from (?P<source3>.+?)(?: under a creative commons licen[cs]e.*)?[.!]?",
          r"(?:originally published|first published)(?: (?:in|on|at|by))? (?P<source4>.+?)[.!]?",
          max_words=30, credit=True),
    # -- share / follow buttons
    _rule("share", rf"(?:(?:{_SOCIAL})\s*[,|·•/:\-]*\s*){{1,12}}",
          r"share (?:this|the) (?:article|story|post|page|link)(?: on .{1,40})?[:!]?",
          r"share (?:on|via|to|with) .{1,40}", r"click to (?:share|email|print).*", r"sharing is caring!?",
          r"follow us(?: on .{1,60})?[.!]?", r"share(?: this)?[:!]?", max_words=14),
    # -- newsletters and subscriptions
    _rule("newsletter",
          r"(?:sign up|subscribe|signup|get|join|enter your e-?mail|don'?t miss|never miss|want|stay|like this|enjoy)"
          r"\b.{0,160}\b(?:newsletters?|inbox|e-?mail updates|mailing list|daily briefing|briefing)\b.{0,160}",
          r"(?:sign up|subscribe)(?: now| today| here| free)?[.!]?", r"already a (?:subscriber|member)\?.*",
          r"subscribe to (?:read|continue|unlock|get).*", rf"enter your {_EMAIL}(?: address)?.*",
          r"by (?:signing up|subscribing|clicking).{0,200}(?:agree|privacy|terms).*",
          r"thank(?:s| you) for (?:signing up|subscribing).*", r"(?:our |the )?newsletters?", max_words=40),
    # -- cookie notices
    _rule("cookie_notice", r".{0,200}\b(?:we|this (?:site|website)|our (?:site|website)) uses? cookies\b.*",
          r".{0,200}\bcookies?\b.{0,200}\b(?:accept|consent|privacy policy|cookie policy|browsing experience|"
          r"continuing to (?:use|browse))\b.*",
          r"accept(?: all)?(?: cookies)?", r"reject all", r"cookie (?:settings|policy|preferences)",
          r"manage (?:cookies|preferences|consent)", r"got it!?", r"i (?:agree|accept)", max_words=70),
    # -- related-article and "read more" blocks
    _rule("related", r"related(?: articles?| stories| posts?| coverage| content| news| reading| topics| links)?(?:\s*[:：»>].*)?",
          max_words=25),
    _rule("read_more", r"(?:read|see) (?:more|also)(?:\s*[:：»>.…]+.*| here| below| about .{1,80}| on .{1,80})?", r"also read\b.*", r"more (?:stories|news|articles|from .{1,60})",
          r"recommended(?: for you| stories| articles| reading| videos)?:?", r"you (?:may|might) (?:also )?(?:like|be interested in|enjoy).*",
          r"most (?:read|popular|viewed|shared)(?: stories| articles| news)?:?", r"trending(?: now| stories| news)?:?",
          r"top stories:?", r"latest (?:news|stories|articles):?", r"continue reading(?: (?:below|the main story|here))?\.{0,3}",
          r"click here\b.*", r"more (?:on|about) this (?:story|topic)", max_words=20),
    # -- advertising
    _rule("advertisement", r"advertisements?", r"advertising", r"ads?", r"sponsored(?: content| stories| links)?",
          r"(?:story|article|text) continues (?:below|after)(?: (?:this |the )?(?:advertisement|ad))?",
          r"continue reading (?:the )?(?:main story|below)", r"scroll (?:down )?to continue(?: with content| reading)?",
          r"skip (?:ad|advertisement)", r"promoted(?: stories| content| links)?", r"(?:paid|partner) content",
          r"ad feedback", r"report (?:this )?ad", max_words=10),
    # -- copyright lines
    _rule("copyright", r"©.*", r"(?:\(c\)|copyright)\s*(?:©|\(c\))?\s*\d{4}.*", r".{0,120}\ball rights reserved\b.*",
          max_words=30),
    # -- site chrome: tags, navigation, prompts to report errors
    _rule("site_chrome", r"(?:tags?|topics?|filed under|posted in|categories|category)\s*[:：].*",
          r"filed under\b.*", r"(?:previous|next|prev) (?:article|post|story)\b.*", r"back to top", r"print(?: this)?(?: article| page| story)?",
          r"(?:report|flag) (?:an? )?(?:error|typo|correction|mistake)", r"(?:send|submit) (?:us )?a (?:news )?tip", r"loading\.*",
          r"skip to (?:main )?content", r"(?:home|menu|search|close|open)", r"we (?:want|would love) to hear from you.*", max_words=20),
    # -- what is left of a stripped link or separator: " – .", "|", "..."
    _rule("residue", r"[\s\-–—|•·.,:;_~*#>»«/\\]+", max_words=10),
)

# Every rule's alternatives in one pattern: a line no rule matches (nearly every line of a story) is
# let through by one regex call instead of one per rule. Which rule matched, and its groups, come
# from the loop over LINE_RULES as before. Alternatives that may start anywhere in the line (".{0,200}
# ... cookies") cost a scan of the line each; they all need one of a few words, so they join the
# pattern only for lines holding one of those words.
_UNANCHORED_WORDS = re.compile(r"cookie|all rights reserved", re.IGNORECASE)


def _alternation(unanchored: bool) -> re.Pattern[str]:
    alternatives = [
        re.sub(r"\(\?P<\w+>", "(?:", alternative)  # group names repeat across rules
        for rule in LINE_RULES
        for alternative in rule.alternatives
        if unanchored or not alternative.startswith(".")
    ]
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


_ANY_ANCHORED_RULE = _alternation(unanchored=False)
_ANY_RULE = _alternation(unanchored=True)
_MAX_RULE_WORDS = max(rule.max_words for rule in LINE_RULES)

# A wire dateline such as "(Reuters) -" or "LONDON (AP) —": the dateline stays in the text, the
# agency becomes the syndication hint.
_WIRE_AGENCIES = (r"Reuters|AP|AFP|Bloomberg|UPI|PA|dpa|DPA|Xinhua|TASS|Tass|IANS|PTI|AAP|CP|ANI|EFE|ANSA|Kyodo|"
                  r"Yonhap|Interfax|RIA Novosti|Associated Press|Agence France-Presse|Press Association|"
                  r"Canadian Press|Anadolu|Bernama|WAM|SPA|KUNA|NAN")
_DATELINE = re.compile(
    r"^[^\S\n]*(?:[A-Z][\w .,'’/-]{0,60}?[^\S\n]*)?\((?P<source>" + _WIRE_AGENCIES + r")\)[^\S\n]*[-–—:]"
    # any agency after an upper-case place name: "KESTREL VALLEY (Northwire) -"
    r"|^[^\S\n]*[A-Z][A-Z .,'’/-]{1,60}[^\S\n]*\((?P<agency>[A-Z][\w&.' -]{1,40})\)[^\S\n]*[-–—]")

# Site residue after a headline: a dangling separator (" – .", " |") or a short trailing site name
# (" - Site Name", " | Site Name").
_DANGLING_SEPARATOR = re.compile(r"\s+[-–—|:•·]+[\s.,:;|]*$|\s*\|\s*$")
_PIPE_SITE = re.compile(r"\s+[|•·]\s+(?P<site>[^|•·]{1,60})$")
_DASH_SITE = re.compile(r"\s+[-–—]\s+(?P<site>[^-–—]{1,40})$")
_SITE_WORD = re.compile(r"^(?:[A-Z0-9][\w'’&.]*|[\w-]+\.[a-z]{2,}|of|the|and|&|de|la|le|news|online|daily|[a-z]+\.[a-z]+)$")

_TERMINAL = ".!?…:;\"'”’»)]"
_OPEN_QUOTES = "“‘«„"
_WORD = re.compile(r"\w+", re.UNICODE)


def _norm_space(text: str) -> str:
    # split() and the regex \s take the same Unicode whitespace; split-and-join is the faster
    return " ".join(text.split())


# a line is compared twice (with the line before it, with the title): normalise it once
@lru_cache(maxsize=4096)
def _comparable(text: str) -> str:
    """A key for "is this the same line": NFKC, case-folded, quotes straightened, punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def strip_site_residue(title: str) -> str:
    """Cut a dangling separator (" – .") or a short trailing site name (" | Site", " - Site Name")."""
    title = _norm_space(title)
    previous = None
    while previous != title:
        previous = title
        title = _DANGLING_SEPARATOR.sub("", title).strip()
        m = _PIPE_SITE.search(title)
        if m and len(m.group("site").split()) <= 6 and len(title[: m.start()].split()) >= 3:
            title = title[: m.start()].strip()
            continue
        m = _DASH_SITE.search(title)
        if m and len(title[: m.start()].split()) >= 3:
            words = m.group("site").split()
            # Only a name-like tail ("BBC News", "The Daily Courier", "example.com") is a site name;
            # "Moscow takes the lead – and it shows" keeps its tail.
            if 1 <= len(words) <= 4 and all(_SITE_WORD.match(w) for w in words) and not m.group("site").rstrip().endswith((".", "?", "!")):
                title = title[: m.start()].strip()
    return title


def match_line_rule(line: str, *, in_comment_form: bool = False) -> tuple[LineRule, re.Match[str]] | None:
    """The first rule of ``LINE_RULES`` the whole line matches, with its match (None: keep the line).

    A bare field label ("Name", "Comment") is only a form label next to other form lines
    (``in_comment_form``) or when it looks like one ("Name *", "Email:").
    """
    whole = _norm_space(line)
    if len(whole) > 1500:  # no residue line is this long; spares the patterns a megabyte line
        return None
    text = whole.strip("•·▪►»«*-– ") or whole
    if not text:
        return None
    words = len(text.split())
    if words > _MAX_RULE_WORDS:
        return None
    prefilter = _ANY_RULE if _UNANCHORED_WORDS.search(text) else _ANY_ANCHORED_RULE
    if not prefilter.fullmatch(text):
        return None
    for rule in LINE_RULES:
        if words > rule.max_words:
            continue
        m = rule.pattern.fullmatch(text)
        if m and rule.name == "comment_form.label" and not (in_comment_form or _looks_like_label(whole)):
            continue
        if m:
            return rule, m
    return None


def _credit_source(m: re.Match[str]) -> str | None:
    for group, value in m.groupdict().items():
        if group.startswith("source") and value:
            # "the Northwire service" -> "Northwire"; a capitalised "The" is part of a name
            source = re.sub(r"^the\s+|\s+(?:news |wire )?service$", "", value.strip(" .,:;\"'“”"))
            return source or None
    return None


def normalise_quotes(paragraph: str) -> str:
    """Fix quote marks that scrapers and careless typing leave behind.

    - An opening quote at the very end of a paragraph is a closing quote typed wrong:
      ``guys. “`` -> ``guys.”`` (and ``guys. "`` -> ``guys."``).
    - Spaces just inside curly quotes go: ``“ They`` -> ``“They``, ``see ” Mayer said`` ->
      ``see” Mayer said`` (curly quotes say which way they face, so this is never a guess).
    Only quote characters and spaces change; no word is added or removed.
    """
    text = paragraph
    # each fix needs its quote mark (the first three at the very end): most paragraphs skip them all
    last = text.rstrip()[-1:]
    if last == "“":
        text = _OPENING_AT_END.sub("\\1”", text)
    elif last == "‘":
        text = _SINGLE_OPENING_AT_END.sub("\\1’", text)
    elif last == '"':
        text = _STRAIGHT_AT_END.sub('\\1"', text)
    # a space right after an opening curly quote, or right before a closing one that follows punctuation
    if "“" in text:
        text = _SPACE_AFTER_OPENING.sub("“", text)
    if "”" in text:
        text = _SPACE_BEFORE_CLOSING.sub("\\1”", text)
    return text


_OPENING_AT_END = re.compile(r"(\S)\s+“\s*$")
_SINGLE_OPENING_AT_END = re.compile(r"(\S)\s+‘\s*$")
_STRAIGHT_AT_END = re.compile(r"([.!?,])\s+\"\s*$")
_SPACE_AFTER_OPENING = re.compile(r"“[^\S\n]+(?=\w)")
_SPACE_BEFORE_CLOSING = re.compile(r"([\w.!?,;:])[^\S\n]+”(?=[\s,.;:!?)]|$)")


@dataclass(slots=True)
class _Collected:
    removed: list[RemovedLine]
    form_fields: list[str]
    form_messages: list[tuple[str, str]]
    syndication_hint: str | None = None

    def comment_form(self) -> CommentForm | None:
        if not self.form_fields and not self.form_messages:
            return None
        return CommentForm(fields=tuple(self.form_fields), messages=tuple(self.form_messages))


def _filter_lines(lines: Sequence[str], collected: _Collected) -> list[str]:
    """Drop the lines a rule matches, recording why; keep the rest in order."""
    kept: list[str] = []
    form_seen = False
    for raw in lines:
        line = _norm_space(raw)
        if not line:
            continue
        hit = match_line_rule(line, in_comment_form=form_seen)
        if hit is None:
            if kept and _comparable(kept[-1]) == _comparable(line) and len(line.split()) > 3:
                collected.removed.append(RemovedLine(line, "duplicate_line"))
                continue
            kept.append(line)
            continue
        rule, m = hit
        collected.removed.append(RemovedLine(line, rule.name))
        if rule.in_form:
            form_seen = True
        if rule.form_field and rule.form_field not in collected.form_fields:
            collected.form_fields.append(rule.form_field)
        if rule.prompt and rule.form_field:
            collected.form_messages.append((rule.form_field, line))
        if rule.credit and collected.syndication_hint is None:
            collected.syndication_hint = _credit_source(m) or line
    return kept


def _looks_like_label(line: str) -> bool:
    return bool(re.search(r"[*:]|\(required\)", line))


def _dateline_hint(paragraphs: Sequence[str]) -> str | None:
    for paragraph in paragraphs[:3]:
        m = _DATELINE.match(paragraph)
        if m:
            return m.group("source") or m.group("agency")
    return None


def clean_paragraphs(
    paragraphs: Sequence[str], *, title: str | None = None
) -> tuple[tuple[str, ...], tuple[RemovedLine, ...], CommentForm | None, str | None]:
    """Clean paragraphs another extractor found: (kept, removed, comment form, syndication hint).

    Each paragraph is checked line by line against ``LINE_RULES``; when ``title`` is given, lines
    repeating it are removed too (the title printed again in the body).
    """
    collected = _Collected([], [], [])
    kept: list[str] = []
    title_key = _comparable(strip_site_residue(title)) if title else None
    for paragraph in paragraphs:
        lines = _filter_lines(str(paragraph).splitlines(), collected)
        if title_key:
            remaining = []
            for line in lines:
                # cutting a site name off the end keeps the line's first words: a line whose words do
                # not start with the title's cannot be the title, and skips the cutting
                if _comparable(line).startswith(title_key) and _comparable(
                    strip_site_residue(line)
                ) == title_key:
                    collected.removed.append(RemovedLine(line, "repeated_title"))
                else:
                    remaining.append(line)
            lines = remaining
        if lines:
            kept.append(normalise_quotes(" ".join(lines)))
    hint = collected.syndication_hint or _dateline_hint(kept)
    return tuple(kept), tuple(collected.removed), collected.comment_form(), hint


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of non-empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A block typed with hard line breaks: three or more lines, all but the last of about the same
    (long) width. Short lines, lists and addresses are left as they are."""
    if len(lines) < 3:
        return False
    widths = [len(line.rstrip()) for line in lines[:-1]]
    return min(widths) >= 40 and max(widths) - min(widths) <= 25


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped lines: in a hard-wrapped block, a line that does not end a sentence,
    followed by one starting in lower case, is the same paragraph."""
    if not _is_hard_wrapped(lines):
        return lines
    out: list[str] = []
    for line in lines:
        if out and not out[-1].endswith(tuple(_TERMINAL)) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|da|del|der|al|bin|le|la)){0,3}"
_BYLINE = re.compile(
    rf"(?i:by|written by|words by|reporting by)\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?:\s*(?:[|,·•–—-]|\bin\b|\bfor\b)\s*.{0,80})?",
)


def byline_authors(line: str) -> tuple[str, ...]:
    """The people a byline names ("By Lena Varga and Ruth Calloway | 3 March"), or () if it is none."""
    text = _norm_space(line)
    if len(text.split()) > 16:
        return ()
    m = _BYLINE.fullmatch(text)
    if not m:
        return ()
    names = re.split(r"\s*(?:,|\band\b|&)\s*", m.group("names"))
    names = [n for n in names if n and not n.lower().startswith(("staff", "the "))]
    return tuple(names)


def _is_title_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 25:
        return False
    return not line.endswith((".", ",", ";", ":")) or line.endswith("...")


def _is_standfirst_like(line: str, following: str) -> bool:
    """A short one-sentence line, clearly shorter than the paragraph after it (a lede is not)."""
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 0.6 * len(following) or line[:1] in _OPEN_QUOTES + "\"'" or _DATELINE.match(line):
        return False
    # one sentence: no sentence break inside
    return not re.search(r"[.!?][\"”’]?\s+[A-Z“\"]", line)


def clean_text(text: str, *, title_hint: str | None = None) -> ExtractedText:
    """Clean scraped plain text: one title, a standfirst, the paragraphs, and what was removed."""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    collected = _Collected([], [], [])
    # each kept line with the index of its block, so blank-line structure survives filtering
    lines: list[tuple[int, str]] = []
    for index, block in enumerate(_blocks(text)):
        for line in _join_wrapped(_filter_lines(block, collected)):
            lines.append((index, line))

    title: str | None = None
    title_removed: list[RemovedLine] = []  # reported first: the title lines come first in the text
    if title_hint and title_hint.strip():
        title = strip_site_residue(title_hint) or _norm_space(title_hint)
    elif lines and _is_title_like(strip_site_residue(lines[0][1])):
        candidate = strip_site_residue(lines[0][1])
        if candidate:
            if candidate != lines[0][1]:
                title_removed.append(RemovedLine(lines[0][1], "title_site_residue"))
            title = candidate
            lines = lines[1:]

    if title:
        title_key = _comparable(title)
        remaining = []
        for index, line in lines:
            if _comparable(strip_site_residue(line)) == title_key:
                title_removed.append(RemovedLine(line, "repeated_title"))
            else:
                remaining.append((index, line))
        lines = remaining

    # a byline just under the headline (before or after the standfirst) names the authors
    authors: tuple[str, ...] = ()
    for position in range(min(2, len(lines))):
        names = byline_authors(lines[position][1])
        if names:
            authors = names
            title_removed.append(RemovedLine(lines[position][1], "byline"))
            del lines[position]
            break

    standfirst: str | None = None
    if title and len(lines) >= 2 and _is_standfirst_like(lines[0][1], lines[1][1]):
        standfirst = normalise_quotes(lines[0][1])
        lines = lines[1:]

    paragraphs = tuple(normalise_quotes(line) for _, line in lines)
    hint = collected.syndication_hint or _dateline_hint(paragraphs)
    return ExtractedText(
        title=normalise_quotes(title) if title else None,
        standfirst=standfirst,
        paragraphs=paragraphs,
        authors=authors,
        removed=(*title_removed, *collected.removed),
        comment_form=collected.comment_form(),
        syndication_hint=hint,
    )
