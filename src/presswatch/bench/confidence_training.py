"""Learn the quote confidence model (``quote_confidence.py``) from a PolNeAR-format file: train only.

Every quote the finder would emit (no confidence floor) is an example, labelled right when at least
half of its words lie in one annotated attribution's content (the benchmark's rule). A logistic
regression over the binary features gives the weights, written as plain JSON. ``--folds K`` first
prints, from K-fold cross-validation on train (articles split in K contiguous runs), the reliability
for a few ``C`` and the benchmark's F1, precision and recall with the quotes under each floor held
back: the figures ``C`` and ``QuoteConfig.confidence_floor`` are chosen on; then the costliest cues and
constructions and what the floor holds back of each. ``--parsed DIR`` keeps the parses between runs.

    python -m presswatch.bench.confidence_training [--folds 3] [--parsed DIR] TRAIN.jsonl > src/presswatch/nlp/data/quote_confidence.json

scikit-learn is needed here only (the ``bench`` extra); reading the weights needs nothing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from presswatch.bench.quote_snapshot import cached_parses

#: inverse regularisation strength, chosen by 3-fold cross-validation on train (calibration, precision at 0.8)
C = 0.1
#: features seen fewer times than this in training are dropped from the model file
MIN_FEATURE_COUNT = 3


def examples_of(record: dict, doc) -> list[tuple[list[str], int]]:
    """(features, right) for each quote the finder emits in one article (the floor not applied)."""
    return [(feats, right) for feats, right, _, _ in placed_examples_of(record, doc)]


def placed_examples_of(record: dict, doc) -> list[tuple[list[str], int, int, int]]:
    """(features, right, start, end) for each quote the finder would emit in one article with no
    confidence floor: what the floor is chosen on."""
    from presswatch.bench.quotes import covered_words, word_spans
    from presswatch.nlp.attribution import find_quotes
    from presswatch.nlp.attribution.config import DEFAULT
    from presswatch.nlp.people import find_people

    text = record["text"]
    doc.user_data.clear()
    people = find_people(doc, text)
    found: list = []
    find_quotes(doc, text, people, confidence_examples=found, config=replace(DEFAULT, confidence_floor=0.0))
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
        out.append((feats, int(right), start, end))
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


def cross_validated(per_article: Sequence[list[tuple]], folds: int, c: float = C) -> list[list[float]]:
    """The confidence of every example, by article, each scored by a model that did not see its article."""
    from presswatch.nlp.quote_confidence import confidence

    n = len(per_article)
    out: list[list[float]] = []
    for k in range(folds):
        lo, hi = k * n // folds, (k + 1) * n // folds
        train = [e[:2] for i, arts in enumerate(per_article) if not lo <= i < hi for e in arts]
        model = fit(train, c=c)
        weights = (model["intercept"], model["weights"])
        out += [[confidence(e[0], weights) or 0.0 for e in arts] for arts in per_article[lo:hi]]
    return out


def floor_scores(records: Sequence[dict], per_article: Sequence[list[tuple]], confidences: Sequence[list[float]],
                 floor: float):
    """The benchmark's scores on train when the quotes under ``floor`` are not emitted."""
    from presswatch.bench.quotes import Prediction, Scores, score_article, split_gold

    scores = Scores()
    for record, examples, sure in zip(records, per_article, confidences):
        kept = [Prediction(e[2], e[3], None, confidence=c) for e, c in zip(examples, sure) if c >= floor]
        score_article(split_gold(record), kept, scores)
    return scores


def cost_table(per_article: Sequence[list[tuple]], confidences: Sequence[list[float]], floor: float,
               *, key: str = "cue_construction", top: int = 25) -> list[str]:
    """Per construction and cue (``key``, a feature name): how many quotes on train, their precision,
    and how many of the wrong and of the right ones the floor holds back (cross-validated scores),
    the costliest first: what the floor gates."""
    from collections import Counter

    total, right, held_wrong, held_right = Counter(), Counter(), Counter(), Counter()
    for examples, sure in zip(per_article, confidences):
        for (feats, ok, *_), c in zip(examples, sure):
            name = next((f.split("=", 1)[1] for f in feats if f.startswith(key + "=")), "?")
            total[name] += 1
            right[name] += ok
            if c < floor:
                (held_right if ok else held_wrong)[name] += 1
    rows = sorted(total, key=lambda k: right[k] - total[k])[:top]
    return [
        f"  {name:32} {total[name]:6} precision {right[name] / total[name]:.3f}; "
        f"held back {held_wrong[name]} wrong, {held_right[name]} right"
        for name in rows
    ]


FLOORS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m presswatch.bench.confidence_training")
    parser.add_argument("train", type=Path, help="the PolNeAR-format train file (JSONL)")
    parser.add_argument("--folds", type=int, default=0,
                        help="first print the K-fold cross-validated reliability and the floor's effect on train")
    parser.add_argument("--parsed", type=Path, help="folder keeping the parses between runs (as quote_snapshot's)")
    args = parser.parse_args(argv)
    from presswatch.bench.calibration import reliability

    records = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines() if line.strip()]
    if any(r.get("split") not in (None, "train") for r in records):
        print("only the train split may be learnt from", file=sys.stderr)
        return 2
    per_article = [placed_examples_of(r, doc) for r, doc in zip(records, cached_parses([r["text"] for r in records], args.parsed, "train"))]
    if args.folds:
        for c in (0.05, 0.1, 0.3):
            sure = cross_validated(per_article, args.folds, c)
            table = reliability((c_, e[1]) for arts, cs in zip(per_article, sure) for e, c_ in zip(arts, cs))
            print(f"C={c}: {table.summary()}", file=sys.stderr)
            for floor in FLOORS:
                s = floor_scores(records, per_article, sure, floor)
                print(f"  floor {floor:g}: F1 {s.f1:.4f} P {s.precision:.4f} R {s.recall:.4f} "
                      f"recall by type {' / '.join(f'{v:.3f}' for v in s.recall_by_type.values())}", file=sys.stderr)
        sure = cross_validated(per_article, args.folds, C)
        from presswatch.nlp.attribution.config import DEFAULT

        floor = DEFAULT.confidence_floor
        print(f"costliest cues and constructions on train (C={C}, floor {floor:g}):", file=sys.stderr)
        print("\n".join(cost_table(per_article, sure, floor)), file=sys.stderr)
    model = fit([e[:2] for arts in per_article for e in arts])
    model["trained_on"] = f"{args.train.name}, {len(records)} articles"
    print(json.dumps(model, indent=0, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
