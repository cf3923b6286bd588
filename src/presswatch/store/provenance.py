"""Quote provenance in SQL (both backends): the other printings of a quote, found through
``quote_keys`` and checked with ``dedup.quotes.same_quotation``.

From the quotes asked about, each round fetches the quotes sharing a key with the ones found so far
and keeps those that are the same quotation as one of them, so an utterance is the same group from
whichever printing it is asked about (up to ``MAX_ROUNDS`` rounds and ``MAX_APPEARANCES``).
Short quotes (``dedup.quotes.MIN_WORDS``) are looked up within their own story only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from presswatch.dedup.quotes import (
    MIN_WORDS,
    QuoteAppearance,
    QuoteProvenance,
    build_provenance,
    quote_keys,
    quote_words,
    same_quotation,
)
from presswatch.model import Article, parse_quote_id
from presswatch.store.schema import articles, quote_keys as quote_keys_table, quotes

MAX_ROUNDS = 3
#: an utterance printed more often than this is shown with its first MAX_APPEARANCES printings found
MAX_APPEARANCES = 500
_CHUNK = 400

Ref = tuple[str, int]  # (article id, position)


def key_rows(article: Article) -> list[dict[str, Any]]:
    """The ``quote_keys`` rows of an article's quotes."""
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for position, quote in enumerate(article.quotes):
        for key in quote_keys(quote_words(quote.text)):
            rows[(position, key)] = {"article_id": article.id, "position": position, "key": key}
    return list(rows.values())


def _columns() -> list[Any]:
    return [
        quotes.c.article_id, quotes.c.position, quotes.c.text, quotes.c.kind, quotes.c.speaker, quotes.c.speaker_type,
        quotes.c.speaker_person_id, quotes.c.speaker_role, quotes.c.confidence, quotes.c.start_char, quotes.c.end_char,
        articles.c.title, articles.c.site, articles.c.url, articles.c.published,
        sa.func.coalesce(articles.c.cluster_id, articles.c.id).label("story"),
    ]


def _rows_by_ref(conn: Connection, refs: Iterable[Ref]) -> dict[Ref, Row]:
    # by article (a few quotes each), then the positions wanted: an IN list compiles once, where an OR
    # of (article, position) pairs is a new statement every time
    wanted = set(refs)
    found: dict[Ref, Row] = {}
    ids = sorted({a for a, _ in wanted})
    for i in range(0, len(ids), _CHUNK):
        stmt = sa.select(*_columns()).join(articles, articles.c.id == quotes.c.article_id).where(
            quotes.c.article_id.in_(ids[i : i + _CHUNK])
        )
        for r in conn.execute(stmt):
            if (r.article_id, r.position) in wanted:
                found[(r.article_id, r.position)] = r
    return found


def _keys_of(conn: Connection, refs: Iterable[Ref]) -> dict[Ref, set[str]]:
    wanted = set(refs)
    keys: dict[Ref, set[str]] = {}
    ids = sorted({a for a, _ in wanted})
    for i in range(0, len(ids), _CHUNK):
        stmt = sa.select(quote_keys_table.c.article_id, quote_keys_table.c.position, quote_keys_table.c.key).where(
            quote_keys_table.c.article_id.in_(ids[i : i + _CHUNK])
        )
        for a, p, key in conn.execute(stmt):
            if (a, p) in wanted:
                keys.setdefault((a, p), set()).add(key)
    return keys


def _sharing(conn: Connection, keys: set[str], story: str | None, limit: int) -> set[Ref]:
    """Quotes with any of ``keys`` (within ``story`` when given)."""
    found: set[Ref] = set()
    keys_list = sorted(keys)
    for i in range(0, len(keys_list), _CHUNK):
        stmt = sa.select(quote_keys_table.c.article_id, quote_keys_table.c.position).where(
            quote_keys_table.c.key.in_(keys_list[i : i + _CHUNK])
        )
        if story is not None:
            stmt = stmt.join(articles, articles.c.id == quote_keys_table.c.article_id).where(
                sa.func.coalesce(articles.c.cluster_id, articles.c.id) == story
            )
        found |= {tuple(r) for r in conn.execute(stmt.distinct().limit(limit))}  # type: ignore[misc]
    return found


def _appearance(r: Row) -> QuoteAppearance:
    return QuoteAppearance(
        quote_id=f"{r.article_id}-{r.start_char}-{r.end_char}", article_id=r.article_id, article_title=r.title,
        site=r.site, url=r.url, published=r.published, text=r.text, kind=r.kind, speaker=r.speaker,
        speaker_type=r.speaker_type, speaker_person_id=r.speaker_person_id, speaker_role=r.speaker_role,
        confidence=r.confidence, story=r.story,
    )


def provenance(conn: Connection, quote_ids: Sequence[str]) -> dict[str, QuoteProvenance]:
    """The provenance of each quote id that names a stored quote (the others are left out)."""
    wanted: dict[str, tuple[str, int, int]] = {}
    for qid in quote_ids:
        parsed = parse_quote_id(qid)
        if parsed is not None:
            wanted[qid] = parsed
    if not wanted:
        return {}
    # the asked quotes: by article and offsets
    seeds: dict[str, Ref] = {}
    rows: dict[Ref, Row] = {}
    by_article: dict[str, list[str]] = {}
    for qid, (article_id, _, _) in wanted.items():
        by_article.setdefault(article_id, []).append(qid)
    article_ids = sorted(by_article)
    for i in range(0, len(article_ids), _CHUNK):
        stmt = (
            sa.select(*_columns()).join(articles, articles.c.id == quotes.c.article_id)
            .where(quotes.c.article_id.in_(article_ids[i : i + _CHUNK]))
            .order_by(quotes.c.article_id, quotes.c.position)
        )
        for r in conn.execute(stmt):
            qid = f"{r.article_id}-{r.start_char}-{r.end_char}"
            if qid in wanted and qid not in seeds:
                seeds[qid] = (r.article_id, r.position)
                rows[(r.article_id, r.position)] = r
    if not seeds:
        return {}

    words: dict[Ref, tuple[str, ...]] = {ref: quote_words(r.text or "") for ref, r in rows.items()}
    keys = _keys_of(conn, rows)
    parent: dict[Ref, Ref] = {ref: ref for ref in rows}

    def find(ref: Ref) -> Ref:
        while parent[ref] != ref:
            parent[ref] = parent[parent[ref]]
            ref = parent[ref]
        return ref

    def union(a: Ref, b: Ref) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def join_matching(checked: Iterable[Ref]) -> None:
        """Union each of ``checked`` with the known quotes it shares a key with and matches."""
        holders: dict[str, list[Ref]] = {}
        for ref in rows:
            for k in keys.get(ref, ()):
                holders.setdefault(k, []).append(ref)
        for ref in checked:
            for k in keys.get(ref, ()):
                for other in holders.get(k, ()):
                    if other == ref or find(other) == find(ref):
                        continue
                    if same_quotation(words[ref], words[other], same_story=rows[ref].story == rows[other].story):
                        union(ref, other)

    join_matching(list(rows))  # quotes asked about together may be one quotation (a person's two stories)
    frontier = set(rows)
    for _ in range(MAX_ROUNDS):
        found: set[Ref] = set()
        long_keys = {k for ref in frontier if len(words[ref]) >= MIN_WORDS for k in keys.get(ref, ())}
        if long_keys:
            found |= _sharing(conn, long_keys, None, MAX_APPEARANCES)
        for ref in frontier:
            if len(words[ref]) < MIN_WORDS and keys.get(ref):
                found |= _sharing(conn, keys[ref], rows[ref].story, MAX_APPEARANCES)
        new = found - set(rows)
        if not new:
            break
        new_rows = _rows_by_ref(conn, new)
        rows.update(new_rows)
        keys.update(_keys_of(conn, new_rows))
        for ref, r in new_rows.items():
            words[ref] = quote_words(r.text or "")
            parent[ref] = ref
        join_matching(new_rows)
        seed_roots = {find(ref) for ref in seeds.values()}
        frontier = {ref for ref in new_rows if find(ref) in seed_roots}
        if not frontier or len(rows) > MAX_APPEARANCES * 4:
            break

    groups: dict[Ref, list[Ref]] = {}
    for ref in rows:
        groups.setdefault(find(ref), []).append(ref)
    result: dict[str, QuoteProvenance] = {}
    for qid, ref in seeds.items():
        members = sorted(groups[find(ref)])[:MAX_APPEARANCES]
        if ref not in members:
            members.append(ref)
        result[qid] = build_provenance(qid, [_appearance(rows[m]) for m in members])
    return result


__all__ = ["MAX_APPEARANCES", "key_rows", "provenance"]
