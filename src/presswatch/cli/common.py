"""Helpers shared by CLI commands: the console, the --db option, error mapping."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from typing import Any

import typer
from rich.console import Console

from presswatch.config import default_db
from presswatch.errors import NotFound, PressWatchError, QueryError, ValidationError

console = Console()
err_console = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="Database file or URL (default: $PRESSWATCH_DB or presswatch.db).")


def resolve_db(db: str | None) -> str:
    return db or default_db()


EXIT_CODES: dict[type[PressWatchError], int] = {NotFound: 3, QueryError: 2, ValidationError: 2}


@contextlib.contextmanager
def handle_errors() -> Iterator[None]:
    """Turn PressWatchError into a readable message and an exit code (never a traceback)."""
    try:
        yield
    except PressWatchError as exc:
        code = next((c for t, c in EXIT_CODES.items() if isinstance(exc, t)), 1)
        err_console.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(code) from None


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
