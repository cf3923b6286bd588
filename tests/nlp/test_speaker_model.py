"""The learnt speaker model: its candidates, its training labels, and its fallback to the rules."""

from __future__ import annotations

import pytest

from presswatch.bench import speaker_training
from presswatch.nlp.attribution import QuoteConfig
from presswatch.nlp.attribution.speakers import model as speaker_model
from presswatch.nlp.pipeline import load_nlp, parse_text, text_for_parse

TEXT = (
    "Tomas Brede, an engineer at the Dunmore Harbour Board, said the new ferry would be late. "
    "The delay led the mayor to promise a review."
)


def _record(text, speaker, content):
    s, c = text.index(speaker), text.index(content)
    return {"id": "t", "split": "train", "text": text, "quotes": [
        {"quote_spans": [[c, c + len(content)]], "speaker_spans": [[s, s + len(speaker)]], "cue_spans": []},
    ]}


def test_the_cues_subject_is_a_candidate_with_a_short_path():
    doc = parse_text(TEXT)
    said = next(t for t in doc if t.text == "said")
    found = {t.text: t for t in speaker_model.candidates(said, (said.idx + 5, said.idx + 40), [])}
    assert "Brede" in found
    assert speaker_model.dependency_path(found["Brede"], said) == "nsubj>"
    # nothing inside the reported content is a candidate
    assert "ferry" not in found


#: the labelling itself, on "Brede ... said": in use the rules keep such an own named subject and the
#: trainer skips it (``QuoteConfig.examples_as_used``), so these tests switch that off
EVERY_ATTRIBUTION_TRAINS = QuoteConfig(speaker_model=False, examples_as_used=False)


def test_the_trainer_skips_what_the_rules_keep_from_the_model():
    record = _record(TEXT, "Tomas Brede, an engineer at the Dunmore Harbour Board,", "the new ferry would be late")
    assert speaker_training.examples_of(record, parse_text(TEXT)) == []  # "Brede" is the cue's own subject


def test_training_labels_only_the_head_of_the_speaker_span():
    record = _record(TEXT, "Tomas Brede, an engineer at the Dunmore Harbour Board,", "the new ferry would be late")
    groups = speaker_training.examples_of(record, parse_text(TEXT), config=EVERY_ATTRIBUTION_TRAINS)
    assert groups, "the attribution was found and matched"
    feats_list, labels = groups[0]
    assert sum(labels) == 1  # "Brede", not "engineer" or "Board" inside the apposition
    positive = feats_list[labels.index(1)]
    assert "path=nsubj>" in positive


def test_fit_writes_weights_that_rank_the_subject_first():
    record = _record(TEXT, "Tomas Brede, an engineer at the Dunmore Harbour Board,", "the new ferry would be late")
    groups = speaker_training.examples_of(record, parse_text(TEXT), config=EVERY_ATTRIBUTION_TRAINS) * 5
    model = speaker_training.fit(groups, min_count=1)
    assert set(model) == {"intercept", "weights"} and model["weights"]
    feats_list, labels = groups[0]
    scores = [speaker_model.score(f, model["weights"], model["intercept"]) for f in feats_list]
    assert labels[scores.index(max(scores))] == 1


def test_without_a_model_file_the_rules_choice_stands(monkeypatch):
    monkeypatch.setattr(speaker_model, "load_weights", lambda: None)
    doc = parse_text(TEXT)
    said = next(t for t in doc if t.text == "said")
    rule_choice = doc[0]
    assert speaker_model.choose_subject(said, rule_choice, (said.idx + 5, said.idx + 40), [], origin="cue:say",
                                        person_tokens={}) is rule_choice


def test_the_shipped_model_loads():
    model = speaker_model.load_weights()
    assert model is not None
    intercept, weights = model
    assert len(weights) > 100 and "rule" in weights and weights["rule"] > 0


def test_training_refuses_other_splits(tmp_path, capsys):
    path = tmp_path / "dev.jsonl"
    path.write_text('{"id": "d", "split": "dev", "text": "x", "quotes": []}\n', encoding="utf-8")
    assert speaker_training.main([str(path)]) == 2
    assert "train split" in capsys.readouterr().err


@pytest.mark.parametrize("n,bucket", [(1, "1"), (4, "5"), (30, "more")])
def test_distance_buckets(n, bucket):
    assert speaker_model._distance_bucket(n) == bucket


def test_candidates_stay_in_the_cues_paragraph_and_relatives_stand_for_their_noun():
    # a byline line without a full stop: the parser runs the sentence on over the paragraph break
    text = "Reporting by Ann Lee and Tom Brede\nThe charity that campaigns for ferries said the toll was unfair."
    nlp = load_nlp()
    with nlp.select_pipes(disable=["presswatch_paragraph_starts"]):  # as the parser alone splits it
        doc = nlp(text_for_parse(text))
    said = next(t for t in doc if t.text == "said")
    assert "Reporting" in said.sent.text
    content = (text.index("the toll"), len(text))
    found = [t.text for t in speaker_model.candidates(said, content, [])]
    assert "Lee" not in found and "Brede" not in found  # the paragraph before
    assert "charity" in found and "that" not in found


def test_a_dateline_is_never_a_candidate():
    text = "DUNMORE, Westland - Anna Lindqvist's allies on Monday predicted a landslide in the harbour vote."
    doc = parse_text(text)
    predicted = next(t for t in doc if t.text == "predicted")
    assert speaker_model.in_dateline(doc[0]) and not speaker_model.in_dateline(predicted)
    content = (text.index("a landslide"), len(text))
    found = [t.text for t in speaker_model.candidate_list(predicted, doc[0], content, [])]
    assert "DUNMORE" not in found and "Westland" not in found
    assert "allies" in found


def test_a_date_is_never_a_candidate():
    text = "Students at a Dunmore school last week displayed a banner mocking the harbour master on Friday."
    doc = parse_text(text)
    displayed = next(t for t in doc if t.text == "displayed")
    found = [t.text for t in speaker_model.candidates(displayed, (text.index("a banner"), len(text)), [])]
    assert "week" not in found and "Friday" not in found  # when, not who
    assert "Students" in found


@pytest.mark.parametrize("text,participle,subject", [
    ("It was a potent punch by the two women, as Dana Holt echoed the criticism, saying Berg had failed the island.",
     "saying", "Holt"),
    ("The officer was charged on Monday and the mayor fired his police chief, acknowledging that residents had lost "
     "trust.", "acknowledging", "mayor"),
    ("Ann Khalif said some of the rhetoric on the trail had been patronizing, noting her comments to a radio host.",
     "noting", "Khalif"),
])
def test_a_participle_after_a_comma_offers_its_nearest_clauses_subject(text, participle, subject):
    doc = parse_text(text)
    cue = next(t for t in doc if t.text == participle)
    found = speaker_model.nearest_clause_subject(cue)
    assert found is not None and found.text == subject
    feats = speaker_model.features(found, cue, chosen=None, origin="cue:x", person_tokens={})
    assert "nearest_clause" in feats


@pytest.mark.parametrize("dash", ["-", "–", "—", "―"])
def test_a_dateline_ends_at_any_dash(dash):
    text = f"DUNMORE {dash} Ines Haldor's campaign said it is looking for a new chair."
    doc = parse_text(text)
    assert speaker_model.in_dateline(doc[0])
    assert not speaker_model.in_dateline(next(t for t in doc if t.text == "campaign"))


def test_a_cues_own_named_subject_is_not_moved_by_the_model(annotated):
    a = annotated(
        "Dunmore's audience tends to be older, which is why executives there indicate that the board views its younger host as important."
    )
    assert [(q.speaker, q.cue) for q in a.quotes] == [("executives", "indicate")]  # not "which"


def test_the_counted_people_a_participle_describes_keep_their_words(annotated):
    a = annotated("Islanders still trust the ferry company, with 70 percent saying the boats are safe.")
    assert [(q.speaker, q.cue) for q in a.quotes] == [("70 percent", "saying")]
