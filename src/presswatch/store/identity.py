"""Identity across articles on write: the store side of ``presswatch.people.identity``.

Each batch records the people of its articles as written (``person_mentions``), recomputes identity
for the blocks of names it touched, and then rebuilds what depends on it: the person links of every
article whose names changed person (``article_people``), the quotes' ``speaker_person_id``, and a
redirect from every person id a merge retired to the person it became.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from presswatch.model import Article
from presswatch.people.gender import GenderEstimate, estimate_gender
from presswatch.people.identity import NameSeen, parse_name, resolve_block, slug
from presswatch.store.schema import article_people, person_mentions, person_names, person_redirects, people, quotes


def name_key_for(name: str) -> str:
    return slug(name)


def _chunks(items: Sequence[str], size: int = 400) -> Iterable[list[str]]:
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def speaker_name(speaker: str, names: Sequence[str]) -> str:
    """The article's person a quote's speaker is: the same name, else the only person whose name ends
    with it ("Patrushev" -> "Nikolai Patrushev"), else the speaker as written. A person speaking
    with unnamed companions ("Ann Lee and her aides") is that person."""
    key = name_key_for(speaker)
    by_key = {name_key_for(n): n for n in names}
    if key in by_key:
        return by_key[key]
    if " and " in speaker:
        return speaker_name(speaker.split(" and ", 1)[0], names)
    ending = [n for k, n in by_key.items() if k.endswith("-" + key)]
    return ending[0] if len(ending) == 1 else speaker


def mention_rows(article: Article) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The article's people as written (one row per name form) and each person quote's speaker key."""
    rows: dict[str, dict[str, Any]] = {}
    for person in article.people:
        key = name_key_for(person.name)
        if not key:
            continue
        row = rows.setdefault(key, {
            "article_id": article.id, "name_key": key, "name": person.name, "roles": [], "evidence": [],
            "gender_cues": [], "mention_count": 0,
        })
        row["roles"] += [r for r in person.roles if r not in row["roles"]]
        row["evidence"] += [e for e in person.evidence if e not in row["evidence"]]
        row["gender_cues"] += list(person.gender_cues)
        row["mention_count"] += len(person.mentions)
    speaker_keys: dict[int, str] = {}
    names = [p.name for p in article.people]
    for position, quote in enumerate(article.quotes):
        if not quote.speaker or quote.speaker_type != "person":
            continue
        name = speaker_name(quote.speaker, names)
        key = name_key_for(name)
        if not key:
            continue
        row = rows.setdefault(key, {
            "article_id": article.id, "name_key": key, "name": name, "roles": [], "evidence": [],
            "gender_cues": [], "mention_count": 0,
        })
        if "speech" not in row["evidence"]:
            row["evidence"].append("speech")
        if quote.speaker_role and quote.speaker_role not in row["roles"]:
            row["roles"].append(quote.speaker_role)
        speaker_keys[position] = key
    for row in rows.values():
        if len(row["name"].split()) >= 2 and "full_name" not in row["evidence"]:
            row["evidence"].append("full_name")
    return list(rows.values()), speaker_keys


def blocks_of_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(sorted(set(keys))):
        out |= set(conn.execute(sa.select(person_names.c.block).where(person_names.c.name_key.in_(chunk))).scalars())
    return out


def register_names(conn: Connection, insert: Callable[[sa.Table], Any], rows: Sequence[dict[str, Any]]) -> set[str]:
    """Make sure every written form has a ``person_names`` row; returns the blocks of the forms."""
    fresh: dict[str, dict[str, Any]] = {}
    for row in rows:
        form = parse_name(row["name"])
        if form is not None and row["name_key"] not in fresh:
            fresh[row["name_key"]] = {"name_key": row["name_key"], "name": row["name"], "block": form.block, "evidence": ""}
    if fresh:
        conn.execute(insert(person_names).on_conflict_do_nothing(index_elements=["name_key"]), list(fresh.values()))
    return {r["block"] for r in fresh.values()}


def resolve_blocks(conn: Connection, blocks: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """Recompute identity for ``blocks``; returns the forms whose person changed: key -> (old, new)."""
    changed: dict[str, tuple[str | None, str | None]] = {}
    for chunk in _chunks(sorted(blocks), 200):
        known = conn.execute(
            sa.select(person_names.c.name_key, person_names.c.name, person_names.c.block, person_names.c.person_id)
            .where(person_names.c.block.in_(chunk))
        ).all()
        keys = [r.name_key for r in known]
        articles: dict[str, set[str]] = {k: set() for k in keys}
        evidence: dict[str, set[str]] = {k: set() for k in keys}
        evidenced: dict[str, set[str]] = {k: set() for k in keys}
        for part in _chunks(keys):
            for m in conn.execute(
                sa.select(person_mentions.c.name_key, person_mentions.c.article_id, person_mentions.c.evidence)
                .where(person_mentions.c.name_key.in_(part))
            ).all():
                articles[m.name_key].add(m.article_id)
                evidence[m.name_key] |= set(m.evidence or ())
                if m.evidence:
                    evidenced[m.name_key].add(m.article_id)
        by_block: dict[str, list[Any]] = {}
        for r in known:
            by_block.setdefault(r.block, []).append(r)
        for rows in by_block.values():
            live = [r for r in rows if articles[r.name_key]]
            resolved = {
                res.key: res
                for res in resolve_block(
                    NameSeen(r.name, frozenset(articles[r.name_key]), frozenset(evidence[r.name_key]),
                             frozenset(evidenced[r.name_key]))
                    for r in live
                )
            }
            for r in rows:
                res = resolved.get(r.name_key)
                new_id = res.person_id if res else None
                conn.execute(
                    sa.update(person_names).where(person_names.c.name_key == r.name_key)
                    .values(person_id=new_id, evidence=res.evidence if res else "named in no article")
                )
                if new_id != r.person_id:
                    changed[r.name_key] = (r.person_id, new_id)
    return changed


def record_redirects(conn: Connection, insert: Callable[[sa.Table], Any], changed: dict[str, tuple[str | None, str | None]]) -> None:
    """A person id that no written form resolves to any more redirects to where its forms went."""
    moves: dict[str, set[str]] = {}
    for old, new in changed.values():
        if old and new and old != new:
            moves.setdefault(old, set()).add(new)
    live_new = {new for _, new in changed.values() if new}
    if live_new:
        conn.execute(sa.delete(person_redirects).where(person_redirects.c.old_id.in_(sorted(live_new))))
    for old, targets in sorted(moves.items()):
        if conn.execute(sa.select(person_names.c.name_key).where(person_names.c.person_id == old).limit(1)).first():
            continue  # still a person: some forms moved away, the id lives on
        target = min(targets)
        conn.execute(sa.update(person_redirects).where(person_redirects.c.person_id == old).values(person_id=target))
        stmt = insert(person_redirects)
        conn.execute(stmt.on_conflict_do_update(index_elements=["old_id"], set_={"person_id": target}), [{"old_id": old, "person_id": target}])


def redirect(conn: Connection, person_id: str) -> str | None:
    return conn.execute(sa.select(person_redirects.c.person_id).where(person_redirects.c.old_id == person_id)).scalar()


def rebuild_links(conn: Connection, insert: Callable[[sa.Table], Any], article_ids: set[str]) -> set[str]:
    """Rewrite ``article_people`` and quote speaker ids of ``article_ids`` from their written forms;
    returns every person id touched (before and after), for the people rows to be refreshed."""
    touched: set[str] = set()
    for chunk in _chunks(sorted(article_ids)):
        touched |= set(conn.execute(sa.select(article_people.c.person_id).where(article_people.c.article_id.in_(chunk))).scalars())
        conn.execute(sa.delete(article_people).where(article_people.c.article_id.in_(chunk)))
        rows = conn.execute(
            sa.select(person_mentions, person_names.c.person_id)
            .join(person_names, person_names.c.name_key == person_mentions.c.name_key)
            .where(person_mentions.c.article_id.in_(chunk), person_names.c.person_id.is_not(None))
            .order_by(person_mentions.c.article_id, person_mentions.c.name_key)
        ).all()
        links: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            link = links.setdefault((r.article_id, r.person_id), {
                "article_id": r.article_id, "person_id": r.person_id, "name": r.name, "roles": [], "mention_count": 0,
            })
            if len(r.name) > len(link["name"]):
                link["name"] = r.name  # the fullest form the article gives
            link["roles"] += [role for role in r.roles or () if role not in link["roles"]]
            link["mention_count"] += int(r.mention_count or 0)
        if links:
            person_rows = {pid: {"person_id": pid, "name": link["name"], "roles": link["roles"]} for (_, pid), link in links.items()}
            conn.execute(insert(people).on_conflict_do_nothing(index_elements=["person_id"]), list(person_rows.values()))
            conn.execute(sa.insert(article_people), list(links.values()))
            touched |= set(person_rows)
        speaker_of = (
            sa.select(person_names.c.person_id).where(person_names.c.name_key == quotes.c.speaker_key).scalar_subquery()
        )
        conn.execute(sa.update(quotes).where(quotes.c.article_id.in_(chunk)).values(speaker_person_id=speaker_of))
    return touched


def articles_naming(conn: Connection, keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(sorted(set(keys))):
        out |= set(conn.execute(sa.select(person_mentions.c.article_id).where(person_mentions.c.name_key.in_(chunk))).scalars())
    return out


def person_ids_by_article(conn: Connection, article_ids: Sequence[str]) -> tuple[dict[tuple[str, str], str], dict[tuple[str, int], str]]:
    """For filling records on read: (article, name key) -> person id, (article, quote position) -> speaker id."""
    names: dict[tuple[str, str], str] = {}
    speakers: dict[tuple[str, int], str] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        for r in conn.execute(
            sa.select(person_mentions.c.article_id, person_mentions.c.name_key, person_names.c.person_id)
            .join(person_names, person_names.c.name_key == person_mentions.c.name_key)
            .where(person_mentions.c.article_id.in_(chunk), person_names.c.person_id.is_not(None))
        ).all():
            names[(r.article_id, r.name_key)] = r.person_id
        for r in conn.execute(
            sa.select(quotes.c.article_id, quotes.c.position, quotes.c.speaker_person_id)
            .where(quotes.c.article_id.in_(chunk), quotes.c.speaker_person_id.is_not(None))
        ).all():
            speakers[(r.article_id, int(r.position))] = r.speaker_person_id
    return names, speakers


def resolve_person_ref(conn: Connection, ref: str) -> str | None:
    """A person id from an id, a retired id or a name as written."""
    ref = ref.strip()
    if conn.execute(sa.select(people.c.person_id).where(people.c.person_id == ref)).first():
        return ref
    moved = redirect(conn, ref)
    if moved:
        return moved
    key = name_key_for(ref)
    found = conn.execute(sa.select(person_names.c.person_id).where(person_names.c.name_key == key)).scalar()
    if found:
        return found
    if conn.execute(sa.select(people.c.person_id).where(people.c.person_id == key)).first():
        return key
    return redirect(conn, key)


def matching_person_ids(conn: Connection, ref: str) -> list[str]:
    """Every person a reference may mean: the one an id, a retired id or a written name form gives;
    else everyone with that surname ("Patrushev"), or that given name and surname in any written form
    ("Nikolai Patrushev" for "Nikolai P. Patrushev"). Empty when nobody matches."""
    exact = resolve_person_ref(conn, ref)
    if exact:
        return [exact]
    form = parse_name(ref.strip())
    if form is None:
        return []
    surname, given = _folded(form.surname), _folded(form.given)
    found: set[str] = set()
    for name, pid in conn.execute(
        sa.select(person_names.c.name, person_names.c.person_id)
        .where(person_names.c.block == form.block, person_names.c.person_id.is_not(None))
    ).all():
        seen = parse_name(name)
        if seen is None or _folded(seen.surname) != surname:
            continue
        if given and _folded(seen.given) != given:
            continue
        found.add(pid)
    return sorted(found)


def _folded(word: str) -> str:
    return slug(word).replace("-", "")


__all__ = [
    "articles_naming", "matching_person_ids", "blocks_of_keys", "genders_of", "mention_rows", "name_key_for", "person_ids_by_article", "rebuild_links",
    "record_redirects", "redirect", "register_names", "resolve_blocks", "resolve_person_ref", "speaker_name",
]


def genders_of(conn: Connection, person_ids: Iterable[str]) -> dict[str, GenderEstimate]:
    """The gender estimate of each person from every written form of their name and the gendered words
    every article uses of them."""
    given: dict[str, list[str]] = {}
    cues: dict[str, list[str]] = {}
    forms: dict[str, Any] = {}  # a name is parsed once, however many mentions write it so
    for chunk in _chunks(sorted(set(person_ids))):
        for r in conn.execute(
            sa.select(person_names.c.person_id, person_mentions.c.name, person_mentions.c.gender_cues)
            .join(person_mentions, person_mentions.c.name_key == person_names.c.name_key)
            .where(person_names.c.person_id.in_(chunk))
        ).all():
            if r.name not in forms:
                forms[r.name] = parse_name(r.name)
            form = forms[r.name]
            if form is not None and form.full:
                given.setdefault(r.person_id, []).append(form.given)
            cues.setdefault(r.person_id, []).extend(r.gender_cues or ())
    return {pid: estimate_gender(given.get(pid, []), cues.get(pid, [])) for pid in sorted(set(given) | set(cues))}
