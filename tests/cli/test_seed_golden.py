"""The seed, end to end: ingest the scraped file, export it, compare with what a careful editor gets."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import SEED, norm

pytestmark = pytest.mark.reference_data


@pytest.fixture(scope="module")
def seed_record(tmp_path_factory) -> dict:
    from typer.testing import CliRunner

    from presswatch.cli import app

    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, folder / SEED.name)
    db = folder / "seed.db"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(folder / SEED.name), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "1 stored, 0 unchanged, 0 failed" in result.output
    out = folder / "export.jsonl"
    result = runner.invoke(app, ["export", "--format", "jsonl", "-o", str(out), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_title_standfirst_and_paragraphs(seed_record: dict, expected: dict) -> None:
    assert norm(seed_record["title"]) == norm(expected["title"])
    assert norm(seed_record["standfirst"]) == norm(expected["standfirst"])
    paragraphs = [norm(p) for p in seed_record["paragraphs"]]
    assert len(paragraphs) == expected["paragraph_count"]
    for paragraph, start in zip(paragraphs, expected["paragraph_starts"], strict=True):
        assert paragraph.lstrip("\"' ").startswith(norm(start)), (paragraph[:60], start)
    assert norm(seed_record["text"]) == norm(" ".join(seed_record["paragraphs"]))


def test_junk_is_gone_and_the_title_appears_once(seed_record: dict, expected: dict) -> None:
    body = [seed_record["title"], seed_record["standfirst"], seed_record["text"], *seed_record["paragraphs"]]
    for junk in expected["must_not_appear_in_body"]:
        assert not any(norm(junk) in norm(part) for part in body), junk
    title = norm(expected["title"])
    visible = [seed_record["title"], seed_record["standfirst"], seed_record["text"]]
    occurrences = sum(norm(part).count(title) for part in visible if part)
    assert occurrences == expected["title_occurrences_in_record"]


def test_comment_form_is_recorded(seed_record: dict, expected: dict) -> None:
    form = seed_record["comment_form"]
    assert form is not None
    assert sorted(form["fields"]) == sorted(expected["comment_form"]["fields"])
    assert form["messages"] == expected["comment_form"]["messages"]


def test_people_with_roles(seed_record: dict, expected: dict) -> None:
    people = {norm(p["name"]): p for p in seed_record["people"]}
    for want in expected["people"]:
        assert norm(want["name"]) in people, (want["name"], sorted(people))
        person = people[norm(want["name"])]
        assert norm(want["role"]) in [norm(r) for r in person["roles"]], (want["name"], person["roles"])
        mention_texts = {norm(m["text"]) for m in person["mentions"]}
        for alias in want.get("also_called", []):
            assert norm(alias) in mention_texts
    assert not any(norm(p["name"]) in ("Patrushev",) for p in seed_record["people"])  # merged into the full name


def test_places_and_organisations(seed_record: dict, expected: dict) -> None:
    by_label: dict[str, set[str]] = {}
    for e in seed_record["entities"]:
        by_label.setdefault(e["label"], set()).add(norm(e["text"]))
        assert seed_record["text"][e["start"] : e["end"]] == e["text"]
    places = by_label.get("GPE", set()) | by_label.get("LOC", set())
    for place in expected["places"]:
        assert norm(place) in places, place
    orgs = by_label.get("ORG", set()) | by_label.get("NORP", set())
    for org in expected["organizations"]:
        assert any(norm(org) in o for o in orgs), (org, orgs)


def test_who_said_what(seed_record: dict, expected: dict) -> None:
    quotes = seed_record["quotes"]
    for q in quotes:
        assert seed_record["text"][q["start"] : q["end"]], q
    for want in expected["quotes"]:
        mine = [q for q in quotes if norm(q["speaker"] or "") == norm(want["speaker"]) and q["kind"] == want["kind"]]
        assert mine, (want["speaker"], want["kind"], [(q["speaker"], q["kind"]) for q in quotes])
        for part in want["text"].split(" ... "):
            part = norm(part).rstrip(".")
            assert any(part in norm(q["text"]) for q in mine), (part, [q["text"] for q in mine])
        assert any(norm(q["cue"] or "") == want["cue"] for q in mine), [q["cue"] for q in mine]


def test_no_other_quote_records(seed_record: dict, expected: dict) -> None:
    if "no_other_quotes" not in expected:
        pytest.skip("expected.json does not rule out other quotes")
    allowed = expected["quotes"] + expected.get("optional_quotes", [])

    def words(text: str) -> set[str]:
        return set(norm(text).lower().replace("...", " ").split()) - {"–", "-"}

    for q in seed_record["quotes"]:
        have = words(q["text"])
        owners = [w for w in allowed if len(have & words(w["text"])) >= 0.8 * len(have)]
        assert owners, f"not a quote an editor lists: {q['speaker']!r} {q['cue']!r} {q['text']!r}"
        assert norm(q["speaker"] or "") in {norm(w["speaker"]) for w in owners}, q
