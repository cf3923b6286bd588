"""A second and third opinion on a page's body: the candidate the extractors agree on most wins.

Extractors fail in different ways on pages they were not tuned for (one keeps a sidebar, another only
the standfirst, a third a blog's sign-in bar); where they disagree, the text that shares most with the
others is rarely the one that went wrong (the finding of Bevendorff et al., SIGIR 2023, that an ensemble
of extractors beats each of them). Agreement is the Dice overlap of 4-token shingles, the unit the
benchmarks score. PressWatch's own candidate gets a head start, since its line rules are usually the
cleanest when all candidates found the same article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping

_TOKEN = re.compile(r"\w+", re.UNICODE)
#: added to the own candidate's agreement score, so that near-ties keep PressWatch's cleaner text
OWN_HEAD_START = 0.2

__all__ = ["OWN_HEAD_START", "agreement", "choose_by_agreement", "peer_candidates"]


def _shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def agreement(a: str, b: str) -> float:
    """Dice overlap of the two texts' shingle multisets (1.0 for two empty texts)."""
    sa, sb = _shingles(a), _shingles(b)
    total = sum(sa.values()) + sum(sb.values())
    return 2 * sum((sa & sb).values()) / total if total else 1.0


def choose_by_agreement(candidates: Mapping[str, str], *, own: str, head_start: float = OWN_HEAD_START) -> str:
    """The name of the candidate whose text agrees most with all the others (ties: ``own``, then order)."""
    names = list(candidates)
    if own not in candidates:
        raise ValueError(f"the own candidate {own!r} is not among {names}")
    if len(names) < 3:
        return own  # two texts that disagree give no majority
    shingled = {name: candidates[name] for name in names}
    pair: dict[frozenset[str], float] = {}
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            pair[frozenset((a, b))] = agreement(shingled[a], shingled[b])

    def score(name: str) -> float:
        total = sum(pair[frozenset((name, other))] for other in names if other != name)
        return total + (head_start if name == own else 0.0)

    return max([own] + [n for n in names if n != own], key=score)


def _trafilatura_recall(html: str | bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, favor_recall=True) or ""


def _readability(html: str | bytes, url: str | None) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(html).summary(html_partial=True))


PeerExtractor = Callable[[str | bytes, str | None], str]
PEERS: dict[str, PeerExtractor] = {
    "trafilatura_recall": _trafilatura_recall,
    "readability": _readability,
}


def peer_candidates(html: str | bytes, url: str | None) -> dict[str, str]:
    """The peers' body texts for a page; a peer that fails on it gives no candidate."""
    out = {}
    for name, run in PEERS.items():
        try:
            out[name] = run(html, url)
        except Exception:  # noqa: BLE001 -- a peer's bug on one page only removes its opinion
            continue
    return out
