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
    start: int, end: int, joint: bool = False, text: str | None = None,
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
    feats += [
        f"cue_construction={lemma}|{built}",
        f"cue_kind={lemma}|{kind}",
        f"speaker_construction={speaker_type}|{built}",
    ]
    if cue is not None:
        feats += _cue_features(cue)
    if subject is not None:
        feats.append(f"subject_dep={subject.dep_}")
    doc = cue.doc if cue is not None else subject.doc if subject is not None else None
    if doc is not None and text is not None:
        feats += _span_features(doc, text, start, end, kind)
        if cue is not None:
            feats += _content_features(doc, cue, lemma, start, end)
    return feats


def _content_features(doc, cue, lemma: str, start: int, end: int) -> list[str]:
    """How the cue takes the quoted words: as its clause ("said [that] ..."), its object ("saw the
    plan"), its open complement ("wants to run"), a preposition's object, or looser."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    if root.head.i == cue.i and root.i != cue.i:
        taken = root.dep_
    elif root.head.head.i == cue.i and root.head.dep_ == "prep":
        taken = "prep>" + root.dep_
    else:
        taken = "loose"
    return [f"taken={taken}", f"cue_taken={lemma}|{taken}"]


def _cue_features(cue) -> list[str]:
    """How the cue stands in its clause: its tense and attachment, a negation ("did not say") or a
    modal ("would say", "may argue") on it, inside a question."""
    feats = [f"cue_tag={cue.tag_}", f"cue_dep={cue.dep_}"]
    if any(c.dep_ == "neg" for c in cue.children):
        feats.append("cue_negated")
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children):
        feats.append("cue_modal")
    if any(t.text == "?" for t in cue.sent):
        feats.append("cue_in_question")
    return feats


def _span_features(doc, text: str, start: int, end: int, kind: str) -> list[str]:
    """What the quoted words hold: a finite verb (a claim) or only a noun phrase (a topic), a first-
    person pronoun, a question, several sentences; where the quote stands in the article."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    finite = any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span)
    verb = finite or any(t.pos_ == "VERB" for t in span)
    clause = "finite" if finite else "verb" if verb else "none"
    feats = [f"clause={clause}", f"clause_kind={clause}|{kind}"]
    if any(t.lower_ in ("i", "we", "me", "us", "my", "our") for t in span):
        feats.append(f"first_person|{kind}")
    sentences = len({t.sent.start for t in span if not t.is_space})
    feats.append(f"sentences={min(sentences, 3)}")
    para = text.rfind("\n", 0, start) + 1
    feats.append(f"paragraph_start={not text[para:start].strip()}")
    if "\n" not in text[:start]:
        feats.append("first_paragraph")
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
