"""`presswatch bench quotes`: who-said-what quality on PolNeAR, PressWatch beside textacy, one run.

Scoring follows the corpus README (``shared/bench/quotes/README.md``), identically for every system:
- words are lower-cased ``\\w+`` matches of the article text; a prediction is placed on the words
  its character span covers (both systems report offsets into the same text);
- a gold attribution is *found* when the placed predictions together cover >= 50% of its content's
  word positions; a prediction is *correct* when >= 50% of its placed words lie inside one gold
  content span (the "union" rule);
- speaker accuracy: over found attributions whose gold speaker is given and is not a bare pronoun,
  the prediction overlapping it most (on a tie, the one with fewest words outside it) names a
  speaker that shares a word other than the/a/an/of.
textacy's ``direct_quotations`` runs per paragraph (it refuses text with an odd number of quote marks).
Only the train and dev splits exist here; develop on train, report on dev.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from presswatch.bench.calibration import Reliability, reliability
from presswatch.bench.data import quotes_dir
from presswatch.errors import PressWatchError

DEFAULT_DATA = quotes_dir()
SPLITS = ("dev", "train")
TYPES = ("direct", "mixed", "indirect")
_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of"}
# bare pronouns (personal, possessive and relative): the corpus has no coreference, so a resolved
# name can never match them
PRONOUNS = {
    "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "it", "its", "we", "us", "our",
    "they", "them", "their", "who", "whom", "which", "that", "this", "these", "those", "one",
}


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    spans: tuple[tuple[int, int], ...]
    speaker: str | None
    type: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    start: int
    end: int
    speaker: str | None
    kind: str = "direct"  # what the system calls it; textacy only finds direct quotations
    confidence: float | None = None  # textacy gives none


@dataclass(slots=True)
class Scores:
    predictions: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    gold_by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    found_by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    speaker_checked: int = 0
    speaker_right: int = 0
    predictions_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    correct_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    #: (confidence, right) of every placed prediction, for the reliability table
    confidences: list[tuple[float | None, bool]] = field(default_factory=list)

    @property
    def reliability(self) -> Reliability | None:
        """The confidence's reliability, or None when the system gives no confidence."""
        if not any(c is not None for c, _ in self.confidences):
            return None
        return reliability(self.confidences)

    @property
    def precision(self) -> float:
        return self.correct / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def recall_by_type(self) -> dict[str, float]:
        return {t: (self.found_by_type[t] / self.gold_by_type[t] if self.gold_by_type[t] else 0.0) for t in TYPES}

    @property
    def precision_by_kind(self) -> dict[str, float]:
        """Precision of the predictions the system itself labelled direct / mixed / indirect."""
        return {
            t: (self.correct_by_kind[t] / self.predictions_by_kind[t] if self.predictions_by_kind[t] else 0.0)
            for t in TYPES
        }

    @property
    def quoted_recall(self) -> float:
        """Recall over direct and mixed attributions together (the ones with quotation marks)."""
        gold = self.gold_by_type["direct"] + self.gold_by_type["mixed"]
        found = self.found_by_type["direct"] + self.found_by_type["mixed"]
        return found / gold if gold else 0.0

    @property
    def quoted_precision(self) -> float:
        """Precision of the predictions the system labelled direct or mixed, together."""
        predicted = self.predictions_by_kind["direct"] + self.predictions_by_kind["mixed"]
        correct = self.correct_by_kind["direct"] + self.correct_by_kind["mixed"]
        return correct / predicted if predicted else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_checked if self.speaker_checked else 0.0


def split_gold(rec: dict) -> GoldArticle:
    """One article of a PolNeAR-format file (a parsed JSONL line) as the scorer reads it."""
    return GoldArticle(
        id=rec["id"],
        text=rec["text"],
        attributions=tuple(
            GoldAttribution(
                spans=tuple((int(s), int(e)) for s, e in q["quote_spans"]),
                speaker=q.get("speaker"),
                type=q["type"],
            )
            for q in rec["quotes"]
        ),
    )


def load_split(split: str = "dev", *, limit: int | None = None, data_dir: Path = DEFAULT_DATA) -> list[GoldArticle]:
    if split not in SPLITS:
        raise PressWatchError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    path = Path(data_dir) / f"polnear-{split}.jsonl"
    if not path.exists():
        raise PressWatchError(f"benchmark data not found at {path} (set PRESSWATCH_BENCH_QUOTES)")
    articles = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            articles.append(split_gold(json.loads(line)))
            if limit and len(articles) >= limit:
                break
    return articles


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each scored word: lower-cased ``\\w+`` runs."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def covered_words(words: list[tuple[int, int]], start: int, end: int) -> set[int]:
    """Indexes of the words a character span [start, end) touches."""
    return {i for i, (ws, we) in enumerate(words) if ws < end and we > start}


def _word_set(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")} - _STOP


def is_bare_pronoun(speaker: str | None) -> bool:
    words = [w.lower() for w in _WORD.findall(speaker or "")]
    return len(words) == 1 and words[0] in PRONOUNS


def score_article(article: GoldArticle, predictions: Sequence[Prediction], scores: Scores) -> None:
    """Add one article's counts to ``scores``."""
    words = word_spans(article.text)
    gold_words = []
    for att in article.attributions:
        covered: set[int] = set()
        for start, end in att.spans:
            covered |= covered_words(words, start, end)
        gold_words.append(covered)
    placed = [covered_words(words, p.start, p.end) for p in predictions]
    placed = [(p, w) for p, w in zip(predictions, placed) if w]
    scores.predictions += len(placed)
    for prediction, pw in placed:
        kind = prediction.kind if prediction.kind in TYPES else "direct"
        scores.predictions_by_kind[kind] += 1
        right = any(len(pw & gw) >= 0.5 * len(pw) for gw in gold_words if gw)
        scores.confidences.append((prediction.confidence, right))
        if right:
            scores.correct += 1
            scores.correct_by_kind[kind] += 1
    union: set[int] = set().union(*(w for _, w in placed)) if placed else set()
    for att, gw in zip(article.attributions, gold_words):
        scores.gold += 1
        scores.gold_by_type[att.type] = scores.gold_by_type.get(att.type, 0) + 1
        if not gw or len(gw & union) < 0.5 * len(gw):
            continue
        scores.found += 1
        scores.found_by_type[att.type] = scores.found_by_type.get(att.type, 0) + 1
        if not att.speaker or is_bare_pronoun(att.speaker):
            continue
        # "the prediction overlapping it most"; among equal overlaps (a nested attribution inside an
        # outer one both cover it) the one with fewest words outside it, so that the answer does not
        # depend on the order a system lists its predictions in
        best = max(placed, key=lambda pw: (len(pw[1] & gw), -len(pw[1] - gw)))
        scores.speaker_checked += 1
        if _word_set(best[0].speaker) & _word_set(att.speaker):
            scores.speaker_right += 1


@dataclass(slots=True)
class SystemResult:
    name: str
    scores: Scores
    seconds: float
    articles: int

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict:
        s = self.scores
        calibration = s.reliability
        extra = {} if calibration is None else {
            "ece": round(calibration.ece, 4),
            "precision_at_0.8": round(calibration.precision_at, 4),
            "coverage_at_0.8": round(calibration.coverage_at, 4),
        }
        return extra | {
            "quote_f1": round(s.f1, 4),
            "precision": round(s.precision, 4),
            "recall": round(s.recall, 4),
            "recall_by_type": {k: round(v, 4) for k, v in s.recall_by_type.items()},
            "precision_by_kind": {k: round(v, 4) for k, v in s.precision_by_kind.items()},
            "direct_mixed": {"recall": round(s.quoted_recall, 4), "precision": round(s.quoted_precision, 4)},
            "speaker_accuracy": round(s.speaker_accuracy, 4),
            "articles_per_s": round(self.articles_per_s, 2),
            "predictions": s.predictions,
            "gold": s.gold,
        }


def presswatch_predictions(articles: Sequence[GoldArticle], *, full_parse: bool = False) -> list[list[Prediction]]:
    """Run the NLP stage on each article text as is (so offsets index the gold text).

    ``full_parse``: on the parse of the model's own components (the reference of the faster pipeline)."""
    from presswatch.model import Article, content_hash
    from presswatch.nlp import annotate_parsed, reads
    from presswatch.nlp.pipeline import parse_texts

    inputs = [
        Article(
            id=a.id, url=None, site=None, title=None, standfirst=None, authors=(), published=None, language="en",
            paragraphs=tuple(p for p in a.text.split("\n") if p.strip()), text=a.text, source_path=a.id,
            content_hash=content_hash(a.text),
        )
        for a in articles
    ]
    docs = iter(parse_texts((a.text for a in inputs if reads(a)), full_parse=full_parse))
    return [attribution_predictions(annotate_parsed(a, next(docs)).quotes if reads(a) else ()) for a in inputs]


def score_predictions(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[Prediction]]) -> Scores:
    scores = Scores()
    for article, preds in zip(articles, predictions):
        score_article(article, preds, scores)
    return scores


def attribution_predictions(quotes: Sequence) -> list[Prediction]:
    """One prediction per attribution: words said jointly ("Lee and Park said ...") are one quote
    record per speaker with the same offsets, and count once, with the first speaker."""
    seen: set[tuple[int, int]] = set()
    out = []
    for q in quotes:
        if (q.start, q.end) in seen:
            continue
        seen.add((q.start, q.end))
        out.append(Prediction(q.start, q.end, q.speaker, q.kind, q.confidence))
    return out


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def textacy_predictions(articles: Sequence[GoldArticle]) -> list[list[Prediction]]:
    """textacy's ``direct_quotations`` per paragraph, with the same spaCy model."""
    from textacy.extract.triples import direct_quotations

    from presswatch.nlp.pipeline import load_nlp

    nlp = load_nlp()
    out = []
    for article in articles:
        paras = _paragraphs(article.text)
        preds: list[Prediction] = []
        for (offset, _), doc in zip(paras, nlp.pipe(p for _, p in paras)):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # an odd number of quotation marks in the paragraph
                continue
            for triple in triples:
                content = triple.content
                speaker = " ".join(t.text for t in triple.speaker) if triple.speaker else None
                preds.append(Prediction(offset + content.start_char, offset + content.end_char, speaker))
        out.append(preds)
    return out


SYSTEMS: dict[str, Callable[[Sequence[GoldArticle]], list[list[Prediction]]]] = {
    "presswatch": presswatch_predictions,
    "textacy": textacy_predictions,
}


def run_system(name: str, articles: Sequence[GoldArticle]) -> SystemResult:
    from presswatch.nlp.pipeline import load_nlp

    load_nlp()  # model loading is not part of the per-article rate
    started = time.perf_counter()
    predictions = SYSTEMS[name](articles)
    seconds = time.perf_counter() - started
    return SystemResult(name, score_predictions(articles, predictions), seconds, len(articles))


def run_bench(split: str = "dev", *, limit: int | None = None, data_dir: Path = DEFAULT_DATA,
              systems: Sequence[str] = tuple(SYSTEMS)) -> list[SystemResult]:
    articles = load_split(split, limit=limit, data_dir=data_dir)
    return [run_system(name, articles) for name in systems]


def results_json(results: Sequence[SystemResult]) -> dict:
    return {r.name: r.to_json() for r in results}


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("quotes")
    def bench_quotes(
        limit: int | None = typer.Option(None, "--limit", min=1, help="Only the first N articles (quick runs)."),
        split: str = typer.Option("dev", "--split", help="dev (report) or train (develop)."),
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of both systems' scores."),
        data_dir: Path = typer.Option(DEFAULT_DATA, "--data", help="Folder with polnear-<split>.jsonl."),
    ) -> None:
        """Who said what on PolNeAR: PressWatch and textacy, same documents, same scorer."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            results = run_bench(split, limit=limit, data_dir=data_dir)
        n = results[0].articles if results else 0
        # two narrow tables rather than one wide one: each fits an 80-column terminal
        table = Table(title=f"Quote attribution, PolNeAR {split}, {n} articles")
        for column in ("system", "P", "R", "F1", "speaker", "articles/s"):
            table.add_column(column, justify="left" if column == "system" else "right", no_wrap=True)
        for r in results:
            table.add_row(
                r.name, f"{r.scores.precision:.3f}", f"{r.scores.recall:.3f}", f"{r.scores.f1:.3f}",
                f"{r.scores.speaker_accuracy:.3f}", f"{r.articles_per_s:.1f}",
            )
        console.print(table)
        kinds = Table(title="By kind: recall per gold type; direct and mixed together")
        for column in ("system", "R direct", "R mixed", "R indirect", "P dir+mix", "R dir+mix"):
            kinds.add_column(column, justify="left" if column == "system" else "right", no_wrap=True)
        for r in results:
            by_type = r.scores.recall_by_type
            kinds.add_row(
                r.name, f"{by_type['direct']:.3f}", f"{by_type['mixed']:.3f}", f"{by_type['indirect']:.3f}",
                f"{r.scores.quoted_precision:.3f}", f"{r.scores.quoted_recall:.3f}",
            )
        console.print(kinds)
        precision = Table(title="Precision by the kind the system gave")
        for column in ("system", "P direct", "P mixed", "P indirect"):
            precision.add_column(column, justify="left" if column == "system" else "right", no_wrap=True)
        for r in results:
            by_kind = r.scores.precision_by_kind
            precision.add_row(r.name, *(f"{by_kind[t]:.3f}" for t in TYPES))
        console.print(precision)
        for r in results:
            calibration = r.scores.reliability
            if calibration is None:
                continue
            bins = Table(title=f"{r.name} confidence: reliability (10 bins); {calibration.summary()}")
            for column in ("confidence", "quotes", "mean confidence", "share right"):
                bins.add_column(column, justify="right", no_wrap=True)
            for b in calibration.bins:
                bins.add_row(f"{b.low:.1f}-{b.high:.1f}", str(b.count), f"{b.mean_confidence:.3f}" if b.count else "-",
                             f"{b.accuracy:.3f}" if b.count else "-")
            console.print(bins)
        if as_json:
            print_json(results_json(results))
