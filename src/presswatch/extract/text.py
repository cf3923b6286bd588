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
    "LINE_FEATURES",
    "LINE_RULES",
    "LineModel",
    "default_line_model",
    "is_prose",
    "junk_scores",
    "line_features",
    "rule_filtered_lines",
    "LineRule",
    "byline_authors",
    "clean_text",
    "clean_paragraphs",
    "match_line_rule",
    "normalise_quotes",
    "reads_as_sentence",
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
    # -- reader widgets under a post or a comment: likes, replies, reports
    _rule("widget", r"likes?", r"like this:?", r"\d+ (?:likes?|replies|reactions)", r"be the first to like this\.?",
          r"report (?:this )?comment", r"reply", r"reply to (?:this )?comment", max_words=8),
    # -- page tools: print, e-mail, text size
    _rule("page_tools", r"(?:font|text) size\b.{0,20}", r"(?:a\s*[+-]?\s*){2,4}", r"(?:increase|decrease|reset) (?:font|text)(?: size)?",
          rf"(?:{_EMAIL}|print|save|share|send) (?:this|the) (?:story|article|page|post)", max_words=8),
    _rule("site_chrome", r"(?:tags?|tagged|topics?|filed under|posted in|categories|category)\s*[:：].*",
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


def rule_filtered_lines(text: str, collected: _Collected | None = None) -> list[tuple[int, str]]:
    """The text's lines the rules keep, each with the index of its blank-line block."""
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    collected = collected if collected is not None else _Collected([], [], [])
    lines: list[tuple[int, str]] = []
    for index, block in enumerate(_blocks(text)):
        for line in _join_wrapped(_filter_lines(block, collected)):
            lines.append((index, line))
    return lines


_DEFAULT_MODEL = object()


def _has_site_suffix(line: str) -> bool:
    stripped = strip_site_residue(line)
    return stripped != _norm_space(line) and _is_title_like(stripped) and not byline_authors(line)


_EDGE_MAX_WORDS = 12
# a place name on its own line just above the lede ("KESTREL VALLEY", "Port Anselm, Norland")
_DATELINE_PLACE = re.compile(r"[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){0,3}[,.]?")
_EDGE_MAX_LINES = 4


def is_prose(line: str) -> bool:
    """A line of running text: a sentence (``reads_as_sentence``), or eight words or more of which a
    quarter are function words and not most capitalised."""
    if reads_as_sentence(line):
        return True
    words = line.split()
    if len(words) < 8:
        return False
    tokens = _tokens(line)
    capitalised = sum(w[:1].isupper() for w in words)
    return (sum(t in _FUNCTION_WORDS for t in tokens) >= 0.25 * max(len(tokens), 1)
            and capitalised < 0.6 * len(words))


def _drop_outside_prose(lines: list[tuple[int, str]], collected: _Collected) -> list[tuple[int, str]]:
    """The story starts at its first line of prose: a short line that is not prose above it (a date,
    a credit, a widget), when there are at most a few, is page chrome. A byline stays (it names the
    authors), and so does a place name just above the lede (a dateline). Texts without two lines of
    prose keep everything. (The same cut after the last line of prose lost lists and tables that end
    a story: not done.)"""
    prose = [i for i, (_, line) in enumerate(lines) if is_prose(line)]
    if len(prose) < 2:
        return lines
    first, last = prose[0], prose[-1]
    kept = []
    for i, (index, line) in enumerate(lines):
        outside = i < first and first <= _EDGE_MAX_LINES
        if (outside and len(line.split()) <= _EDGE_MAX_WORDS and not byline_authors(line)
                and not (i == first - 1 and _DATELINE_PLACE.fullmatch(line))):
            collected.removed.append(RemovedLine(line, "outside_prose"))
        else:
            kept.append((index, line))
    return kept


def clean_text(text: str, *, title_hint: str | None = None, line_model: LineModel | None | object = _DEFAULT_MODEL
               ) -> ExtractedText:
    """Clean scraped plain text: one title, a standfirst, the paragraphs, and what was removed.

    ``line_model`` judges the lines no rule names (the packaged model by default; None: rules only).
    """
    collected = _Collected([], [], [])
    # each kept line with the index of its block, so blank-line structure survives filtering
    lines = rule_filtered_lines(text, collected)
    model = default_line_model() if line_model is _DEFAULT_MODEL else line_model
    junk = [False] * len(lines)
    if isinstance(model, LineModel) and lines:
        # the model reads each line in the whole text, as it was trained: before any rule removed a line
        raw = [_norm_space(line) for line in unicodedata.normalize("NFC", str(text)).splitlines() if line.strip()]
        scores = junk_scores(raw, model)
        position = 0
        for i, (_, line) in enumerate(lines):
            at = position
            while at < len(raw) and raw[at] != line:
                at += 1
            if at < len(raw):  # a re-joined hard-wrapped line is in no raw line: not judged
                score = scores[at]
                junk[i] = score is not None and score > model.threshold
                position = at + 1
        for i in range(min(4, len(lines))):  # a byline under the headline names the authors
            if junk[i] and byline_authors(lines[i][1]):
                junk[i] = False

    title: str | None = None
    title_removed: list[RemovedLine] = []  # reported first: the title lines come first in the text
    if title_hint and title_hint.strip():
        title = strip_site_residue(title_hint) or _norm_space(title_hint)
    elif lines:
        # junk before the headline (a breadcrumb, a date) goes; a first line ending in a site suffix
        # (" | Site") is the title whatever the model says
        suffixed = [i for i in range(min(3, len(lines))) if _has_site_suffix(lines[i][1])]
        first = 0
        if suffixed and all(len(line.split()) <= _EDGE_MAX_WORDS and not is_prose(line)
                            for _, line in lines[: suffixed[0]]):
            # the page's title, whatever short lines (a breadcrumb, a date) come above it
            first = suffixed[0]
            junk[:first] = [True] * first
        start = first
        while first < min(3, len(lines) - 1) and junk[first] and not _has_site_suffix(lines[first][1]):
            first += 1
        if first != start and (not _is_title_like(strip_site_residue(lines[first][1]))
                               or byline_authors(lines[first][1])):
            first = start  # nothing like a headline past the junk: the first line is the headline
        candidate = strip_site_residue(lines[first][1])
        if candidate and _is_title_like(candidate):
            title_removed.extend(RemovedLine(line, "line_model") for _, line in lines[:first])
            if candidate != lines[first][1]:
                title_removed.append(RemovedLine(lines[first][1], "title_site_residue"))
            title = candidate
            lines, junk = lines[first + 1:], junk[first + 1:]

    if title:
        title_key = _comparable(title)
        remaining, remaining_junk = [], []
        for (index, line), is_junk in zip(lines, junk, strict=True):
            if _comparable(strip_site_residue(line)) == title_key:
                title_removed.append(RemovedLine(line, "repeated_title"))
            else:
                remaining.append((index, line))
                remaining_junk.append(is_junk)
        lines, junk = remaining, remaining_junk

    kept_lines = []
    for (index, line), is_junk in zip(lines, junk, strict=True):
        if is_junk:
            collected.removed.append(RemovedLine(line, "line_model"))
        else:
            kept_lines.append((index, line))
    lines = _drop_outside_prose(kept_lines, collected) if isinstance(model, LineModel) else kept_lines

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


# -- the line model: junk that no rule names, told from body lines by what the line looks like --------
#
# Each line left after the rules gets general features: its length, its punctuation, the share of
# capitalised words, of digits and of common function words, dates and clock times, separators and
# handles, its place from the start and the end of the text, whether it repeats elsewhere in the text,
# the length of its neighbours, and the share of its words in a vocabulary of page chrome. A small
# gradient-boosted model (trained by ``python -m presswatch.bench.clean_training`` on the benchmark's
# SEEN junk classes over bodies of another corpus, never on the held-out classes) gives the chance the
# line is junk; its trees and the vocabulary ship as ``data/line_model.json``, read without
# scikit-learn. Long lines, and lines mostly in another script, are never judged by it.

_FUNCTION_WORDS = frozenset(
    "a an the of to in on at for with from by as and or but if that this these those it its is are was were be "
    "been being has have had will would can could should may might must not no he she they we you i his her "
    "their our them him who which what when where while after before than then there said says also about "
    "into over under more most some any all one two".split()
)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SEPARATORS = re.compile(r"[|›»«>/•·→]|\s[-–—]\s")
_HANDLE = re.compile(r"(?:^|\s)@\w+|\w\.(?:com|org|net|co|io)\b|https?://|www\.", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z“\"]")
_LINE_MODEL_MAX_WORDS = 30

LINE_FEATURES = (
    "words", "chars", "words_le2", "words_le5", "words_le10", "ends_sentence", "ends_colon", "commas",
    "sentence_breaks", "capitalised_share", "all_caps", "function_share", "digit_share", "clock", "month", "year",
    "separators", "handle", "parenthesis", "starts_lower", "mean_word_length", "symbol_share", "chrome_share",
    "chrome_first", "from_start", "from_end", "relative_position", "first3", "last5", "repeats", "prev_words",
    "next_words", "prev_short", "next_short",
)


def _tokens(line: str) -> list[str]:
    return _WORD.findall(line.casefold())


def line_features(lines: Sequence[str], index: int, chrome_words: frozenset[str] = frozenset(),
                  counts: dict[str, int] | None = None) -> list[float]:
    """The features of ``lines[index]`` in its text (in the order of ``LINE_FEATURES``)."""
    line = lines[index]
    words = line.split()
    n_words = len(words) or 1
    tokens = _tokens(line)
    n_tokens = len(tokens) or 1
    letters = sum(ch.isalpha() for ch in line) or 1
    n = len(lines)
    if counts is None:
        counts = {}
        for other in lines:
            key = _comparable(other)
            counts[key] = counts.get(key, 0) + 1

    def neighbour_words(j: int) -> int:
        return len(lines[j].split()) if 0 <= j < n else 0

    prev_w, next_w = neighbour_words(index - 1), neighbour_words(index + 1)
    return [
        float(min(len(words), 40)), float(min(len(line), 300)), float(len(words) <= 2), float(len(words) <= 5),
        float(len(words) <= 10), float(line.rstrip().endswith((".", "!", "?", "…", "\"", "”", "’", "'"))),
        float(line.rstrip().endswith(":")), float(line.count(",")), float(len(_SENTENCE_BREAK.findall(line))),
        sum(w[:1].isupper() for w in words) / n_words, float(line.isupper()),
        sum(t in _FUNCTION_WORDS for t in tokens) / n_tokens, sum(ch.isdigit() for ch in line) / max(len(line), 1),
        float(bool(_CLOCK.search(line))), float(bool(_MONTH.search(line))), float(bool(_YEAR.search(line))),
        float(len(_SEPARATORS.findall(line))), float(bool(_HANDLE.search(line))), float("(" in line),
        float(line[:1].islower()), sum(len(w) for w in words) / n_words,
        sum(not ch.isalnum() and not ch.isspace() for ch in line) / max(len(line), 1),
        sum(t in chrome_words for t in tokens) / n_tokens, float(bool(tokens) and tokens[0] in chrome_words),
        float(min(index, 20)), float(min(n - 1 - index, 20)), index / max(n - 1, 1), float(index < 3),
        float(n - 1 - index < 5), float(counts.get(_comparable(line), 1) - 1), float(min(prev_w, 40)),
        float(min(next_w, 40)), float(0 < prev_w <= 5), float(0 < next_w <= 5),
    ]


@dataclass(frozen=True, slots=True)
class LineModel:
    """Gradient-boosted trees over ``LINE_FEATURES``: each tree is (feature, threshold, left, right, value)
    arrays in scikit-learn's layout; the score is ``base + rate * sum(leaf values)``, a log-odds."""

    features: tuple[str, ...]
    base: float
    rate: float
    trees: tuple[tuple[tuple[int, ...], tuple[float, ...], tuple[int, ...], tuple[int, ...], tuple[float, ...]], ...]
    threshold: float
    chrome_words: frozenset[str]

    def log_odds(self, x: Sequence[float]) -> float:
        total = 0.0
        for feature, threshold, left, right, value in self.trees:
            node = 0
            while left[node] != -1:
                node = left[node] if x[feature[node]] <= threshold[node] else right[node]
            total += value[node]
        return self.base + self.rate * total

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        if tuple(data["features"]) != LINE_FEATURES:
            raise ValueError("line model features differ from LINE_FEATURES; retrain it")
        trees = tuple(
            (tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
            for t in data["trees"]
        )
        return cls(tuple(data["features"]), float(data["base"]), float(data["rate"]), trees,
                   float(data["threshold"]), frozenset(data["chrome_words"]))


@lru_cache(maxsize=1)
def default_line_model() -> LineModel | None:
    """The packaged line model, or None when it is not there (the rules alone then)."""
    from importlib import resources
    import json

    try:
        raw = resources.files("presswatch.extract").joinpath("data/line_model.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return LineModel.from_json(json.loads(raw))


_SENTENCE_START = re.compile(r"^[\"“‘'(]?[A-Z0-9]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]*$")


def reads_as_sentence(line: str) -> bool:
    """A line of prose: four words or more, from a capital to a full stop, with common function words
    in it. The line model never drops one (the rules alone may): a one-sentence paragraph or a quote
    looks like this, a widget or a credit seldom does."""
    words = line.split()
    if len(words) < 4 or not _SENTENCE_START.match(line) or not _SENTENCE_END.search(line):
        return False
    tokens = _tokens(line)
    return sum(t in _FUNCTION_WORDS for t in tokens) >= 0.1 * max(len(tokens), 1)


def _judged_by_model(line: str) -> bool:
    if len(line.split()) > _LINE_MODEL_MAX_WORDS or reads_as_sentence(line):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    return not letters or sum(ch.isascii() for ch in letters) >= 0.5 * len(letters)


def junk_scores(lines: Sequence[str], model: LineModel) -> list[float | None]:
    """The model's junk log-odds of each line (None: a line the model does not judge)."""
    counts: dict[str, int] = {}
    for line in lines:
        key = _comparable(line)
        counts[key] = counts.get(key, 0) + 1
    return [
        model.log_odds(line_features(lines, i, model.chrome_words, counts)) if _judged_by_model(line) else None
        for i, line in enumerate(lines)
    ]
