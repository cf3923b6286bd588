"""`presswatch quotes`: who said what, from the database."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from presswatch.cli.common import DbOption, console, handle_errors, print_json, resolve_db
from presswatch.errors import NotFound
from presswatch.store import open_store


def quotes(
    query: Optional[str] = typer.Argument(None, help="Words the quote must contain."),
    speaker: Optional[str] = typer.Option(None, "--speaker", "-s", help="Only quotes by this speaker (name or part of it)."),
    limit: int = typer.Option(50, "--limit", min=1),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per quote, one per line."),
    db: Optional[str] = DbOption,
) -> None:
    """List quotes: text, kind, speaker, role, cue, and the article they come from.

    A syndicated quote is listed once, by the original, with the copies named."""
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            hits = store.quotes(query, speaker=speaker, limit=limit, offset=offset)
        finally:
            store.close()
    if as_json:
        for hit in hits:
            q = hit.quote
            print_json(
                {
                    "text": q.text, "kind": q.kind, "speaker": q.speaker, "speaker_type": q.speaker_type,
                    "speaker_role": q.speaker_role, "cue": q.cue, "start": q.start, "end": q.end,
                    "quote_id": hit.quote_id, "article_id": hit.article_id, "article_title": hit.article_title,
                    "published": hit.published, "site": hit.site,
                    # syndicated copies of the story that repeat the quote (the hit is the original)
                    "copies": [
                        {"article_id": c.article_id, "article_title": c.article_title, "site": c.site,
                         "published": c.published}
                        for c in hit.copies
                    ],
                }
            )
        return
    if not hits:
        console.print("no quotes found")
        return
    table = Table(show_lines=False, expand=True)
    for column, ratio in (("speaker", 2), ("role", 2), ("kind", 1), ("cue", 1), ("quote", 5), ("article", 2)):
        table.add_column(column, overflow="fold", ratio=ratio)
    for hit in hits:
        q = hit.quote
        speaker_text = escape(q.speaker or "(unnamed)") + (" [dim](anonymous)[/]" if q.speaker_type == "anonymous" else "")
        article = escape(hit.article_title or hit.article_id)
        if hit.copies:  # the names are in --json; the table only counts them
            article += f" [dim](+{len(hit.copies)} {'copy' if len(hit.copies) == 1 else 'copies'})[/]"
        table.add_row(speaker_text, escape(q.speaker_role or ""), q.kind, escape(q.cue or ""), escape(q.text), article)
    console.print(table)


def quote(
    quote_id: str = typer.Argument(..., help="A quote id, <article id>-<start>-<end> (`presswatch quotes --json` gives it)."),
    as_json: bool = typer.Option(False, "--json", help="The provenance as one JSON object."),
    db: Optional[str] = DbOption,
) -> None:
    """A quote's provenance: who printed it first, every later printing (undated ones last), its
    wordings, and the articles that credit it to someone else."""
    with handle_errors():
        store = open_store(resolve_db(db))
        try:
            found = store.quote_provenance([quote_id]).get(quote_id)
        finally:
            store.close()
        if found is None:
            raise NotFound(f"No quote with id {quote_id!r}")
    if as_json:
        print_json(found.to_record())
        return
    first = found.first
    console.print(f"[bold]“{escape(found.asked.text)}”[/] — {escape(found.asked.speaker or '(unnamed)')}")
    console.print(
        f"first printed by {escape(first.site or first.article_title or first.article_id)}, {first.published}"
        if first else "no printing of it is dated"
    )
    table = Table(expand=True)
    for column, ratio in (("printed", 2), ("outlet", 2), ("article", 3), ("credited to", 2), ("wording", 1)):
        table.add_column(column, overflow="fold", ratio=ratio)
    for a in found.appearances:
        credit = escape(a.speaker or "") + (" [bold red](different speaker)[/]" if a.speaker_differs else "")
        table.add_row(a.published or "[italic]undated[/]", escape(a.site or ""), escape(a.article_title or a.article_id),
                      credit, chr(ord("A") + a.variant) if a.variant < 26 else str(a.variant + 1))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes)
    app.command("quote")(quote)
