"""`presswatch fetch`, `presswatch sources add|list|remove`, `presswatch watch`: live monitoring."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from presswatch.cli.common import DbOption, console, err_console, handle_errors, print_json, resolve_db

ArchiveOption = typer.Option(
    None, "--archive", help="Folder for the WARC archive (default: $PRESSWATCH_ARCHIVE, else archive/ beside the database)."
)


def _archive(db: str, folder: Path | None):  # type: ignore[no-untyped-def]
    from presswatch.fetch.archive import WarcArchive, default_archive_dir

    return WarcArchive(folder or default_archive_dir(db))


def _read_url_file(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        err_console.print(f"[bold red]error:[/] cannot read {path}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _print_failures(failures) -> None:  # type: ignore[no-untyped-def]
    for failure in failures:
        console.print(f"[yellow]failed[/] {escape(failure.source_path)} [dim]({failure.stage})[/]: {escape(failure.reason)}",
                      soft_wrap=True)


def fetch(
    urls: Optional[list[str]] = typer.Argument(None, help="Article page URLs."),
    url_file: Optional[Path] = typer.Option(None, "--urls", help="A file of URLs, one a line (# comments)."),
    db: Optional[str] = DbOption,
    archive: Optional[Path] = ArchiveOption,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any URL failed."),
) -> None:
    """Fetch article pages politely, archive them as WARC and ingest them."""
    from presswatch.store import open_store
    from presswatch.watch.pages import fetch_and_ingest

    wanted = list(urls or []) + (_read_url_file(url_file) if url_file else [])
    if not wanted:
        err_console.print("[bold red]error:[/] no URLs: give some, or --urls FILE")
        raise typer.Exit(2)
    with handle_errors():
        database = resolve_db(db)
        store = open_store(database)
        try:
            report = fetch_and_ingest(wanted, store, archive=_archive(database, archive))
        finally:
            store.close()
    _print_failures(report.failures)
    console.print(report.summary(), soft_wrap=True)
    if strict and report.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)


__all__ = ["register", "fetch"]
