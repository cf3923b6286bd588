"""Golden test: the seed article's quotes, people, roles, organisations and places.

Run twice: on the article the text cleaner makes of the seed file (``extract``), and on one built
by a plain blank-line split (the first three blocks -- the headline twice, the standfirst -- and
the two comment-form lines dropped), so that a change in the cleaner and a change in the NLP
stage show up separately.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from presswatch.bench.data import seed_dir
from presswatch.extract import extract, to_article
from presswatch.extract.base import ExtractedText
from presswatch.model import RawDocument
from presswatch.nlp import annotate

SEED = seed_dir()
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="seed folder not present")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text).lower())


@pytest.fixture(scope="module", params=["cleaner", "blank-line split"])
def seed(request):
    raw = (SEED / "000_7fcbe29e9648069b.txt").read_text(encoding="utf-8")
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    document = RawDocument(source_path="seed.txt", content=raw, kind="text")
    if request.param == "cleaner":
        article = extract(document)
    else:
        blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
        form_lines = set(expected["comment_form"]["messages"].values())
        paragraphs = tuple(
            b for b in blocks[3:] if b not in form_lines and not all(line in form_lines for line in b.splitlines())
        )
        article = to_article(ExtractedText(title=blocks[0], standfirst=blocks[2], paragraphs=paragraphs), document)
    assert len(article.paragraphs) == expected["paragraph_count"]
    return annotate(article), expected


def test_every_expected_quote_is_found_with_kind_cue_and_speaker(seed):
    article, expected = seed
    for want in expected["quotes"]:
        pieces = [p.strip(" .") for p in norm(want["text"]).split("...")]
        for piece in pieces:
            piece_words = words(piece)
            matches = [
                q for q in article.quotes
                if len(set(piece_words) & set(words(q.text))) >= 0.8 * len(set(piece_words))
            ]
            assert matches, f"quote not found: {piece!r}"
            q = matches[0]
            assert q.kind == want["kind"], (piece, q)
            assert q.cue == want["cue"], (piece, q)
            assert q.speaker == want["speaker"], (piece, q)
            assert article.text[q.start : q.end] == q.text


def _is_part_of(quote_text: str, want_text: str) -> bool:
    """A quote record is one of the expected quotes, or a piece of one (an utterance split around
    its attribution), when most of its words are that quote's."""
    have = set(words(quote_text))
    return bool(have) and len(have & set(words(want_text))) >= 0.8 * len(have)


def test_no_other_quote_records(seed):
    article, expected = seed
    if "no_other_quotes" not in expected:
        pytest.skip("expected.json does not rule out other quotes")
    allowed = expected["quotes"] + expected.get("optional_quotes", [])
    for q in article.quotes:
        owners = [w for w in allowed if _is_part_of(q.text, w["text"])]
        assert owners, f"not a quote an editor lists: {q.speaker!r} {q.cue!r} {q.text!r}"
        assert q.speaker in {w["speaker"] for w in owners}, (q.text, q.speaker)


def test_optional_quotes_if_present_are_right(seed):
    article, expected = seed
    for want in expected.get("optional_quotes", []):
        for q in article.quotes:
            if _is_part_of(q.text, want["text"]):
                assert (q.kind, q.speaker) == (want["kind"], want["speaker"]), q


def test_people_carry_their_roles_and_mentions(seed):
    article, expected = seed
    people = {p.name: p for p in article.people}
    for want in expected["people"]:
        assert want["name"] in people, f"{want['name']} missing from {sorted(people)}"
        person = people[want["name"]]
        assert norm(want["role"]) in [norm(r) for r in person.roles]
        for other in want.get("also_called", []):
            assert other in [m.text for m in person.mentions]
            assert other not in people  # merged, not a person of its own
    assert len(article.people) == len(expected["people"])


def test_speaker_role_is_copied_onto_quotes(seed):
    article, expected = seed
    roles = {w["name"]: norm(w["role"]) for w in expected["people"]}
    for q in article.quotes:
        if q.speaker in roles:
            assert norm(q.speaker_role) == roles[q.speaker]


def test_organisations_and_places_are_entities(seed):
    article, expected = seed
    orgs = {norm(e.text) for e in article.entities if e.label == "ORG"}
    places = {norm(e.text) for e in article.entities if e.label in ("GPE", "LOC")}
    assert set(expected["organizations"]) <= orgs
    assert set(expected["places"]) <= places
