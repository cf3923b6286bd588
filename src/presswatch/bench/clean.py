"""`presswatch bench clean`: the messy-text cleaner on news bodies with scraper junk added.

The bodies are the hand-checked ground truth of the article-extraction benchmark (see
``presswatch bench extract``). Each body is scored twice, with junk drawn with a fixed seed so every
run sees the same documents:

- **seen** documents carry the junk classes the cleaner's rules and its line model may learn from
  (``SEEN_CLASSES``): the headline printed twice with a site residue (" – .", " | Site"), share
  buttons, cookie notices, subscribe and newsletter prompts, "Related:"/"Read more" links,
  advertisement markers, a copyright line, comment-form labels, tag lists, reply/like widgets,
  next/previous-article links and print/e-mail/font-size tools;
- **held-out** documents carry only classes that no rule and no training run may use
  (``HELD_OUT_CLASSES``): photo credits and captions, dated bylines, "Updated 2 hours ago",
  breadcrumbs, social handles, app-store prompts, reading times, video/gallery labels, and a lone
  first line "Headline | Site" as the title.

All the junk is written here (fictional outlets, agencies and people). Scoring is line-level: the
truth lines are the body's non-empty lines; the cleaner's kept lines are its standfirst and paragraphs
(the title is not body). Two lines are the same when their word tokens are (so the cleaner's
quote-spacing fixes are not counted against it). Precision and recall are over all lines of all pages
of a split, and over both splits ("overall"); a "no cleaning" row keeps every line of the noisy text.

The cleaner's line model is trained on the seen classes over another corpus's bodies
(``python -m presswatch.bench.clean_training``); ``--loco`` there gives leave-one-seen-class-out
figures.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
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



_PEOPLE = ("Ann Lee", "Tomas Brevik", "Ines Haldor", "Ruth Calloway", "Omar Feld", "Lena Varga", "Pia Marsh")
_AGENCIES = ("Northwire", "Kestrel Images", "Harbour Photo Agency", "Pellow Press", "Greyline Pictures")
_MONTHS = ("January", "March", "May", "June", "August", "October", "December")
_SECTIONS = ("News", "World", "Local", "Sport", "Business", "Politics", "Culture", "Weather")

# -- seen classes written for this benchmark beside the original ones (the rules may use them)
TAG_LINES = ("Tags: {w1}, {w2}, {w3}", "Filed under: {section}", "Topics: {w1}, {w2}", "Tagged: {w1}, {w2}",
             "Categories: {section}, {section2}")
REPLY_LINES = ("Reply", "Like this:", "Loading...", "1 comment", "{n} comments", "Like", "{n} Likes",
               "Be the first to like this.", "Report comment")
NEXT_PREV_LINES = ("Next article", "Previous article", "Next article: {other}", "Previous post: {other}",
                   "Next story »", "« Previous story")
NEWSLETTER_LINES = ("Get our best stories every Friday in your inbox", "Join our mailing list",
                    "Sign up to the evening briefing", "Want the headlines first? Subscribe to our newsletter.",
                    "Our newsletters")
TOOL_LINES = ("Print", "Email", "Print this article", "Font size", "Text size", "A A A", "Email this story")
ACCOUNT_LINES = ("Sign in", "Log in", "Register", "My account", "Log out", "Create a free account",
                 "Sign in to your {site} account")
SEARCH_LINES = ("Search", "Search for:", "Type your search and press enter", "Search this site", "Search {site}")
PAGINATION_LINES = ("Page {n} of {m}", "1 2 3 Next »", "« Older posts", "Show more", "Newer posts »", "Page {n}")
RATING_LINES = ("Rate this article", "Was this article helpful? Yes No", "★★★★☆ ({n} votes)", "{n} people found this useful",
                "Average rating: {m}/5")
MENU_LINES = ("News Sport Business Culture Opinion", "Menu", "Sections", "News | Sport | Weather | Travel",
              "World UK Business Tech Science", "{section} {section2} Lifestyle Video")
TICKER_LINES = ("{section2} {n}°C", "Markets: Index {n},{minute}.{m} ▲0.{m}%", "Traffic: ring road closed at junction {m}",
                "Weather: {n}°C, light rain", "Tides: high water {hour}:{minute}")
FOOTER_LINES = ("Contact us | About us | Privacy policy | Terms of use", "Privacy Policy", "Terms and Conditions",
                "Accessibility", "About {site}", "Contact the newsroom", "Advertise with us")

# -- held-out classes: never used by a rule or a training run
PHOTO_LINES = ("Photo: {person} / {agency}", "Image copyright {agency}", "(Photo by {person}/{agency})",
               "Image: {person} via {agency}", "Picture: {agency}", "{person}/{agency}",
               "Photograph: {person} for {site}", "Credit: {agency}",
               "Crowds gathered outside the hall on {weekday}. Photo: {person} / {agency}")
DATED_BYLINES = ("Posted on {day} {month} {year} by {person}", "Published {hour}:{minute} {day} {month} {year}",
                 "{person} | {day} {month} {year}", "{day} {month} {year} at {hour}:{minute}",
                 "Posted by {person} on {month} {day}, {year}")
UPDATED_LINES = ("Updated {n} hours ago", "Last updated: {day} {month} {year} {hour}:{minute}",
                 "Updated {month} {day}, {year}", "{n} minutes ago", "Updated: {hour}:{minute}")
BREADCRUMB_LINES = ("Home › {section} › {section2}", "Home / {section} / {section2}", "Home > {section}",
                    "You are here: Home » {section}", "{section} » {section2}")
HANDLE_LINES = ("Follow @{handle}", "Follow {person} on X: @{handle}", "@{handle}", "Follow {site} on Bluesky",
                "Find us at @{handle}")
APP_LINES = ("Download our app", "Get the app on Google Play and the App Store", "Open in app",
             "Read this story in the {site} app", "Available on the App Store")
READING_LINES = ("{n} min read", "Reading time: {n} minutes", "Estimated reading time {n} min")
MEDIA_LINES = ("Watch: {other}", "Play video", "Video {n}:{minute}", "Listen to this article", "Gallery: {n} photos",
               "Click to enlarge", "View gallery", "Audio: {n} min")


@dataclass(frozen=True, slots=True)
class JunkClass:
    """A kind of scraper residue: its lines, where it sits (top, between paragraphs, tail) and split."""

    name: str
    lines: tuple[str, ...]
    where: tuple[str, ...]
    held_out: bool = False
    max_run: int = 1  # how many of its lines may follow each other (a form, a widget)


JUNK_CLASSES: tuple[JunkClass, ...] = (
    JunkClass("share", SHARE_LINES, ("top", "between", "tail")),
    JunkClass("cookie", COOKIE_LINES, ("between", "tail")),
    JunkClass("subscribe", SUBSCRIBE_LINES, ("between", "tail")),
    JunkClass("related", RELATED_LINES, ("between", "tail")),
    JunkClass("advertisement", AD_LINES, ("between",)),
    JunkClass("copyright", COPYRIGHT_LINES, ("tail",)),
    JunkClass("comment_form", FORM_LINES, ("tail",), max_run=6),
    JunkClass("tags", TAG_LINES, ("tail", "top")),
    JunkClass("reply_widget", REPLY_LINES, ("tail",), max_run=3),
    JunkClass("next_prev", NEXT_PREV_LINES, ("tail",), max_run=2),
    JunkClass("newsletter", NEWSLETTER_LINES, ("between", "tail")),
    JunkClass("tools", TOOL_LINES, ("top", "tail"), max_run=3),
    JunkClass("account", ACCOUNT_LINES, ("before_title", "tail"), max_run=2),
    JunkClass("search", SEARCH_LINES, ("before_title", "tail")),
    JunkClass("pagination", PAGINATION_LINES, ("tail",), max_run=2),
    JunkClass("rating", RATING_LINES, ("tail",)),
    JunkClass("menu", MENU_LINES, ("before_title", "tail")),
    JunkClass("ticker", TICKER_LINES, ("before_title", "top")),
    JunkClass("footer", FOOTER_LINES, ("tail",), max_run=3),
    JunkClass("photo_credit", PHOTO_LINES, ("top", "between", "tail"), held_out=True),
    JunkClass("dated_byline", DATED_BYLINES, ("top",), held_out=True),
    JunkClass("updated", UPDATED_LINES, ("top", "tail"), held_out=True),
    JunkClass("breadcrumb", BREADCRUMB_LINES, ("before_title",), held_out=True),
    JunkClass("social_handle", HANDLE_LINES, ("between", "tail"), held_out=True),
    JunkClass("app_prompt", APP_LINES, ("between", "tail"), held_out=True),
    JunkClass("reading_time", READING_LINES, ("top",), held_out=True),
    JunkClass("media_label", MEDIA_LINES, ("top", "between", "tail"), held_out=True),
)
#: the headline printed twice with a residue (seen) and a lone "Headline | Site" first line (held out)
TITLE_TWICE, LONE_TITLE = "title_twice", "lone_title"
SEEN_CLASSES = (TITLE_TWICE, *(c.name for c in JUNK_CLASSES if not c.held_out))
HELD_OUT_CLASSES = (LONE_TITLE, *(c.name for c in JUNK_CLASSES if c.held_out))
_BY_NAME = {c.name: c for c in JUNK_CLASSES}


@dataclass(frozen=True, slots=True)
class NoisyPage:
    page_id: str
    text: str  # the body with noise added
    truth_lines: tuple[str, ...]
    split: str = "seen"  # "seen" | "held_out"
    junk: tuple[tuple[str, str], ...] = ()  # (line, junk class) of every line added


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


def _fill(url: str | None, rng: random.Random, other_headline: str) -> dict[str, str]:
    site = _site_name(url)
    words = [w for w in re.findall(r"[a-z]{5,}", other_headline.lower())] or ["council", "harbour", "ferry"]
    sections = rng.sample(_SECTIONS, 2)
    return {"site": site, "other": other_headline, "year": str(rng.randint(2015, 2026)),
            "person": rng.choice(_PEOPLE), "agency": rng.choice(_AGENCIES), "month": rng.choice(_MONTHS),
            "day": str(rng.randint(1, 28)), "hour": f"{rng.randint(0, 23):02d}", "minute": f"{rng.randint(0, 59):02d}",
            "n": str(rng.randint(2, 48)), "m": str(rng.randint(1, 9)), "section": sections[0], "section2": sections[1],
            "weekday": rng.choice(("Monday", "Tuesday", "Friday", "Sunday")),
            "handle": re.sub(r"\W", "", site.lower())[:14] or "news",
            "w1": rng.choice(words), "w2": rng.choice(words), "w3": rng.choice(_SECTIONS).lower()}


def _junk_block(cls: JunkClass, rng: random.Random, fill: dict[str, str]) -> list[str]:
    if cls.max_run > 1:
        start = rng.randrange(0, max(1, len(cls.lines) - 1))
        return [line.format(**fill) for line in cls.lines[start: start + rng.randint(1, cls.max_run)]]
    return [rng.choice(cls.lines).format(**fill)]


def add_noise(body: str, url: str | None, rng: random.Random, *, other_headline: str,
              classes: Iterable[str] = SEEN_CLASSES) -> str:
    """The body as a scraper would leave it, with junk of ``classes`` only (the seen ones by default)."""
    return _noisy(body, url, rng, other_headline=other_headline, classes=tuple(classes))[0]


def _noisy(body: str, url: str | None, rng: random.Random, *, other_headline: str,
           classes: tuple[str, ...]) -> tuple[str, list[tuple[str, str]]]:
    """The noisy text and the (line, class) of each junk line in it."""
    fill = _fill(url, rng, other_headline)
    chosen = [_BY_NAME[name] for name in classes if name in _BY_NAME]
    junk: list[tuple[str, str]] = []

    def block(cls: JunkClass) -> list[str]:
        lines = _junk_block(cls, rng, fill)
        junk.extend((line, cls.name) for line in lines)
        return lines

    def pick(where: str) -> JunkClass | None:
        pool = [c for c in chosen if where in c.where]
        return rng.choice(pool) if pool else None

    lines = body.strip().split("\n")
    headline = _headline(url, _truth_lines(body))
    if TITLE_TWICE in classes:
        residue = rng.choice(TITLE_RESIDUES).format(site=fill["site"])
        top = [headline + residue, "", headline + residue, ""]
        junk.extend([(headline + residue, TITLE_TWICE)] * 2)
    elif LONE_TITLE in classes and rng.random() < 0.6:
        title = headline + rng.choice((" | {site}", " - {site}", " – {site}", " · {site}")).format(site=fill["site"])
        top = [title, ""]
        junk.append((title, LONE_TITLE))
    else:
        top = [headline, ""]
    before = pick("before_title")
    if before and rng.random() < 0.6:
        top = [*block(before), "", *top]
    for _ in range(rng.randint(0, 2)):
        cls = pick("top")
        if cls is not None:
            position = 0 if cls.name == "share" and rng.random() < 0.5 else len(top)
            top[position:position] = [*block(cls), ""]
    # junk between paragraphs, at blank-line boundaries so it never splits a truth line
    boundaries = [i for i, line in enumerate(lines) if not line.strip()] or [len(lines)]
    for position in sorted(rng.sample(boundaries, k=min(len(boundaries), rng.randint(0, 3))), reverse=True):
        cls = pick("between")
        if cls is not None:
            lines[position:position] = ["", *block(cls)]
    tail: list[str] = []
    for _ in range(rng.randint(0, 5)):
        cls = pick("tail")
        if cls is not None:
            tail += [*block(cls), ""]
    return "\n".join(top + lines + ["", ""] + tail) + "\n", junk


def benchmark_dir() -> Path:
    from presswatch.bench.extract import benchmark_dir as extraction_dir

    return extraction_dir()


SPLITS = ("seen", "held_out")


def load_noisy_pages(*, limit: int | None = None, seed: int = 13, data_dir: Path | None = None,
                     splits: Sequence[str] = SPLITS, classes: Sequence[str] | None = None) -> list[NoisyPage]:
    """The benchmark bodies (sorted by id, first ``limit``), once per split, with junk drawn from ``seed``.

    A seen page carries junk of the seen classes, a held-out page of the held-out ones; ``classes``
    (with one split) narrows the junk to those classes (leave-one-class-out runs). Each page's junk
    comes from its own generator seeded by (seed, page, split), so ``limit`` does not change a page.
    """
    truth_file = (data_dir or benchmark_dir()) / "ground-truth.json"
    if not truth_file.exists():
        raise PressWatchError(f"benchmark ground truth not found at {truth_file}; set $PRESSWATCH_EXTRACTION_BENCH")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return noisy_pages_from(truth, limit=limit, seed=seed, splits=splits, classes=classes)


def noisy_pages_from(truth: dict[str, dict], *, limit: int | None = None, seed: int = 13,
                     splits: Sequence[str] = SPLITS, classes: Sequence[str] | None = None) -> list[NoisyPage]:
    """``load_noisy_pages`` on a ground truth already read ({id: {"articleBody", "url"}})."""
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    headlines = [_headline(truth[i].get("url"), _truth_lines(truth[i].get("articleBody") or "")) for i in ids]
    pages = []
    for split in splits:
        split_classes = tuple(classes) if classes is not None else (SEEN_CLASSES if split == "seen" else HELD_OUT_CLASSES)
        for index, page_id in enumerate(ids):
            body = truth[page_id].get("articleBody") or ""
            if not _truth_lines(body):
                continue
            rng = random.Random(f"{seed}:{page_id}:{split}")
            other = headlines[(index + 1) % len(headlines)]
            text, junk = _noisy(body, truth[page_id].get("url"), rng, other_headline=other, classes=split_classes)
            pages.append(NoisyPage(page_id, text, tuple(_truth_lines(body)), split, tuple(junk)))
    return pages


def score_lines(pages: Sequence[NoisyPage], kept_lines: Callable[[str], Sequence[str]]) -> LineScores:
    """Line-level precision/recall/F1 of ``kept_lines`` (text -> body lines) over all pages."""
    return _pooled([_page_counts(page, kept_lines(page.text)) for page in pages])


def _page_counts(page: NoisyPage, kept: Sequence[str]) -> tuple[int, int, int]:
    predicted = Counter(_line_key(line) for line in kept if _line_key(line))
    truth = Counter(_line_key(line) for line in page.truth_lines if _line_key(line))
    return sum((predicted & truth).values()), sum(predicted.values()), sum(truth.values())


def _pooled(counts: Sequence[tuple[int, int, int]]) -> LineScores:
    matched = sum(c[0] for c in counts)
    kept_total = sum(c[1] for c in counts)
    true_total = sum(c[2] for c in counts)
    precision = matched / kept_total if kept_total else 1.0
    recall = matched / true_total if true_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LineScores(precision, recall, f1, kept_total, true_total, matched)


def junk_kept(pages: Sequence[NoisyPage], kept_lines: Callable[[str], Sequence[str]]) -> dict[str, tuple[int, int]]:
    """Per junk class: (lines of it the cleaner kept as body, lines of it added)."""
    out: dict[str, list[int]] = {}
    for page in pages:
        kept = Counter(_line_key(line) for line in kept_lines(page.text))
        truth = Counter(_line_key(line) for line in page.truth_lines)
        for line, cls in page.junk:
            key = _line_key(line)
            counts = out.setdefault(cls, [0, 0])
            counts[1] += 1
            if key and kept[key] > truth[key]:
                counts[0] += 1
                kept[key] -= 1
    return {cls: (c[0], c[1]) for cls, c in out.items()}


def presswatch_lines(text: str) -> list[str]:
    from presswatch.extract.text import clean_text

    cleaned = clean_text(text)
    return ([cleaned.standfirst] if cleaned.standfirst else []) + list(cleaned.paragraphs)


def no_cleaning_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


CLEANERS: dict[str, Callable[[str], Sequence[str]]] = {"presswatch": presswatch_lines, "no_cleaning": no_cleaning_lines}


def run_clean_benchmark(*, limit: int | None = None, seed: int = 13) -> dict[str, dict[str, LineScores]]:
    """{cleaner: {"overall" | "seen" | "held_out": scores}}."""
    pages = load_noisy_pages(limit=limit, seed=seed)
    results: dict[str, dict[str, LineScores]] = {}
    for name, cleaner in CLEANERS.items():
        counts = [(page.split, _page_counts(page, cleaner(page.text))) for page in pages]
        results[name] = {"overall": _pooled([c for _, c in counts]),
                         **{split: _pooled([c for s, c in counts if s == split]) for split in SPLITS}}
    return results


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("clean")
    def bench_clean(
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the scores."),
        limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N bodies (quick loops)."),
        seed: int = typer.Option(13, "--seed", help="Seed of the noise: the same seed gives the same documents."),
    ) -> None:
        """Score the messy-text cleaner on benchmark bodies with scraper junk added: junk classes the
        cleaner learnt from (seen) and classes held out of its rules and training, separately."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            results = run_clean_benchmark(limit=limit, seed=seed)
        pages = limit or "all"
        table = Table(title=f"Messy-text cleaning, {pages} bodies x 2 splits, noise seed {seed} (line-level P/R/F1)")
        for column in ("cleaner", "junk", "P", "R", "F1", "kept lines", "true lines", "matched"):
            table.add_column(column, justify="left" if column in ("cleaner", "junk") else "right",
                             no_wrap=column in ("cleaner", "junk"))
        for name, by_split in results.items():
            for split in ("seen", "held_out", "overall"):
                s = by_split[split]
                table.add_row(name, split.replace("_", "-"), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                              str(s.kept), str(s.true), str(s.matched))
        console.print(table)
        console.print(f"held-out junk classes (no rule or training uses them): {', '.join(HELD_OUT_CLASSES)}")
        if as_json:
            def row(s: LineScores) -> dict[str, float]:
                return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4)}

            print_json({name: {**row(by_split["overall"]), "seen": row(by_split["seen"]),
                               "held_out": row(by_split["held_out"])} for name, by_split in results.items()})
