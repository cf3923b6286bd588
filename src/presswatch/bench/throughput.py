"""`presswatch bench throughput`: end-to-end articles/s of the whole pipeline, per stage and per executor.

Input: the extraction benchmark's HTML pages (read in place). Rows: each stage alone (extract, NLP),
then full ingests into a fresh SQLite database with the local executor at 1 and N workers and, when
installed, on Ray. trafilatura alone is the reference row: the floor cost of reading the HTML at all;
spaCy's full pipeline alone (the model as spaCy loads it) is the other: what PressWatch's NLP is
measured against (``ratio_vs_full_parse``). With ``--quality`` the quotes of PolNeAR dev are scored
on PressWatch's parse and on the full parse of the model's own components (``quote_f1_delta``).
``--json`` prints the rows, then a last line with the goals' figures.
"""

from __future__ import annotations

import gzip
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from presswatch.bench.data import extraction_dir

DEFAULT_DATA = extraction_dir()


def _pages(data_dir: Path, limit: int | None) -> list[Path]:
    pages = sorted((data_dir / "html").glob("*.html.gz"))
    return pages[:limit] if limit else pages


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else 0.0


SPACY_FULL = "spacy full pipeline alone"


def _spacy_full(texts: list[str]) -> dict[str, float]:
    """The reference: the model as spaCy loads it, every component, over the same texts."""
    import spacy

    from presswatch import config

    nlp = spacy.load(config.SPACY_MODEL)
    nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))
    nlp("warm up")
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {"seconds": time.perf_counter() - t, "articles": len(texts)}


def quote_quality(split: str = "dev") -> dict[str, float]:
    """Quote F1 and speaker accuracy on a PolNeAR split, with PressWatch's parse and with the full
    parse of the model's own components; the deltas are the faster pipeline's cost in quality."""
    from presswatch.bench.quotes import load_split, presswatch_predictions, score_predictions

    articles = load_split(split)
    fast = score_predictions(articles, presswatch_predictions(articles))
    full = score_predictions(articles, presswatch_predictions(articles, full_parse=True))
    return {
        "quote_f1": fast.f1, "quote_f1_full_parse": full.f1, "quote_f1_delta": fast.f1 - full.f1,
        "speaker_accuracy": fast.speaker_accuracy, "speaker_accuracy_full_parse": full.speaker_accuracy,
        "speaker_accuracy_delta": fast.speaker_accuracy - full.speaker_accuracy, "articles": len(articles),
    }


NEWSPAPER_PARSE = "newspaper4k parse alone"


def _newspaper_parse(html: list[str]) -> dict[str, float] | None:
    """newspaper4k's ``parse()`` of each page (its body, authors, date, title; no NLP), when installed."""
    try:
        from newspaper import Article as NewspaperArticle
    except ImportError:
        return None
    t = time.perf_counter()
    for doc in html:
        # fetch_images=False: its default fetches every image over the network (seconds a page here)
        page = NewspaperArticle("https://news.example/article", fetch_images=False)
        try:
            page.download(input_html=doc)
            page.parse()
        except Exception:  # noqa: BLE001 - a page it cannot parse still counts as work done
            pass
    return {"seconds": time.perf_counter() - t, "articles": len(html)}


def summary(results: dict[str, dict[str, float]], workers: int) -> dict[str, dict[str, float]]:
    """The figures the goals are stated in: PressWatch ingest (one process) against the full spaCy parse."""
    def rate(name: str) -> float | None:
        row = results.get(name)
        return None if row is None else row["articles_per_s"]

    one, many, ray = rate("presswatch ingest, local x1"), rate(f"presswatch ingest, local x{workers}"), rate(f"presswatch ingest, ray x{workers}")
    reference = rate(SPACY_FULL)
    out: dict[str, dict[str, float]] = {"presswatch": {"articles_per_s": one or 0.0}}
    if one and reference:
        out["presswatch"]["ratio_vs_full_parse"] = one / reference
    if one and many and workers > 1:
        out["presswatch"]["workers_speedup"] = many / one
    if ray and many:
        out["presswatch"]["ray_vs_local"] = ray / many
    quality = results.get("_quality")
    if quality:
        out["presswatch"]["quote_f1_delta"] = quality["quote_f1_delta"]
        out["presswatch"]["speaker_accuracy_delta"] = quality["speaker_accuracy_delta"]
    if reference:
        out["spacy_full"] = {"articles_per_s": reference}
    if rate("trafilatura extract only"):
        out["trafilatura"] = {"articles_per_s": rate("trafilatura extract only")}
    newspaper = rate(NEWSPAPER_PARSE)
    if newspaper:
        out["newspaper4k"] = {"articles_per_s": newspaper}
        if one:
            out["presswatch"]["ratio_vs_newspaper4k_parse"] = one / newspaper
    rss = results.get("_rss")
    if rss and "rss_growth" in rss:
        out["presswatch"]["rss_growth_1k_10k"] = rss["rss_growth"]
    return out


def run_throughput(
    data_dir: Path = DEFAULT_DATA, *, limit: int | None = None, workers: int = 2, with_ray: bool = True,
    quality: bool = True,
) -> dict[str, dict[str, float]]:
    """Measure; returns {row: {"articles_per_s": .., "seconds": .., "articles": ..}}."""
    import trafilatura

    from presswatch.extract import extract
    from presswatch.model import RawDocument
    from presswatch.nlp import annotate, annotate_many
    from presswatch.run.executor import LocalExecutor
    from presswatch.run.ingest import ingest_paths
    from presswatch.store import open_store

    pages = _pages(data_dir, limit)
    if not pages:
        raise typer.BadParameter(f"no pages under {data_dir}/html")
    html = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    results: dict[str, dict[str, float]] = {}

    t = time.perf_counter()
    for doc in html:
        trafilatura.extract(doc, include_comments=False, fast=True)
    results["trafilatura extract only"] = {"seconds": time.perf_counter() - t, "articles": len(html)}

    newspaper = _newspaper_parse(html)
    if newspaper is not None:
        results[NEWSPAPER_PARSE] = newspaper

    t = time.perf_counter()
    articles = []
    for path, doc in zip(pages, html, strict=True):
        try:
            articles.append(extract(RawDocument(source_path=str(path), content=doc, kind="html")))
        except Exception:  # noqa: BLE001 - a page without a body still counts as work done
            pass
    results["presswatch extract"] = {"seconds": time.perf_counter() - t, "articles": len(html)}

    results[SPACY_FULL] = _spacy_full([a.text for a in articles])

    annotate(articles[0])  # load the model outside the timing
    t = time.perf_counter()
    for _ in annotate_many(articles):
        pass
    results["presswatch nlp"] = {"seconds": time.perf_counter() - t, "articles": len(articles)}

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "pages"
        corpus.mkdir()
        for path, doc in zip(pages, html, strict=True):
            (corpus / path.name.removesuffix(".gz")).write_text(doc, "utf-8")
        # Each executor is started (its workers' models loaded) before its clock starts, as the model
        # is for the NLP row: the rows compare steady-state rates; start-up is reported beside them.
        def timed_ingest(executor, db_name: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
            store = open_store(str(Path(tmp) / db_name))
            try:
                t = time.perf_counter()
                with executor:
                    startup = time.perf_counter() - t
                    report = ingest_paths([corpus], store, executor=executor)
            finally:
                store.close()
            return {"seconds": report.seconds, "articles": report.documents, "startup_s": startup}

        for n in sorted({1, workers}):
            results[f"presswatch ingest, local x{n}"] = timed_ingest(LocalExecutor(n), f"local{n}.db")
        if with_ray:
            try:
                import ray  # noqa: F401
            except ImportError:
                pass
            else:
                from presswatch.run.ray_executor import RayExecutor

                results[f"presswatch ingest, ray x{workers}"] = timed_ingest(
                    RayExecutor(num_cpus=workers, actors=workers), "ray.db"
                )
    for row in results.values():
        row["articles_per_s"] = _rate(int(row["articles"]), row["seconds"])
    if quality:
        results["_quality"] = quote_quality()
    results["_memory"] = {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return results


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("throughput")
    def throughput(
        data_dir: Path = typer.Option(DEFAULT_DATA, "--data", help="The extraction benchmark folder."),
        limit: Optional[int] = typer.Option(None, "--limit", min=1),
        workers: int = typer.Option(2, "--workers", min=1),
        ray: bool = typer.Option(True, "--ray/--no-ray"),
        quality: bool = typer.Option(True, "--quality/--no-quality",
                                     help="Also score quotes on PolNeAR dev with PressWatch's parse and the full parse."),
        as_json: bool = typer.Option(False, "--json"),
        rss_docs: str = typer.Option(
            "1000,10000", "--rss-docs", help="Document counts to read the RSS at while ingesting varied copies; 0 skips."
        ),
    ) -> None:
        """End-to-end articles/s of the pipeline (extract, NLP, dedup, store) per executor, beside spaCy's full parse."""
        results = run_throughput(data_dir, limit=limit, workers=workers, with_ray=ray, quality=quality)
        sizes = [int(x) for x in rss_docs.split(",") if x.strip() and int(x) > 0]
        if sizes:
            from presswatch.bench.rss import rss_growth

            pages = [(p.name.removesuffix(".html.gz"), gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))
                     for p in _pages(data_dir, limit)]
            results["_rss"] = rss_growth(pages, sizes)
        console = Console(stderr=as_json)
        table = Table("run", "articles", "seconds", "articles/s", "start-up s", title="Throughput")
        for name, row in results.items():
            if name.startswith("_"):
                continue
            startup = f"{row['startup_s']:.1f}" if "startup_s" in row else ""
            table.add_row(
                name, str(int(row["articles"])), f"{row['seconds']:.2f}", f"{row['articles_per_s']:.1f}", startup
            )
        console.print(table)
        console.print(f"peak RSS {results['_memory']['peak_rss_mb']:.0f} MB (this process)")
        if "_rss" in results:
            rss = results["_rss"]
            console.print("RSS while ingesting varied copies: " + ", ".join(
                f"{k.removeprefix('rss_mb_')} docs {v:.0f} MB" for k, v in rss.items() if k.startswith("rss_mb_")
            ) + f"; growth {rss['rss_growth']:.3f}x")
        goals = summary(results, workers)
        for key, label in (
            ("ratio_vs_full_parse", "ingest x1 / spaCy full pipeline"),
            ("ratio_vs_newspaper4k_parse", "ingest x1 / newspaper4k parse"),
            ("workers_speedup", f"ingest x{workers} / x1"),
            ("ray_vs_local", f"Ray x{workers} / local x{workers}"),
        ):
            if key in goals["presswatch"]:
                console.print(f"{label}: {goals['presswatch'][key]:.2f}x")
        q = results.get("_quality")
        if q:
            console.print(
                f"PolNeAR dev quote F1 {q['quote_f1']:.4f} (full parse {q['quote_f1_full_parse']:.4f}), "
                f"speaker accuracy {q['speaker_accuracy']:.4f} (full parse {q['speaker_accuracy_full_parse']:.4f})"
            )
        if as_json:
            print(json.dumps({k.replace(" ", "_"): v for k, v in results.items()}))
            print(json.dumps(goals))
