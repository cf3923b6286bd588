"""Word lists the NLP rules read, kept as data files in ``nlp/data``.

``cues.txt`` (speech and belief verbs) is built from the PolNeAR *train* split by
``python -m presswatch.nlp.lexicon cues TRAIN.jsonl`` (lemmas of the annotated cues that occur at
least ``min_count`` times); the other lists are short hand-written vocabularies.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path


def _read_list(name: str) -> frozenset[str]:
    text = resources.files("presswatch.nlp").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.split("#", 1)[0].strip().lower() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )


@lru_cache(maxsize=None)
def cue_lemmas() -> frozenset[str]:
    """Lemmas of verbs that introduce reported speech or belief ("say", "warn", "believe")."""
    return _read_list("cues.txt")


@lru_cache(maxsize=None)
def title_words() -> frozenset[str]:
    """Words that make a pre-modifier a title ("president", "ambassador", "sen.")."""
    return _read_list("titles.txt")


@lru_cache(maxsize=None)
def anonymous_nouns() -> frozenset[str]:
    """Heads of unnamed sources ("source", "official", "expert")."""
    return _read_list("anonymous.txt")


@lru_cache(maxsize=None)
def organisation_nouns() -> frozenset[str]:
    """Heads of definite descriptions that refer back to an organisation ("the group", "the ministry")."""
    return _read_list("org_nouns.txt")


def build_cue_lexicon(
    train_jsonl: Path, *, min_count: int = 3, min_precision: float = 0.3
) -> list[tuple[str, int, float]]:
    """Verb lemmas that introduce attributions, learnt from a PolNeAR-format file (train split only).

    Each verb with a clausal complement is a candidate; it counts as a hit when it lies inside an
    annotated cue span. A lemma is kept when it has at least ``min_count`` hits and at least
    ``min_precision`` of its candidates are hits (this drops verbs such as "make" or "find" whose
    complements are mostly not reported speech). "according to" is handled as a phrase.
    """
    from presswatch.nlp.pipeline import parse_texts

    records = [json.loads(line) for line in open(train_jsonl, encoding="utf-8")]
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for record, doc in zip(records, parse_texts(r["text"] for r in records)):
        cue_chars: set[int] = set()
        for quote in record["quotes"]:
            for start, end in quote.get("cue_spans") or ():
                cue_chars.update(range(start, end))
        for token in doc:
            # candidates as the quote finder sees them: a verb with a clausal complement
            if token.pos_ != "VERB" or not any(c.dep_ == "ccomp" for c in token.children):
                continue
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if token.idx in cue_chars:
                hits[lemma] += 1
    kept = []
    for lemma, n in hits.most_common():
        precision = n / seen[lemma]
        if n >= min_count and precision >= min_precision:
            kept.append((lemma, n, round(precision, 3)))
    return kept


if __name__ == "__main__":  # python -m presswatch.nlp.lexicon cues TRAIN.jsonl > data/cues.txt
    if len(sys.argv) != 3 or sys.argv[1] != "cues":
        raise SystemExit("usage: python -m presswatch.nlp.lexicon cues TRAIN.jsonl")
    print("# verb lemmas of attribution cues learnt from PolNeAR train; generated, see lexicon.py")
    for lemma, n, precision in build_cue_lexicon(Path(sys.argv[2])):
        print(f"{lemma}  # hits {n}, precision {precision}")
