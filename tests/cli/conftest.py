from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.bench.data import shared_dir
from presswatch.cli import app

SHARED = shared_dir()
SEED = SHARED / "seed" / "000_7fcbe29e9648069b.txt"
EXPECTED = SHARED / "seed" / "expected.json"


def norm(text: str) -> str:
    """Compare as expected.json says: NFKC, whitespace collapsed, curly and straight quotes equal."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text("utf-8"))


@pytest.fixture
def cli(tmp_path: Path):
    """Run `presswatch ...` in-process against a fresh database; returns (result)."""
    runner = CliRunner()
    db = tmp_path / "test.db"

    def run(*args: str, db_path: Path | None = db):
        argv = list(args) + (["--db", str(db_path)] if db_path is not None else [])
        return runner.invoke(app, argv, catch_exceptions=False)

    run.db = db  # type: ignore[attr-defined]
    return run
