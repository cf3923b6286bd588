"""Regression gate: PressWatch's extraction on a fixed subset of every body-extraction corpus must not
drop, corpus by corpus.

The pins live in ``extraction_baseline.json`` beside this file, one entry per corpus (its page subset
and its pins), just under the scores measured when they were set. To re-pin after an improvement::

    PRESSWATCH_PIN_EXTRACTION=1 pytest tests/bench/test_extraction_gate.py

Re-pinning refuses to lower a pin unless ``PRESSWATCH_ALLOW_LOWER_PINS=1`` is set too, so a quality
drop is always an explicit decision, never a side effect. A corpus whose data is absent is skipped
(required when CI=true).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from presswatch.bench.data import shared_dir
from presswatch.bench.extract import load_pages
from presswatch.bench.metrics import score_corpus
from presswatch.extract.html import extract_html

BASELINE = Path(__file__).with_name("extraction_baseline.json")
#: how far under the measured score a new pin goes (timing-free, so only float noise matters)
PIN_MARGIN = 0.002
METRICS = ("precision", "recall", "f1")
#: each corpus's folder under the shared bench/ folder
CORPORA = {
    "extraction": "extraction",
    "dragnet": "extraction-more/dragnet",
    "l3s-gn1": "extraction-more/l3s-gn1",
}


def _folder(corpus: str) -> Path:
    return shared_dir() / "bench" / CORPORA[corpus]


def _require(folder: Path) -> None:
    if not (folder / "ground-truth.json").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"benchmark corpus missing at {folder}")
        pytest.skip(f"benchmark corpus not present at {folder}")


def _measure(folder: Path, page_ids: list[str]) -> dict[str, float]:
    pages = {p.page_id: p for p in load_pages(folder)}
    pairs = []
    for page_id in page_ids:
        page = pages[page_id]
        pairs.append((page.truth, "\n".join(extract_html(page.html, url=page.url).paragraphs)))
    scores = score_corpus(pairs)
    return {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1}


class PinError(Exception):
    pass


def repinned(pins: dict[str, float], measured: dict[str, float], *, allow_lower: bool) -> dict[str, float]:
    """New pins just under ``measured``; refuses to lower any pin unless ``allow_lower``."""
    new_pins = {m: round(measured[m] - PIN_MARGIN, 4) for m in METRICS}
    lowered = [m for m in METRICS if new_pins[m] < pins.get(m, 0.0)]
    if lowered and not allow_lower:
        raise PinError(f"re-pinning would lower {lowered}; set PRESSWATCH_ALLOW_LOWER_PINS=1 if that is intended")
    return new_pins


def below_pins(pins: dict[str, float], measured: dict[str, float]) -> list[str]:
    return [f"{m}: {measured[m]:.4f} < pin {pins[m]:.4f}" for m in METRICS if measured[m] < pins[m]]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_extraction_scores_stay_at_or_above_their_pins(corpus):
    folder = _folder(corpus)
    _require(folder)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    entry = baseline["corpora"][corpus]
    measured = _measure(folder, entry["pages"])
    if os.environ.get("PRESSWATCH_PIN_EXTRACTION") == "1":
        try:
            entry["pins"] = repinned(
                entry["pins"], measured, allow_lower=os.environ.get("PRESSWATCH_ALLOW_LOWER_PINS") == "1"
            )
        except PinError as exc:
            pytest.fail(str(exc))
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    failures = below_pins(entry["pins"], measured)
    assert not failures, f"extraction quality dropped on the {corpus} gate subset: " + "; ".join(failures)


def test_the_gate_fails_on_a_drop_and_lowering_a_pin_needs_the_flag():
    pins = {"precision": 0.95, "recall": 0.98, "f1": 0.965}
    worse = {"precision": 0.96, "recall": 0.97, "f1": 0.964}
    assert [f.split(":")[0] for f in below_pins(pins, worse)] == ["recall", "f1"]
    with pytest.raises(PinError, match="recall"):
        repinned(pins, worse, allow_lower=False)
    assert repinned(pins, worse, allow_lower=True)["recall"] == pytest.approx(0.968)
    better = {"precision": 0.97, "recall": 0.99, "f1": 0.98}
    assert repinned(pins, better, allow_lower=False) == {"precision": 0.968, "recall": 0.988, "f1": 0.978}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_each_gate_subset_is_fixed_and_drawn_from_its_corpus(corpus):
    folder = _folder(corpus)
    _require(folder)
    entry = json.loads(BASELINE.read_text(encoding="utf-8"))["corpora"][corpus]
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    assert len(entry["pages"]) >= 20
    assert len(set(entry["pages"])) == len(entry["pages"])
    assert set(entry["pages"]) <= set(truth)
