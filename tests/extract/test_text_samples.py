"""The cleaner on our own messy samples: what `make demo` shows."""

from __future__ import annotations

from pathlib import Path

from presswatch.extract.text import clean_text

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "text"


def _clean(name: str):
    return clean_text((SAMPLES / name).read_text(encoding="utf-8"))


def test_ferry_strike_sample_cleans_like_the_seed() -> None:
    cleaned = _clean("moscow-ferry-strike.txt")
    assert cleaned.title == "Moscow river ferry crews walk out as talks over winter pay collapse"
    assert cleaned.standfirst == "Commuters face a week of detours on the Moskva."
    assert len(cleaned.paragraphs) == 6
    assert cleaned.paragraphs[2].endswith("when the boats stay tied up.”")
    assert cleaned.paragraphs[-1].endswith("for the months we work.”")
    body = "\n".join(cleaned.paragraphs)
    assert cleaned.title not in body and "Share this article" not in body and "newsletter" not in body
    assert cleaned.comment_form is not None and cleaned.comment_form.fields == ("comment", "name")


def test_wire_copy_and_reprint_carry_their_syndication_hints() -> None:
    wire, reprint = _clean("orchard-frost-wire.txt"), _clean("orchard-frost-reprint.txt")
    assert wire.syndication_hint == reprint.syndication_hint == "Northwire"
    assert wire.title != reprint.title
    assert wire.paragraphs[1:] == reprint.paragraphs[1:]
    assert not any("first appeared" in p or "permission" in p for p in reprint.paragraphs)
