"""Readers: files and folders -> RawDocument (or a Failure record), sniffed by content."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from presswatch.model import Failure, RawDocument


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawDocument | Failure]:
    """Walk files and folders (sorted, recursively) and yield one RawDocument per document found,
    or a Failure (source_path, stage="ingest", reason) for what cannot be read."""
    for p in paths:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_text("utf-8")
            except Exception as exc:  # placeholder
                yield Failure(str(f), "ingest", str(exc))
                continue
            yield RawDocument(source_path=str(f), content=data, kind="html" if "<html" in data.lower() else "text")


__all__ = ["read_paths"]
