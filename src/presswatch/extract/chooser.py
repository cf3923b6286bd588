"""The learned chooser: which of the body candidates (PressWatch's own, each peer's) a page's body is.

Each candidate is described by what its text looks like (length, lines, how many end a sentence, its
share of the page's prose) and by how it overlaps the other candidates (how much of it they contain,
how much of them it covers): a sidebar kept instead of the story shares little with the others, a
standfirst alone is contained in them but covers little, a page kept whole covers them all but is
mostly not in them. A small gradient-boosted regression model predicts each candidate's token-shingle
F1 from these features; the candidate predicted best is the body, PressWatch's own keeping near-ties.

The model is data (``data/body_chooser.json``), learnt on the body-extraction corpora with
``python -m presswatch.bench.chooser_training``; reading it needs nothing beyond the standard library.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from functools import lru_cache
from importlib import resources

__all__ = ["OWN", "anchor_texts", "candidate_features", "choose_body", "load_model", "predict"]

#: the name of PressWatch's own candidate among the candidates
OWN = "presswatch"
MODEL_FILE = "body_chooser.json"
_TOKEN = re.compile(r"\w+")
# a line that ends like a sentence (or a quotation, or a label that introduces one)
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ")", "。", "！", "？")
#: a line of at most this many words is "short": a menu item, a label, a date
SHORT_LINE_WORDS = 4


def _shingles(tokens: list[str]) -> Counter[tuple[str, ...]]:
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def candidate_features(
    candidates: Mapping[str, Sequence[str]], page_prose: int, anchors: Set[str] = frozenset()
) -> dict[str, dict[str, float]]:
    """For each candidate (its lines), the features the model reads; ``page_prose``: characters in the
    page's prose paragraphs (``presswatch.extract.density.prose_paragraph_length``); ``anchors``: the
    page's link texts (``anchor_texts``), to tell how much of a candidate is only links."""
    tokens = {name: _TOKEN.findall("\n".join(lines)) for name, lines in candidates.items()}
    shingles = {name: _shingles(toks) for name, toks in tokens.items()}
    size = {name: sum(sh.values()) for name, sh in shingles.items()}
    longest = max((len(t) for t in tokens.values()), default=0) or 1
    overlap: dict[frozenset[str], int] = {}
    names = list(candidates)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            overlap[frozenset((a, b))] = sum((shingles[a] & shingles[b]).values())
    out: dict[str, dict[str, float]] = {}
    for name, lines in candidates.items():
        others = [other for other in names if other != name]
        count = len(tokens[name])
        words = [len(line.split()) for line in lines]
        chars = sum(map(len, lines))
        linked = [line for line in lines if " ".join(line.split()) in anchors]
        features = {
            f"is_{name}": 1.0,
            "log_tokens": math.log1p(count),
            "share_of_longest": count / longest,
            "log_lines": math.log1p(len(lines)),
            "words_per_line": sum(words) / len(words) if words else 0.0,
            "short_lines": sum(w <= SHORT_LINE_WORDS for w in words) / len(words) if words else 0.0,
            "sentence_lines": (
                sum(line.rstrip().endswith(_SENTENCE_END) for line in lines) / len(lines) if lines else 0.0
            ),
            "prose_ratio": math.log1p(chars) - math.log1p(page_prose),
            "linked_lines": len(linked) / len(lines) if lines else 0.0,
            "linked_chars": sum(map(len, linked)) / chars if chars else 0.0,
            "log_prose": math.log1p(page_prose),
        }
        contained, covers, dice, ratio = [], [], [], []
        for other in others:
            shared = overlap[frozenset((name, other))]
            contained.append(shared / size[name] if size[name] else 0.0)
            covers.append(shared / size[other] if size[other] else 1.0)
            both = size[name] + size[other]
            dice.append(2 * shared / both if both else 1.0)
            ratio.append(math.log((count + 1) / (len(tokens[other]) + 1)))
        for key, values in (("contained", contained), ("covers", covers), ("dice", dice), ("log_len_ratio", ratio)):
            features[f"{key}_min"] = min(values, default=0.0)
            features[f"{key}_max"] = max(values, default=0.0)
        features["dice_sum"] = sum(dice)
        if len(others) == 2:  # how much the other two agree: how sure a majority against this one is
            a, b = others
            both = size[a] + size[b]
            features["others_dice"] = 2 * overlap[frozenset((a, b))] / both if both else 1.0
            # the text both others found: how much of it this one has, and how much of this one it is
            consensus = shingles[a] & shingles[b]
            agreed = sum(consensus.values())
            mine = sum((consensus & shingles[name]).values())
            features["covers_consensus"] = mine / agreed if agreed else 1.0
            features["in_consensus"] = mine / size[name] if size[name] else 0.0
        out[name] = features
    return out


def anchor_texts(tree) -> frozenset[str]:
    """The texts of the page's links, whitespace-normalised (read before the tree is pruned)."""
    return frozenset(filter(None, (" ".join(a.text_content().split()) for a in tree.iter("a"))))


@lru_cache(maxsize=1)
def load_model() -> dict:
    return json.loads(resources.files("presswatch.extract").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))


def _tree_value(tree: Sequence[Sequence[float]], x: Sequence[float]) -> float:
    # nodes as [feature, threshold, left, right, value]; a leaf has feature -1
    node = tree[0]
    while node[0] >= 0:
        node = tree[int(node[2] if x[int(node[0])] <= node[1] else node[3])]
    return node[4]


def predict(model: Mapping, features: Mapping[str, float]) -> float:
    """The model's predicted F1 for one candidate (features it does not know count as 0)."""
    x = [features.get(name, 0.0) for name in model["features"]]
    return model["init"] + model["learning_rate"] * sum(_tree_value(tree, x) for tree in model["trees"])


def choose_body(
    candidates: Mapping[str, Sequence[str]],
    page_prose: int,
    anchors: Set[str] = frozenset(),
    *,
    model: Mapping | None = None,
) -> str:
    """The name of the candidate predicted to be the page's body; the own one (``OWN``) unless
    another is predicted better by more than the model's margin. With fewer than three candidates
    (a peer failed) the own one stays: the model was learnt on three."""
    if OWN not in candidates:
        raise ValueError(f"the own candidate {OWN!r} is not among {list(candidates)}")
    model = model or load_model()
    if set(candidates) != set(model["candidates"]):
        return OWN
    features = candidate_features(candidates, page_prose, anchors)
    scores = {name: predict(model, features[name]) for name in candidates}
    best = max(candidates, key=scores.__getitem__)
    return best if scores[best] - scores[OWN] > model.get("margin", 0.0) else OWN
