"""The quote finder plugs into anyone's spaCy pipeline as "presswatch_quotes"."""

from __future__ import annotations

import subprocess
import sys

import spacy

from presswatch import config


def test_add_pipe_on_the_packaged_model_gives_quote_spans_with_attributes():
    nlp = spacy.load(config.SPACY_MODEL)
    nlp.add_pipe("presswatch_quotes")
    doc = nlp("“The ferry will run again in May,” harbour master Ines Kallberg said on Tuesday. "
              "Councillor Tomas Brede warned that the pier was not safe.")
    spans = list(doc.spans["quotes"])
    assert [s.text for s in spans] == ["The ferry will run again in May", "the pier was not safe"]
    first, second = spans
    assert (first._.speaker, first._.speaker_type, first._.cue, first._.kind) == ("Ines Kallberg", "person", "said", "direct")
    assert (second._.speaker, second._.cue, second._.kind) == ("Tomas Brede", "warned", "indirect")
    assert all(0.0 <= s._.confidence <= 1.0 for s in spans)


def test_the_factory_is_found_without_importing_presswatch_first():
    code = (
        "import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('presswatch_quotes'); "
        "sys.exit(0 if 'presswatch_quotes' in nlp.pipe_names else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120).returncode == 0


def test_annotate_goes_through_the_component(annotated):
    article = annotated("Councillor Tomas Brede warned that the pier was not safe.")
    assert [(q.speaker, q.cue) for q in article.quotes] == [("Tomas Brede", "warned")]


def test_the_components_config_is_the_quote_finders_options():
    text = "Councillors Tomas Brede and Ines Haldor said the pier was not safe."
    nlp = spacy.load(config.SPACY_MODEL)
    nlp.add_pipe("presswatch_quotes")
    assert [q.speaker for q in nlp(text)._.presswatch_quotes] == ["Tomas Brede", "Ines Haldor"]  # said jointly
    alone = spacy.load(config.SPACY_MODEL)
    alone.add_pipe("presswatch_quotes", config={"joint_speakers": False})
    assert [q.speaker for q in alone(text)._.presswatch_quotes] == ["Tomas Brede and Ines Haldor"]  # one record
    assert alone.get_pipe_config("presswatch_quotes")["joint_speakers"] is False
