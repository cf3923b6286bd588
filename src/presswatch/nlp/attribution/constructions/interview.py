"""Interview turns: "Q: Will the ferry run? ¶ A: I think it will.": each answer of a printed interview,
all of it, is one quotation of the interviewee's (not "A"'s); each question one of the interviewer's.

Unlike the other constructions this one runs after speakers are chosen: what the parse found inside a
turn in the turn's own voice gives way to the turn.
"""

from __future__ import annotations

import re
from collections import Counter

from presswatch.nlp.attribution.candidate import MIN_CONTENT_WORDS, Candidate, Construction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import paragraph_end
from presswatch.nlp.attribution.speakers.resolve import Speaker, interviewer
from presswatch.nlp.people import PeopleIndex
from presswatch.nlp.pipeline import doc_text

# the turns of a printed interview: "Q: Will the ferry run? ¶ A: I think it will."
_TURN = re.compile(r"^[ \t]*(Q|A)[ \t]*[:.][ \t]", re.M)

# what the introduction of an interview says about the one who answers
_INTERVIEW_WORDS = re.compile(r"\b(?:interview\w*|spoke|speaks|talked|talks|sat down|conversation|Q&A|asked)\b", re.I)


def _interviewee(doc, first_turn: int, people: PeopleIndex) -> str | None:
    """Who answers in a Q:/A: transcript: the person named, before the first turn, in a sentence
    about the interview ("Brede spoke to the Herald"); else the person named most before it."""
    text = doc_text(doc)
    before = [(token_i, name) for start, token_i, name in people.mention_order if start < first_turn]
    for token_i, name in before:
        sentence = doc[token_i].sent
        if _INTERVIEW_WORDS.search(text, sentence.start_char, sentence.end_char):
            return name
    counts = Counter(name for _, name in before)
    return max(counts, key=counts.__getitem__) if counts else None


def interview_turns(ctx: QuoteContext, atts: list[Candidate]) -> None:
    """A Q:/A: transcript: each answer, all of it, is one quotation of the interviewee's; each
    question one of "Q" (no person). What the parse found inside a turn in the turn's own voice ("I
    think ...", "what would you say ...") gives way to it; words the turn reports from someone else
    ("the council says ...") stay theirs."""
    doc, text, people = ctx.doc, ctx.text, ctx.people
    turns = list(_TURN.finditer(text))
    if not any(m.group(1) == "A" for m in turns):
        return
    interviewee = _interviewee(doc, turns[0].start(), people)
    answerer = Speaker(interviewee, "person", interviewee) if interviewee else Speaker("the interviewee", "anonymous")
    own_voice = {"A", "Q", None}
    for turn in turns:
        start, end = turn.end(), paragraph_end(text, turn.end())
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(re.findall(r"\w+", text[start:end])) < MIN_CONTENT_WORDS:
            continue
        atts[:] = [
            a for a in atts
            if not (start <= a.start < end and (
                a.speaker is None or a.speaker.name in own_voice
                or a.subject is not None and a.subject.lower_ in ("i", "we", "you")
            ))
        ]
        speaker = answerer if turn.group(1) == "A" else interviewer(people)
        atts.append(Candidate(start, end, None, ":", None, speaker=speaker, construction=Construction.TURN))
    atts.sort(key=lambda a: (a.start, a.end))
