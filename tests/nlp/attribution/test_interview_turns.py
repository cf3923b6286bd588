"""Interview turns: each answer of a printed Q:/A: interview is the interviewee's words."""

from __future__ import annotations


def test_answers_are_the_interviewees_and_questions_the_interviewers(annotated):
    a = annotated(
        "Tomas Brede spoke to the Dunmore Gazette about the strike.",
        "Q: Will the ferries run next week?",
        "A: I think they will run, but only in the mornings.",
    )
    turns = {q.text: q for q in a.quotes if q.cue == ":"}
    answer = turns["I think they will run, but only in the mornings."]
    assert (answer.speaker, answer.speaker_type, answer.kind) == ("Tomas Brede", "person", "direct")
    question = turns["Will the ferries run next week?"]
    assert question.speaker != "Tomas Brede" and question.speaker_type == "anonymous"  # no byline: unnamed


def test_without_an_answer_there_is_no_interview(annotated):
    a = annotated("Q: Will the ferries run next week?", "Nobody at the port would say.")
    assert not [q for q in a.quotes if q.speaker == "the interviewer" or q.kind == "direct"]
