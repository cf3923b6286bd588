"""Who gets quoted: per outlet and per month, the share of quotes by women, men and people of unknown
gender, named sources against organisations and anonymous ones, and the most-quoted people.

The counting is done here on plain rows (one per utterance: the store counts a quote repeated by
syndicated copies of a story once, on the original), so the rules can be read and tested without a
database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from presswatch.people.gender import Gender


@dataclass(frozen=True, slots=True)
class QuotedSource:
    """One utterance as the statistics see it."""

    site: str | None
    month: str | None  # "2024-03"; None when the article has no date
    speaker_type: str  # person | org | anonymous | unknown
    person_id: str | None
    speaker: str | None


@dataclass(frozen=True, slots=True)
class SourceCounts:
    quotes: int = 0
    named_people: int = 0  # quotes by a named person
    organisations: int = 0
    anonymous: int = 0
    unattributed: int = 0  # no speaker found
    women: int = 0  # of the quotes by named people
    men: int = 0
    gender_unknown: int = 0

    def share(self, part: int, of: int | None = None) -> float | None:
        whole = self.quotes if of is None else of
        return round(part / whole, 4) if whole else None

    @property
    def share_women(self) -> float | None:
        return self.share(self.women, self.named_people)

    @property
    def share_men(self) -> float | None:
        return self.share(self.men, self.named_people)

    @property
    def share_gender_unknown(self) -> float | None:
        return self.share(self.gender_unknown, self.named_people)

    @property
    def share_named(self) -> float | None:
        return self.share(self.named_people)

    @property
    def share_anonymous(self) -> float | None:
        return self.share(self.anonymous)


@dataclass(frozen=True, slots=True)
class QuotedPerson:
    person_id: str
    name: str
    gender: Gender
    quotes: int


@dataclass(frozen=True, slots=True)
class SourceStats:
    total: SourceCounts
    by_site: tuple[tuple[str | None, SourceCounts], ...]  # most quotes first
    by_month: tuple[tuple[str | None, SourceCounts], ...]  # oldest first, undated last
    top_people: tuple[QuotedPerson, ...]


def _counts(rows: list[QuotedSource], genders: Mapping[str, Gender]) -> SourceCounts:
    kinds = Counter(r.speaker_type for r in rows)
    named = [r for r in rows if r.speaker_type == "person"]
    gender = Counter(genders.get(r.person_id or "", "unknown") for r in named)
    return SourceCounts(
        quotes=len(rows),
        named_people=len(named),
        organisations=kinds["org"],
        anonymous=kinds["anonymous"],
        unattributed=len(rows) - len(named) - kinds["org"] - kinds["anonymous"],
        women=gender["female"],
        men=gender["male"],
        gender_unknown=gender["unknown"],
    )


def source_stats(
    rows: Iterable[QuotedSource], genders: Mapping[str, Gender], names: Mapping[str, str], *, top: int = 20
) -> SourceStats:
    """The statistics of ``rows`` (already one per utterance); ``genders`` and ``names`` by person id."""
    rows = list(rows)
    by_site: dict[str | None, list[QuotedSource]] = {}
    by_month: dict[str | None, list[QuotedSource]] = {}
    for r in rows:
        by_site.setdefault(r.site, []).append(r)
        by_month.setdefault(r.month, []).append(r)
    quoted = Counter(r.person_id for r in rows if r.speaker_type == "person" and r.person_id)
    top_people = tuple(
        QuotedPerson(pid, names.get(pid, pid), genders.get(pid, "unknown"), n)
        for pid, n in sorted(quoted.items(), key=lambda item: (-item[1], item[0]))[:top]
    )
    return SourceStats(
        total=_counts(rows, genders),
        by_site=tuple(
            sorted(((s, _counts(v, genders)) for s, v in by_site.items()), key=lambda sc: (-sc[1].quotes, sc[0] or "\uffff"))
        ),
        by_month=tuple(sorted(((m, _counts(v, genders)) for m, v in by_month.items()), key=lambda mc: mc[0] or "\uffff")),
        top_people=top_people,
    )


__all__ = ["QuotedPerson", "QuotedSource", "SourceCounts", "SourceStats", "source_stats"]
