"""`presswatch bench extract`: PressWatch's HTML extraction against the open-source peers, same run.

The data is one or more body-extraction corpora (news and blog pages with a hand-checked body each, see
each README for origin and licence): by default every corpus under the shared ``bench/extraction*``
folders, each scored on its own, then the macro average over corpora. Every library gets the same
decoded HTML and URL; its text is scored with the benchmark's token-shingle metric
(``presswatch.bench.metrics``). Peers are the ``bench`` extra: one that is not installed is reported as
such, never a crash. A paired bootstrap over each corpus's pages gives the noise of PressWatch's F1
difference to the best peer there, so a gain smaller than about twice that is not read as one.

Peer outputs can be cached per corpus under ``artifacts/`` (``--cache``) for a fast loop on PressWatch
alone: a cached peer is scored as before but not timed.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import typer

from presswatch.bench.data import corpus_name, extraction_corpora, extraction_dir
from presswatch.bench.metrics import PageScore, Scores, aggregate, score_page
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
    pages_per_s: float | None  # None: not installed, or read from the cache
    failures: int = 0
    page_scores: tuple[PageScore, ...] = ()

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
    pages: list[BenchPage],
    libraries: Iterable[Library] = LIBRARIES,
    *,
    cached: dict[str, list[str]] | None = None,
) -> list[LibraryResult]:
    """Every library on every page, interleaved page by page so that load from other processes on a
    shared machine falls on all libraries alike. The order rotates from page to page, since whoever
    reads a page second finds it in the CPU caches; each library is warmed up (imports) untimed.
    ``cached`` maps a library name to its outputs for ``pages`` from an earlier run: those are scored,
    not run."""
    cached = cached or {}
    chosen = [(library, _version(library)) for library in libraries]
    installed = [
        (library, version)
        for library, version in chosen
        if version is not None and library.name not in cached
    ]
    outputs: dict[str, list[str]] = {library.name: [] for library, _ in installed}
    outputs.update({name: list(texts) for name, texts in cached.items()})
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
        page_scores = tuple(
            score_page(p.truth, t)
            for p, t in zip(pages, outputs[library.name], strict=True)
        )
        seconds = elapsed.get(library.name, 0.0)
        results.append(
            LibraryResult(
                library.name,
                version,
                aggregate(page_scores),
                len(pages) / seconds if seconds else None,
                failures[library.name],
                page_scores,
            )
        )
    return results


def run_outputs(
    pages: list[BenchPage], library: Library
) -> list[str]:
    """One library's text for every page (a page it fails on is empty), untimed: for the cache."""
    texts = []
    for page in pages:
        try:
            texts.append(library.run(page.html, page.url))
        except Exception:  # noqa: BLE001 -- a peer crashing on a page is an empty text for that page
            texts.append("")
    return texts


# --- several corpora: cache, noise, macro average ------------------------------------------------------


def cache_file(cache_dir: Path, corpus: str, library: Library, version: str) -> Path:
    return cache_dir / corpus / f"{library.name.replace(' ', '_')}@{version}.json"


def cached_outputs(
    cache_dir: Path, corpus: str, pages: list[BenchPage], libraries: Iterable[Library]
) -> dict[str, list[str]]:
    """The peers' outputs for ``pages`` from the cache, computing and storing those that are missing.
    PressWatch itself is never cached: it is what changes between runs."""
    out: dict[str, list[str]] = {}
    for library in libraries:
        version = _version(library)
        if version is None or library.name == "presswatch":
            continue
        path = cache_file(cache_dir, corpus, library, version)
        stored: dict[str, str] = (
            json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        )
        missing = [page for page in pages if page.page_id not in stored]
        if missing:
            stored.update(
                zip((p.page_id for p in missing), run_outputs(missing, library), strict=True)
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(stored), encoding="utf-8")
        out[library.name] = [stored[page.page_id] for page in pages]
    return out


def _f1(page_scores: list[PageScore]) -> float:
    return aggregate(page_scores).f1


def paired_bootstrap_sd(
    a: tuple[PageScore, ...] | list[PageScore],
    b: tuple[PageScore, ...] | list[PageScore],
    *,
    rounds: int = 500,
    seed: int = 0,
) -> float:
    """Standard deviation of F1(a) - F1(b) over page resamples drawn alike for both (paired)."""
    if len(a) != len(b):
        raise ValueError("paired bootstrap needs the same pages on both sides")
    if len(a) < 2:
        return 0.0
    rng = random.Random(seed)
    n = len(a)
    diffs = []
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        diffs.append(_f1([a[i] for i in picks]) - _f1([b[i] for i in picks]))
    mean = sum(diffs) / rounds
    return (sum((d - mean) ** 2 for d in diffs) / (rounds - 1)) ** 0.5


@dataclass(frozen=True, slots=True)
class CorpusResult:
    name: str
    pages: int
    results: list[LibraryResult]

    def best_peer(self) -> LibraryResult | None:
        peers = [r for r in self.results if r.scores is not None and r.name != "presswatch"]
        return max(peers, key=lambda r: r.scores.f1) if peers else None  # type: ignore[union-attr]

    def result(self, name: str) -> LibraryResult | None:
        return next((r for r in self.results if r.name == name), None)

    def noise(self) -> float | None:
        """Paired-bootstrap SD of PressWatch's F1 minus the best peer's, on this corpus."""
        ours, best = self.result("presswatch"), self.best_peer()
        if ours is None or best is None or ours.scores is None:
            return None
        return paired_bootstrap_sd(ours.page_scores, best.page_scores)


def macro_f1(corpora: list[CorpusResult]) -> dict[str, float]:
    """Each library's F1 averaged over the corpora (only libraries scored on all of them)."""
    names = [r.name for r in corpora[0].results] if corpora else []
    out: dict[str, float] = {}
    for name in names:
        f1s = [c.result(name) for c in corpora]
        if all(r is not None and r.scores is not None for r in f1s):
            out[name] = sum(r.scores.f1 for r in f1s) / len(f1s)  # type: ignore[union-attr]
    return out


def run_corpora(
    folders: list[Path],
    libraries: list[Library],
    *,
    limit: int | None = None,
    cache_dir: Path | None = None,
) -> list[CorpusResult]:
    corpora = []
    for folder in folders:
        pages = load_pages(folder, limit=limit)
        name = corpus_name(folder)
        cached = cached_outputs(cache_dir, name, pages, libraries) if cache_dir else None
        corpora.append(CorpusResult(name, len(pages), run_benchmark(pages, libraries, cached=cached)))
    return corpora


def corpora_json(corpora: list[CorpusResult]) -> dict:
    return {
        "corpora": {
            c.name: {**results_json(c.results), "pages": c.pages, "noise_sd": _rounded(c.noise())}
            for c in corpora
        },
        "macro_f1": {k.replace(" ", "_"): round(v, 4) for k, v in macro_f1(corpora).items()},
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


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
            "pages_per_s": None if result.pages_per_s is None else round(result.pages_per_s, 1),
            "version": result.version,
            "failed_pages": result.failures,
        }
    return out


def _table(corpus: CorpusResult):
    from rich.table import Table

    noise = corpus.noise()
    title = f"{corpus.name}: {corpus.pages} pages (token-shingle P/R/F1)"
    if noise is not None:
        title += f"; paired-bootstrap SD of PressWatch - best peer: {noise:.3f}"
    table = Table(title=title)
    for column in ("library", "version", "P", "R", "F1", "pages/s"):
        table.add_column(column, justify="left" if column in ("library", "version") else "right")
    for result in sorted(corpus.results, key=lambda r: -(r.scores.f1 if r.scores else -1)):
        if result.scores is None:
            table.add_row(result.name, "not installed", "", "", "", "")
            continue
        speed = "cached" if result.pages_per_s is None else f"{result.pages_per_s:.0f}"
        table.add_row(
            result.name,
            result.version,
            f"{result.scores.precision:.3f}",
            f"{result.scores.recall:.3f}",
            f"{result.scores.f1:.3f}",
            speed + (f" ({result.failures} failed)" if result.failures else ""),
        )
    return table


def _macro_table(corpora: list[CorpusResult]):
    from rich.table import Table

    table = Table(title=f"Macro average over {len(corpora)} corpora (F1)")
    table.add_column("library")
    for corpus in corpora:
        table.add_column(corpus.name, justify="right")
    table.add_column("macro F1", justify="right")
    for name, macro in sorted(macro_f1(corpora).items(), key=lambda kv: -kv[1]):
        cells = [f"{c.result(name).scores.f1:.3f}" for c in corpora]  # type: ignore[union-attr]
        table.add_row(name, *cells, f"{macro:.3f}")
    return table


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("extract")
    def bench_extract(
        as_json: bool = typer.Option(
            False, "--json", help="End with one JSON line of every library's scores."
        ),
        limit: int | None = typer.Option(
            None, "--limit", min=1, help="Only the first N pages of each corpus (quick loops)."
        ),
        only: list[str] = typer.Option(
            None,
            "--only",
            help="Run only these libraries (repeatable), e.g. --only presswatch.",
        ),
        data: list[Path] = typer.Option(
            None,
            "--data",
            help="A corpus folder (html/ + ground-truth.json); repeatable. Default: every corpus under "
            "the shared bench/extraction* folders, or $PRESSWATCH_EXTRACTION_BENCH alone.",
        ),
        cache: bool = typer.Option(
            False,
            "--cache",
            help="Reuse the peers' outputs stored under artifacts/bench-cache (computed once); "
            "cached peers are not timed.",
        ),
    ) -> None:
        """Score PressWatch and the peer extractors on each corpus and on their macro average, in one run."""
        from presswatch.cli.common import console, handle_errors, print_json

        folders = list(data) if data else extraction_corpora()
        chosen = [
            lib
            for lib in LIBRARIES
            if not only or lib.name in only or lib.name.replace(" ", "_") in only
        ]
        with handle_errors(), console.status(
            f"extracting {len(folders)} corpora with {len(chosen)} libraries"
        ):
            corpora = run_corpora(
                folders,
                chosen,
                limit=limit,
                cache_dir=Path("artifacts") / "bench-cache" if cache else None,
            )
        for corpus in corpora:
            console.print(_table(corpus))
        if len(corpora) > 1:
            console.print(_macro_table(corpora))
        if as_json:
            print_json(results_json(corpora[0].results) if len(corpora) == 1 else corpora_json(corpora))
