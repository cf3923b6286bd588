"""The faster attribute ruler and lemmatizer give the model's own annotations, token for token."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from presswatch.nlp.pipeline import load_nlp, parse_text

TEXTS = [
    "Mayor Ines Haldor said on Tuesday that the harbour levy ain't going to rise. \"We're gonna hold it,\" she told reporters.",
    "There's nothin' left, y'all, and let's be honest: the ferries were late again.\n\nCouncillor Bram Teller, who chairs the "
    "transport board, disagreed. He says the timetables got better and the boats are getting faster.",
    "According to the Kestrel Valley Gazette, the strike ended.   Workers had wanted better pay; the company's managers "
    "c'mon, gotta understand, offered less than they'd hoped.\n\"It is what it is,\" said one deckhand.",
    "Lee asked: \"Who decided?\" Nobody answered. The committee's chairs, the captains' union and its lawyers met "
    "twice -- on Monday and on Friday -- before the vote was called off.",
]

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def pipelines():
    return load_nlp(), load_nlp(full_parse=True)


def test_the_fast_pipeline_runs_its_own_components_and_the_reference_the_models(pipelines):
    fast, full = pipelines
    assert "presswatch_attributes" in fast.pipe_names and "presswatch_lemmas" in fast.pipe_names
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    assert "attribute_ruler" in full.pipe_names and "lemmatizer" in full.pipe_names
    assert "presswatch_attributes" not in full.pipe_names


@pytest.mark.parametrize("text", TEXTS + ["", " \n ", "Yes."])
def test_every_token_gets_the_models_tag_pos_morphology_lemma_and_parse(pipelines, text):
    fast, full = pipelines
    a, b = fast(text), full(text)
    assert [t.text for t in a] == [t.text for t in b]
    assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), [
        (t.text, t.pos_, t.lemma_, u.pos_, u.lemma_) for t, u in zip(a, b) if (t.pos_, t.lemma_, str(t.morph)) != (u.pos_, u.lemma_, str(u.morph))
    ]


def test_contractions_and_colloquial_forms_get_the_rulers_lemmas(pipelines):
    doc = pipelines[0]("They ain't gonna wait, y'all.")
    lemmas = {t.text.lower(): t.lemma_ for t in doc}
    assert lemmas["ai"] == "be"
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["y'"] == "you"


def test_the_ruler_finds_the_same_matches_as_spacys_matcher(pipelines):
    fast, full = pipelines
    ruler = fast.get_pipe("presswatch_attributes")
    with fast.select_pipes(disable=["presswatch_attributes", "presswatch_lemmas", "ner"]):
        doc = fast(" ".join(TEXTS))
    assert ruler.match(doc) == sorted(set(full.get_pipe("attribute_ruler").match(doc)))
    assert len(ruler.match(doc)) >= len(doc)  # every token has a tag pattern, some a word pattern too


def test_lemmas_are_the_same_on_a_second_sight_of_the_words(pipelines):
    first = [t.lemma_ for t in parse_text(TEXTS[1])]
    again = [t.lemma_ for t in parse_text(TEXTS[1])]
    assert first == again
    assert "say" in [t.lemma_ for t in parse_text("She says so and he said so.")]


def test_a_new_words_lemma_is_read_again_after_the_parse_that_first_met_it_freed_its_strings() -> None:
    from presswatch.nlp.pipeline import load_nlp

    nlp = load_nlp()
    nlp("Warm-up outside any zone.")
    text = "Ferry crews quarnelled the harbour ropes while the pilots glorpified the buoys."
    with nlp.memory_zone():  # the strings this parse brings ("quarnel", "glorpify") are freed after it
        first = [t.lemma_ for t in nlp(text)]
    with nlp.memory_zone():  # the lemmas come from the stand-in's cache now
        second = [t.lemma_ for t in nlp(text)]
    assert second == first and "ferry" in [w.lower() for w in second]
