"""Who said what: direct, indirect and mixed quotes with their cue and speaker.

Two sources of evidence, merged:
1. cue verbs from the lexicon (``data/cues.txt``, learnt from PolNeAR train) with a clausal
   complement ("Patrushev warned that ..."), parenthetical cues ("..., he said") and "according to X";
2. quotation marks (straight, curly, «», NYT ``...'', a curly opening mark used to close) paired per
   paragraph; a quotation without its own cue takes the cue in its sentence, else continues the
   attribution just before it ("“A,” X said. “B.”").
A reported clause with quoted words inside is ``mixed``; one that is (nearly) all quotation is
``direct``; one without quotation marks is ``indirect``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.model import Quote
from presswatch.nlp.lexicon import cue_lemmas
from presswatch.nlp.people import PeopleIndex
from presswatch.nlp.speakers import UNKNOWN, Speaker, resolve_speaker

_MARK = re.compile(r"``|''|[“”«»„\"]")
_OPENERS = {"“", "«", "„", "``"}
_CLOSERS = {"”", "»", "''"}
_DIRECT_SHARE = 0.9  # the corpus's own threshold for calling an attribution direct
_MIN_CONTENT_WORDS = 2
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = ("conj", "xcomp", "advcl", "acl", "relcl", "pcomp", "prep")


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

        for mark in _MARK.finditer(text, p_start, p_end):
            s, pos, after = mark.group(), mark.start(), mark.end()
            prev = text[pos - 1] if pos > p_start else " "
            nxt = text[after] if after < p_end else " "
            if s == '"':
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


@dataclass(slots=True)
class _Attribution:
    start: int
    end: int
    cue: object | None  # spaCy token
    cue_text: str | None
    subject: object | None  # spaCy token
    speaker: Speaker | None = None


def _trim(doc, first: int, last: int) -> tuple[int, int] | None:
    """Char span of tokens first..last without edge punctuation and a leading "that"."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ == "that" and doc[first].dep_ == "mark"):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"', "»"):
        last -= 1
    if last < first:
        return None
    words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
    if words < _MIN_CONTENT_WORDS:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _subject_of(token, depth: int = 0):
    for child in token.children:
        if child.dep_ in _SUBJECT_DEPS and child.lower_ != "it" or child.dep_ == "nsubj":
            return child
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth < 3 and token.dep_ in _CLIMB_DEPS and token.head is not token:
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head  # "Trump, saying that ...", "officials who said ..."
        return _subject_of(token.head, depth + 1)
    return None


def _cue_phrase(token) -> str:
    """The cue as written: the verb with its particle ("pointed out"), or "according to"."""
    if token.lower_ == "according":
        return "according to"
    parts = [token]
    parts += [c for c in token.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _is_cue(token, cues: frozenset[str]) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues


def _inside(pos: int, spans: list[QuotedSpan]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _cue_attributions(doc, cues: frozenset[str], quoted: list[QuotedSpan]) -> list[_Attribution]:
    found: list[_Attribution] = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            sent = token.sent
            phrase_first, phrase_last = token.i, max(token.right_edge.i, to.right_edge.i)
            before = (sent.start, phrase_first - 1)
            after = (phrase_last + 1, sent.end - 1)
            first, last = max((before, after), key=lambda r: r[1] - r[0])
            span = _trim(doc, first, last)
            if span:
                found.append(_Attribution(span[0], span[1], token, "according to", source))
            continue
        if not _is_cue(token, cues) or _inside(token.idx, quoted):
            continue
        complements = [c for c in token.children if c.dep_ == "ccomp"]
        ranges = [(c.left_edge.i, c.right_edge.i) for c in complements]
        if not ranges and token.dep_ == "parataxis" and token.head.i < token.i:
            ranges = [(token.head.left_edge.i, token.left_edge.i - 1)]  # "X will win, he said"
        subject = _subject_of(token)
        for first, last in ranges:
            span = _trim(doc, first, last)
            if span:
                found.append(_Attribution(span[0], span[1], token, _cue_phrase(token), subject))
    return found


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for ch in text[start:end] if ch.isalpha())


def _quoted_letters(text: str, start: int, end: int, quoted: list[QuotedSpan]) -> int:
    total = 0
    for q in quoted:
        s, e = max(start, q.start), min(end, q.end)
        if s < e:
            total += _letters(text, s, e)
    return total


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _sentences_over(doc, start: int, end: int):
    return [s for s in doc.sents if s.start_char < end and s.end_char > start]


def _cue_for_quotation(doc, q: QuotedSpan, cues: frozenset[str], quoted: list[QuotedSpan], para_end: int):
    """The nearest cue verb outside quotation marks in the sentences the quotation spans."""
    best = None
    best_distance = None
    for sent in _sentences_over(doc, q.start, q.end):
        for token in sent:
            if token.idx < q.paragraph_start or token.idx >= para_end:
                continue
            if not _is_cue(token, cues) or _inside(token.idx, quoted):
                continue
            distance = q.start - token.idx if token.idx < q.start else token.idx - q.end
            if best_distance is None or distance < best_distance:
                best, best_distance = token, distance
    return best


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def find_quotes(doc, text: str, people: PeopleIndex, *, cues: frozenset[str] | None = None) -> list[Quote]:
    """All attributions in a parsed article; offsets index ``text`` (the article text)."""
    cues = cues if cues is not None else cue_lemmas()
    quoted = find_quoted_spans(text)
    attributions = _cue_attributions(doc, cues, quoted)

    # quotations the cue clauses already cover become part of them; a clause that is all quotation
    # takes the quotation's exact bounds (marks excluded)
    for att in attributions:
        for q in quoted:
            if att.cue is not None and q.start <= att.cue.idx < q.end:
                continue
            ov = _overlap(att.start, att.end, q.start, q.end)
            if ov and ov >= 0.8 * (att.end - att.start) and q.end - q.start <= 1.5 * (att.end - att.start) + 20:
                att.start, att.end = q.start, q.end

    standalone: list[_Attribution] = []
    for q in quoted:
        covered = any(_overlap(a.start, a.end, q.start, q.end) >= 0.5 * (q.end - q.start) for a in attributions)
        if covered:
            continue
        para_end = _paragraph_end(text, q.start)
        cue = _cue_for_quotation(doc, q, cues, quoted, para_end)
        if cue is not None:
            standalone.append(_Attribution(q.start, q.end, cue, _cue_phrase(cue), _subject_of(cue)))
    all_atts = sorted(attributions + standalone, key=lambda a: (a.start, a.end))

    # a quotation with no cue of its own continues the attribution just before it (same paragraph,
    # or the paragraph before when it opens its paragraph)
    for q in quoted:
        if any(_overlap(a.start, a.end, q.start, q.end) >= 0.5 * (q.end - q.start) for a in all_atts):
            continue
        previous = [a for a in all_atts if a.end <= q.start]
        if not previous:
            continue
        prev = previous[-1]
        prev_para = text.rfind("\n", 0, prev.start) + 1
        same_para = prev_para == q.paragraph_start
        paragraph_before = q.start - q.paragraph_start <= 2 and _paragraph_end(text, prev.end) >= q.paragraph_start - 3
        words = len(re.findall(r"\w+", text[q.start : q.end]))
        if (same_para or paragraph_before) and words >= 3:
            cont = _Attribution(q.start, q.end, prev.cue, prev.cue_text, prev.subject, prev.speaker)
            if prev.speaker is None:
                prev.speaker = resolve_speaker(prev.subject, people) if prev.subject is not None else UNKNOWN
                cont.speaker = prev.speaker
            all_atts.append(cont)
            all_atts.sort(key=lambda a: (a.start, a.end))

    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for att in all_atts:
        if (att.start, att.end) in seen:
            continue
        seen.add((att.start, att.end))
        letters = _letters(text, att.start, att.end) or 1
        share = _quoted_letters(text, att.start, att.end, quoted) / letters
        kind = "direct" if share >= _DIRECT_SHARE else "mixed" if share > 0 else "indirect"
        speaker = att.speaker or (resolve_speaker(att.subject, people) if att.subject is not None else UNKNOWN)
        att.speaker = speaker
        role = people.role_in_force(speaker.person, att.cue.sent.end_char if att.cue is not None else att.end) if speaker.person else None
        quote_text = text[att.start : att.end].strip().rstrip(",")
        quotes.append(
            Quote(
                text=quote_text,
                kind=kind,
                speaker=speaker.name,
                speaker_type=speaker.type,
                speaker_role=role,
                cue=att.cue_text,
                start=att.start,
                end=att.start + len(quote_text),
            )
        )
    return quotes
