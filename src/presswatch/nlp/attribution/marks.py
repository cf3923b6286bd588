"""Quotation marks: pairing them per paragraph, and what a pair holds (speech, a title, a label).

Offsets index the article text; the helpers here know nothing of cues or speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"``|''|[“”«»„\"]")

OPENERS = {"“", "«", "„", "``"}

_CLOSERS = {"”", "»"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between quotation marks: ``start``/``end`` are the inner offsets (marks excluded)."""

    start: int
    end: int
    paragraph_start: int


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Pair quotation marks paragraph by paragraph.

    A quotation still open at the end of a paragraph ends there: news style repeats the opening
    mark on each paragraph of a long quotation and closes only the last one.
    """
    spans: list[QuotedSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.start(), para.end()
        open_at: int | None = None

        def emit(start: int, end: int) -> None:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if any(ch.isalpha() for ch in text[start:end]):
                spans.append(QuotedSpan(start, end, p_start))

        in_markup = False
        for mark in _MARK.finditer(text, p_start, p_end):
            s, pos, after = mark.group(), mark.start(), mark.end()
            prev = text[pos - 1] if pos > p_start else " "
            nxt = text[after] if after < p_end else " "
            # markup left in scraped text ('<tweet author="@x" id="1">'): an attribute's value
            # between straight marks is no quotation, and its marks pair with each other
            if s == '"' and (in_markup or prev == "=" and open_at is None):
                in_markup = not in_markup
                continue
            if s in ('"', "''"):  # straight marks, and '' that some archives use on both sides
                closing = open_at is not None
            elif s == "“":  # `guys. “` at the end: an opening mark used to close
                closing = open_at is not None and nxt.isspace()
            elif s == "”":  # `” word` after a space with nothing open: a closing mark used to open
                closing = not (open_at is None and prev.isspace() and nxt.isalnum())
            else:
                closing = s in _CLOSERS
            if closing:
                if open_at is not None:
                    emit(open_at, pos)
                    open_at = None
            else:
                open_at = after
        if open_at is not None:
            emit(open_at, p_end)
    return spans


def is_quoted(pos: int, spans: list[QuotedSpan]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def letter_count(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch.isalpha())


def quoted_letter_count(text: str, start: int, end: int, quoted: list[QuotedSpan]) -> int:
    total = 0
    for q in quoted:
        s, e = max(start, q.start), min(end, q.end)
        if s < e:
            total += letter_count(text, s, e)
    return total


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def sentences_over(doc, start: int, end: int):
    return [s for s in doc.sents if s.start_char < end and s.end_char > start]


def tokens_starting_in(doc, start: int, end: int):
    """Tokens whose first character lies in [start, end), found by bisection (not a full scan)."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < start:
            lo = mid + 1
        else:
            hi = mid
    i = lo
    while i < len(doc) and doc[i].idx < end:
        yield doc[i]
        i += 1


CLOSING_MARKS = set("”»\"'’ ")


def past_closing_marks(text: str, pos: int) -> int:
    """The offset after the closing marks that stand right at ``pos`` (no space between)."""
    while pos < len(text) and text[pos] in CLOSING_MARKS and text[pos] != " ":
        pos += 1
    return pos


def mark_before(doc, text: str, q: QuotedSpan, marks: str):
    """The token of the punctuation mark right before a quotation's opening mark, in its paragraph,
    when that mark is one of ``marks`` (":" for "Lee said: “...”", "." for "Lee agreed. “...”")."""
    pos = q.start - 1
    while pos >= q.paragraph_start and (text[pos].isspace() or text[pos] in "“\"«`„'"):
        pos -= 1
    if pos < q.paragraph_start or text[pos] not in marks:
        return None
    return next(iter(tokens_starting_in(doc, pos, pos + 1)), None)


def governs(cue, doc, q: QuotedSpan) -> bool:
    """Whether a word of the quotation hangs (through its heads) from the cue verb."""
    for token in tokens_starting_in(doc, q.start, q.end):
        if any(a.i == cue.i for a in token.ancestors):
            return True
    return False


def plausible_quotation(doc, text: str, q: QuotedSpan, cue) -> bool:
    """Titles ("Thelma and Louise") and scare quotes are not speech unless the cue governs them."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[q.start : q.end])
    title_case = words and all(w[0].isupper() for w in words if len(w) > 3)
    if len(words) >= 4 and not (title_case and len(words) <= 8):
        return True
    if modifies_a_noun(doc, q):
        return False
    return cue is not None and governs(cue, doc, q)


_MODIFIER_DEPS = ("amod", "nmod", "compound", "npadvmod")


def modifies_a_noun(doc, q: QuotedSpan) -> bool:
    """ "the “Save the Ferry” movement", "“independent” experts": a short quotation that modifies a noun
    outside it names or labels that thing; nobody is quoted saying it."""
    tokens = list(tokens_starting_in(doc, q.start, q.end))
    if not tokens:
        return False
    # the noun is the first word after the closing mark: in "called him “Little Joe” many times" the
    # parser may hang the quotation on "times", but that is no noun it labels
    after = tokens[-1].i + 1
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space) and doc[after].idx < q.end + 3:
        after += 1

    def labelled(noun) -> bool:  # "the “X” tote bag": other modifiers may stand between
        if noun.dep_ == "oprd":
            return False  # "called him “Little Joe” many times": the noun completes a naming verb
        return after <= noun.i and all(m.dep_ in ("compound", "amod", "nmod") for m in doc[after : noun.i])

    heads = [t for t in tokens if not q.start <= t.head.idx < q.end and not t.is_punct and t.dep_ != "det"]
    return bool(heads) and all(
        t.dep_ in _MODIFIER_DEPS and t.head.pos_ in ("NOUN", "PROPN") and labelled(t.head) for t in heads
    )


_TITLE_BEFORE = re.compile(
    r"(?:\w['’]s|s['’]|\b(?:on|in|from|with|at|for|to|told)"
    # "the documentary “X”", "his memoir, “Y,”", "the author of “Z”": a work named after its genre
    r"|\b(?:book|film|movie|show|program|programme|podcast|documentary|series|album|song|play|novel|memoir"
    r"|autobiography|biography|sitcom|musical|episode|column|blog|newsletter|magazine|thriller|drama|comedy"
    r"|poem|report|study|paper)s?,?"
    r"|\b(?:author|co-author|editor|co-editor|creator|host|star|director|producer|writer)s? of)\s*$"
)

_BYLINE_AFTER = re.compile(r"[”\"'’»]+(,?)\s*by\s+(?:the\s+)?[A-Z]")


def is_title(text: str, q: QuotedSpan) -> bool:
    """ "on Channel Nine’s “Harbour Morning,”", "told “Coast Today”", "starred in “The Salt Road”": a short
    capitalised name in quotation marks right after a possessive, a preposition of place or
    medium, or the genre of a work ("the documentary “X”") is the title of a programme, book or
    film, not words anyone said."""
    byline = _BYLINE_AFTER.match(text, q.end, paragraph_end(text, q.end))
    if byline and (byline.group(1) or text[q.start : q.end].rstrip().endswith(",")):
        return True  # '“Museum to close in May,” by Times’ Ann Lee': a headline and its byline
    inner = text[q.start : q.end].rstrip(" ,.;:")
    words = re.findall(r"[^\W\d_][\w'’-]*", inner)
    if not words or len(words) > 8 or inner.endswith(("!", "?")):
        return False
    if not all(w[0].isupper() for w in words if len(w) > 3) or not any(w[0].isupper() for w in words):
        return False
    pos = q.start
    while pos > q.paragraph_start and (text[pos - 1].isspace() or text[pos - 1] in "“\"«`„'"):
        pos -= 1
    return bool(_TITLE_BEFORE.search(text[max(q.paragraph_start, pos - 40) : pos]))


def capitalised_heading(text: str, q: QuotedSpan) -> bool:
    """ "¶ “NO MORE BRIDGES” ¶": a quotation in capitals that is its whole paragraph is a subheading."""
    para = text[q.paragraph_start : paragraph_end(text, q.start)]
    inner = text[q.start : q.end]
    return not re.search(r"[a-z]", inner) and not re.search(r"\w", para.replace(inner, ""))
