"""The body is the candidate the learned chooser predicts best; PressWatch's own keeps near-ties."""

from __future__ import annotations

import pytest

from presswatch.extract import ensemble
from presswatch.extract.chooser import OWN, candidate_features, choose_body, predict
from presswatch.extract.html import extract_html

STORY = (
    "The Kelvale harbour ferry will stop running on Sundays from March, the town council said on Monday.",
    "Councillors blamed the rising cost of diesel and a shortage of trained crew for the decision.",
    "Islanders who commute to the mainland said they would now have to stay overnight in hotels.",
    "A petition against the cut has gathered more than two thousand names since it opened last week.",
    "The ferry operator said it would publish a new timetable for the weekday crossings by the end of the month.",
    "Council leader Orla Penhale said the service could return if the county agreed to share the running costs.",
)
SIDEBAR = ("Most read", "Bakery wins regional prize", "Weather warning for the coast", "Local team loses again at home")
PEERS = ("trafilatura_recall", "readability")


def test_features_tell_a_standfirst_alone_from_the_whole_story():
    features = candidate_features({OWN: list(STORY[:1]), "a": list(STORY), "b": list(STORY)}, page_prose=600)
    # the lone first paragraph is all in the others, but covers little of them
    assert features[OWN]["contained_min"] == 1.0
    assert features[OWN]["covers_max"] < 0.25
    assert features["a"]["covers_consensus"] == 1.0
    assert features[OWN]["share_of_longest"] < features["a"]["share_of_longest"] == 1.0


def test_features_count_the_lines_that_are_only_the_pages_link_texts():
    features = candidate_features(
        {OWN: list(SIDEBAR), "a": list(STORY), "b": list(STORY)}, page_prose=600, anchors=frozenset(SIDEBAR[1:])
    )
    assert features[OWN]["linked_lines"] == 0.75
    assert features["a"]["linked_lines"] == 0.0
    assert features[OWN]["contained_max"] == 0.0  # the sidebar shares nothing with the story


# a one-tree model written here: a candidate's predicted F1 grows with its length
TINY = {
    "candidates": [OWN, "a", "b"],
    "features": ["log_tokens"],
    "init": 0.5,
    "learning_rate": 1.0,
    "margin": 0.05,
    "trees": [[[0, 3.0, 1, 2, 0.0], [-1, 0.0, -1, -1, -0.4], [-1, 0.0, -1, -1, 0.4]]],
}


def test_the_model_file_format_is_read_as_trees_of_thresholds():
    assert predict(TINY, {"log_tokens": 2.0}) == pytest.approx(0.1)
    assert predict(TINY, {"log_tokens": 4.0}) == pytest.approx(0.9)
    assert predict(TINY, {}) == pytest.approx(0.1)  # a feature the candidate lacks counts as 0


def test_another_candidate_wins_only_by_more_than_the_margin_and_only_with_every_peer_there():
    short, long = ["Ferry cut."], list(STORY)
    assert choose_body({OWN: short, "a": long, "b": short}, 600, model=TINY) == "a"
    assert choose_body({OWN: long, "a": long, "b": short}, 600, model=TINY) == OWN  # a tie keeps the own
    assert choose_body({OWN: short, "a": long}, 600, model=TINY) == OWN  # a peer missing: no choice
    with pytest.raises(ValueError):
        choose_body({"a": long, "b": short}, 600, model=TINY)


def test_the_learned_chooser_takes_the_story_two_peers_agree_on_over_an_own_sidebar():
    candidates = {OWN: list(SIDEBAR), PEERS[0]: list(STORY), PEERS[1]: [*STORY, "Share this"]}
    assert choose_body(candidates, page_prose=600, anchors=frozenset(SIDEBAR)) in PEERS


def test_the_learned_chooser_keeps_the_own_candidate_when_all_read_the_same_story():
    candidates = {OWN: list(STORY), PEERS[0]: [*STORY, "Share this article"], PEERS[1]: list(STORY)}
    assert choose_body(candidates, page_prose=600) == OWN


PAGE = (
    "<html><head><title>Sunday ferry to stop</title></head><body>"
    "<div class='wrap'>" + "".join(f"<p>{line}</p>" for line in STORY) + "</div>"
    "<aside><p>Share this story</p></aside></body></html>"
)


def test_a_page_where_the_peers_read_the_same_story_keeps_it():
    assert list(extract_html(PAGE).paragraphs) == list(STORY)


def test_extract_html_takes_the_peers_body_and_cleans_it_with_its_own_rules(monkeypatch):
    peer_text = "\n".join(("https://kelvale.example/ferry", *STORY))  # a bare link the line rules drop
    monkeypatch.setattr(ensemble, "PEERS", {name: (lambda html, url: peer_text) for name in PEERS})
    links = "".join(f"<li><a href='/{n}'>{item}</a></li>" for n, item in enumerate(SIDEBAR))
    page = f"<html><body><article><ul class='x'>{links}</ul></article></body></html>"
    assert list(extract_html(page).paragraphs) == list(STORY)
    assert list(extract_html(page, ensemble=False).paragraphs) != list(STORY)


def test_a_peer_that_crashes_leaves_the_own_body(monkeypatch):
    def broken(html, url):
        raise RuntimeError("peer bug")

    monkeypatch.setattr(ensemble, "PEERS", {PEERS[0]: broken, PEERS[1]: lambda html, url: "\n".join(STORY)})
    page = "<html><body><article><p>" + " ".join(SIDEBAR) + ".</p></article></body></html>"
    assert list(extract_html(page).paragraphs) == [" ".join(SIDEBAR) + "."]
