"""Learn the speaker model (``nlp/attribution/speakers/model.py``) from a PolNeAR-format file: train split only.

For every attribution the quote finder makes, each candidate noun phrase of the cue's sentence is an
example; it is positive when it is the head of the speaker span of the gold attribution whose content
holds most of the found quote: "Kofman" in "Michael Kofman, an expert at the Wilson Center", never
"Center", which shares the span but is not who spoke. Bare pronouns count: choosing "he" is the
right parse even though the scorer leaves pronoun speakers out. A logistic regression over the
binary features gives the weights, written as plain JSON.

    python -m presswatch.bench.speaker_training TRAIN.jsonl > src/presswatch/nlp/data/speaker_model.json

scikit-learn is needed here only (the ``bench`` extra); reading the weights needs nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

#: inverse regularisation strength, chosen by 3-fold cross-validation on train (articles 0-300,
#: 300-600, 600-840, each held out once): speaker accuracy 0.9150 at 0.1, 0.9146 at 0.05,
#: within 0.001 up to 0.3, lower at 1.0
C = 0.1
#: features seen fewer times than this in training are dropped from the model file
MIN_FEATURE_COUNT = 3
#: rank the candidates of one attribution against each other (see ``fit``); measured no better
#: than labelling them one by one in the same cross-validation, so off
PAIRWISE = False


def _inside(offset: int, spans) -> bool:
    return any(s <= offset < e for s, e in spans)


def examples_of(record: dict, doc, *, config=None) -> list[tuple[list[list[str]], list[int]]]:
    """For each found attribution of one article: its candidates' features and labels (``config``: the
    quote finder's options, by default the rules' own subjects)."""
    from presswatch.bench.quotes import covered_words, word_spans
    from presswatch.nlp.attribution import QuoteConfig, find_quotes
    from presswatch.nlp.people import find_people

    text = record["text"]
    doc.user_data.clear()
    people = find_people(doc, text)
    found: list = []
    find_quotes(doc, text, people, subject_examples=found, config=config or QuoteConfig(speaker_model=False))
    words = word_spans(text)  # matched the way the benchmark scores
    gold = []
    for quote in record["quotes"]:
        covered: set[int] = set()
        for s, e in quote["quote_spans"]:
            covered |= covered_words(words, s, e)
        gold.append((covered, [tuple(span) for span in quote.get("speaker_spans") or ()]))
    out: list[tuple[list[list[str]], list[int]]] = []
    for start, end, offsets, feats in found:
        placed = covered_words(words, start, end)
        if not placed:
            continue
        best = max(gold, key=lambda g: len(g[0] & placed), default=None)
        if best is None or len(best[0] & placed) < 0.5 * len(placed) or not best[1]:
            continue
        labels = [int(_inside(off, best[1]) and not _inside(head, best[1])) for off, head in offsets]
        if not any(labels):
            continue  # the speaker is not among the candidates: nothing to learn here
        out.append((feats, labels))
    return out


def fit(groups: Sequence[tuple[list[list[str]], list[int]]], *, c: float = C, min_count: int = MIN_FEATURE_COUNT,
        pairwise: bool = PAIRWISE) -> dict:
    """Logistic regression over binary features -> {"intercept", "weights"}.

    ``pairwise``: learn to rank -- each example is a right candidate's features minus a wrong
    one's of the same attribution -- rather than to label candidates one by one."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats_list, _ in groups for feats in feats_list for f in set(feats))
    keep = {f for f, n in counts.items() if n >= min_count}
    rows: list[dict[str, float]] = []
    y: list[int] = []
    for feats_list, labels in groups:
        if not pairwise:
            rows += [{f: 1.0 for f in feats if f in keep} for feats in feats_list]
            y += labels
            continue
        right = [set(f) & keep for f, label in zip(feats_list, labels) if label]
        wrong = [set(f) & keep for f, label in zip(feats_list, labels) if not label]
        for n, (r, w) in enumerate((r, w) for r in right for w in wrong):
            diff = {f: 1.0 for f in r - w} | {f: -1.0 for f in w - r}
            # both orders, so that the classes balance and no intercept is needed
            rows.append(diff if n % 2 == 0 else {f: -v for f, v in diff.items()})
            y.append(1 if n % 2 == 0 else 0)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=3000, fit_intercept=not pairwise)
    model.fit(x, y)
    weights = {
        name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4
    }
    intercept = float(model.intercept_[0]) if not pairwise else 0.0
    return {"intercept": round(intercept, 5), "weights": dict(sorted(weights.items()))}


def train(records: Iterable[dict], docs: Iterable) -> dict:
    examples: list[tuple[list[list[str]], list[int]]] = []
    for record, doc in zip(records, docs):
        examples += examples_of(record, doc)
    return fit(examples)


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m presswatch.bench.speaker_training TRAIN.jsonl", file=sys.stderr)
        return 2
    from presswatch.nlp.pipeline import parse_texts

    records = [json.loads(line) for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    if any(r.get("split") not in (None, "train") for r in records):
        print("only the train split may be learnt from", file=sys.stderr)
        return 2
    model = train(records, parse_texts(r["text"] for r in records))
    model["trained_on"] = f"{Path(argv[0]).name}, {len(records)} articles"
    print(json.dumps(model, indent=0, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
