"""The export record is plain JSON and reads back into the same Article."""

from __future__ import annotations

import json

from presswatch.model import Article, CommentForm, Entity, Mention, Person, Quote, RemovedLine, content_hash


def _article() -> Article:
    text = "Ada Brook, the harbour master, said the pier would reopen."
    return Article(
        id="a1", url="https://example.org/a1", site="example.org", title="Pier to reopen", standfirst=None,
        authors=("Lea Marr",), published="2024-03-01", language="en", paragraphs=(text,), text=text,
        source_path="inbox/a1.txt", content_hash=content_hash(text),
        entities=(Entity("Ada Brook", "PERSON", 0, 9),),
        people=(Person("Ada Brook", ("harbour master",), (Mention("Ada Brook", 0, 9),)),),
        quotes=(Quote("the pier would reopen", "indirect", "Ada Brook", "person", "harbour master", "said", 36, 57),),
        comment_form=CommentForm(("comment", "name"), (("comment", "Please enter your comment!"),)),
        removed=(RemovedLine("Share this article", "share"),),
    )  # fmt: skip


def test_record_is_plain_json_all_the_way_down() -> None:
    record = _article().to_record()
    assert json.loads(json.dumps(record)) == record  # no tuples or dataclasses left anywhere
    assert record["people"][0]["roles"] == ["harbour master"]
    assert record["people"][0]["mentions"] == [{"text": "Ada Brook", "start": 0, "end": 9}]
    assert record["comment_form"]["messages"] == {"comment": "Please enter your comment!"}


def test_record_reads_back_into_the_same_article() -> None:
    article = _article()
    assert Article.from_record(json.loads(json.dumps(article.to_record()))) == article
    quote = article.quotes[0]
    assert article.text[quote.start : quote.end] == quote.text
