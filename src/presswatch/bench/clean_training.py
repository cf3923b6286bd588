"""Learn the messy-text line model (``extract/data/line_model.json``) on the SEEN junk classes only.

The bodies come from another corpus than the one ``bench clean`` scores (by default L3S-GN1 in the
shared ``bench/extraction-more``), so neither the body lines nor a held-out junk class is ever seen
in training. Each body gets seen-class junk (``bench.clean.SEEN_CLASSES``) from several seeds; every
line of the noisy text is an example (the model reads a line in the whole text, before the rules): a
line of the body or of the headline is 0 (the title logic takes the headline out of the body), any
other line 1. The page-chrome vocabulary is learnt too:
words much more frequent in the training junk than in the training bodies.

    python -m presswatch.bench.clean_training [--train DIR] [--loco] > src/presswatch/extract/data/line_model.json

``--loco`` prints leave-one-junk-class-out figures instead (to stderr, as JSON lines): for each
seen class, a model trained without it, scored on the extraction benchmark's bodies carrying that
class only: line P/R/F1 of the cleaner with rules only and with rules + that model, and the model
alone (no rules) on the class's junk lines and on the body lines.

scikit-learn is needed here only (the ``bench`` extra); reading the model needs nothing.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from presswatch.bench.clean import (
    LONE_TITLE,
    SEEN_CLASSES,
    TITLE_TWICE,
    NoisyPage,
    _line_key,
    junk_kept,
    noisy_pages_from,
    score_lines,
)
from presswatch.bench.data import extraction_dir, shared_dir
from presswatch.extract.text import (
    LINE_FEATURES,
    LineModel,
    _judged_by_model,
    clean_text,
    line_features,
    rule_filtered_lines,
    strip_site_residue,
)

SEEDS = (101, 102, 103)
#: trees, depth and rate: 3-fold page-grouped CV on the training lines
N_TREES, DEPTH, RATE = 120, 3, 0.1
#: the threshold keeps this share of the body lines the model judges, out of fold
BODY_RECALL = 0.999
#: a word is page chrome when it is in this many training junk lines and this many times more
#: frequent (per line) in junk than in body lines
CHROME_MIN_COUNT, CHROME_RATIO = 10, 15.0


def default_train_dirs() -> list[Path]:
    return [shared_dir() / "bench" / "extraction-more" / "l3s-gn1"]


def _truth(folder: Path) -> dict[str, dict]:
    return json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))


def training_pages(truth: dict[str, dict], classes: Sequence[str], seeds: Sequence[int] = SEEDS) -> list[NoisyPage]:
    pages: list[NoisyPage] = []
    for seed in seeds:
        pages += noisy_pages_from(truth, seed=seed, splits=("seen",), classes=classes)
    # and each body as it is, under its headline: no line's place alone says it is junk
    return pages + noisy_pages_from(truth, seed=SEEDS[0], splits=("seen",), classes=())


def labelled_lines(page: NoisyPage, *, rules: bool = False) -> list[tuple[list[str], int, int | None]]:
    """(the page's lines, index, label) for every line but the headline's; label 1 is junk."""
    if rules:
        lines = [line for _, line in rule_filtered_lines(page.text)]
    else:
        lines = [" ".join(line.split()) for line in page.text.splitlines() if line.strip()]
    truth = Counter(_line_key(line) for line in page.truth_lines)
    titles = {_line_key(strip_site_residue(line)) for line, cls in page.junk if cls in (TITLE_TWICE, LONE_TITLE)}
    out = []
    for i, line in enumerate(lines):
        key = _line_key(line)
        if truth[key] > 0:
            truth[key] -= 1
            out.append((lines, i, 0))
        elif _line_key(strip_site_residue(line)) in titles:
            out.append((lines, i, 0))  # a headline is no junk: the title logic takes it out of the body
        else:
            out.append((lines, i, 1))
    return out


def chrome_vocabulary(pages: Sequence[NoisyPage]) -> frozenset[str]:
    from presswatch.extract.text import _tokens

    junk_counts: Counter[str] = Counter()
    body_counts: Counter[str] = Counter()
    junk_lines = body_lines = 0
    # the words of the headlines (printed in "Related: ..." lines) are the story's, not chrome
    headline_words = {t for page in pages for line, cls in page.junk if cls in (TITLE_TWICE, LONE_TITLE)
                      for t in _tokens(line)}
    for page in pages:
        truth = {_line_key(line) for line in page.truth_lines}
        for line, cls in page.junk:
            if cls in (TITLE_TWICE, LONE_TITLE) or _line_key(line) in truth:
                continue
            junk_lines += 1
            junk_counts.update(set(_tokens(line)))
        for line in page.truth_lines:
            body_lines += 1
            body_counts.update(set(_tokens(line)))
    words = set()
    for word, count in junk_counts.items():
        if count < CHROME_MIN_COUNT or word.isdigit() or word in headline_words:
            continue
        junk_rate = count / max(junk_lines, 1)
        body_rate = (body_counts[word] + 1) / max(body_lines, 1)
        if junk_rate / body_rate >= CHROME_RATIO:
            words.add(word)
    return frozenset(words)


def examples(pages: Sequence[NoisyPage], chrome: frozenset[str], *, rules: bool = False):
    xs, ys, groups = [], [], []
    for number, page in enumerate(pages):
        for lines, i, label in labelled_lines(page, rules=rules):
            if label is None or not _judged_by_model(lines[i]):
                continue
            xs.append(line_features(lines, i, chrome))
            ys.append(label)
            groups.append(number)
    return xs, ys, groups


def _booster():
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(n_estimators=N_TREES, max_depth=DEPTH, learning_rate=RATE, random_state=0)


def _threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    body = sorted(s for s, y in zip(scores, labels, strict=True) if y == 0)
    if not body:
        return 0.0
    index = min(len(body) - 1, int(math.ceil(BODY_RECALL * len(body))) - 1)
    return max(0.0, body[index])


def fit(pages: Sequence[NoisyPage], *, cross_validate: bool = True) -> dict:
    """The model file's content, trained on ``pages``; the threshold from out-of-fold scores."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    chrome = chrome_vocabulary(pages)
    xs, ys, groups = examples(pages, chrome)
    x, y = np.asarray(xs), np.asarray(ys)
    if cross_validate:
        oof = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=3).split(x, y, groups):
            oof[test] = _booster().fit(x[train], y[train]).decision_function(x[test])
        threshold = _threshold(list(oof), list(y))
    else:
        threshold = None
    model = _booster().fit(x, y)
    if threshold is None:
        threshold = _threshold(list(model.decision_function(x)), list(y))
    prior = float(model.init_.class_prior_[1])
    trees = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        trees.append({"feature": [int(f) for f in t.feature], "threshold": [round(float(v), 6) for v in t.threshold],
                      "left": [int(v) for v in t.children_left], "right": [int(v) for v in t.children_right],
                      "value": [round(float(v[0][0]), 6) for v in t.value]})
    data = {"features": list(LINE_FEATURES), "base": math.log(prior / (1 - prior)), "rate": RATE, "trees": trees,
            "threshold": round(float(threshold), 4), "chrome_words": sorted(chrome),
            "trained_on": {"lines": len(y), "junk": int(y.sum()), "classes": sorted(set(SEEN_CLASSES))}}
    # the file's trees must give scikit-learn's scores
    check = LineModel.from_json(data)
    for row, expected in zip(x[:200], model.decision_function(x[:200]), strict=True):
        assert abs(check.log_odds(list(row)) - expected) < 1e-3
    return data


def loco(train_truth: dict[str, dict], eval_truth: dict[str, dict]) -> list[dict]:
    """Leave one seen junk class out: train without it, score on the eval bodies carrying only it."""
    rows = []
    for held in [c for c in SEEN_CLASSES if c != TITLE_TWICE]:
        classes = [c for c in SEEN_CLASSES if c != held]
        # one seed of junk (not three) and the in-sample threshold: a run of all classes fits in minutes
        data = fit(training_pages(train_truth, classes, SEEDS[:1]), cross_validate=False)
        model = LineModel.from_json(data)
        pages = noisy_pages_from(eval_truth, seed=13, splits=("seen",), classes=(held,))
        rules_only = score_lines(pages, lambda t: _kept(t, None))
        with_model = score_lines(pages, lambda t, m=model: _kept(t, m))
        # the model alone, on every line of the noisy text (no rule before it)
        flagged = total = body_flagged = body_total = 0
        for page in pages:
            for lines, i, label in labelled_lines(page):
                if label is None:
                    continue
                is_junk = _judged_by_model(lines[i]) and model.log_odds(
                    line_features(lines, i, model.chrome_words)) > model.threshold
                if label == 1:
                    total += 1
                    flagged += is_junk
                else:
                    body_total += 1
                    body_flagged += is_junk
        left = junk_kept(pages, lambda t, m=model: _kept(t, m)).get(held, (0, 0))
        rows.append({"class": held, "rules_f1": round(rules_only.f1, 4), "rules+model_f1": round(with_model.f1, 4),
                     "rules+model_recall": round(with_model.recall, 4), "junk_left": left[0], "junk_lines": left[1],
                     "model_alone_junk_recall": round(flagged / max(total, 1), 4),
                     "model_alone_body_kept": round(1 - body_flagged / max(body_total, 1), 4)})
        print(json.dumps(rows[-1]), file=sys.stderr)
    return rows


def _kept(text: str, model: LineModel | None) -> list[str]:
    cleaned = clean_text(text, line_model=model)
    return ([cleaned.standfirst] if cleaned.standfirst else []) + list(cleaned.paragraphs)


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    train_dirs = [Path(args[i + 1]) for i, a in enumerate(args) if a == "--train"] or default_train_dirs()
    train_truth: dict[str, dict] = {}
    for folder in train_dirs:
        train_truth.update({f"{folder.name}/{k}": v for k, v in _truth(folder).items()})
    if "--loco" in args:
        loco(train_truth, _truth(extraction_dir()))
        return
    print(json.dumps(fit(training_pages(train_truth, SEEN_CLASSES)), separators=(",", ":")))


if __name__ == "__main__":
    main()
