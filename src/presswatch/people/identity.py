"""Which name forms, across every article, are one person.

Names are compared within a *block*: every form whose surname sounds the same (a phonetic key of
the surname), so the store recomputes only the blocks a batch touches, and the answer for a block
depends only on the names in it -- never on the order articles arrived in.

Rules, in order:
- titles, honorifics, middle names and initials are not part of identity ("President Donald J. Trump"
  is given name Donald, surname Trump);
- full forms (given name + surname) are one person when the surnames are the same or spelling
  variants of one another and the given names are the same or spelling variants (Dmitri/Dmitry:
  same phonetic key and close spelling); two different given names stay two people;
- a bare surname ("Trump", "Mr. Trump") is the person of that surname when only one is known, or
  when one is named in far more articles than all others together; else it stays a person of its own
  when at least half the articles naming it give person evidence (a title, a role, speech, a pronoun),
  or no person at all (a lone capitalised word most texts give no sign of being a person -- a brand,
  a platform or a product the recogniser mislabelled, even if one article has it "say" something).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from nameparser import HumanName
from rapidfuzz.distance import JaroWinkler, Levenshtein

from presswatch.nlp.lexicon import known_given_name, not_name_heads, surname_heads, title_words
from presswatch.nlp.pipeline import english_words

#: What an article can give as evidence that a name is a person's, beyond having two words
PERSON_EVIDENCE = frozenset({"title", "role", "pronoun", "speech", "surname", "listed", "agent", "relation"})

#: A bare surname attaches to the most-named person of that surname when that person is named in at
#: least this many times as many articles as every other person of the surname together.
DOMINANCE = 4
_GIVEN_SIMILARITY = 0.85
_SURNAME_SIMILARITY = 0.9
_SLUG_JUNK = re.compile(r"[^\w]+", re.UNICODE)
# "CruzRep", "ClintonSen": a surname glued to the title of the next name in run-together headlines
_GLUED = re.compile(r"^(?P<name>[A-Z][a-z]{2,})(?P<rest>[A-Z][a-z]+\.?)$")
_INITIAL = re.compile(r"^[A-Za-z]\.?$")


def slug(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _SLUG_JUNK.sub("-", folded.lower()).replace("_", "-").strip("-")


def _fold(word: str) -> str:
    return slug(word).replace("-", "")


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name as identity sees it: the given name and surname, titles and middles dropped."""

    key: str  # slug of the name as written ("donald-j-trump"): one row per written form
    given: str  # "" for a bare surname
    surname: str
    block: str  # phonetic key of the surname
    middle: str = ""  # middle names or initials as written ("J.", "H.W.", "Rodham")
    suffix: str = ""  # a generational suffix ("Jr.", "III"): people's names have them

    @property
    def full(self) -> bool:
        return bool(self.given) and not _INITIAL.match(self.given)

    @property
    def person_key(self) -> str:
        """The id a person of this form would get: given name and surname, no middle."""
        return slug(f"{self.given} {self.surname}" if self.given else self.surname)


def _unglued(word: str) -> str:
    m = _GLUED.match(word)
    if m and m.group("rest").lower().rstrip(".") in title_words():
        return m.group("name")
    return word


@lru_cache(maxsize=65536)
def parse_name(name: str) -> NameForm | None:
    """The identity parts of a name as an article gives it; None when nothing name-like is left."""
    words = [_unglued(w) for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return None
    parsed = HumanName(" ".join(words))
    given, surname = parsed.first, parsed.last
    if not surname:  # a single word: nameparser calls it a first name, a news text means a surname
        surname, given = given or parsed.title, ""
    if not surname:
        return None
    block = jellyfish.metaphone(_fold(surname)) or _fold(surname)
    return NameForm(key=slug(name), given=given, surname=surname, block=block, middle=parsed.middle if given else "",
                    suffix=parsed.suffix)


def block_of(name: str) -> str | None:
    form = parse_name(name)
    return form.block if form else None


@dataclass(frozen=True, slots=True)
class NameSeen:
    """A written name form with what the database knows about it."""

    name: str
    articles: frozenset[str]
    evidence: frozenset[str]  # person evidence: "full_name", "title", "role", "pronoun", "speech"
    #: the articles whose text gives that evidence (None: every article naming it)
    evidenced: frozenset[str] | None = None

    def mostly_evidenced(self) -> bool:
        """Whether at least half the articles naming this form give person evidence."""
        if not self.evidence:
            return False
        return self.evidenced is None or 2 * len(self.evidenced & self.articles) >= len(self.articles)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where one written form went: its person id (None: not a person) and why."""

    key: str
    person_id: str | None
    evidence: str


def _given_variants(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 4 or fa[0] != fb[0]:
        return False
    return jellyfish.metaphone(fa) == jellyfish.metaphone(fb) and JaroWinkler.similarity(fa, fb) >= _GIVEN_SIMILARITY


def _surname_variants(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    return min(len(fa), len(fb)) >= 5 and Levenshtein.distance(fa, fb) <= 1 and JaroWinkler.similarity(fa, fb) >= _SURNAME_SIMILARITY


def _initials(middle: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.]+", _strip_accents(middle).lower()) if part)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _middles_agree(a: str, b: str) -> bool:
    """ "H.W." and "W." are two people's (George H.W. and George W.); "Rodham" and "R." may be one."""
    if not a or not b:
        return True
    full_a, full_b = len(a.strip(".")) > 1 and "." not in a, len(b.strip(".")) > 1 and "." not in b
    if full_a and full_b:
        return _fold(a) == _fold(b)
    return _initials(a) == _initials(b)


class _Sets:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_block(names: Iterable[NameSeen]) -> list[Resolution]:
    """Person ids for every written form of one block (see the module docstring), sorted by key."""
    seen: dict[str, tuple[NameForm, NameSeen]] = {}
    for item in names:
        form = parse_name(item.name)
        if form is None:
            continue
        if form.key in seen:  # one written form seen under two spellings of case: pool them
            old = seen[form.key][1]
            evidenced = None if old.evidenced is None and item.evidenced is None else (
                (old.evidenced if old.evidenced is not None else old.articles)
                | (item.evidenced if item.evidenced is not None else item.articles)
            )
            item = NameSeen(min(old.name, item.name), old.articles | item.articles, old.evidence | item.evidence, evidenced)
        seen[form.key] = (form, item)
    full = sorted(k for k, (f, _) in seen.items() if f.full)
    sets = _Sets(full)
    middles: dict[str, set[str]] = {k: {seen[k][0].middle} - {""} for k in full}

    def same_name(a: str, b: str) -> bool:
        fa, fb = seen[a][0], seen[b][0]
        return _surname_variants(fa.surname, fb.surname) and _given_variants(fa.given, fb.given)

    def join(a: str, b: str) -> None:
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb or not all(_middles_agree(x, y) for x in middles[ra] for y in middles[rb]):
            return  # "George H.W." and "George W.": the middles say two people
        sets.union(ra, rb)
        root = sets.find(ra)
        middles[root] = middles[ra] | middles[rb]

    # forms with a middle join forms with an agreeing middle, forms without one join each other; then a
    # group without any middle joins the one group with middles it matches, and stays apart when two
    # groups of different middles match it (a bare "George Bush" beside George H.W. and George W.)
    with_middle = [k for k in full if seen[k][0].middle]
    without = [k for k in full if not seen[k][0].middle]
    for keys in (with_middle, without):
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if same_name(a, b):
                    join(a, b)
    plain_roots = sorted({sets.find(k) for k in without if not middles[sets.find(k)]})
    for root in plain_roots:
        members = [k for k in without if sets.find(k) == root]
        targets = sorted({sets.find(m) for m in with_middle if any(same_name(m, k) for k in members)})
        if len(targets) == 1:
            join(root, targets[0])
    groups: dict[str, list[str]] = {}
    for k in full:
        groups.setdefault(sets.find(k), []).append(k)

    def articles_of(keys: list[str]) -> frozenset[str]:
        return frozenset().union(*(seen[k][1].articles for k in keys))

    # a group of full forms is a person with evidence: a given name the name list knows, or what some
    # article says of one of its forms; never when the name ends in the word for a place or a body
    not_person: dict[str, str] = {}
    for root, keys in groups.items():
        why = _not_a_person(
            [seen[k][0] for k in keys], frozenset().union(*(seen[k][1].evidence for k in keys)),
        )
        if why:
            not_person[root] = why
    # ...or the surname of a person the database knows under another given name ("Ada Quillfeed" makes
    # "Zorvan Quillfeed" a person although the name list does not know "Zorvan")
    person_surnames = {_fold(seen[k][0].surname) for root, keys in groups.items() if root not in not_person for k in keys}
    for root, why in list(not_person.items()):
        if why == _NO_EVIDENCE and any(_fold(seen[k][0].surname) in person_surnames for k in groups[root]):
            del not_person[root]

    person_of_group: dict[str, str] = {}
    for root, keys in groups.items():
        # the id: the given name + surname of the form in most articles (ties: the shorter, then first by key)
        best = min(keys, key=lambda k: (-len(seen[k][1].articles), len(seen[k][0].person_key), seen[k][0].person_key))
        person_of_group[root] = seen[best][0].person_key
    taken = Counter(person_of_group.values())
    for root, keys in sorted(groups.items()):
        if taken[person_of_group[root]] > 1 and middles[root]:  # George H.W. and George W. Bush
            form = seen[min(k for k in keys if seen[k][0].middle)][0]
            person_of_group[root] = slug(f"{form.given} {form.middle} {form.surname}")

    out: list[Resolution] = []
    for k in full:
        root = sets.find(k)
        if root in not_person:
            out.append(Resolution(k, None, not_person[root]))
        else:
            out.append(Resolution(k, person_of_group[root], "full name"))
    for key in sorted(k for k in seen if k not in set(full)):
        form, item = seen[key]
        candidates = [
            root for root, keys in groups.items()
            if root not in not_person and any(_surname_variants(seen[k][0].surname, form.surname) for k in keys)
            and (not form.given or all(_fold(seen[k][0].given)[:1] == _fold(form.given)[:1] for k in keys))
        ]
        counts = sorted(((len(articles_of(groups[r])), person_of_group[r]) for r in candidates), key=lambda c: (-c[0], c[1]))
        if counts and not item.evidence:
            # a word no article gives a sign of being a person's ("Euro" beside a person of that surname)
            out.append(Resolution(key, None, f"a single word with no title, role, pronoun or speech (a person named {form.surname} is known)"))
            continue
        if len(counts) == 1:
            out.append(Resolution(key, counts[0][1], f"the only known person named {form.surname}"))
            continue
        if counts and counts[0][0] >= DOMINANCE * sum(c for c, _ in counts[1:]):
            others = sum(c for c, _ in counts[1:])
            out.append(Resolution(
                key, counts[0][1],
                f"named in {counts[0][0]} articles against {others} for every other {form.surname}",
            ))
            continue
        if item.mostly_evidenced():
            out.append(Resolution(key, form.person_key, "ambiguous surname" if counts else ", ".join(sorted(item.evidence))))
        elif item.evidence:
            out.append(Resolution(key, None, "a single word most articles naming it give no sign of being a person"))
        else:
            out.append(Resolution(key, None, "a single word with no title, role, pronoun or speech"))
    return sorted(out, key=lambda r: r.key)


def _not_a_person(forms: list[NameForm], evidence: frozenset[str]) -> str | None:
    """Why full forms of one person are no person's name, or None: a last word that names a place,
    a body, an event or a product ("Kestrel Falls", "Holt Studio"); a last word that does so and is
    also a surname ("Kestrel Park") without a given name the name list knows; a given name the list
    does not know with no article giving person evidence ("Vexa Ultra", "Defensive Line")."""
    known_given = any(known_given_name(f.given) or f.suffix for f in forms)
    for form in forms:
        last = form.surname.split()[-1].lower() if form.surname.split() else ""
        if last in not_name_heads():
            return f"ends in {last!r}: the name of a place, a body, an event or a product"
        if last in surname_heads() and not known_given:
            return f"ends in {last!r} with no known given name: the name of a place or a body"
    if known_given or evidence & PERSON_EVIDENCE:
        return None
    if any(_name_like(f.given) for f in forms):
        return None  # "Taraji Vell": a given name the list lacks, and no English word either
    return _NO_EVIDENCE


def _name_like(given: str) -> bool:
    """A first name written like one (capitalised, letters only) that is no English word ("Mortal",
    "Defensive", "Starry" are; many given names the name list lacks are not)."""
    first = given.split()[0] if given.split() else ""
    return (
        len(first) >= 3 and first.isalpha() and first[0].isupper() and not first.isupper()
        and first.lower() not in english_words()
    )


_NO_EVIDENCE = "no known given name and no title, role, pronoun or speech"


__all__ = ["DOMINANCE", "PERSON_EVIDENCE", "NameForm", "NameSeen", "Resolution", "block_of", "parse_name", "resolve_block", "slug"]
