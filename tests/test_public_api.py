"""The public API is pinned: removing or renaming a name is a deliberate change."""

from __future__ import annotations

import presswatch
from presswatch import errors


def test_public_names_are_pinned() -> None:
    assert sorted(presswatch.__all__) == sorted(
        [
            "Article", "Cluster", "Comment", "Entity", "ExtractError", "Failure", "IngestError", "Mention",
            "NotFound", "Person", "PressWatchError", "Quote", "QueryError", "RawDocument", "StoreError",
            "ValidationError", "process", "process_document", "__version__",
        ]
    )  # fmt: skip
    for name in presswatch.__all__:
        assert hasattr(presswatch, name), name


def test_one_exception_hierarchy() -> None:
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.PressWatchError)


def test_process_returns_a_clean_annotated_article() -> None:
    text = (
        "Harbour pilots walk out in Port Selkie – .\n\n"
        "Harbour pilots walk out in Port Selkie – .\n\n"
        "The strike halts ferries for a second day.\n\n"
        "Pilots in Port Selkie stopped work on Monday, leaving three ferries moored at the quay. "
        "Marta Lindqvist, the pilots' union chair, said the stoppage would continue.\n\n"
        "“We have waited long enough,” Lindqvist said.\n\n"
        "Please enter your comment!\nPlease enter your name here\n"
    )
    article = presswatch.process(text, url="https://selkie-news.example/pilots")
    assert article.title == "Harbour pilots walk out in Port Selkie"
    assert article.standfirst == "The strike halts ferries for a second day."
    assert len(article.paragraphs) == 2
    assert "Please enter" not in article.text
    assert article.site == "selkie-news.example"
    assert article.to_record()["id"] == article.id
    assert any(p.name == "Marta Lindqvist" for p in article.people)
    assert any(q.speaker == "Marta Lindqvist" and q.kind == "direct" for q in article.quotes)
