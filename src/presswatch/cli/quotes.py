"""`presswatch quotes`: who said what, from the database."""

from __future__ import annotations

from typing import Optional

import typer
from rich.markup import escape
from rich.table import Table

from presswatch.cli.common import DbOption, console, handle_errors, print_json, resolve_db
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
                    "article_id": hit.article_id, "article_title": hit.article_title,
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


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes)
