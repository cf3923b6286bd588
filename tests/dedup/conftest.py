"""Fixtures of the dedup tests: the fictional corpus of ``dedup_texts``."""

from __future__ import annotations

import pytest
from dedup_texts import BRIDGE, COUNCIL_PREVIEW, COUNCIL_VOTE, STORM, bridge_copies, make_article

from presswatch.model import Article


@pytest.fixture
def bridge_original() -> Article:
    return make_article("orig-bridge", BRIDGE, "2026-03-02T09:00:00+00:00")


@pytest.fixture
def corpus(bridge_original: Article) -> list[Article]:
    """Bridge original + 4 copies, the council story + 1 copy, an independent council preview, the storm."""
    return [
        bridge_original,
        *bridge_copies(),
        make_article("council-vote", COUNCIL_VOTE, "2026-03-03T07:00:00+00:00"),
        make_article("council-vote-wire", "(Reuters) - " + COUNCIL_VOTE, "2026-03-03T09:00:00+00:00"),
        make_article("council-preview", COUNCIL_PREVIEW, "2026-03-03T06:00:00+00:00"),
        make_article("storm", STORM, "2026-03-01T22:00:00+00:00"),
    ]
