"""Several writers into one database end with exactly the database one writer after the other gives:
the same articles, people, quotes, syndication clusters and originals (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.export import records
from presswatch.ingest import read_paths
from presswatch.model import RawDocument
from presswatch.run.local import IngestReport, ingest_paths, open_cluster_index, process_batch, write_processed
from presswatch.store import open_store

TOWNS = ["Marrowby", "Kestle", "Ferrow", "Hollin", "Gullhaven", "Saltmere"]
THINGS = ["bridge", "ferry", "library", "school", "harbour wall", "tram line", "market", "lighthouse"]
VERBS = ["closed", "reopened", "was repaired", "was sold", "flooded", "was inspected", "won funding", "lost its roof"]
WHEN = ["on Monday", "overnight", "last week", "after a long delay", "in the spring", "for the first time"]


def _story(seed: int) -> str:
    """A fictional story of its own: ten sentences drawn from a seeded generator, plus one quote."""
    rng = random.Random(seed)
    town = rng.choice(TOWNS)
    sentences = [
        f"The {rng.choice(THINGS)} in {town} {rng.choice(VERBS)} {rng.choice(WHEN)}, "
        f"and {rng.randint(2, 900)} residents {rng.choice(['signed a petition', 'came to watch', 'complained', 'cheered'])}."
        for _ in range(10)
    ]
    sentences.insert(3, f'"We did what we could for {town}," said council leader Mara Lindqvist{seed}.')
    return "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def _write_inputs(root: Path, stories: int = 6, copies: int = 5) -> tuple[list[Path], list[Path]]:
    """Each story appears on ``copies`` sites; folder ``a`` holds the first copies, ``b`` the last
    ones and ``shared`` the middle one, so every cluster spans what both writers store."""
    folders = {name: root / name for name in ("a", "b", "shared")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for s in range(stories):
        body = _story(s)
        for c in range(copies):
            where = "a" if c < copies // 2 else ("shared" if c == copies // 2 else "b")
            record = {
                "url": f"https://site{c}.example/news/story-{s}",
                "site": f"Site {c} News",
                "title": f"Story {s} from the coast",
                "published": f"2026-03-{10 + s:02d}T{8 + c:02d}:00:00Z",
                "text": ("(Wire) - " if c else "") + body,
            }
            (folders[where] / f"story-{s}-copy-{c}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return [folders["a"], folders["shared"]], [folders["b"], folders["shared"]]


def _export(db: str) -> list[dict]:
    store = open_store(db)
    try:
        return sorted(records(store.iter_articles()), key=lambda r: r["id"])
    finally:
        store.close()


def _clusters(recs: list[dict]) -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    for r in recs:
        out.setdefault(r["cluster_id"], (r["canonical_id"], []))[1].append(r["id"])
    return out


def _sequential(db: str, first: list[Path], second: list[Path]) -> list[dict]:
    store = open_store(db)
    try:
        ingest_paths(first, store, batch_size=2)
        ingest_paths(second, store, batch_size=2)
    finally:
        store.close()
    return _export(db)


@pytest.fixture(params=["sqlite", "postgresql"])
def two_dbs(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    if request.param == "sqlite":
        return str(tmp_path / "together.db"), str(tmp_path / "sequential.db")
    together = request.getfixturevalue("pg_url")
    sequential = request.getfixturevalue("pg_url_2")
    return together, sequential


def test_interleaved_writers_cluster_against_each_others_articles(tmp_path: Path, two_dbs: tuple[str, str]) -> None:
    """Two writers that loaded the index before either wrote, then take turns batch by batch."""
    together, sequential = two_dbs
    first, second = _write_inputs(tmp_path / "in")
    expected = _sequential(sequential, first, second)

    raws = {name: [r for r in read_paths(paths) if isinstance(r, RawDocument)] for name, paths in (("first", first), ("second", second))}
    store_a, store_b = open_store(together), open_store(together)
    try:
        index_a, index_b = open_cluster_index(store_a), open_cluster_index(store_b)
        done_a = process_batch(raws["first"])
        done_b = process_batch(raws["second"])
        for i in range(0, max(len(done_a), len(done_b)), 2):
            write_processed(store_a, index_a, done_a[i : i + 2], IngestReport())
            write_processed(store_b, index_b, done_b[i : i + 2], IngestReport())
    finally:
        store_a.close()
        store_b.close()
    got = _export(together)
    assert _clusters(got) == _clusters(expected)
    assert len(_clusters(got)) == 6  # one cluster per story, each with one original
    assert sum(r["is_canonical"] for r in got) == 6
    assert got == expected


def test_two_ingest_processes_at_once_give_the_sequential_database(tmp_path: Path, two_dbs: tuple[str, str]) -> None:
    together, sequential = two_dbs
    first, second = _write_inputs(tmp_path / "in")
    expected = _sequential(sequential, first, second)

    cli = [str(Path(sys.executable).with_name("presswatch")), "ingest", "--db", together, "--batch-size", "1"]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    procs = [
        subprocess.Popen([*cli, *map(str, paths)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for paths in (first, second)
    ]
    for proc in procs:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, out
    got = _export(together)
    assert _clusters(got) == _clusters(expected)
    assert sum(r["is_canonical"] for r in got) == 6
    assert got == expected
