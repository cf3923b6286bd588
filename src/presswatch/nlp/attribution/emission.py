"""Emission, last: each candidate becomes Quote records -- its text and offsets, its kind (direct, mixed,
indirect), the speaker's role when it was said, joint speakers, and the confidence model's score."""

from __future__ import annotations

import re

from presswatch.model import Quote
from presswatch.nlp.attribution.candidate import Candidate, Construction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import (
    QuotedSpan,
    letter_count,
    modifies_a_noun,
    past_closing_marks,
    quoted_letter_count,
)
from presswatch.nlp.attribution.speakers.resolve import UNKNOWN, Speaker, resolve_speaker
from presswatch.nlp.people import PeopleIndex
from presswatch.nlp.quote_confidence import confidence as quote_confidence
from presswatch.nlp.quote_confidence import quote_features


def with_closing_bracket(text: str, start: int, end: int) -> int:
    """ "the re-election of Tom Brede (D-Kes.)": a bracket the quote opened is closed in it."""
    if text.count("(", start, end) <= text.count(")", start, end):
        return end
    close = re.match(r"[\w.]{0,6}\)", text[end : end + 8])
    return end + close.end() if close else end


def through_closing_mark(text: str, att: Candidate, quoted: list[QuotedSpan]) -> int:
    """Where the quote's text ends: "called the suspension “arbitrary.”" keeps its closing mark when the
    clause the parser gave stops before the mark with only punctuation left inside the quotation
    (the quote's text and end offset take the closing mark, so the reader sees the quotation closed)."""
    for q in quoted:
        if att.start < q.start and q.start < att.end <= q.end and not re.search(r"\w", text[att.end : q.end]):
            return past_closing_marks(text, q.end)
    return att.end


def _companions(subject, people: PeopleIndex, person: str | None) -> str | None:
    """ "She and her aides have vowed ...": the person speaks with companions the article does not name,
    and the speaker is "Ann Lee and her aides" (groups too: "the union and its allies"). Returns "and
    her aides" when ``subject`` is coordinated with people it does not name; None otherwise, and None when the coordination holds the speaker's own name ("Ferry operator and former harbour
    pilot Sven Olander": two titles of one person)."""
    conjuncts = [c for c in subject.children if c.dep_ == "conj" and c.i > subject.i]
    cc = next((c for c in subject.children if c.dep_ == "cc" and c.i > subject.i), None)
    if not conjuncts or cc is None or cc.lower_ not in ("and", "&"):
        return None
    doc = subject.doc
    last = max(c.right_edge.i for c in conjuncts)
    while last > cc.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    words = doc[cc.i : last + 1]
    if len(words) > 10 or any(t.pos_ in ("VERB", "AUX") or "\n" in t.text for t in words):
        return None
    if person is not None and any(people.token_owner.get(t.i) == person for t in words):
        return None
    return " ".join(words.text.split())


def _joint_speakers(subject, people: PeopleIndex, first: str, cue=None) -> list[str]:
    """The other people of a coordinated subject whose first conjunct is the person ``first``: "Ines
    Haldor and Tom Brede said ..." is both people's words, listed once for each (same text and offsets)
    so that each person's page shows it. Only when every conjunct is a named person: in "Lee and his
    aides said" only Lee is named (see ``_companions``)."""
    conjuncts = []
    # "Ann Lee, Tom Park and Dana Holt": the parser may hang the middle of a list as an appositive
    stack = [
        c for c in subject.children
        if c.dep_ == "conj" or c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)
    ]
    while stack:
        token = stack.pop(0)
        conjuncts.append(token)
        stack += [c for c in token.children if c.dep_ == "conj"]
    if cue is not None:
        # the subject's list stands on its side of the cue and before any colon: in "Bob Varga said he knew
        # two crew members: Ines Haldor ... and Tom Brede", the parser hung the named members from "Varga"
        doc = subject.doc
        conjuncts = [
            t for t in conjuncts
            if (t.i < cue.i) == (subject.i < cue.i)
            and not any(x.text == ":" for x in doc[min(t.i, subject.i) : max(t.i, subject.i)])
        ]
    names = [people.token_owner.get(t.i) for t in conjuncts]
    if not names or any(n is None for n in names):
        return []
    out: list[str] = []
    for name in names:
        if name != first and name not in out:
            out.append(name)
    return out


def emit(ctx: QuoteContext, all_atts: list[Candidate], *, origins: list[str] | None = None,
         confidence_examples: list | None = None) -> list[Quote]:
    """The quotes of the candidates, in order; words at the same offsets are emitted once (the first
    candidate's). ``origins`` receives the construction behind each quote (error analysis);
    ``confidence_examples`` the confidence model's features of each (its training)."""
    doc, text, people, quoted, speech = ctx.doc, ctx.text, ctx.people, ctx.quoted, ctx.speech
    # a short label in quotation marks before a noun ("the “Harbour First” campaign") is nobody's
    # wording either: a clause that holds only such labels is reported, not quoted
    wording = [q for q in speech if len(re.findall(r"\w+", text[q.start : q.end])) >= 4 or not modifies_a_noun(doc, q)]

    quotes: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for att in all_atts:
        if (att.start, att.end) in seen:
            continue
        seen.add((att.start, att.end))
        letters = letter_count(text, att.start, att.end) or 1
        share = quoted_letter_count(text, att.start, att.end, wording) / letters
        kind = "direct" if share >= ctx.config.direct_share else "mixed" if share > 0 else "indirect"
        if att.construction is Construction.TURN:
            kind = "direct"  # a printed interview's turn is the speaker's own words, marks or not
        speaker = att.speaker or (
            resolve_speaker(att.subject, people, facts=ctx.speaker_facts) if att.subject is not None else UNKNOWN
        )
        att.speaker = speaker
        if att.construction is Construction.HEADLINE_TOPIC and speaker.type in ("anonymous", "unknown"):
            continue  # "Road to recovery: ...", "Voter participation: ...": a topic, not who speaks
        role = people.role_in_force(speaker.person, att.cue.sent.end_char if att.cue is not None else att.end) if speaker.person else None
        raw = text[att.start : with_closing_bracket(text, att.start, through_closing_mark(text, att, quoted))]
        start = att.start + (len(raw) - len(raw.lstrip()))
        quote_text = raw.strip().rstrip(",").rstrip()
        speakers = [(speaker, role)]
        joint = []
        if ctx.config.joint_speakers and speaker.person and att.subject is not None:
            joint = _joint_speakers(att.subject, people, speaker.person, att.cue)
            for name in joint:
                at = att.cue.sent.end_char if att.cue is not None else att.end
                speakers.append((Speaker(name, "person", name), people.role_in_force(name, at)))
        if not joint and speaker.name and att.subject is not None and " and " not in f" {speaker.name} ":
            companions = _companions(att.subject, people, speaker.person)
            if companions:
                speakers[0] = (Speaker(f"{speaker.name} {companions}", speaker.type, speaker.person), role)
        feats = quote_features(
            origin=att.origin, kind=kind, cue=att.cue, subject=att.subject, speaker_type=speaker.type,
            named_person=bool(speaker.person), words=len(re.findall(r"\w+", quote_text)), start=start,
            end=start + len(quote_text), joint=bool(joint), text=text,
        )
        if confidence_examples is not None:
            confidence_examples.append((start, start + len(quote_text), feats))
        sure = quote_confidence(feats)
        if sure is not None and sure < ctx.config.confidence_floor:
            continue
        for each, each_role in speakers:
            if origins is not None:
                subject, cue = att.subject, att.cue
                origins.append(
                    f"{att.origin}|{subject.text if subject is not None else ''}"
                    f"|{cue.idx if cue is not None else ''}|{subject.idx if subject is not None else ''}"
                )
            quotes.append(
                Quote(
                    text=quote_text,
                    kind=kind,
                    speaker=each.name,
                    speaker_type=each.type,
                    speaker_role=each_role,
                    cue=att.cue_text,
                    start=start,
                    end=start + len(quote_text),
                    confidence=sure,
                )
            )
    return quotes
