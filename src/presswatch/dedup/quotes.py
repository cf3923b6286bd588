"""Quote provenance: the same quotation printed by several articles is one utterance.

Two quotes are the same quotation when their normalised words (``dedup.signature.normalised_words``:
case, typography and punctuation folded) are equal, or nearly so:

- the whole of each, word for word, differs by a few words (word-level Indel similarity at least
  ``WORDING_SIMILARITY``), each change a word dropped or added ("frankly"), re-spelt ("harbour"/"harbor",
  "sea wall"/"seawall") or shifted by reported speech ("will"/"would") -- never another word
  ("best"/"worst"), or
- one is a part of the other (an outlet printed only a sentence of it, or cut the middle with an
  ellipsis): the shorter, of at least ``MIN_PART_WORDS`` words, is aligned with a window of the
  longer (rapidfuzz's ``partial_ratio_alignment``) and that window passes the test above.

Either way the negations and the numbers must be the same ("will" is not "will not", "four percent"
is not "six percent"; "twelve" and "12" are the same number): a few words apart is otherwise the mark
of the same words re-typed. Quotes of
fewer than ``MIN_WORDS`` words ("We will rebuild") are too common to tell one utterance from another
across stories: they match only word for word, within one story (a syndication cluster).

Finding candidates in a store uses :func:`quote_keys`: the exact key of the normalised text and,
for quotes long enough to match across stories, ``MINHASH_BANDS`` one-value MinHash bands over
word 3-shingles (two quotes sharing a third of their shingles share a band with probability about
0.96). Candidates are then checked with :func:`same_quotation`; keys only find, they never decide.

:func:`build_provenance` orders the appearances (dated ones oldest first, then the undated ones,
marked so: a fetch or storage time is never taken for a publication date), collects the wording
variants and flags the articles that credit the words to a different speaker.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from presswatch import config
from presswatch.dedup.signature import normalised_words

#: below this many words a quote matches only word for word, within its own story
MIN_WORDS = 6
#: the shortest part of a longer quote that is taken for a printing of it
MIN_PART_WORDS = 8
#: word-level Indel similarity (1 - (insertions + deletions) / (len a + len b)) for "nearly the same"
WORDING_SIMILARITY = 0.8
#: character-level partial_ratio for a part to be aligned with the longer quote at all
PART_ALIGNMENT = 85.0
SHINGLE = 3
MINHASH_BANDS = 8

_NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere cannot without".split()
)
# "don't" is "dont" once apostrophes are folded: the auxiliaries that take "n't"
_NT_AUXILIARIES = frozenset(
    "do does did is are was were wo ca could should would have has had must need ai might sha".split()
)
_NUMBER_WORDS = frozenset(
    (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
        "hundred thousand million billion trillion half third quarter dozen percent"
    ).split()
)
_DIGITS = re.compile(r"\d")
# house styles differ on spelling numbers out ("twelve" / "12"): the words that decide compare digits
_DIGITS_OF = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {word: str(10 * n) for n, word in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)}


#: where an outlet cut words out ("…", "...", "[…]"): kept as a word of its own in quote_words
ELLIPSIS = "…"
_CUT = re.compile(r"\[?(?:…|\.\s?\.\s?\.)\]?")


_APOSTROPHE = "['’]"
_CONTRACTIONS = [
    (re.compile(rf"(?i)\b(can){_APOSTROPHE}t\b"), r"\1 not"),
    (re.compile(rf"(?i)\b(won){_APOSTROPHE}t\b"), "will not"),
    (re.compile(rf"(?i)n{_APOSTROPHE}t\b"), " not"),
    (re.compile(rf"(?i){_APOSTROPHE}re\b"), " are"),
    (re.compile(rf"(?i){_APOSTROPHE}ve\b"), " have"),
    (re.compile(rf"(?i){_APOSTROPHE}ll\b"), " will"),
    (re.compile(rf"(?i)\b(i){_APOSTROPHE}m\b"), r"\1 am"),
    # "'s" is "is" after a pronoun; after a noun it is a possessive and stays
    (re.compile(rf"(?i)\b(it|that|there|here|what|who|he|she|this){_APOSTROPHE}s\b"), r"\1 is"),
]
# an editor's words in brackets ("[The council] promised ..."): not the speaker's
_BRACKETED = re.compile(r"\[[^\]…]*\]")


def quote_words(text: str) -> tuple[str, ...]:
    """The words that decide sameness: casefolded, contractions spelt out, typography, punctuation
    and an editor's bracketed words dropped; a cut marked by an ellipsis inside the quote stays, as
    the word ``ELLIPSIS``."""
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _BRACKETED.sub(" ", _CUT.sub(" \x00 ", text))
    pieces = [[_DIGITS_OF.get(w, w) for w in normalised_words(piece)] for piece in text.split("\x00")]
    words: list[str] = []
    for piece in pieces:
        if piece:
            if words:
                words.append(ELLIPSIS)
            words += piece
    return tuple(words)


def _plain(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for w in words if w != ELLIPSIS)


def _pieces(words: Sequence[str]) -> list[tuple[str, ...]]:
    pieces: list[list[str]] = [[]]
    for w in words:
        if w == ELLIPSIS:
            pieces.append([])
        else:
            pieces[-1].append(w)
    return [tuple(p) for p in pieces if p]


def _is_negation(word: str) -> bool:
    return word in _NEGATIONS or (word.endswith("nt") and word[:-2] in _NT_AUXILIARIES)


def _facts(words: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    negations = Counter(w for w in words if _is_negation(w))
    numbers = Counter(w for w in words if w in _NUMBER_WORDS or _DIGITS.search(w))
    return negations, numbers


#: words that change when direct speech is reported ("we will" -> "they would"): not a new wording
_REPORTED = {
    frozenset(pair)
    for pair in (
        ("will", "would"), ("can", "could"), ("is", "was"), ("are", "were"), ("have", "had"), ("has", "had"),
        ("shall", "should"), ("we", "they"), ("our", "their"), ("us", "them"), ("i", "he"), ("i", "she"),
        ("my", "his"), ("my", "her"), ("me", "him"), ("me", "her"), ("am", "was"), ("this", "that"),
    )
}
#: character similarity (rapidfuzz ratio) of a replaced word to count as the same word re-spelt
RESPELT = 70.0


def _changes(opcodes: Iterable) -> list[list]:
    """Runs of adjacent edits (replace / insert / delete) between equal stretches."""
    groups: list[list] = [[]]
    for op in opcodes:
        if op.tag == "equal":
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(op)
    return [g for g in groups if g]


def _same_wording(a: Sequence[str], b: Sequence[str]) -> bool:
    """Nearly the same words: similar enough overall, the same negations and numbers, and every
    replaced word the same word re-spelt ("harbour"/"harbor") or shifted by reported speech."""
    if _facts(a) != _facts(b):
        return False
    a, b = list(a), list(b)
    if Indel.normalized_similarity(a, b) < WORDING_SIMILARITY:
        return False
    # no replaced word goes free, however long the quote: "best"/"worst", "approve"/"reject" differ by one
    for group in _changes(Levenshtein.opcodes(a, b)):
        old = a[group[0].src_start : group[-1].src_end]
        new = b[group[0].dest_start : group[-1].dest_end]
        if old and new and fuzz.ratio("".join(old), "".join(new)) >= RESPELT:  # "sea wall"/"seawall"
            continue
        for op in group:
            if op.tag != "replace":
                continue
            for x, y in zip(a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]):
                if frozenset((x, y)) not in _REPORTED and fuzz.ratio(x, y) < RESPELT:
                    return False
    return True


def _window(short: Sequence[str], long: Sequence[str]) -> tuple[str, ...] | None:
    """The words of ``long`` that ``short`` lines up with best (None when nothing lines up)."""
    s, l = " ".join(short), " ".join(long)
    aligned = fuzz.partial_ratio_alignment(s, l, score_cutoff=PART_ALIGNMENT)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    # whole words: widen the window to the spaces around it
    start = l.rfind(" ", 0, start) + 1
    space = l.find(" ", end)
    end = len(l) if space < 0 else space
    return tuple(l[start:end].split())


def same_quotation(a: Sequence[str], b: Sequence[str], *, same_story: bool = False) -> bool:
    """Whether two quotes (their :func:`quote_words`) are the same quotation (see the module docstring).

    ``same_story``: both come from one story (an article, or copies in one syndication cluster),
    the only place where short quotes are matched.
    """
    cut_a, cut_b = len(_pieces(a)) > 1, len(_pieces(b)) > 1
    if cut_a != cut_b:
        cut, whole = (a, b) if cut_a else (b, a)
        return _cut_matches(_pieces(cut), _plain(whole))
    a, b = _plain(a), _plain(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_WORDS:
        return same_story and a == b
    if a == b or _same_wording(a, b):
        return True
    if len(short) < MIN_PART_WORDS or len(long) < len(short) * 1.25:
        return False
    window = _window(short, long)
    return window is not None and _same_wording(short, window)


def _cut_matches(pieces: list[tuple[str, ...]], whole: tuple[str, ...]) -> bool:
    """A quote printed with cuts: each piece lines up with the whole, in order, and the pieces
    together are long enough to say so."""
    if sum(len(p) for p in pieces) < MIN_PART_WORDS or any(len(p) < SHINGLE for p in pieces):
        return False
    rest = whole
    for piece in pieces:
        window = _window(piece, rest)
        if window is None or not _same_wording(piece, window):
            return False
        # what follows the window: the next piece must come after this one
        joined, found = " ".join(rest), " ".join(window)
        at = joined.find(found)
        rest = tuple(joined[at + len(found) :].split()) if at >= 0 else ()
    return True


_PRIME = (1 << 61) - 1
# fixed, so that keys written by one release are found by the next
_PERMUTATIONS = tuple(
    (int.from_bytes(hashlib.blake2b(f"a{n}".encode(), digest_size=7).digest(), "big") | 1,
     int.from_bytes(hashlib.blake2b(f"b{n}".encode(), digest_size=7).digest(), "big"))
    for n in range(MINHASH_BANDS)
)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()  # only finds candidates


def exact_key(words: Sequence[str]) -> str:
    return "x" + _digest(" ".join(_plain(words)))


def quote_keys(words: Sequence[str]) -> list[str]:
    """The lookup keys of a quote: its exact key, and MinHash band keys when it is long enough to
    be matched across stories (short quotes get the exact key only)."""
    words = _plain(words)
    keys = [exact_key(words)]
    if len(words) < MIN_WORDS:
        return keys
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    # one hash per shingle, then a universal-hash permutation of it per band (as datasketch does)
    hashes = [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") for s in shingles]
    for band, (a, b) in enumerate(_PERMUTATIONS):
        keys.append(f"m{band}{min((a * h + b) % _PRIME for h in hashes):x}")
    return keys


# --- provenance ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteAppearance:
    """One article's printing of a quotation."""

    quote_id: str  # presswatch.model.quote_id: "<article id>-<start>-<end>"
    article_id: str
    article_title: str | None
    site: str | None
    url: str | None
    published: str | None  # the article's publication date; None: undated (never a fetch time)
    text: str  # the words as this article prints them
    kind: str
    speaker: str | None
    speaker_type: str
    speaker_person_id: str | None
    speaker_role: str | None
    confidence: float | None
    story: str  # its syndication cluster, else the article itself
    variant: int = 0  # index into QuoteProvenance.variants
    speaker_differs: bool = False  # credited to someone else than the quote asked about
    same_story: bool = False  # a syndicated copy of the story the quote asked about comes from

    @property
    def undated(self) -> bool:
        return not self.published


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One wording of the quotation, as first printed, and how many articles print it so."""

    text: str
    count: int
    first_quote_id: str


@dataclass(frozen=True, slots=True)
class CreditCount:
    speaker: str
    speaker_person_id: str | None
    count: int


@dataclass(frozen=True, slots=True)
class QuoteProvenance:
    """A quotation across articles, seen from one of its appearances (``quote_id``)."""

    quote_id: str
    appearances: tuple[QuoteAppearance, ...]  # dated ones oldest first, then the undated ones
    variants: tuple[QuoteVariant, ...]  # the first printing's wording first
    credits: tuple[CreditCount, ...]  # who the articles credit it to (sure enough to show), most often first

    @property
    def asked(self) -> QuoteAppearance:
        return next(a for a in self.appearances if a.quote_id == self.quote_id)

    @property
    def first(self) -> QuoteAppearance | None:
        """The earliest dated printing (None when no appearance is dated)."""
        head = self.appearances[0]
        return None if head.undated else head

    @property
    def others(self) -> tuple[QuoteAppearance, ...]:
        return tuple(a for a in self.appearances if a.quote_id != self.quote_id)

    @property
    def elsewhere(self) -> tuple[QuoteAppearance, ...]:
        """The printings outside the story of the quote asked about (not its syndicated copies)."""
        return tuple(a for a in self.others if not a.same_story)

    @property
    def noteworthy(self) -> bool:
        """Printed beyond its own story, or credited to someone else: worth a note beside the quote."""
        return bool(self.elsewhere or self.disputed)

    @property
    def disputed(self) -> tuple[QuoteAppearance, ...]:
        """The appearances that credit the words to a different speaker than the one asked about."""
        return tuple(a for a in self.appearances if a.speaker_differs)

    @property
    def is_first(self) -> bool:
        return self.first is not None and self.first.quote_id == self.quote_id

    def to_record(self) -> dict:
        """Plain JSON types: what the API and ``presswatch quote --json`` give."""

        def appearance(a: QuoteAppearance) -> dict:
            record = {f: getattr(a, f) for f in a.__slots__}  # type: ignore[attr-defined]
            del record["story"]
            return {**record, "undated": a.undated}

        return {
            "quote_id": self.quote_id,
            "quote": appearance(self.asked),
            "first": appearance(self.first) if self.first else None,
            "appearances": [appearance(a) for a in self.appearances],
            "variants": [{"text": v.text, "count": v.count, "first_quote_id": v.first_quote_id} for v in self.variants],
            "credits": [
                {"speaker": c.speaker, "speaker_person_id": c.speaker_person_id, "count": c.count} for c in self.credits
            ],
            "disputed": [a.quote_id for a in self.disputed],
        }


def _speaker_words(name: str) -> tuple[str, ...]:
    words = normalised_words(name)
    return tuple(words[1:] if words[:1] == ["the"] else words)


def credits_differ(a: QuoteAppearance, b: QuoteAppearance) -> bool:
    """Two printings credit different speakers: both name one, and neither name is the other's
    (the same person id; or one name's words end the other's, "Kowalczyk" / "Marta Kowalczyk")."""
    if not a.speaker or not b.speaker:
        return False
    if a.speaker_person_id and b.speaker_person_id:
        return a.speaker_person_id != b.speaker_person_id
    x, y = _speaker_words(a.speaker), _speaker_words(b.speaker)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return long[len(long) - len(short) :] != short


def _credits(appearance: QuoteAppearance, threshold: float) -> bool:
    """The article credits the words to someone: it names a speaker and is sure enough of it to be
    shown (the quote-confidence threshold of person pages)."""
    return bool(appearance.speaker) and (appearance.confidence is None or appearance.confidence >= threshold)


def _instant(published: str | None) -> str:
    """A sortable UTC form of an ISO date ("...T10:00:00+02:00" comes before "...T09:00:00+00:00");
    the text as given when it does not parse. A date without a time is midnight UTC."""
    if not published:
        return ""
    try:
        parsed = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return published
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat()


def _order(appearance: QuoteAppearance) -> tuple:
    # undated after dated, never given another time; ties by article id for a stable order
    return (appearance.undated, _instant(appearance.published), appearance.article_id, appearance.quote_id)


def build_provenance(asked_id: str, members: Iterable[QuoteAppearance]) -> QuoteProvenance:
    """The provenance of the quote ``asked_id`` from the appearances found to be the same quotation
    (``asked_id`` among them). One appearance per article: the asked one, else the article's first."""
    threshold = config.quote_confidence_threshold()
    by_article: dict[str, QuoteAppearance] = {}
    for m in sorted(members, key=lambda m: (m.quote_id != asked_id, m.quote_id)):
        by_article.setdefault(m.article_id, m)
    ordered = sorted(by_article.values(), key=_order)
    asked = next(m for m in ordered if m.quote_id == asked_id)
    variants: dict[tuple[str, ...], list] = {}
    for m in ordered:
        entry = variants.setdefault(quote_words(m.text), [m.text, 0, m.quote_id])
        entry[1] += 1
    index = {words: n for n, words in enumerate(variants)}
    credit: Counter[str] = Counter()
    credit_ids: dict[str, str | None] = {}
    for m in ordered:
        if _credits(m, threshold):
            credit[m.speaker] += 1
            credit_ids.setdefault(m.speaker, m.speaker_person_id)
    appearances = tuple(
        QuoteAppearance(
            **{
                **{f: getattr(m, f) for f in m.__slots__},  # type: ignore[attr-defined]
                "variant": index[quote_words(m.text)],
                "speaker_differs": m.quote_id != asked_id
                and _credits(m, threshold)
                and _credits(asked, threshold)
                and credits_differ(m, asked),
                "same_story": m.story == asked.story,
            }
        )
        for m in ordered
    )
    return QuoteProvenance(
        quote_id=asked_id,
        appearances=appearances,
        variants=tuple(QuoteVariant(text, count, first) for text, count, first in variants.values()),
        credits=tuple(
            CreditCount(name, credit_ids[name], count)
            for name, count in sorted(credit.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )


__all__ = [
    "CreditCount",
    "MIN_PART_WORDS",
    "MIN_WORDS",
    "QuoteAppearance",
    "QuoteProvenance",
    "QuoteVariant",
    "WORDING_SIMILARITY",
    "build_provenance",
    "credits_differ",
    "exact_key",
    "quote_keys",
    "quote_words",
    "same_quotation",
]
