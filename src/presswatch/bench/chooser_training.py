"""Learn the body chooser (``extract/chooser.py``) from the body-extraction corpora, and say how well it
does on a corpus it never saw.

Every page gives one example per body candidate (PressWatch's own, each peer's, all after the same
line rules): the candidate's features and its token-shingle F1 against the page's gold text. A
gradient-boosted regression model learns the F1; a page's body is the candidate predicted best.
Before the model on all corpora is written, each corpus is held out once and the chooser learnt on the
others picks its bodies: those leave-one-corpus-out figures are the ones to quote.

    python -m presswatch.bench.chooser_training [--examples FILE] [--data DIR ...] > src/presswatch/extract/data/body_chooser.json

``--examples`` keeps the candidates (the slow part: every extractor on every page) in FILE for a rerun.
scikit-learn is needed here only (the ``bench`` extra); reading the model needs nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from presswatch.bench.data import corpus_name, extraction_corpora
from presswatch.bench.extract import load_pages
from presswatch.bench.metrics import PageScore, aggregate, score_page

#: the model's settings, chosen by leave-one-corpus-out F1, macro over the three corpora (the figures
#: of the alternatives tried are in the commit that set them)
TREES = 100
DEPTH = 2
LEARNING_RATE = 0.1
SUBSAMPLE = 0.8
#: another candidate replaces the own one only when predicted better by more than this
MARGIN = 0.0


def page_f1(score: PageScore) -> float:
    return 2 * score.tp / (2 * score.tp + score.fp + score.fn) if score.tp else 0.0


def build_examples(folders: Sequence[Path]) -> list[dict]:
    """One record per page: corpus, id, gold text, page prose length, link texts and the candidates' lines."""
    from presswatch.extract.html import body_candidates

    out = []
    for folder in folders:
        name = corpus_name(folder)
        for page in load_pages(folder):
            candidates, prose, anchors = body_candidates(page.html, url=page.url)
            out.append({"corpus": name, "page": page.page_id, "truth": page.truth, "prose": prose,
                        "anchors": sorted(anchors), "candidates": candidates})
        print(f"{name}: candidates read", file=sys.stderr, flush=True)
    return out


def _rows(examples: list[dict], names: list[str]):
    from presswatch.extract.chooser import candidate_features

    rows = []  # per page: its corpus, and per candidate (features, F1, PageScore)
    for example in examples:
        candidates = {n: example["candidates"].get(n, []) for n in names}
        features = candidate_features(candidates, example["prose"], frozenset(example.get("anchors", ())))
        scored = []
        for n in names:
            score = score_page(example["truth"], "\n".join(candidates[n]))
            scored.append((features[n], page_f1(score), score))
        rows.append((example["corpus"], scored))
    return rows


def _fit(rows, feature_names: list[str]):
    from sklearn.ensemble import GradientBoostingRegressor

    x = [[f.get(k, 0.0) for k in feature_names] for _, scored in rows for f, _, _ in scored]
    y = [f1 for _, scored in rows for _, f1, _ in scored]
    model = GradientBoostingRegressor(
        n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE, subsample=SUBSAMPLE, random_state=0
    )
    model.fit(x, y)
    return model


def _chosen(model, scored, feature_names: list[str], margin: float) -> int:
    predicted = model.predict([[f.get(k, 0.0) for k in feature_names] for f, _, _ in scored])
    best = max(range(len(scored)), key=lambda i: predicted[i])
    return best if predicted[best] - predicted[0] > margin else 0


def leave_one_corpus_out(examples: list[dict], names: list[str], *, margin: float = MARGIN) -> dict:
    """Per held-out corpus: F1 of the chooser learnt on the other corpora, of each candidate alone,
    and of the best candidate per page (the ceiling)."""
    rows = _rows(examples, names)
    feature_names = sorted({k for _, scored in rows for f, _, _ in scored for k in f})
    report = {}
    for held in sorted({corpus for corpus, _ in rows}):
        train = [r for r in rows if r[0] != held]
        test = [r for r in rows if r[0] == held]
        model = _fit(train, feature_names)
        picks = [scored[_chosen(model, scored, feature_names, margin)][2] for _, scored in test]
        figures = {"chooser": aggregate(picks).f1}
        for i, n in enumerate(names):
            figures[n] = aggregate(scored[i][2] for _, scored in test).f1
        figures["best per page"] = aggregate(max(s, key=lambda c: c[1])[2] for _, s in test).f1
        report[held] = {k: round(v, 4) for k, v in figures.items()}
    return report


def export(model, feature_names: list[str], names: list[str], trained_on: str) -> dict:
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append([
            [int(t.feature[i]) if t.children_left[i] >= 0 else -1, round(float(t.threshold[i]), 6),
             int(t.children_left[i]), int(t.children_right[i]), round(float(t.value[i][0][0]), 6)]
            for i in range(t.node_count)
        ])
    return {
        "candidates": names,
        "features": feature_names,
        "init": round(float(model.init_.constant_[0][0]), 6),
        "learning_rate": LEARNING_RATE,
        "margin": MARGIN,
        "trained_on": trained_on,
        "trees": trees,
    }


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m presswatch.bench.chooser_training")
    parser.add_argument("--examples", type=Path, help="read the candidates from this file, or write them there")
    parser.add_argument("--data", type=Path, action="append", help="a corpus folder (default: every one)")
    args = parser.parse_args(argv)
    if args.examples and args.examples.exists():
        examples = json.loads(args.examples.read_text(encoding="utf-8"))
    else:
        examples = build_examples(args.data or extraction_corpora())
        if args.examples:
            args.examples.write_text(json.dumps(examples), encoding="utf-8")
    from presswatch.extract.chooser import OWN
    from presswatch.extract.ensemble import PEERS

    names = [OWN, *PEERS]
    report = leave_one_corpus_out(examples, names)
    print("leave-one-corpus-out F1:", json.dumps(report, indent=1), file=sys.stderr)
    rows = _rows(examples, names)
    feature_names = sorted({k for _, scored in rows for f, _, _ in scored for k in f})
    corpora = sorted({e["corpus"] for e in examples})
    trained_on = ", ".join(f"{c} ({sum(e['corpus'] == c for e in examples)} pages)" for c in corpora)
    print(json.dumps(export(_fit(rows, feature_names), feature_names, names, trained_on), separators=(",", ":")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
