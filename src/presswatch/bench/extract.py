"""`presswatch bench extract`: PressWatch's HTML extraction against the open-source peers, same run.

The data is the public article-extraction benchmark (news pages with a hand-checked body each, see its
README for origin and licence). Every library gets the same decoded HTML and URL; its text is scored
with the benchmark's token-shingle metric (``presswatch.bench.metrics``). Peers are the ``bench``
extra: one that is not installed is reported as such, never a crash.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import typer

from presswatch.bench.data import extraction_dir
from presswatch.bench.metrics import Scores, aggregate, score_page
from presswatch.errors import PressWatchError

Extractor = Callable[[str, str | None], str]


@dataclass(frozen=True, slots=True)
class BenchPage:
    page_id: str
    url: str | None
    html: str
    truth: str


@dataclass(frozen=True, slots=True)
class LibraryResult:
    name: str
    version: str | None  # None: not installed
    scores: Scores | None
    pages_per_s: float | None
    failures: int = 0

    @property
    def installed(self) -> bool:
        return self.version is not None


def benchmark_dir() -> Path:
    return extraction_dir()


def load_pages(
    data_dir: Path | None = None, *, limit: int | None = None
) -> list[BenchPage]:
    """The benchmark's pages in a fixed (sorted id) order; ``limit`` takes the first N."""
    root = data_dir or benchmark_dir()
    truth_file = root / "ground-truth.json"
    if not truth_file.exists():
        raise PressWatchError(
            f"benchmark data not found at {root} (set PRESSWATCH_EXTRACTION_BENCH to its folder)"
        )
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[: limit if limit else None]:
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            BenchPage(
                page_id=page_id,
                url=truth[page_id].get("url"),
                html=raw.decode("utf-8", errors="replace"),
                truth=truth[page_id]["articleBody"],
            )
        )
    return pages


# --- the extractors, each called the way its documentation (and the benchmark README) says ---------


def _presswatch(html: str, url: str | None) -> str:
    from presswatch.extract.html import extract_html

    return "\n".join(extract_html(html, url=url).paragraphs)


def _trafilatura(**options: bool) -> Extractor:
    def run(html: str, url: str | None) -> str:
        import trafilatura

        return (
            trafilatura.extract(html, url=url, include_comments=False, **options) or ""
        )

    return run


def _readability(html: str, url: str | None) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(html).summary(html_partial=True))


def _newspaper(html: str, url: str | None) -> str:
    import newspaper

    article = newspaper.article(
        url or "http://example.invalid/", input_html=html, fetch_images=False
    )
    article.parse()
    return article.text or ""


def _justext(html: str, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _boilerpy(html: str, url: str | None) -> str:
    from boilerpy3 import extractors

    return extractors.ArticleExtractor(raise_on_failure=False).get_content(html) or ""


@dataclass(frozen=True, slots=True)
class Library:
    name: str
    distribution: str  # the pip distribution its version is read from
    modules: tuple[
        str, ...
    ]  # imported before timing, so a missing peer is detected up front
    run: Extractor


LIBRARIES: tuple[Library, ...] = (
    Library("presswatch", "presswatch", ("trafilatura",), _presswatch),
    Library(
        "trafilatura fast", "trafilatura", ("trafilatura",), _trafilatura(fast=True)
    ),
    Library("trafilatura", "trafilatura", ("trafilatura",), _trafilatura()),
    Library(
        "trafilatura precision",
        "trafilatura",
        ("trafilatura",),
        _trafilatura(favor_precision=True),
    ),
    Library(
        "trafilatura recall",
        "trafilatura",
        ("trafilatura",),
        _trafilatura(favor_recall=True),
    ),
    Library(
        "readability-lxml",
        "readability-lxml",
        ("readability", "html_text"),
        _readability,
    ),
    Library("newspaper4k", "newspaper4k", ("newspaper",), _newspaper),
    Library("justext", "justext", ("justext",), _justext),
    Library("boilerpy3", "boilerpy3", ("boilerpy3",), _boilerpy),
)


def _version(library: Library) -> str | None:
    import importlib

    try:
        for module in library.modules:
            importlib.import_module(module)
        return metadata.version(library.distribution)
    except (ImportError, metadata.PackageNotFoundError):
        return None


def run_library(library: Library, pages: list[BenchPage]) -> LibraryResult:
    """Extract every page with one library, timing the extraction only; a page it fails on scores empty."""
    version = _version(library)
    if version is None:
        return LibraryResult(library.name, None, None, None)
    outputs: list[str] = []
    failures = 0
    started = time.perf_counter()
    for page in pages:
        try:
            outputs.append(library.run(page.html, page.url))
        except Exception:  # noqa: BLE001 -- a peer crashing on a page is a zero for that page, not for the run
            outputs.append("")
            failures += 1
    elapsed = time.perf_counter() - started
    scores = aggregate(
        score_page(page.truth, text) for page, text in zip(pages, outputs, strict=True)
    )
    return LibraryResult(
        library.name,
        version,
        scores,
        len(pages) / elapsed if elapsed else None,
        failures,
    )


def run_benchmark(
    pages: list[BenchPage], libraries: Iterable[Library] = LIBRARIES
) -> list[LibraryResult]:
    """Every library on every page, interleaved page by page so that load from other processes on a
    shared machine falls on all libraries alike. The order rotates from page to page, since whoever
    reads a page second finds it in the CPU caches; each library is warmed up (imports) untimed."""
    chosen = [(library, _version(library)) for library in libraries]
    installed = [
        (library, version) for library, version in chosen if version is not None
    ]
    outputs: dict[str, list[str]] = {library.name: [] for library, _ in installed}
    failures = dict.fromkeys(outputs, 0)
    elapsed = dict.fromkeys(outputs, 0.0)
    if pages:
        for library, _ in installed:
            # a failure here is counted below, on the timed run
            with contextlib.suppress(Exception):
                library.run(pages[0].html, pages[0].url)
    for index, page in enumerate(pages):
        shift = index % len(installed) if installed else 0
        for library, _ in installed[shift:] + installed[:shift]:
            started = time.perf_counter()
            try:
                text = library.run(page.html, page.url)
            except Exception:  # noqa: BLE001 -- a peer crashing on a page is a zero for that page
                text = ""
                failures[library.name] += 1
            elapsed[library.name] += time.perf_counter() - started
            outputs[library.name].append(text)
    results = []
    for library, version in chosen:
        if version is None:
            results.append(LibraryResult(library.name, None, None, None))
            continue
        scores = aggregate(
            score_page(p.truth, t)
            for p, t in zip(pages, outputs[library.name], strict=True)
        )
        seconds = elapsed[library.name]
        results.append(
            LibraryResult(
                library.name,
                version,
                scores,
                len(pages) / seconds if seconds else None,
                failures[library.name],
            )
        )
    return results


def results_json(results: list[LibraryResult]) -> dict[str, dict[str, float] | str]:
    out: dict[str, dict[str, float] | str] = {}
    for result in results:
        key = result.name.replace(" ", "_")
        if result.scores is None:
            out[key] = "not installed"
            continue
        out[key] = {
            "precision": round(result.scores.precision, 4),
            "recall": round(result.scores.recall, 4),
            "f1": round(result.scores.f1, 4),
            "accuracy": round(result.scores.accuracy, 4),
            "pages_per_s": round(result.pages_per_s or 0.0, 1),
            "version": result.version,
            "failed_pages": result.failures,
        }
    return out


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("extract")
    def bench_extract(
        as_json: bool = typer.Option(
            False, "--json", help="End with one JSON line of every library's scores."
        ),
        limit: int | None = typer.Option(
            None, "--limit", min=1, help="Only the first N pages (quick loops)."
        ),
        only: list[str] = typer.Option(
            None,
            "--only",
            help="Run only these libraries (repeatable), e.g. --only presswatch.",
        ),
    ) -> None:
        """Score PressWatch and the peer extractors on the news-article benchmark, in one run."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            pages = load_pages(limit=limit)
        chosen = [
            lib
            for lib in LIBRARIES
            if not only or lib.name in only or lib.name.replace(" ", "_") in only
        ]
        with console.status(
            f"extracting {len(pages)} pages with {len(chosen)} libraries"
        ):
            results = run_benchmark(pages, chosen)
        table = Table(
            title=f"Article extraction, {len(pages)} pages (token-shingle P/R/F1)"
        )
        for column in ("library", "version", "P", "R", "F1", "pages/s"):
            table.add_column(
                column, justify="left" if column in ("library", "version") else "right"
            )
        for result in sorted(results, key=lambda r: -(r.scores.f1 if r.scores else -1)):
            if result.scores is None:
                table.add_row(result.name, "not installed", "", "", "", "")
                continue
            table.add_row(
                result.name,
                result.version,
                f"{result.scores.precision:.3f}",
                f"{result.scores.recall:.3f}",
                f"{result.scores.f1:.3f}",
                f"{result.pages_per_s:.0f}"
                + (f" ({result.failures} failed)" if result.failures else ""),
            )
        console.print(table)
        if as_json:
            print_json(results_json(results))
