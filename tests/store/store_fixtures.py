"""Articles, people and quotes built by hand for the store tests (no NLP involved)."""

from __future__ import annotations

from presswatch.model import Article, Mention, Person, Quote, content_hash


def make_article(
    article_id: str,
    *,
    title: str = "A headline",
    text: str = "Body text.",
    standfirst: str | None = None,
    site: str | None = "example.org",
    published: str | None = "2024-03-01T09:00:00+00:00",
    source_path: str | None = None,
    people: tuple[Person, ...] = (),
    quotes: tuple[Quote, ...] = (),
    cluster_id: str | None = None,
    canonical_id: str | None = None,
    is_canonical: bool = True,
) -> Article:
    """An Article built by hand, as the NLP stage would hand it over."""
    paragraphs = tuple(p for p in text.split("\n\n") if p)
    return Article(
        id=article_id,
        url=f"https://{site or 'example.org'}/{article_id}",
        site=site,
        title=title,
        standfirst=standfirst,
        authors=("Staff Writer",),
        published=published,
        language="en",
        paragraphs=paragraphs,
        text=text,
        source_path=source_path or f"inbox/{article_id}.txt",
        content_hash=content_hash(text),
        people=people,
        quotes=quotes,
        cluster_id=cluster_id,
        canonical_id=canonical_id,
        is_canonical=is_canonical,
    )


def person(name: str, *roles: str, mentions: int = 1) -> Person:
    return Person(name=name, roles=tuple(roles), mentions=tuple(Mention(name, 0, len(name)) for _ in range(mentions)))


def quote(text: str, speaker: str | None, *, role: str | None = None, start: int = 0, kind: str = "direct") -> Quote:
    return Quote(
        text=text,
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker,
        speaker_type="person" if speaker else "anonymous",
        speaker_role=role,
        cue="said",
        start=start,
        end=start + len(text),
    )
