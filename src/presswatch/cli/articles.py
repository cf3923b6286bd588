"""ingest, show, search, export, failures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from presswatch.cli.common import DbOption, console, err_console, handle_errors, print_json, resolve_db
from presswatch.errors import PressWatchError
from presswatch.export import FORMATS, export_articles
from presswatch.model import Article
from presswatch.store import open_store


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt .html .gz .jsonl .warc(.gz) .xml/.rss/.atom"),
    db: Optional[str] = DbOption,
    workers: Optional[int] = typer.Option(
        None, "--workers", "-w", min=1,
        help="Worker processes for extraction and NLP (default: one per available core, fewer for small runs); "
        "with --executor ray, the number of Ray actors (default: one per CPU Ray offers).",
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per database transaction."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when any document failed."),
    executor: str = typer.Option("local", "--executor", help="local (processes on this machine) or ray."),
    resume: bool = typer.Option(
        True,
        "--resume/--no-resume",
        help="Skip files an earlier run finished and that have not changed since (--no-resume re-reads all).",
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Read again the unchanged files that failed before (skipped otherwise)."
    ),
) -> None:
    """Clean, annotate, cluster and store every article found under PATHS.

    An interrupted run can simply be started again: files already done are skipped."""
    from presswatch.service import EXECUTORS, count_files, default_workers, ingest as ingest_files

    if executor not in EXECUTORS:
        err_console.print(f"[bold red]error:[/] unknown executor {executor!r}: use local or ray")
        raise typer.Exit(2)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        err_console.print(f"[bold red]error:[/] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            total_files = count_files(paths)
            if executor == "local":
                workers = workers or default_workers(total_files)
            progress = Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[current]}", style="dim"),
                console=err_console,
                transient=True,
            )
            with progress:
                task = progress.add_task("ingest", total=total_files, current="")
                last_file: list[str] = [""]

                def on_progress(_: int, source_path: str) -> None:
                    file_part = source_path.split("#", 1)[0]
                    if file_part != last_file[0]:
                        last_file[0] = file_part
                        progress.update(task, advance=1, current=Path(file_part).name)

                report = ingest_files(
                    paths, store, executor=executor, workers=workers, batch_size=batch_size, resume=resume,
                    retry_failed=retry_failed, on_progress=on_progress,
                )
        finally:
            store.close()
    for failure in report.failures:
        console.print(
            f"[yellow]failed[/] {escape(failure.source_path)} [dim]({failure.stage})[/]: {escape(failure.reason)}",
            soft_wrap=True,
        )
    processed = report.documents - report.articles_skipped  # the rate of actual work, skipped files aside
    rate = processed / report.seconds if report.seconds else 0.0
    skipped = f", {report.files_skipped} finished file(s) skipped" if report.files_skipped else ""
    console.print(f"{report.summary()}  [dim]({report.seconds:.1f}s, {rate:.1f} docs/s{skipped})[/]", soft_wrap=True)
    if strict and (report.failed or report.failures_skipped):
        raise typer.Exit(1)


def _print_article(article: Article) -> None:
    console.rule(f"[bold]{escape(article.title or '(untitled)')}")
    meta = [article.site or "", ", ".join(article.authors), article.published or "", f"id {article.id}"]
    console.print(" · ".join(escape(m) for m in meta if m), style="dim")
    if article.standfirst:
        console.print(f"[italic]{escape(article.standfirst)}[/]\n")
    for paragraph in article.paragraphs:
        console.print(escape(paragraph) + "\n")
    if article.people:
        table = Table("person", "roles", "mentions", title="People")
        for person in article.people:
            table.add_row(escape(person.name), escape("; ".join(person.roles)), str(len(person.mentions)))
        console.print(table)
    if article.quotes:
        table = Table("speaker", "role", "kind", "cue", "quote", title="Who said what", show_lines=True)
        for q in article.quotes:
            speaker = escape(q.speaker or "?") + (" [dim](anonymous)[/]" if q.speaker_type == "anonymous" else "")
            table.add_row(speaker, escape(q.speaker_role or ""), q.kind, escape(q.cue or ""), escape(q.text))
        console.print(table)
    places = sorted({e.text for e in article.entities if e.label in ("GPE", "LOC")})
    orgs = sorted({e.text for e in article.entities if e.label == "ORG"})
    if places:
        console.print(f"[bold]Places:[/] {escape(', '.join(places))}")
    if orgs:
        console.print(f"[bold]Organisations:[/] {escape(', '.join(orgs))}")
    if article.cluster_id:
        role = "the original" if article.is_canonical else f"a copy of {article.canonical_id}"
        console.print(f"[bold]Cluster:[/] {article.cluster_id} ({role})")
    if article.comment_form:
        console.print(f"[dim]Comment form removed from the scraped text: fields {', '.join(article.comment_form.fields)}[/]")
    if article.removed:
        console.print(f"[dim]{len(article.removed)} junk line(s) removed: " + escape("; ".join(sorted({r.rule for r in article.removed}))) + "[/]")


def show(
    id_or_path: str = typer.Argument(..., help="An article id, or the path of the file it came from."),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the export record as JSON."),
) -> None:
    """Show one clean article: text, people and their roles, quotes, cluster."""
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            article = store.find_article(id_or_path)
        finally:
            store.close()
    if as_json:
        print_json(article.to_record())
    else:
        _print_article(article)


def search(
    query: str = typer.Argument(..., help='Full-text query (FTS syntax: words, "phrases", OR, NOT). Empty: latest.'),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    offset: int = typer.Option(0, "--offset", min=0),
    site: Optional[str] = typer.Option(None, "--site"),
    person: Optional[str] = typer.Option(None, "--person"),
    since: Optional[str] = typer.Option(None, "--since", help="ISO date"),
    until: Optional[str] = typer.Option(None, "--until", help="ISO date"),
    as_json: bool = typer.Option(False, "--json", help="Print {total, items} as JSON."),
) -> None:
    """Search the stored articles."""
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            page = store.search(
                query or None, site=site, person=person, since=since, until=until, limit=limit, offset=offset
            )
        finally:
            store.close()
    if as_json:
        print_json(
            {
                "total": page.total,
                "items": [
                    {
                        "id": h.article.id,
                        "title": h.article.title,
                        "site": h.article.site,
                        "published": h.article.published,
                        "url": h.article.url,
                        "source_path": h.article.source_path,
                        "snippet": h.snippet,
                        "rank": h.rank,
                    }
                    for h in page.items
                ],
            }
        )
        return
    table = Table("id", "title", "site", "published", "people", "quotes", title=f"{page.total} article(s)")
    for hit in page.items:
        a = hit.article
        table.add_row(a.id, escape(a.title or ""), escape(a.site or ""), (a.published or "")[:10], str(len(a.people)), str(len(a.quotes)))
    console.print(table)


def export(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or parquet"),
    output: str = typer.Option("-", "--output", "-o", help="Output file, or - for stdout."),
    db: Optional[str] = DbOption,
) -> None:
    """Export every article as records (JSONL, CSV or Parquet)."""
    if fmt not in FORMATS:
        err_console.print(f"[bold red]error:[/] unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        err_console.print("[bold red]error:[/] Parquet is binary: write it to a file with -o FILE")
        raise typer.Exit(2)
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            if output == "-":
                n = export_articles(store.iter_articles(), fmt, sys.stdout.buffer)  # type: ignore[arg-type]
                sys.stdout.flush()
            else:
                with open(output, "wb") as fh:
                    n = export_articles(store.iter_articles(), fmt, fh)  # type: ignore[arg-type]
        except OSError as exc:
            raise PressWatchError(f"cannot write {output}: {exc.strerror}") from exc
        finally:
            store.close()
    err_console.print(f"exported {n} article(s) as {fmt}" + ("" if output == "-" else f" to {output}"))


def failures(
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """List the documents that could not be turned into articles, and why."""
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            rows = store.failure_history()
        finally:
            store.close()
    if as_json:
        print_json([
            {"source_path": f.source_path, "stage": f.stage, "reason": f.reason, "first_failed_at": f.first_failed_at,
             "last_failed_at": f.last_failed_at, "times": f.times}
            for f in rows
        ])
        return
    table = Table("source", "stage", "reason", "first failed", "last failed", "times", title=f"{len(rows)} failure(s)")
    for f in rows:
        table.add_row(escape(f.source_path), f.stage, escape(f.reason), f.first_failed_at[:19], f.last_failed_at[:19], str(f.times))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(show)
    app.command()(search)
    app.command()(export)
    app.command()(failures)
