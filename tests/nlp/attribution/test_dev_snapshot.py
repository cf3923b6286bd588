"""The quote finder's output on PolNeAR dev, pinned: a change to what it finds changes this hash.

``dev_quotes.sha256`` is the sha256 of every quote (offsets, text, kind, speaker, speaker type and role,
cue, confidence) the finder gives on the dev split. A refactoring must leave it as it is; a change that
means to move quotes updates it in the same commit, with the ``presswatch bench quotes`` figures in the
message. To see what moved, keep a snapshot before and compare:
``python -m presswatch.bench.quote_snapshot --split dev --out before.json`` then ``--against before.json``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PINNED = Path(__file__).with_name("dev_quotes.sha256")


@pytest.mark.reference_data
@pytest.mark.slow
def test_quotes_on_dev_match_the_pinned_snapshot():
    from presswatch.bench.data import quotes_dir
    from presswatch.bench.quote_snapshot import quotes_sha256, snapshot
    from presswatch.bench.quotes import load_split
    from presswatch.nlp.pipeline import parse_texts

    if not (quotes_dir() / "polnear-dev.jsonl").is_file():
        pytest.skip(f"PolNeAR dev not found in {quotes_dir()}")
    articles = load_split("dev")
    records = snapshot(articles, parse_texts(a.text for a in articles))
    assert len(records) == 84
    assert quotes_sha256(records) == PINNED.read_text().strip(), (
        "the quotes found on PolNeAR dev changed; if that is meant, pin the new hash (see this module's docstring)"
    )
