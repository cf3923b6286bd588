"""A second and third opinion on a page's body: the peer extractors' texts, candidates beside
PressWatch's own.

Extractors fail in different ways on pages they were not tuned for (one keeps a sidebar, another only
the standfirst, a third a blog's sign-in bar); an ensemble of extractors beats each of them (Bevendorff
et al., SIGIR 2023). Which candidate is the body is the learned chooser's call
(``presswatch.extract.chooser``).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["PEERS", "peer_candidates"]


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
