"""``presswatch serve`` (the web reader) and ``presswatch comments`` (list and moderate)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Optional

import typer

from presswatch.cli.common import DbOption, console, handle_errors, print_json, resolve_db


def register(app: typer.Typer) -> None:
    """serve, comments."""

    @app.command()
    def serve(
        db: Optional[str] = DbOption,
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        comment_burst: int = typer.Option(5, "--comment-burst", min=1, help="Comments a client may post at once."),
        comments_per_minute: float = typer.Option(
            5.0, "--comments-per-minute", min=0.01, help="Sustained comments per minute per client."
        ),
    ) -> None:
        """Serve the web reader and JSON API over the database."""
        import uvicorn

        from presswatch.web.app import create_app
        from presswatch.web.security import RateLimit

        with handle_errors():
            web_app = create_app(
                resolve_db(db), rate_limit=RateLimit(burst=comment_burst, per_second=comments_per_minute / 60)
            )
        shown_host = f"[{host}]" if ":" in host else host
        console.print(f"PressWatch is serving {resolve_db(db)} at [bold]http://{shown_host}:{port}/[/]  (Ctrl+C stops)")
        uvicorn.run(web_app, host=host, port=port, log_level="warning")

    @app.command()
    def comments(
        article_id: Optional[str] = typer.Argument(None, help="The article whose comments to list."),
        hide: Optional[int] = typer.Option(None, "--hide", metavar="COMMENT_ID", help="Hide this comment from readers."),
        include_hidden: bool = typer.Option(False, "--all", help="Also list hidden comments."),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
        db: Optional[str] = DbOption,
    ) -> None:
        """List an article's reader comments, or hide one with --hide COMMENT_ID."""
        from presswatch.store import open_store

        if (article_id is None) == (hide is None):
            console.print("Give an ARTICLE_ID to list its comments, or --hide COMMENT_ID to moderate.")
            raise typer.Exit(2)
        with handle_errors():
            store = open_store(resolve_db(db))
            try:
                if hide is not None:
                    hidden = store.hide_comment(hide)
                    if as_json:
                        print_json(asdict(hidden))
                    else:
                        console.print(f"comment {hidden.id} on {hidden.article_id} by {hidden.name!r} is now hidden")
                    return
                article = store.get_article(article_id)
                found = store.comments(article.id, include_hidden=include_hidden)
            finally:
                store.close()
        if as_json:
            for comment in found:
                print_json(asdict(comment))
            return
        if not found:
            console.print(f"no comments on {article.id} ({article.title or 'untitled'})")
            return
        for comment in found:
            flag = " [red](hidden)[/]" if comment.hidden else ""
            console.print(f"[bold]#{comment.id}[/] {comment.created_at} [cyan]{_plain(comment.name)}[/]{flag}", highlight=False)
            console.print(comment.comment, highlight=False, markup=False)
            console.print()


def _plain(text: str) -> str:
    """Names and comments are reader input: keep Rich from reading them as markup."""
    from rich.markup import escape

    return escape(text)


