"""First and second person: "I" in a column is its byline's author, an interview's "Q" is the
interviewer, and "you" is nobody."""

from __future__ import annotations

from presswatch.model import Article, content_hash
from presswatch.nlp import annotate

COLUMN = (
    "I have crossed the strait every week for ten years.",
    '"The boats are the town\'s lifeline," I told the council last spring.',
    "I said the timetable had to change, and I still believe it.",
)


def _by(authors: tuple[str, ...], *paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    return annotate(Article(
        id="t", url=None, site=None, title=None, standfirst=None, authors=authors, published=None, language="en",
        paragraphs=paragraphs, text=text, source_path="t", content_hash=content_hash(text),
    ))


def test_i_in_a_column_with_one_author_is_that_author(quote_with) -> None:
    article = _by(("Ann Tovey",), *COLUMN)
    for fragment in ("lifeline", "the timetable had to change"):
        q = quote_with(article, fragment)
        assert (q.speaker, q.speaker_type) == ("Ann Tovey", "person")


def test_i_without_a_single_byline_is_nobody(quote_with) -> None:
    for authors in ((), ("Ann Tovey", "Per Lund")):
        q = quote_with(_by(authors, *COLUMN), "the timetable had to change")
        assert q.speaker is None and q.speaker_type == "unknown"


def test_i_inside_someone_elses_quotation_stays_theirs(quote_with) -> None:
    article = _by(
        ("Ann Tovey",),
        'Harbour master Ola Brenn was blunt. "I told them the wall would not hold," Brenn said.',
    )
    assert quote_with(article, "the wall would not hold").speaker == "Ola Brenn"
    assert all(q.speaker != "Ann Tovey" for q in article.quotes)


INTERVIEW = (
    "Harbour master Ola Brenn spoke to the Gullhaven Courier about the storm.",
    "Q: What went wrong at the quay on the night of the storm?",
    "A: The tide came in far faster than anyone had forecast, and the old wall simply gave way.",
)


def test_an_interviews_questions_are_the_bylines_and_answers_the_interviewees(quote_with) -> None:
    article = _by(("Ann Tovey",), *INTERVIEW)
    question = quote_with(article, "What went wrong")
    assert (question.speaker, question.speaker_type, question.kind) == ("Ann Tovey", "person", "direct")
    assert quote_with(article, "the old wall simply gave way").speaker == "Ola Brenn"
    assert all(q.speaker != "Q" for q in article.quotes)


def test_without_a_byline_the_questions_are_the_interviewers(quote_with) -> None:
    question = quote_with(_by((), *INTERVIEW), "What went wrong")
    assert question.speaker == "the interviewer" and question.speaker_type == "anonymous"
