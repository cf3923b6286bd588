"""The body chooser's training: the exported model file predicts what the fitted model predicts, and
leave-one-corpus-out picks per held-out corpus (on candidates written here)."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from presswatch.bench import chooser_training as training  # noqa: E402
from presswatch.extract.chooser import OWN, predict  # noqa: E402

STORY = [
    f"Paragraph {n} of the Tarnby library story: the reading room will reopen in May after the roof repairs end."
    for n in range(8)
]
MENU = ["Home", "News", "Sport", "Weather", "Contact us"]


def _example(corpus: str, n: int) -> dict:
    # the own candidate keeps the menu on odd pages, a peer keeps it on even ones
    own = MENU + STORY if n % 2 else STORY
    peer = STORY if n % 2 else MENU + STORY[:2]
    return {"corpus": corpus, "page": f"{corpus}-{n}", "truth": "\n".join(STORY), "prose": 800,
            "anchors": MENU, "candidates": {OWN: own, "a": peer, "b": STORY[: 4 + n % 4]}}


EXAMPLES = [_example(corpus, n) for corpus in ("one", "two") for n in range(12)]


def test_the_exported_trees_predict_what_the_fitted_model_predicts():
    names = [OWN, "a", "b"]
    rows = training._rows(EXAMPLES, names)
    feature_names = sorted({k for _, scored in rows for f, _, _ in scored for k in f})
    model = training._fit(rows, feature_names)
    exported = training.export(model, feature_names, names, "test pages")
    for _, scored in rows[:6]:
        for features, _, _ in scored:
            expected = model.predict([[features.get(k, 0.0) for k in feature_names]])[0]
            assert predict(exported, features) == pytest.approx(expected, abs=1e-4)


def test_leave_one_corpus_out_reports_each_held_out_corpus_with_its_ceiling():
    report = training.leave_one_corpus_out(EXAMPLES, [OWN, "a", "b"])
    assert sorted(report) == ["one", "two"]
    for figures in report.values():
        assert figures["best per page"] >= max(figures[OWN], figures["a"], figures["b"])
        assert figures["chooser"] > figures[OWN]  # the menu pages are learnt from the other corpus
