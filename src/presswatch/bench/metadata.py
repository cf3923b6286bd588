"""`presswatch bench metadata`: authors, publication day and title against trafilatura, htmldate and
newspaper4k on the shared metadata sets, in one run.

Scoring follows the sets' README (trafilatura's own evaluation): authors split on ``;``, casefolded,
letters and digits only, a leading "by" dropped, then exact set equality per page ("authors (; only)").
The annotations also list several writers as "A, B" or "A und B", so the main author figure splits
every value, expected and found alike, at those list separators too before comparing the sets; a date is right when
its first ten characters equal the expected day; a title matches exactly after normalisation and
casefold. Each field is scored only on pages whose expected value is non-empty. The no-date rate is the
share of dated pages for which a system gave no date at all.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer

from presswatch.bench.data import metadata_dir
from presswatch.errors import PressWatchError


@dataclass(frozen=True, slots=True)
class MetaPage:
    page_id: str
    url: str | None
    html: str
    title: str | None
    authors: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class Found:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None


def load_meta_pages(folder: Path, *, limit: int | None = None) -> list[MetaPage]:
    expected_file = folder / "expected.json"
    if not expected_file.exists():
        raise PressWatchError(f"metadata set not found at {folder} (set PRESSWATCH_METADATA_BENCH)")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    pages = []
    for stem in sorted(expected)[: limit if limit else None]:
        raw = gzip.decompress((folder / "pages" / f"{stem}.html.gz").read_bytes())
        entry = expected[stem]
        pages.append(MetaPage(stem, entry.get("url"), raw.decode("utf-8", errors="replace"),
                              _text(entry.get("title")), _text(entry.get("author")), _text(entry.get("date"))))
    return pages


def _text(value: object) -> str | None:
    """An annotation as text; a missing or non-text one (the sets have a few) is no annotation."""
    return value.strip() or None if isinstance(value, str) else None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[‘’‚‛]", "'", text)
    text = re.sub(r"[“”„‟]", '"', text)
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    return " ".join(text.split()).casefold()


def author_key(name: str) -> str:
    key = re.sub(r"[^\w]|_", "", _norm(name))
    return key[2:] if key.startswith("by") and len(key) > 2 else key


def author_set(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The README's key set: one key per ``;``-separated value (as each system's list gives them)."""
    return frozenset(k for k in (author_key(n) for n in names) if k)


# how the annotations list several writers besides "; ": "A, B", "A und B", "A & B", "A/B"
_NAME_LIST = re.compile(r"\s*(?:[;,/&]|\s(?:and|und|et|y)\s)\s*", re.IGNORECASE)


def author_names(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The key set with every value split at the list separators too, on both sides alike: the sets
    annotate "Rudolf Fischer, Simon Kohler" or "A und B" for two writers where a system lists two names."""
    return author_set([part for name in names for part in _NAME_LIST.split(name)])


# --- the systems -----------------------------------------------------------------------------------


def _presswatch(page: MetaPage) -> Found:
    from presswatch.extract.html import extract_html

    parts = extract_html(page.html, url=page.url, ensemble=False)
    return Found(parts.title, tuple(parts.authors), parts.published)


def _trafilatura(page: MetaPage) -> Found:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Found()
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Found(doc.title, authors, doc.date)


def _htmldate(page: MetaPage) -> Found:
    from htmldate import find_date

    return Found(date=find_date(page.html, url=page.url, extensive_search=True, original_date=True))


def _newspaper(page: MetaPage) -> Found:
    import newspaper

    article = newspaper.article(page.url or "http://example.invalid/", input_html=page.html, fetch_images=False)
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return Found(article.title, tuple(article.authors or ()), date)


SYSTEMS: dict[str, Callable[[MetaPage], Found]] = {
    "presswatch": _presswatch,
    "trafilatura": _trafilatura,
    "htmldate": _htmldate,
    "newspaper4k": _newspaper,
}
#: fields each system claims to give (htmldate only dates)
FIELDS = {"presswatch": ("title", "authors", "date"), "trafilatura": ("title", "authors", "date"),
          "htmldate": ("date",), "newspaper4k": ("title", "authors", "date")}


@dataclass(frozen=True, slots=True)
class MetaScores:
    authors: float | None  # share of author-annotated pages whose set of names matches (lists split)
    authors_strict: float | None  # the same with values split on ";" only, as the README scores
    day: float | None
    no_date: float | None
    title: float | None
    failures: int


def score(pages: list[MetaPage], found: list[Found | None], fields: tuple[str, ...]) -> MetaScores:
    failures = sum(f is None for f in found)
    rows = [(p, f or Found()) for p, f in zip(pages, found, strict=True)]
    rows = [(p, Found(f.title, f.authors, str(f.date) if f.date else None)) for p, f in rows]
    authored = [(p, f) for p, f in rows if p.authors]
    dated = [(p, f) for p, f in rows if p.date]
    titled = [(p, f) for p, f in rows if p.title]

    def share(hits: int, total: int) -> float | None:
        return hits / total if total else None

    return MetaScores(
        authors=share(sum(author_names([p.authors]) == author_names(f.authors) for p, f in authored),
                      len(authored)) if "authors" in fields else None,
        authors_strict=share(sum(author_set(p.authors.split(";")) == author_set(f.authors) for p, f in authored),
                             len(authored)) if "authors" in fields else None,
        day=share(sum(bool(f.date) and f.date[:10] == p.date[:10] for p, f in dated), len(dated))
        if "date" in fields else None,
        no_date=share(sum(not f.date for p, f in dated), len(dated)) if "date" in fields else None,
        title=share(sum(bool(f.title) and _norm(f.title) == _norm(p.title) for p, f in titled), len(titled))
        if "title" in fields else None,
        failures=failures,
    )


def run_set(pages: list[MetaPage], systems: dict[str, Callable[[MetaPage], Found]] = SYSTEMS) -> dict[str, MetaScores]:
    out = {}
    for name, run in systems.items():
        found: list[Found | None] = []
        for page in pages:
            try:
                found.append(run(page))
            except Exception:  # noqa: BLE001 -- a system failing on a page scores that page empty
                found.append(None)
        out[name] = score(pages, found, FIELDS.get(name, ("title", "authors", "date")))
    return out


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("metadata")
    def bench_metadata(
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of every system's scores."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N pages of each set."),
    ) -> None:
        """Authors, publication day and title: PressWatch beside trafilatura, htmldate and newspaper4k."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        root = metadata_dir()
        results = {}
        with handle_errors():
            sets = sorted(p.parent for p in root.glob("*/expected.json"))
            if not sets:
                raise PressWatchError(f"no metadata set under {root} (set PRESSWATCH_METADATA_BENCH)")
            for folder in sets:
                pages = load_meta_pages(folder, limit=limit)
                with console.status(f"{folder.name}: {len(pages)} pages"):
                    results[folder.name] = (len(pages), run_set(pages))
        for name, (count, scores) in results.items():
            table = Table(title=f"Metadata, {name}: {count} pages")
            for column in ("system", "authors (set match)", "authors (; only)", "day", "no date", "title (exact)"):
                table.add_column(column, justify="left" if column == "system" else "right")
            for system, s in scores.items():
                cells = ["" if v is None else f"{v:.3f}"
                         for v in (s.authors, s.authors_strict, s.day, s.no_date, s.title)]
                table.add_row(system + (f" ({s.failures} failed)" if s.failures else ""), *cells)
            console.print(table)
        if as_json:
            print_json({name: {"pages": count, **{system: {"authors": s.authors, "authors_strict": s.authors_strict, "day": s.day, "no_date": s.no_date,
                                                           "title": s.title, "failed_pages": s.failures}
                                                  for system, s in scores.items()}}
                        for name, (count, scores) in results.items()})
