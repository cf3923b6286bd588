"""`presswatch bench clean`: the messy-text cleaner on news bodies with seed-like noise added.

The bodies are the hand-checked ground truth of the article-extraction benchmark (see
``presswatch bench extract``). Each body gets the residue scrapers leave in plain text, drawn with a
fixed seed so every run sees the same documents: the headline printed twice with a site residue
(" – .", " | Site", " - Site Name"), share buttons, cookie notices, subscribe and newsletter prompts,
"Related:"/"Read more" links, advertisement markers, a copyright line and comment-form labels.

Scoring is line-level: the truth lines are the body's non-empty lines; the cleaner's kept lines are
its standfirst and paragraphs (the title is not body). Two lines are the same when their word tokens
are (so the cleaner's quote-spacing fixes are not counted against it). Precision and recall are over
all lines of all pages; a "no cleaning" row keeps every line of the noisy text, for comparison.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import typer

from presswatch.errors import PressWatchError

_WORD = re.compile(r"\w+")

#: Residue a scraper leaves after a headline; "{site}" is the page's site name.
TITLE_RESIDUES = (" – .", " — .", " | {site}", " - {site}", " – {site}", " |", "")
SHARE_LINES = ("Share this article", "Share on Facebook", "Share on Twitter", "Facebook Twitter WhatsApp Email",
               "Share", "Tweet", "Click to share on LinkedIn (Opens in new window)", "Follow us on Instagram")
COOKIE_LINES = ("We use cookies to give you the best experience on our website.",
                "This website uses cookies. By continuing to browse you agree to our use of cookies.",
                "Accept cookies", "Cookie settings")
SUBSCRIBE_LINES = ("Subscribe now", "Sign up for our daily newsletter", "Get the morning briefing delivered to your inbox",
                   "Enter your email address", "Already a subscriber? Log in",
                   "Don't miss a story: sign up for our free newsletter.", "Subscribe")
RELATED_LINES = ("Related: {other}", "Read more: {other}", "READ MORE: {other}", "See also: {other}", "Related Articles",
                 "Recommended for you", "You may also like", "Most read")
AD_LINES = ("Advertisement", "ADVERTISEMENT", "Story continues below advertisement", "Sponsored content")
COPYRIGHT_LINES = ("© {year} {site}. All rights reserved.", "Copyright {year} {site}", "All rights reserved.")
FORM_LINES = ("Leave a Reply", "Please enter your comment!", "Please enter your name here",
              "You have entered an incorrect email address!", "Please enter your email address here",
              "Your email address will not be published. Required fields are marked *", "Comment *", "Name *",
              "Email *", "Website", "Save my name, email, and website in this browser for the next time I comment.",
              "Post Comment")


@dataclass(frozen=True, slots=True)
class NoisyPage:
    page_id: str
    text: str  # the body with noise added
    truth_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LineScores:
    precision: float
    recall: float
    f1: float
    kept: int
    true: int
    matched: int


def _truth_lines(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def _line_key(line: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", line).casefold()))


def _site_name(url: str | None) -> str:
    host = (urlsplit(url or "").hostname or "example.com").removeprefix("www.")
    name = host.split(".")[0]
    return f"The {name.capitalize()} News" if len(name) < 6 else name.capitalize()


def _headline(url: str | None, body_lines: Sequence[str]) -> str:
    """A headline for the page: the URL's slug in words, else the body's first words."""
    path = urlsplit(url or "").path
    for segment in reversed([s for s in path.split("/") if s]):
        words = [w for w in re.split(r"[-_+]", re.sub(r"\.\w+$", "", segment)) if w and not w.isdigit()]
        if len(words) >= 4:
            return " ".join(words).capitalize()
    first = body_lines[0].split() if body_lines else ["Untitled"]
    return " ".join(first[:8]).rstrip(".,;:")


def add_noise(body: str, url: str | None, rng: random.Random, *, other_headline: str) -> str:
    """The body as a scraper would leave it: headline twice, junk lines between and after paragraphs."""
    site = _site_name(url)
    lines = body.strip().split("\n")
    headline = _headline(url, _truth_lines(body))
    residue = rng.choice(TITLE_RESIDUES).format(site=site)
    fill = {"site": site, "other": other_headline, "year": str(rng.randint(2015, 2026))}
    top = [headline + residue, "", headline + residue, ""]
    if rng.random() < 0.3:
        top = [rng.choice(SHARE_LINES), ""] + top
    # junk between paragraphs, at blank-line boundaries so it never splits a truth line
    boundaries = [i for i, line in enumerate(lines) if not line.strip()] or [len(lines)]
    pools = (SHARE_LINES, COOKIE_LINES, SUBSCRIBE_LINES, RELATED_LINES, AD_LINES)
    for position in sorted(rng.sample(boundaries, k=min(len(boundaries), rng.randint(1, 3))), reverse=True):
        junk = rng.choice(rng.choice(pools)).format(**fill)
        lines[position:position] = ["", junk]
    tail = [rng.choice(SHARE_LINES), rng.choice(SUBSCRIBE_LINES)]
    if rng.random() < 0.5:
        tail.append(rng.choice(COOKIE_LINES))
    tail.append(rng.choice(COPYRIGHT_LINES).format(**fill))
    start = rng.randrange(0, 3)
    tail += list(FORM_LINES[start: start + rng.randint(2, 6)])
    return "\n".join(top + lines + ["", ""] + tail) + "\n"


def benchmark_dir() -> Path:
    from presswatch.bench.extract import benchmark_dir as extraction_dir

    return extraction_dir()


def load_noisy_pages(*, limit: int | None = None, seed: int = 13, data_dir: Path | None = None) -> list[NoisyPage]:
    """The benchmark bodies (sorted by id, first ``limit``) with noise drawn from ``seed``."""
    truth_file = (data_dir or benchmark_dir()) / "ground-truth.json"
    if not truth_file.exists():
        raise PressWatchError(f"benchmark ground truth not found at {truth_file}; set $PRESSWATCH_EXTRACTION_BENCH")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    rng = random.Random(seed)
    headlines = [_headline(truth[i].get("url"), _truth_lines(truth[i].get("articleBody") or "")) for i in ids]
    pages = []
    for index, page_id in enumerate(ids):
        body = truth[page_id].get("articleBody") or ""
        if not _truth_lines(body):
            continue
        other = headlines[(index + 1) % len(headlines)]
        pages.append(NoisyPage(page_id, add_noise(body, truth[page_id].get("url"), rng, other_headline=other),
                               tuple(_truth_lines(body))))
    return pages


def score_lines(pages: Sequence[NoisyPage], kept_lines: Callable[[str], Sequence[str]]) -> LineScores:
    """Line-level precision/recall/F1 of ``kept_lines`` (text -> body lines) over all pages."""
    kept_total = true_total = matched = 0
    for page in pages:
        predicted = Counter(_line_key(line) for line in kept_lines(page.text) if _line_key(line))
        truth = Counter(_line_key(line) for line in page.truth_lines if _line_key(line))
        matched += sum((predicted & truth).values())
        kept_total += sum(predicted.values())
        true_total += sum(truth.values())
    precision = matched / kept_total if kept_total else 1.0
    recall = matched / true_total if true_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LineScores(precision, recall, f1, kept_total, true_total, matched)


def presswatch_lines(text: str) -> list[str]:
    from presswatch.extract.text import clean_text

    cleaned = clean_text(text)
    return ([cleaned.standfirst] if cleaned.standfirst else []) + list(cleaned.paragraphs)


def no_cleaning_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


CLEANERS: dict[str, Callable[[str], Sequence[str]]] = {"presswatch": presswatch_lines, "no_cleaning": no_cleaning_lines}


def run_clean_benchmark(*, limit: int | None = None, seed: int = 13) -> dict[str, LineScores]:
    pages = load_noisy_pages(limit=limit, seed=seed)
    return {name: score_lines(pages, cleaner) for name, cleaner in CLEANERS.items()}


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("clean")
    def bench_clean(
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the scores."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N bodies (quick loops)."),
        seed: int = typer.Option(13, "--seed", help="Seed of the noise: the same seed gives the same documents."),
    ) -> None:
        """Score the messy-text cleaner on benchmark bodies with seed-like scraper noise added."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            results = run_clean_benchmark(limit=limit, seed=seed)
        pages = limit or "all"
        table = Table(title=f"Messy-text cleaning, {pages} bodies, noise seed {seed} (line-level P/R/F1)")
        for column in ("cleaner", "P", "R", "F1", "kept lines", "true lines", "matched"):
            table.add_column(column, justify="left" if column == "cleaner" else "right")
        for name, s in results.items():
            table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.kept), str(s.true),
                          str(s.matched))
        console.print(table)
        if as_json:
            print_json({name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                        for name, s in results.items()})
