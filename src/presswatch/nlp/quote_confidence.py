"""How sure the quote finder is of one attribution: a logistic regression over what found it.

The features say which construction found the quote, its cue and how reliable that cue was on
train, what kind of speaker stands behind it and how the speaker was reached, the quote's kind and
length. The weights are data (``data/quote_confidence.json``), learnt from the PolNeAR train split
only with ``python -m presswatch.bench.confidence_training TRAIN.jsonl``; reading them needs no extra
library. A quote is "right" for the model when most of its words lie in one annotated attribution,
the benchmark's rule, so the output reads as the chance that a reader sees real reported speech.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from presswatch.nlp.lexicon import cue_precisions

MODEL_FILE = "quote_confidence.json"


def construction(origin: str) -> str:
    """The construction behind a quote: "cue:say" -> "cue"; other rule names as they are."""
    return "cue" if origin.startswith("cue:") else origin


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if n < edge:
            return f"<{edge:g}"
    return f">={edges[-1]:g}"


def quote_features(
    *, origin: str, kind: str, cue, subject, speaker_type: str, named_person: bool, words: int,
    start: int, end: int, joint: bool = False,
) -> list[str]:
    """Binary features of one emitted quote (``cue`` and ``subject`` are spaCy tokens or None)."""
    built = construction(origin)
    lemma = cue.lemma_.lower() if cue is not None else "none"
    precision = cue_precisions().get(lemma)
    if cue is None:
        side = "none"
    elif cue.idx < start:
        side = "before"
    elif cue.idx >= end:
        side = "after"
    else:
        side = "inside"
    subject_kind = "none"
    if subject is not None:
        subject_kind = subject.lower_ if subject.pos_ == "PRON" else subject.pos_
    feats = [
        f"construction={built}",
        f"kind={kind}",
        f"construction_kind={built}|{kind}",
        f"cue={lemma}",
        f"cue_precision={_bucket(precision, (0.2, 0.4, 0.6, 0.8, 0.9)) if precision is not None else 'none'}",
        f"cue_side={side}",
        f"cue_side_kind={side}|{kind}",
        f"speaker={speaker_type}",
        f"speaker_kind={speaker_type}|{kind}",
        f"named_person={named_person}",
        f"subject={subject_kind}",
        f"words={_bucket(words, (4, 8, 16, 32, 64))}",
        f"words_kind={_bucket(words, (4, 8, 16, 32, 64))}|{kind}",
    ]
    if joint:
        feats.append("joint")
    return feats


@lru_cache(maxsize=1)
def load_model() -> tuple[float, dict[str, float]] | None:
    """(intercept, weights), or None when the package ships no model file."""
    try:
        text = resources.files("presswatch.nlp").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(text)
    return float(data["intercept"]), {k: float(v) for k, v in data["weights"].items()}


def confidence(feats: list[str], model: tuple[float, dict[str, float]] | None = None) -> float | None:
    """The model's probability that the quote is real reported speech, rounded to 3 places."""
    model = model or load_model()
    if model is None:
        return None
    intercept, weights = model
    z = intercept + sum(weights.get(f, 0.0) for f in feats)
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def is_shown(quote, threshold: float | None = None) -> bool:
    """Whether ``quote`` (a ``model.Quote``) is credited on person pages, most-quoted lists, the people
    facet and feeds: it names a speaker and its confidence reaches the threshold (the setting
    ``quote_confidence_threshold`` unless given). A quote scored before the model existed (no
    confidence) is shown as it was."""
    from presswatch import config

    if not quote.speaker or quote.speaker_type == "unknown":
        return False
    if quote.confidence is None:
        return True
    limit = config.quote_confidence_threshold() if threshold is None else threshold
    return quote.confidence >= limit
