"""A gender estimate for a person: the first name (gender-guesser's packaged name list) weighed with
what texts say of the person (pronouns that refer to them, "Mr."/"Ms.", gendered titles).

``unknown`` is an answer, not a failure: a name the list does not know or calls androgynous, with
no word of the text to settle it, stays unknown rather than being guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from presswatch.nlp.lexicon import PRONOUNS, gendered_words

Gender = Literal["female", "male", "unknown"]

# weights: a gendered title or honorific outweighs a name, a name outweighs a few pronouns
_NAME_WEIGHT = {"male": 2, "mostly_male": 1, "female": -2, "mostly_female": -1}
_TITLE_WEIGHT = 4
_DECIDES = 2


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


#: PressWatch reads English-language news: the name list's answer for these countries is asked first
#: (its answer over all countries calls "Nate" and "Eli" female, after the countries where they are)
NAME_COUNTRIES = ("usa", "great_britain")


def name_gender(given: str) -> str:
    """gender-guesser's answer for a first name: male, female, mostly_male, mostly_female, andy, unknown.
    The countries of ``NAME_COUNTRIES`` decide when they give a clear answer and do not disagree."""
    first = given.split()[0].strip(".") if given.strip() else ""
    if len(first) < 2:
        return "unknown"
    detector = _detector()
    local = {detector.get_gender(first, country) for country in NAME_COUNTRIES}
    clear = local & {"male", "female"}
    if len(clear) == 1 and not local & {"mostly_male", "mostly_female"} - {f"mostly_{g}" for g in clear}:
        return clear.pop()
    return detector.get_gender(first)


@dataclass(frozen=True, slots=True)
class GenderEstimate:
    gender: Gender
    evidence: str  # what decided it, for the reader


def estimate_gender(given_names: Iterable[str], cues: Iterable[str]) -> GenderEstimate:
    """The estimate from a person's given names (as written in any article) and the text's words about
    them (pronouns and gendered words, any case)."""
    words = gendered_words()
    counted = Counter(c.lower() for c in cues)
    pronoun_votes = Counter(words[c] for c, n in counted.items() for _ in range(n) if c in PRONOUNS and c in words)
    title_votes = Counter(words[c] for c, n in counted.items() for _ in range(n) if c not in PRONOUNS and c in words)
    score = 0
    reasons = []
    names = [g for g in given_names if g and g.strip()]
    if names:
        answer = name_gender(Counter(names).most_common(1)[0][0])
        if answer in _NAME_WEIGHT:
            score += _NAME_WEIGHT[answer]
            reasons.append(f"first name ({answer.replace('_', ' ')})")
    if title_votes:
        side = "male" if title_votes["male"] > title_votes["female"] else "female" if title_votes["female"] > title_votes["male"] else None
        if side:
            score += _TITLE_WEIGHT if side == "male" else -_TITLE_WEIGHT
            reasons.append(f"titles ({side})")
    total = sum(pronoun_votes.values())
    if total:
        side, n = pronoun_votes.most_common(1)[0]
        if n / total >= 0.75:
            weight = 2 if n >= 3 else 1
            score += weight if side == "male" else -weight
            reasons.append(f"pronouns ({n} of {total} {side})")
    if score >= _DECIDES:
        return GenderEstimate("male", ", ".join(reasons))
    if score <= -_DECIDES:
        return GenderEstimate("female", ", ".join(reasons))
    return GenderEstimate("unknown", ", ".join(reasons) or "no first name or words of the text to go by")


__all__ = ["Gender", "GenderEstimate", "PRONOUNS", "estimate_gender", "gendered_words", "name_gender"]
