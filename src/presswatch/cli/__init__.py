"""The `presswatch` command: a thin Typer shell over the library.

Each command group lives in its own module with a ``register(app)`` function; every command opens
what it needs, calls one library function, prints, and maps PressWatchError to a message and exit code.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="presswatch",
    help="Turn scraped news into clean, attributed, searchable records.",
    no_args_is_help=True,
    add_completion=False,
)
bench_app = typer.Typer(help="Benchmarks: quality and speed against the peers, in the same run.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

_COMMAND_MODULES = ("articles", "quotes", "clusters", "web", "watch")
_BENCH_MODULES = ("extract", "metadata", "clean", "quotes", "dedup", "throughput", "people", "load", "serve", "hostile", "watch")

for _name in _COMMAND_MODULES:
    importlib.import_module(f"presswatch.cli.{_name}").register(app)
for _name in _BENCH_MODULES:
    try:
        _module = importlib.import_module(f"presswatch.bench.{_name}")
    except ModuleNotFoundError as exc:  # a benchmark whose module is not written yet
        if exc.name != f"presswatch.bench.{_name}":
            raise
        continue
    _module.register(bench_app)


def main() -> None:
    app()
