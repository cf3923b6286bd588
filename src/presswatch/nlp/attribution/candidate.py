"""A candidate attribution: a span of reported words, the construction that found it, its cue and subject.

Constructions make candidates, boundary passes move their ends, speaker choice fills ``subject`` and
``speaker``, and emission turns each into ``Quote`` records.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from presswatch.nlp.attribution.speakers.resolve import Speaker


class Construction(Enum):
    """Which construction found a candidate. The values are the names the confidence and speaker models
    were trained on (their feature names), so they are data: keep them."""

    CUE = "cue"  # "Lee said the plan would fail"
    ACCORDING = "according"  # "..., according to Lee"
    SURVEY = "survey"  # "In a new poll, 60 percent said ..."
    NOUN = "noun"  # "Lee's claim that ..."
    ADJECTIVE = "adjective"  # "aides were confident that ..."
    PARENTHETICAL = "parenthetical"  # "The plan, said Lee, would fail"
    AS_CLAUSE = "as"  # "As Lee noted, the toll would double"
    TAIL = "tail"  # "A worker was hurt, police said."
    HEADLINE = "headline"  # "Lee: the plan will fail"
    HEADLINE_TOPIC = "headline:topic"  # "Road to recovery: ...": a label that names no one who can speak
    QUOTATION = "quotation"  # a quotation with the cue of its sentence
    QUOTATION_AFTER = "quotation:after"  # "“Is it ready?” Holt asked.": the cue in the sentence after
    QUOTATION_TAIL = "quotation:tail"  # "“...,” Ann Lee quipped."
    COLON = "colon"  # "Lee said: “...”"
    COLON_DASH = "colon:dash"  # "HEADLINE - Ann Lee: “...”"
    INTRODUCTION = "introduction"  # "Holt cracked, “...”"
    SENTENCE_INTRODUCTION = "introduction:sentence"  # "Lee agreed. “...”"
    SIGNATURE = "signature"  # "“...” ¶ - Ann Lee."
    CREDIT = "credit"  # "“...” [Reuters]"
    BLOCK = "block"  # "Lee wrote: ¶ <a paragraph>"
    TURN = "turn"  # "Q: ... ¶ A: ..."
    CONTINUATION = "continuation"  # "“A,” Lee said. “B.”"
    UNCUED = "uncued"  # a quotation nobody introduces; its speaker is borrowed from the paragraph

    @property
    def family(self) -> str:
        """The name without its variant: "quotation:after" -> "quotation"."""
        return self.value.split(":", 1)[0]


MIN_CONTENT_WORDS = 2


@dataclass(slots=True)
class Candidate:
    """Offsets index the article text; ``cue`` and ``subject`` are spaCy tokens."""

    start: int
    end: int
    cue: object | None
    cue_text: str | None  # the cue as the quote shows it ("pointed out", "according to", ":")
    subject: object | None
    speaker: Speaker | None = None
    construction: Construction = Construction.CUE

    @property
    def origin(self) -> str:
        """The construction's name, with the cue's lemma for a cue clause ("cue:say"): what the
        models' features and the benchmark's error analysis read."""
        if self.construction is Construction.CUE and self.cue is not None:
            return f"cue:{self.cue.lemma_}"
        return self.construction.value


def trim(doc, first: int, last: int, min_words: int = MIN_CONTENT_WORDS) -> tuple[int, int] | None:
    """Char span of tokens first..last without edge punctuation and a leading "that"."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ == "that" and doc[first].dep_ == "mark"):
        first += 1
    while last >= first and (
        (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ("”", "''", '"', "»")
        or doc[last].pos_ == "CCONJ"  # "said crews were relieved but [warned ...]"
    ):
        last -= 1
    if last < first:
        return None
    words = sum(1 for t in doc[first : last + 1] if t.is_alpha)
    if words < min_words:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def cue_phrase(token) -> str:
    """The cue as written: the verb with its particle ("pointed out"), or "according to"."""
    if token.lower_ == "according":
        return "according to"
    parts = [token]
    parts += [c for c in token.children if c.dep_ == "prt"]
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def is_cue(token, cues: frozenset[str]) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues
