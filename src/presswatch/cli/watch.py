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


sources_app = typer.Typer(help="The feeds and sitemaps `presswatch watch` polls.", no_args_is_help=True)


@sources_app.command("add")
def sources_add(
    url: str = typer.Argument(..., help="A feed, a sitemap, or a homepage that announces its feed."),
    name: Optional[str] = typer.Option(None, "--name", help="A short name (default: the feed's title)."),
    every: str = typer.Option("15m", "--every", help="How often to poll: 15m, 2h, 1d."),
    db: Optional[str] = DbOption,
) -> None:
    """Add a source to poll (it is fetched once to see what it is)."""
    from presswatch.store import open_store
    from presswatch.watch.sources import add_source

    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            source = add_source(store, url, name=name, every=every)
        finally:
            store.close()
    console.print(f"added [bold]{escape(source.name)}[/] ({source.kind}, every {_every(source.every_s)}): {escape(source.url)}",
                  soft_wrap=True)


def _every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@sources_app.command("list")
def sources_list(
    as_json: bool = typer.Option(False, "--json", help="Print the sources and their health as JSON."),
    db: Optional[str] = DbOption,
) -> None:
    """Every source with its health: last success, new items per day, errors, stalled."""
    from rich.table import Table

    from presswatch.store import open_store
    from presswatch.watch.health import sources_health

    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            rows = sources_health(store)
        finally:
            store.close()
    if as_json:
        print_json([h.to_record() for h in rows])
        return
    if not rows:
        console.print("No sources yet: add one with `presswatch sources add URL`.")
        return
    table = Table(title=f"{len(rows)} source(s)")
    for column in ("id", "name", "kind", "every", "status", "last success", "last new item", "per day 7d/30d", "errors", "last error"):
        table.add_column(column)
    style = {"ok": "green", "stalled": "bold yellow", "failing": "bold red", "new": "dim"}
    for h in rows:
        table.add_row(str(h.id), escape(h.name), h.kind, _every(h.every_s), f"[{style[h.status]}]{h.status}[/]",
                      h.last_success_at or "never", h.last_new_item_at or "never",
                      f"{h.items_per_day_7:g} / {h.items_per_day_30:g}", str(h.consecutive_errors), escape(h.last_error or ""))
    console.print(table)


@sources_app.command("remove")
def sources_remove(
    source: str = typer.Argument(..., help="The source's id, URL or name."),
    db: Optional[str] = DbOption,
) -> None:
    """Stop polling a source (the articles it brought stay)."""
    from presswatch.store import open_store
    from presswatch.watch.sources import remove_source

    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            gone = remove_source(store, source)
        finally:
            store.close()
    console.print(f"removed [bold]{escape(gone.name)}[/]: {escape(gone.url)}", soft_wrap=True)


def watch(
    once: bool = typer.Option(False, "--once", help="Poll what is due once, then exit."),
    db: Optional[str] = DbOption,
    archive: Optional[Path] = ArchiveOption,
) -> None:
    """Poll every due source, fetch and ingest new stories, sleep until the next is due; SIGINT or
    SIGTERM stops it after the batch in hand is written."""
    import signal
    import threading

    from presswatch.store import open_store
    from presswatch.watch.poll import run_once
    from presswatch.watch.poll import watch as watch_loop

    stop = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        err_console.print(f"[dim]{signal.Signals(signum).name}: stopping after the batch in hand[/]")
        stop.set()

    def show(report) -> None:  # type: ignore[no-untyped-def]
        for poll in report.polls:
            if poll.error:
                console.print(f"[yellow]{escape(poll.source)}[/]: {escape(poll.error)}", soft_wrap=True)
        _print_failures(report.fetch.failures)
        console.print(report.summary(), soft_wrap=True)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with handle_errors():
            database = resolve_db(db)
            store = open_store(database)
            try:
                folder = _archive(database, archive)
                if once:
                    show(run_once(store, archive=folder, stop=stop))
                else:
                    watch_loop(store, stop=stop, archive=folder, on_report=show)
            finally:
                store.close()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _minute(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def revisions(
    article: str = typer.Argument(..., help="The article's id, URL or source path."),
    as_json: bool = typer.Option(False, "--json", help="Print the article's revisions as JSON."),
    db: Optional[str] = DbOption,
) -> None:
    """How a fetched article changed: each update with its paragraphs and quotes added and removed."""
    from rich.table import Table

    from presswatch.store import open_store
    from presswatch.watch.revisions import resolve_article_id
    from presswatch.watch.revisions import revisions as article_revisions

    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            article_id = resolve_article_id(store, article)
            found = article_revisions(store, article_id)
        finally:
            store.close()
    if as_json:
        print_json({"id": article_id, "updates": len(found), "revisions": [r.to_record() for r in found]})
        return
    if not found:
        console.print(f"{article_id}: never updated since it was first fetched (or not fetched by `watch`/`fetch`).")
        return
    console.print(f"[bold]{article_id}[/]: updated {len(found)} time{'s' if len(found) != 1 else ''}", soft_wrap=True)
    table = Table()
    for column in ("#", "from", "to", "paragraphs +/-/~", "quotes added", "quotes removed"):
        table.add_column(column)
    for number, r in enumerate(found, start=1):
        rec = r.to_record()
        table.add_row(str(number), _minute(r.before.fetched_at), _minute(r.after.fetched_at),
                      f"+{rec['paragraphs_added']} -{rec['paragraphs_removed']} ~{rec['paragraphs_changed']}",
                      escape("\n".join(f"{s or 'unattributed'}: {t}" for s, t in r.quotes_added)),
                      escape("\n".join(f"{s or 'unattributed'}: {t}" for s, t in r.quotes_removed)))
    console.print(table)
    for number, r in enumerate(found, start=1):
        console.print(f"[bold]update {number}[/]")
        for line in r.diff[2:]:
            colour = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
            console.print(f"[{colour}]{escape(line)}[/]", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)
    app.command("revisions")(revisions)
    app.command("watch")(watch)
    app.add_typer(sources_app, name="sources")


__all__ = ["register", "fetch", "revisions", "watch", "sources_app"]
