"""The extraction benchmark's metric: token-shingle precision and recall, averaged per page.

Tokens are ``\\w+`` matches; a page's text becomes the multiset of its runs of four consecutive tokens
(a text under four tokens is one short shingle, an empty text has none). Counts are normalised per page
so that every page weighs the same, precision and recall are averaged over pages, and F1 is taken of
the two means -- the same recipe as the public article-extraction benchmark the figures are compared to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's normalised counts (TP + FP + FN == 1 unless all are zero)."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """None when the page predicted nothing and expected nothing (left out of the mean)."""
        if self.tp + self.fp == 0:
            return None
        return _ratio(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float | None:
        if self.tp + self.fn == 0:
            return None
        return _ratio(self.tp, self.fn, self.fp)


def _ratio(tp: float, other: float, opposite: float) -> float:
    # tp / (tp + other), with the benchmark's conventions for the degenerate cases
    if other == 0 and opposite == 0:
        return 1.0
    if tp == 0 and other == 0:
        return 0.0
    return tp / (tp + other)


def score_page(truth: str, predicted: str) -> PageScore:
    true_sh = shingles(truth)
    pred_sh = shingles(predicted)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    exact = tokens(truth) == tokens(predicted)
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def aggregate(pages: Iterable[PageScore]) -> Scores:
    page_list = list(pages)
    precisions = [p for p in (s.precision for s in page_list) if p is not None]
    recalls = [r for r in (s.recall for s in page_list) if r is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in page_list) / len(page_list) if page_list else 0.0
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        accuracy=accuracy,
        pages=len(page_list),
    )


def score_corpus(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Score (truth, predicted) text pairs."""
    return aggregate(score_page(truth, predicted) for truth, predicted in pairs)
