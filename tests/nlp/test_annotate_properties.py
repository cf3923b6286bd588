"""The NLP stage never crashes on odd text, and every offset it returns points at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.model import Article, content_hash
from presswatch.nlp import annotate

_pieces = st.sampled_from(
    [
        "“", "”", '"', "''", "``", "«", "»", " said ", " according to ", "Anna Berg", ", a teacher,",
        " the group ", " warned that ", ":", "\n\n", ". ", "He", " officials said", "“ ", " “", "—", "'s",
    ]
)
_texts = st.lists(st.one_of(_pieces, st.text(min_size=0, max_size=12)), min_size=0, max_size=25).map("".join)


def _article(text: str) -> Article:
    return Article(
        id="p", url=None, site=None, title=None, standfirst=None, authors=(), published=None, language="en",
        paragraphs=tuple(p for p in text.split("\n\n") if p.strip()), text=text, source_path="p",
        content_hash=content_hash(text),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_annotate_never_raises_and_offsets_hold(text):
    article = annotate(_article(text))
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.speaker_type in ("person", "org", "anonymous", "unknown")
    for e in article.entities:
        assert text[e.start : e.end] == e.text
    for p in article.people:
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
