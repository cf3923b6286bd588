"""Learn the quote confidence model (``quote_confidence.py``) from a PolNeAR-format file: train only.

Every quote the finder emits is an example, labelled right when at least half of its words lie in
one annotated attribution's content (the benchmark's rule). A logistic regression over the binary
features gives the weights, written as plain JSON. ``--folds K`` first prints the K-fold
cross-validated reliability on train (articles split in K contiguous runs), the figure used to
choose ``C``.

    python -m presswatch.bench.confidence_training TRAIN.jsonl > src/presswatch/nlp/data/quote_confidence.json

scikit-learn is needed here only (the ``bench`` extra); reading the weights needs nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

#: inverse regularisation strength, chosen by 3-fold cross-validation on train (expected calibration error)
C = 0.3
#: features seen fewer times than this in training are dropped from the model file
MIN_FEATURE_COUNT = 3


def examples_of(record: dict, doc) -> list[tuple[list[str], int]]:
    """(features, right) for each quote the finder emits in one article."""
    from presswatch.bench.quotes import covered_words, word_spans
    from presswatch.nlp.people import find_people
    from presswatch.nlp.attribution import find_quotes

    text = record["text"]
    doc.user_data.clear()
    people = find_people(doc, text)
    found: list = []
    find_quotes(doc, text, people, confidence_examples=found)
    words = word_spans(text)
    gold = []
    for quote in record["quotes"]:
        covered: set[int] = set()
        for s, e in quote["quote_spans"]:
            covered |= covered_words(words, s, e)
        gold.append(covered)
    out = []
    for start, end, feats in found:
        placed = covered_words(words, start, end)
        if not placed:
            continue  # the benchmark does not count it either
        right = any(len(placed & g) >= 0.5 * len(placed) for g in gold if g)
        out.append((feats, int(right)))
    return out


def fit(examples: Sequence[tuple[list[str], int]], *, c: float = C, min_count: int = MIN_FEATURE_COUNT) -> dict:
    """Logistic regression over binary features -> {"intercept", "weights"}."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in examples for f in set(feats))
    keep = {f for f, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1.0 for f in feats if f in keep} for feats, _ in examples])
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, [y for _, y in examples])
    weights = {
        name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4
    }
    return {"intercept": round(float(model.intercept_[0]), 5), "weights": dict(sorted(weights.items()))}


def cross_validated(per_article: Sequence[list[tuple[list[str], int]]], folds: int, c: float = C) -> list[tuple[float, int]]:
    """(confidence, right) for every example, each scored by a model that did not see its article."""
    from presswatch.nlp.quote_confidence import confidence

    n = len(per_article)
    out: list[tuple[float, int]] = []
    for k in range(folds):
        lo, hi = k * n // folds, (k + 1) * n // folds
        train = [e for i, arts in enumerate(per_article) if not lo <= i < hi for e in arts]
        model = fit(train, c=c)
        weights = (model["intercept"], model["weights"])
        out += [(confidence(feats, weights) or 0.0, y) for arts in per_article[lo:hi] for feats, y in arts]
    return out


def main(argv: Sequence[str]) -> int:
    folds = 0
    args = list(argv)
    if "--folds" in args:
        i = args.index("--folds")
        folds = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 1:
        print("usage: python -m presswatch.bench.confidence_training [--folds K] TRAIN.jsonl", file=sys.stderr)
        return 2
    from presswatch.bench.calibration import reliability
    from presswatch.nlp.pipeline import parse_texts

    records = [json.loads(line) for line in Path(args[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    if any(r.get("split") not in (None, "train") for r in records):
        print("only the train split may be learnt from", file=sys.stderr)
        return 2
    per_article = [examples_of(r, doc) for r, doc in zip(records, parse_texts(r["text"] for r in records))]
    if folds:
        for c in (0.1, 0.3, 1.0):
            table = reliability(cross_validated(per_article, folds, c))
            print(f"C={c}: {table.summary()}", file=sys.stderr)
    model = fit([e for arts in per_article for e in arts])
    model["trained_on"] = f"{Path(args[0]).name}, {len(records)} articles"
    print(json.dumps(model, indent=0, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
