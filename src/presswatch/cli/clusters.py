"""`presswatch clusters`: the syndication clusters in the database, the original of each first."""

from __future__ import annotations

import typer

from presswatch.cli.common import DbOption, console, handle_errors, print_json, resolve_db


def register(app: typer.Typer) -> None:
    @app.command("clusters")
    def clusters(
        min_size: int = typer.Option(2, "--min-size", min=1, help="Only clusters with at least N articles."),
        as_json: bool = typer.Option(False, "--json", help="Print the clusters and their members as JSON."),
        db: str | None = DbOption,
    ) -> None:
        """List stories run by several sites: the canonical original, then every copy."""
        from rich.table import Table

        from presswatch.store.clusters import cluster_summaries
        from presswatch.store import open_store

        with handle_errors():
            store = open_store(resolve_db(db))
            try:
                rows = cluster_summaries(store, min_size=min_size)
            finally:
                store.close()
        if as_json:
            print_json([c.to_record() for c in rows])
            return
        if not rows:
            console.print(f"No clusters with {min_size} or more articles.")
            return
        table = Table(title=f"{len(rows)} clusters")
        table.add_column("cluster", no_wrap=True)
        table.add_column("size", justify="right")
        table.add_column("article", ratio=3)
        for column in ("site", "published", "credit"):
            table.add_column(column, ratio=1)
        for cluster in rows:
            for i, m in enumerate(cluster.members):
                table.add_row(
                    cluster.id if i == 0 else "",
                    str(cluster.size) if i == 0 else "",
                    ("[bold]original[/] " if m.is_canonical else "  ") + (m.title or m.id),
                    m.site or "",
                    m.published or "",
                    m.syndication_hint or "",
                    end_section=i == cluster.size - 1,
                )
        console.print(table)
