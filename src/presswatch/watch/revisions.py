"""An article's history: every text it has had when fetched, and what changed between two.

``revisions(store, id)`` gives each change as a ``Revision``: a unified diff of the paragraphs (for
machines and terminals), the same change as ``ParagraphChange`` rows (for the reader: kept, added,
removed, or changed with the words that changed), and the quotes added and removed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

from presswatch.errors import NotFound, PressWatchError
from presswatch.fetch.urls import canonical_url
from presswatch.model import article_id_for
from presswatch.store import Store
from presswatch.store.monitor import ArticleVersion, MonitorStore

ChangeKind = Literal["same", "added", "removed", "changed", "skipped"]
WordOp = Literal["same", "added", "removed"]

#: two paragraphs this alike (difflib ratio of their words) are one paragraph edited, not a swap
EDITED_PARAGRAPH = 0.5


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """One row of a paragraph diff. ``changed`` carries the words: runs of (op, text); ``skipped``
    stands for ``count`` unchanged paragraphs left out between changes."""

    kind: ChangeKind
    before: str | None = None
    after: str | None = None
    words: tuple[tuple[WordOp, str], ...] = ()
    count: int = 0

    def to_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "skipped":
            out["count"] = self.count
            return out
        if self.before is not None:
            out["before"] = self.before
        if self.after is not None:
            out["after"] = self.after
        if self.words:
            out["words"] = [list(w) for w in self.words]
        return out


@dataclass(frozen=True, slots=True)
class Revision:
    """What changed from one version of an article to the next."""

    before: ArticleVersion
    after: ArticleVersion
    diff: tuple[str, ...]  # a unified diff of the paragraphs
    quotes_added: tuple[tuple[str | None, str], ...]  # (speaker, text)
    quotes_removed: tuple[tuple[str | None, str], ...]
    changes: tuple[ParagraphChange, ...] = ()

    def to_record(self) -> dict[str, Any]:
        return {
            "from": {"fetched_at": self.before.fetched_at, "content_hash": self.before.content_hash, "title": self.before.title},
            "to": {"fetched_at": self.after.fetched_at, "content_hash": self.after.content_hash, "title": self.after.title},
            "paragraphs_added": sum(1 for c in self.changes if c.kind == "added"),
            "paragraphs_removed": sum(1 for c in self.changes if c.kind == "removed"),
            "paragraphs_changed": sum(1 for c in self.changes if c.kind == "changed"),
            "changes": [c.to_record() for c in self.changes],
            "quotes_added": [{"speaker": s, "text": t} for s, t in self.quotes_added],
            "quotes_removed": [{"speaker": s, "text": t} for s, t in self.quotes_removed],
            "diff": list(self.diff),
        }


_TOKEN = re.compile(r"\s+|\w+(?:['\u2019]\w+)*|[^\w\s]")  # spaces, words, each punctuation mark


def word_changes(before: str, after: str) -> tuple[tuple[WordOp, str], ...]:
    """The words of an edited paragraph as runs of kept, removed and added text."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    runs: list[tuple[WordOp, str]] = []

    def push(op: WordOp, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            push("same", "".join(old[i1:i2]))
            continue
        push("removed", "".join(old[i1:i2]))
        push("added", "".join(new[j1:j2]))
    return tuple(runs)


def _alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() >= EDITED_PARAGRAPH


def paragraph_changes(before: list[str], after: list[str], *, context: int = 1) -> tuple[ParagraphChange, ...]:
    """The paragraphs of two versions side by side: kept, added, removed and edited (paired when
    alike), with runs of unchanged paragraphs farther than ``context`` from a change folded into a
    ``skipped`` row."""
    rows: list[ParagraphChange] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(ParagraphChange("same", p, p) for p in before[i1:i2])
        elif tag == "delete":
            rows.extend(ParagraphChange("removed", p) for p in before[i1:i2])
        elif tag == "insert":
            rows.extend(ParagraphChange("added", None, p) for p in after[j1:j2])
        else:
            old, new = before[i1:i2], after[j1:j2]
            for k in range(max(len(old), len(new))):
                a = old[k] if k < len(old) else None
                b = new[k] if k < len(new) else None
                if a is not None and b is not None and _alike(a, b):
                    rows.append(ParagraphChange("changed", a, b, word_changes(a, b)))
                else:
                    if a is not None:
                        rows.append(ParagraphChange("removed", a))
                    if b is not None:
                        rows.append(ParagraphChange("added", None, b))
    near = {i for i, r in enumerate(rows) if r.kind != "same"}
    keep = {i for i in range(len(rows)) if any(abs(i - j) <= context for j in near)}
    out: list[ParagraphChange] = []
    for i, row in enumerate(rows):
        if row.kind != "same" or i in keep:
            out.append(row)
        elif out and out[-1].kind == "skipped":
            out[-1] = ParagraphChange("skipped", count=out[-1].count + 1)
        else:
            out.append(ParagraphChange("skipped", count=1))
    return tuple(out)


def compare(before: ArticleVersion, after: ArticleVersion) -> Revision:
    old, new = before.text.split("\n\n"), after.text.split("\n\n")
    diff = tuple(difflib.unified_diff(old, new, before.fetched_at, after.fetched_at, lineterm="", n=1))
    added = tuple(q for q in after.quotes if q not in before.quotes)
    removed = tuple(q for q in before.quotes if q not in after.quotes)
    return Revision(before, after, diff, added, removed, paragraph_changes(old, new))


def revisions(store: Store, article_id: str) -> list[Revision]:
    """Each change the article went through, oldest first (empty: never changed, or never fetched).
    ``len(revisions(...))`` is how many times it was updated."""
    versions = MonitorStore(store).versions(article_id)
    return [compare(a, b) for a, b in zip(versions, versions[1:])]


def resolve_article_id(store: Store, key: str) -> str:
    """An article's id from its id, its URL (as fetched, or any form that canonicalises to it) or
    its source path. Raises NotFound."""
    key = key.strip()
    if key.lower().startswith(("http://", "https://")):
        candidates = [key]
        try:
            url = canonical_url(key)
        except PressWatchError:
            url = None
        if url is not None:
            seen = MonitorStore(store).seen([url]).get(url)
            if seen is not None and seen.article_id:
                candidates.insert(0, seen.article_id)
            candidates.append(article_id_for(url, ""))
        candidates.append(article_id_for(key, ""))
        for candidate in candidates:
            try:
                return store.get_article(candidate).id
            except NotFound:
                continue
        raise NotFound(f"no article fetched from {key!r}")
    return store.find_article(key).id


__all__ = ["ParagraphChange", "Revision", "compare", "paragraph_changes", "resolve_article_id", "revisions", "word_changes"]
