"""Reliability of a confidence score: a 10-bin table, expected calibration error, precision and
coverage above a threshold. Pure arithmetic over (confidence, right) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

BINS = 10


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


@dataclass(frozen=True, slots=True)
class Reliability:
    bins: tuple[Bin, ...]
    ece: float
    threshold: float
    precision_at: float  # share right among predictions with confidence >= threshold
    coverage_at: float  # share of all right predictions that have confidence >= threshold
    scored: int

    def summary(self) -> str:
        return (
            f"ECE {self.ece:.4f}, precision at {self.threshold:g} {self.precision_at:.4f}, "
            f"coverage at {self.threshold:g} {self.coverage_at:.4f} ({self.scored} scored)"
        )


def reliability(pairs: Iterable[tuple[float | None, int | bool]], *, threshold: float = 0.8, bins: int = BINS) -> Reliability:
    """The reliability table of ``pairs``; predictions without a confidence are left out."""
    scored = [(float(c), int(bool(y))) for c, y in pairs if c is not None]
    buckets: list[list[tuple[float, int]]] = [[] for _ in range(bins)]
    for c, y in scored:
        buckets[min(int(c * bins), bins - 1)].append((c, y))
    table = []
    ece = 0.0
    for n, bucket in enumerate(buckets):
        mean = sum(c for c, _ in bucket) / len(bucket) if bucket else 0.0
        acc = sum(y for _, y in bucket) / len(bucket) if bucket else 0.0
        table.append(Bin(n / bins, (n + 1) / bins, len(bucket), mean, acc))
        if scored:
            ece += len(bucket) / len(scored) * abs(acc - mean)
    above = [y for c, y in scored if c >= threshold]
    right = sum(y for _, y in scored)
    return Reliability(
        bins=tuple(table), ece=ece, threshold=threshold,
        precision_at=sum(above) / len(above) if above else 0.0,
        coverage_at=sum(above) / right if right else 0.0,
        scored=len(scored),
    )
