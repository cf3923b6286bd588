"""The body is the candidate the extractors agree on most; PressWatch's own keeps near-ties."""

from __future__ import annotations

import pytest

from presswatch.extract import ensemble
from presswatch.extract.ensemble import agreement, choose_by_agreement
from presswatch.extract.html import extract_html

STORY = (
    "The Kelvale harbour ferry will stop running on Sundays from March, the town council said on Monday.",
    "Councillors blamed the rising cost of diesel and a shortage of trained crew for the decision.",
    "Islanders who commute to the mainland said they would now have to stay overnight in hotels.",
)
SIDEBAR = "Most read: Bakery wins regional prize. Weather warning for the coast. Local team loses again at home."


def test_agreement_is_one_for_equal_texts_and_zero_for_disjoint_ones():
    assert agreement(STORY[0], STORY[0]) == 1.0
    assert agreement(STORY[0], SIDEBAR) == 0.0
    assert agreement("", "") == 1.0
    assert 0 < agreement(" ".join(STORY), STORY[0]) < 1


def test_two_peers_that_agree_outvote_an_own_candidate_that_kept_the_sidebar():
    story = "\n".join(STORY)
    chosen = choose_by_agreement({"own": SIDEBAR, "peer a": story, "peer b": story + "\nShare this"}, own="own")
    assert chosen == "peer a"


def test_a_near_tie_keeps_the_own_candidate():
    story = "\n".join(STORY)
    candidates = {"own": story, "peer a": story + "\nShare this article", "peer b": story}
    assert choose_by_agreement(candidates, own="own") == "own"


def test_with_fewer_than_three_candidates_there_is_no_majority_and_the_own_one_stays():
    assert choose_by_agreement({"own": SIDEBAR, "peer": "\n".join(STORY)}, own="own") == "own"
    with pytest.raises(ValueError):
        choose_by_agreement({"peer": SIDEBAR}, own="own")


PAGE = (
    "<html><head><title>Sunday ferry to stop</title></head><body>"
    "<div class='wrap'>" + "".join(f"<p>{line}</p>" for line in STORY) + "</div>"
    "<aside><p>Share this story</p></aside></body></html>"
)


def test_a_page_where_the_peers_read_the_same_story_keeps_it(monkeypatch):
    assert list(extract_html(PAGE).paragraphs) == list(STORY)


def test_extract_html_takes_the_peers_body_when_they_agree_and_cleans_it_with_its_own_rules(monkeypatch):
    peer_text = "\n".join(("Home", *STORY))  # a bare menu word the line rules drop
    monkeypatch.setattr(ensemble, "PEERS", {"a": lambda html, url: peer_text, "b": lambda html, url: peer_text})
    page = "<html><body><article><p>" + SIDEBAR + "</p></article></body></html>"
    assert list(extract_html(page).paragraphs) == list(STORY)
    assert list(extract_html(page, ensemble=False).paragraphs) == [SIDEBAR]


def test_a_peer_that_crashes_only_loses_its_vote(monkeypatch):
    def broken(html, url):
        raise RuntimeError("peer bug")

    monkeypatch.setattr(ensemble, "PEERS", {"a": broken, "b": lambda html, url: "\n".join(STORY)})
    page = "<html><body><article><p>" + SIDEBAR + "</p></article></body></html>"
    assert list(extract_html(page).paragraphs) == [SIDEBAR]
