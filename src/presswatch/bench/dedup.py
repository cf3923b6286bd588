"""`presswatch bench dedup`: syndication clusters against datasketch used as its README shows, same run.

The labelled set is built with a fixed seed from the bodies of the extraction benchmark's ground truth
(real articles; nothing of them is copied into the project). For each original it makes copies the way
sites republish: a new headline and typography, a cut ending, an added paragraph, a credit line,
boilerplate around the body, and sentence-level edits at several rates; a fifth of the originals stay
alone. Hard negatives are different articles on the original's topic: sentences from other articles
rewritten with the original's topic words, sharing one quoted sentence or a reused background
paragraph with it (at most a fifth of their words), or written with half of their words drawn from
the original's vocabulary. Every negative is its own story.

Scores are pairwise precision/recall (pairs of documents put in the same cluster), cluster purity and
canonical accuracy (the true original named canonical). The baseline is datasketch "by the book":
``MinHash(num_perm=128)`` over the set of whitespace-separated words (its README example),
``MinHashLSH(threshold=0.5, num_perm=128)``, every pair the LSH returns taken as a duplicate, clusters
as connected components. Speed at scale uses synthetic articles (sentences of the same bodies with a
quarter of their words replaced, a third of them with copies), run in a child process so the peak
memory of each size is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import re
import resource
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone

import typer

from presswatch.dedup import ClusterIndex, DedupSettings
from presswatch.errors import PressWatchError
from presswatch.model import Article, content_hash

SEED = 20251125
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"”»'])\s+")
_STOPWORDS = frozenset(
    "about above after again against their there these those which while would could should other being "
    "every where because before between through under until with from that this have were what when will "
    "also said says more most than then they them into over only some such just very your".split()
)
_SITES = ("Harbour Gazette", "Valley Courier", "Northern Ledger", "Daily Lantern", "Coast Herald", "City Wire")
_BOILERPLATE = (
    "Advertisement",
    "Sign up for our morning newsletter to get the day's top stories.",
    "Share this article on social media.",
    "Read more: the stories our readers are following today",
    "Subscribe now for unlimited access to our journalism.",
    "Related coverage continues below.",
)


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    article: Article
    story: str  # the true cluster
    is_original: bool
    kind: str  # original, headline, trim, extend, credit, boilerplate, edit-0.10, ..., negative-topic, ...


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    purity: float
    canonical_accuracy: float | None
    docs_per_s: float
    clusters: int


# --- the labelled set --------------------------------------------------------------------------


def load_bodies(limit: int | None = None) -> list[str]:
    """Ground-truth article bodies of the extraction benchmark, in sorted-id order."""
    from presswatch.bench.extract import benchmark_dir

    truth_file = benchmark_dir() / "ground-truth.json"
    if not truth_file.exists():
        raise PressWatchError(f"benchmark data not found at {truth_file.parent} (set PRESSWATCH_EXTRACTION_BENCH)")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    bodies = [truth[k]["articleBody"].strip() for k in sorted(truth)]
    bodies = [b for b in bodies if len(b.split()) >= 40]
    return bodies[: limit if limit else None]


def sentences(text: str) -> list[str]:
    """Sentences by end punctuation; a run of over 60 words without one is cut into 30-word pieces."""
    out: list[str] = []
    for s in _SENTENCE_SPLIT.split(text.replace("\n\n", " ")):
        words = s.split()
        if len(words) <= 60:
            out.extend([s.strip()] if words else [])
        else:
            out.extend(" ".join(words[i : i + 30]) for i in range(0, len(words), 30))
    return out


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def topic_words(text: str, n: int = 8) -> list[str]:
    words = [w for w in re.findall(r"[A-Za-z]{5,}", text) if w.lower() not in _STOPWORDS]
    return [w for w, _ in Counter(words).most_common(n)]


class _Maker:
    """Builds documents with one seeded random generator, so the set is the same on every run."""

    def __init__(self, bodies: Sequence[str], seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.bodies = list(bodies)
        self.pool = [(i, s) for i, body in enumerate(bodies) for s in sentences(body)]
        self.vocab = sorted({w for _, s in self.pool for w in s.split() if w.isalpha()})
        self.used_ids: set[str] = set()

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(64):016x}"
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def article(self, text: str, published: datetime, title: str) -> Article:
        aid = self.new_id()
        return Article(
            id=aid,
            url=f"https://example.org/{aid}",
            site=self.rng.choice(_SITES),
            title=title,
            standfirst=None,
            authors=(),
            published=published.isoformat(),
            language="en",
            paragraphs=tuple(paragraphs(text)),
            text=text,
            source_path=f"bench/{aid}",
            content_hash=content_hash(text),
        )

    def other_sentences(self, exclude: int, count: int) -> list[str]:
        out: list[str] = []
        while len(out) < count:
            i, s = self.rng.choice(self.pool)
            if i != exclude:
                out.append(s)
        return out

    # copy makers -----------------------------------------------------------------------------
    def retype(self, text: str) -> str:
        """What a new headline usually comes with: other quote marks and spacing, same words."""
        return text.replace('"', "\u201c").replace("'", "\u2019").replace(". ", ".  ")

    def trim(self, text: str) -> str:
        paras = paragraphs(text)
        words = len(text.split())
        if len(paras) > 2 and len(paras[-1].split()) <= 0.35 * words:
            return "\n\n".join(paras[:-1])
        sents = sentences(text)
        keep = max(1, round(len(sents) * 0.75))
        return " ".join(sents[:keep])

    def extend(self, text: str, origin: int) -> str:
        extra = " ".join(self.other_sentences(origin, self.rng.randint(1, 3)))
        return f"{text}\n\n{extra}\n\nAdditional reporting by {self.rng.choice(('M. Ortega', 'J. Lindqvist', 'A. Osei'))}."

    def credit(self, text: str) -> str:
        site = self.rng.choice(_SITES)
        line = self.rng.choice(
            (
                f"This article first appeared in the {site}.",
                f"Reprinted with permission from the {site}.",
                f"Originally published by the {site}. Republished with permission.",
            )
        )
        if self.rng.random() < 0.5:
            return f"{line}\n\n{text}"
        return f"{text}\n\n{line}"

    def boilerplate(self, text: str) -> str:
        paras = paragraphs(text)
        lines = self.rng.sample(_BOILERPLATE, 3)
        at = self.rng.randint(1, max(1, len(paras) - 1))
        return "\n\n".join([lines[0], *paras[:at], lines[1], *paras[at:], lines[2]])

    def edit(self, text: str, rate: float, origin: int) -> str:
        """Sentence-level edits: each sentence, with probability ``rate``, gets one of: two words
        replaced, a word dropped, the sentence dropped, or the sentence rewritten as another one."""
        out = []
        for s in sentences(text):
            if self.rng.random() >= rate:
                out.append(s)
                continue
            op = self.rng.randrange(4)
            words = s.split()
            if op == 0 and len(words) > 3:
                for _ in range(2):
                    words[self.rng.randrange(len(words))] = self.rng.choice(self.vocab)
                out.append(" ".join(words))
            elif op == 1 and len(words) > 3:
                del words[self.rng.randrange(len(words))]
                out.append(" ".join(words))
            elif op == 3:
                out.append(self.other_sentences(origin, 1)[0])
            # op == 2 (or a very short sentence): dropped
        return " ".join(out) if out else text

    # negative makers -------------------------------------------------------------------------
    def on_topic(self, origin: int, count: int) -> list[str]:
        """Sentences of other articles with some words swapped for the original's topic words."""
        topic = topic_words(self.bodies[origin]) or ["report"]
        out = []
        for s in self.other_sentences(origin, count):
            words = s.split()
            for _ in range(max(1, len(words) // 8)):
                words[self.rng.randrange(len(words))] = self.rng.choice(topic)
            out.append(" ".join(words))
        return out

    def negative_shared_quote(self, origin: int) -> str:
        own = sentences(self.bodies[origin])
        body = self.on_topic(origin, self.rng.randint(10, 20))
        # a quote is a sentence, not the story: never more than a quarter of the original
        quotable = [s for s in own if len(s.split()) <= 0.25 * len(self.bodies[origin].split())]
        if quotable:
            body.insert(self.rng.randrange(len(body)), self.rng.choice(quotable))
        return _as_paragraphs(body, self.rng)

    def negative_shared_background(self, origin: int) -> str:
        own = sentences(self.bodies[origin])
        body = self.on_topic(origin, self.rng.randint(12, 24))
        budget = min(int(0.2 * sum(len(s.split()) for s in body) / 1.2), len(self.bodies[origin].split()) // 4)
        start = self.rng.randrange(len(own))
        background: list[str] = []
        for s in own[start:]:
            if sum(len(b.split()) for b in background) + len(s.split()) > budget:
                break
            background.append(s)
        at = self.rng.randrange(len(body))
        return _as_paragraphs(body[:at] + background + body[at:], self.rng)

    def negative_same_vocabulary(self, origin: int) -> str:
        """Another article on the same event, in its own sentences: about half of every sentence is
        made of short phrases (one to four words) of the original, as names, titles and stock phrases
        are, but no longer run of it is reused."""
        own_words = self.bodies[origin].split()
        count = min(25, max(8, len(sentences(self.bodies[origin]))))
        out = []
        for s in self.other_sentences(origin, count):
            words = s.split()
            mixed: list[str] = []
            for j, w in enumerate(words):
                if self.rng.random() < 0.25:
                    start = self.rng.randrange(len(own_words))
                    mixed.extend(own_words[start : start + self.rng.randint(1, 4)])
                elif j % 2 == 0 or self.rng.random() < 0.5:
                    mixed.append(w)
            out.append(" ".join(mixed))
        return _as_paragraphs(out, self.rng)


def _as_paragraphs(sents: list[str], rng: random.Random) -> str:
    paras, i = [], 0
    while i < len(sents):
        n = rng.randint(2, 4)
        paras.append(" ".join(sents[i : i + n]))
        i += n
    return "\n\n".join(paras)


EDIT_RATES = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)


def labelled_set(bodies: Sequence[str], seed: int = SEED) -> list[LabelledDoc]:
    """Originals, their copies and hard negatives, shuffled (fixed seed)."""
    maker = _Maker(bodies, seed)
    rng = maker.rng
    docs: list[LabelledDoc] = []
    base = datetime(2025, 3, 1, 6, 0, tzinfo=timezone.utc)
    for i, body in enumerate(bodies):
        story = f"story-{i}"
        t0 = base + timedelta(hours=rng.randint(0, 24 * 200))
        original = maker.article(body, t0, f"Original {i}")
        docs.append(LabelledDoc(original, story, True, "original"))

        def later() -> datetime:
            return t0 + timedelta(minutes=rng.randint(5, 72 * 60))

        if rng.random() >= 0.2:
            variants: list[tuple[str, str]] = [
                ("headline", maker.retype(body)),
                ("trim", maker.trim(body)) if rng.random() < 0.5 else ("extend", maker.extend(body, i)),
                ("credit", maker.credit(body)),
                ("boilerplate", maker.boilerplate(body)),
                ("trim+credit+edit-0.10", maker.credit(maker.edit(maker.trim(body), 0.1, i))),
            ]
            variants += [(f"edit-{r:.2f}", maker.edit(body, r, i)) for r in rng.sample(EDIT_RATES, 3)]
            for kind, text in rng.sample(variants, rng.randint(3, len(variants))):
                docs.append(LabelledDoc(maker.article(text, later(), f"Copy {i} {kind}"), story, False, kind))
        # hard negatives: the same topic, the same day, a different article
        for kind, text in (
            ("negative-shared-quote", maker.negative_shared_quote(i)),
            ("negative-shared-background", maker.negative_shared_background(i)),
            ("negative-same-vocabulary", maker.negative_same_vocabulary(i)),
        ):
            if rng.random() < 0.75:
                neg = maker.article(text, t0 + timedelta(minutes=rng.randint(-600, 600)), f"Other {i} {kind}")
                docs.append(LabelledDoc(neg, f"{kind}-{i}", True, kind))
    rng.shuffle(docs)
    return docs


# --- clustering systems ------------------------------------------------------------------------


def presswatch_clusters(
    articles: Sequence[Article], settings: DedupSettings | None = None, batch_size: int = 500
) -> tuple[dict[str, str], dict[str, str]]:
    """article id -> cluster id, and cluster id -> canonical id, through the ingest-runner calls."""
    index = ClusterIndex(settings)
    assigned: dict[str, str] = {}
    for start in range(0, len(articles), batch_size):
        batch = index.add(articles[start : start + batch_size])
        for a in batch.articles:
            assigned[a.id] = a.cluster_id or a.id
        for change in batch.changed:
            assigned[change.article_id] = change.cluster_id
    canonical = {c.id: c.canonical_id for c in index.clusters()}
    return assigned, canonical


def baseline_clusters(articles: Sequence[Article]) -> tuple[dict[str, str], dict[str, str]]:
    """datasketch as its README uses it: word-set MinHash, MinHashLSH(threshold=0.5), LSH hits = duplicates."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    minhashes = {}
    for a in articles:
        m = MinHash(num_perm=128)
        m.update_batch([w.encode("utf-8") for w in set(a.text.split())])
        minhashes[a.id] = m
        lsh.insert(a.id, m)
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid, m in minhashes.items():
        for other in lsh.query(m):
            ra, rb = find(aid), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    assigned = {aid: find(aid) for aid in parent}
    # the baseline has no notion of an original; score it with the same rule PressWatch uses
    by_id = {a.id: a for a in articles}
    members: dict[str, list[str]] = defaultdict(list)
    for aid, cid in assigned.items():
        members[cid].append(aid)
    canonical = {
        cid: min(ids, key=lambda i: (by_id[i].published or "~", -len(by_id[i].text), i)) for cid, ids in members.items()
    }
    return assigned, canonical


def score(docs: Sequence[LabelledDoc], assigned: dict[str, str], canonical: dict[str, str], seconds: float) -> Scores:
    story_of = {d.article.id: d.story for d in docs}
    by_cluster: dict[str, Counter[str]] = defaultdict(Counter)
    for aid, cid in assigned.items():
        by_cluster[cid][story_of[aid]] += 1
    story_sizes = Counter(story_of.values())
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    true_positive = sum(pairs(n) for counts in by_cluster.values() for n in counts.values())
    predicted = sum(pairs(sum(counts.values())) for counts in by_cluster.values())
    actual = sum(pairs(n) for n in story_sizes.values())
    purity = sum(max(counts.values()) for counts in by_cluster.values()) / len(docs)
    originals = [d for d in docs if d.is_original and story_sizes[d.story] > 1]
    hits = sum(1 for d in originals if canonical.get(assigned[d.article.id]) == d.article.id)
    return Scores(
        precision=true_positive / predicted if predicted else 1.0,
        recall=true_positive / actual if actual else 1.0,
        purity=purity,
        canonical_accuracy=hits / len(originals) if originals else None,
        docs_per_s=len(docs) / seconds if seconds else 0.0,
        clusters=len(by_cluster),
    )


def run_system(
    docs: Sequence[LabelledDoc], system: Callable[[Sequence[Article]], tuple[dict[str, str], dict[str, str]]]
) -> Scores:
    articles = [d.article for d in docs]
    t = time.perf_counter()
    assigned, canonical = system(articles)
    return score(docs, assigned, canonical, time.perf_counter() - t)


# --- scale -------------------------------------------------------------------------------------


def synthetic_articles(bodies: Sequence[str], n: int, seed: int = SEED) -> list[Article]:
    """``n`` articles: distinct stories made of perturbed sentences, a third of them with 1-3 copies."""
    maker = _Maker(bodies, seed + n)
    rng = maker.rng
    vocab = maker.vocab
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out: list[Article] = []
    while len(out) < n:
        words = " ".join(s for _, s in rng.sample(maker.pool, rng.randint(8, 30))).split()
        for _ in range(len(words) // 4):
            words[rng.randrange(len(words))] = rng.choice(vocab)
        text = " ".join(words)
        t0 = base + timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        out.append(maker.article(text, t0, "Synthetic"))
        if rng.random() < 1 / 3:
            for _ in range(rng.randint(1, 3)):
                copy = maker.edit(text, 0.1, -1) if rng.random() < 0.5 else maker.credit(text)
                out.append(maker.article(copy, t0 + timedelta(minutes=rng.randint(1, 600)), "Synthetic copy"))
    return out[:n]


def _current_rss_kb() -> int:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() // 1024


def _scale_child(bodies: list[str], n: int, batch_size: int, conn) -> None:  # type: ignore[no-untyped-def]
    articles = synthetic_articles(bodies, n)
    rss_before = _current_rss_kb()
    index = ClusterIndex()
    blobs: dict[str, bytes] = {}
    t, cpu = time.perf_counter(), time.process_time()
    for start in range(0, n, batch_size):
        blobs.update(index.add(articles[start : start + batch_size]).signatures)
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    multi = sum(1 for c in index.clusters(min_size=2))
    # what every ingest run pays at start: the index rebuilt from the stored signatures
    del index
    t = time.perf_counter()
    rebuilt = ClusterIndex.from_signatures(blobs.items())
    rebuild_seconds = time.perf_counter() - t
    assert sum(1 for c in rebuilt.clusters(min_size=2)) == multi
    conn.send({"seconds": seconds, "cpu_seconds": cpu_seconds, "rebuild_seconds": rebuild_seconds, "index_mb": max(0, peak - rss_before) / 1024, "peak_rss_mb": peak / 1024, "clusters_2plus": multi})
    conn.close()


def scale_run(bodies: list[str], n: int, batch_size: int = 1000) -> dict[str, float]:
    """Time to cluster ``n`` synthetic articles in batches, and the index's memory, in a child process."""
    ctx = multiprocessing.get_context("fork")
    parent_conn, child_conn = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_scale_child, args=(bodies, n, batch_size, child_conn))
    proc.start()
    child_conn.close()
    result = parent_conn.recv()
    proc.join()
    seconds = result["seconds"]
    return {
        "docs": n,
        "seconds": round(seconds, 2),
        "seconds_per_10k": round(seconds * 10_000 / n, 2),
        "cpu_seconds_per_10k": round(result["cpu_seconds"] * 10_000 / n, 2),
        "docs_per_s": round(n / seconds, 1),
        "rebuild_seconds": round(result["rebuild_seconds"], 2),
        "index_mb": round(result["index_mb"], 1),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "clusters_2plus": result["clusters_2plus"],
    }


# --- parameter sweep (how the defaults were chosen) ---------------------------------------------

SWEEP: tuple[tuple[str, DedupSettings], ...] = (
    ("3-word shingles", DedupSettings(shingle_size=3)),
    ("4-word shingles", DedupSettings(shingle_size=4)),
    ("7-word shingles", DedupSettings(shingle_size=7)),
    ("64 permutations", DedupSettings(num_perm=64)),
    ("LSH 32x4", DedupSettings(bands=32, rows=4)),
    ("LSH 42x3", DedupSettings(bands=42, rows=3)),
    ("LSH 8x2", DedupSettings(bands=8, rows=2)),
    ("containment>=0.4", DedupSettings(min_containment=0.4)),
    ("containment>=0.6", DedupSettings(min_containment=0.6)),
    ("jaccard>=0.1", DedupSettings(min_jaccard=0.1)),
    ("jaccard>=0.3", DedupSettings(min_jaccard=0.3)),
)


def _row(s: Scores) -> dict[str, float | None]:
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "purity": round(s.purity, 4),
        "canonical_accuracy": None if s.canonical_accuracy is None else round(s.canonical_accuracy, 4),
        "docs_per_s": round(s.docs_per_s, 1),
        "clusters": s.clusters,
    }


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("dedup")
    def bench_dedup(
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the scores."),
        limit: int | None = typer.Option(None, "--limit", min=2, help="Only the first N originals (quick loops)."),
        scale: str = typer.Option(
            "10000", "--scale", help="Comma-separated synthetic sizes to time, e.g. 10000,100000; 0 skips."
        ),
        sweep: bool = typer.Option(False, "--sweep", help="Also score the alternative settings the defaults beat."),
        seed: int = typer.Option(SEED, "--seed", help="Seed of the labelled set (the default is the reported one)."),
    ) -> None:
        """Score syndication clustering and the datasketch baseline on a labelled set; time it at scale."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            bodies = load_bodies(limit)
            try:
                sizes = [int(x) for x in scale.split(",") if x.strip() and int(x) > 0]
            except ValueError:
                raise PressWatchError(f"--scale takes comma-separated numbers, got {scale!r}") from None
        docs = labelled_set(bodies, seed)
        kinds = Counter(d.kind for d in docs)
        ours = run_system(docs, presswatch_clusters)
        base = run_system(docs, baseline_clusters)
        table = Table(
            title=f"Syndication clusters: {len(docs)} documents, {len(bodies)} originals (pairwise P/R)"
            + (" -- then PressWatch with one setting changed" if sweep else ""),
            caption=", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
        )
        table.add_column("system", no_wrap=True, min_width=18)
        for column in ("P", "R", "purity", "canonical", "clusters", "docs/s"):
            table.add_column(column, justify="right", no_wrap=True)
        rows = [("presswatch", ours), ("datasketch defaults", base)]
        sweep_rows: dict[str, dict[str, float | None]] = {}
        if sweep:
            for label, settings in SWEEP:
                s = run_system(docs, lambda arts, st=settings: presswatch_clusters(arts, st))
                rows.append((f"  {label}", s))
                sweep_rows[label] = _row(s)
        for name, s in rows:
            table.add_row(
                name,
                f"{s.precision:.4f}",
                f"{s.recall:.4f}",
                f"{s.purity:.4f}",
                "" if s.canonical_accuracy is None else f"{s.canonical_accuracy:.3f}",
                str(s.clusters),
                f"{s.docs_per_s:.0f}",
            )
        console.print(table)
        scale_out: dict[str, object] = {}
        if sizes:
            scale_table = Table(title="Scale (synthetic articles, batches of 1000, child process per size)")
            for column in ("docs", "s", "s/10k", "CPU s/10k", "docs/s", "rebuild s", "index MB", "peak MB"):
                scale_table.add_column(column, justify="right", no_wrap=True)
            for n in sizes:
                with console.status(f"clustering {n} synthetic articles"):
                    r = scale_run(bodies, n)
                scale_out[str(n)] = r
                scale_table.add_row(
                    str(n), f"{r['seconds']:.1f}", f"{r['seconds_per_10k']:.2f}", f"{r['cpu_seconds_per_10k']:.2f}",
                    f"{r['docs_per_s']:.0f}", f"{r['rebuild_seconds']:.1f}",
                    f"{r['index_mb']:.0f}", f"{r['peak_rss_mb']:.0f}",
                )
            if len(sizes) > 1:
                small, large = scale_out[str(min(sizes))], scale_out[str(max(sizes))]
                # > 1 means the time per document grew with the index: worse than linear. CPU time,
                # because wall time on a shared machine measures the neighbours as much as the index.
                scale_out["per_doc_growth"] = round(large["cpu_seconds_per_10k"] / small["cpu_seconds_per_10k"], 3)  # type: ignore[index]
            console.print(scale_table)
        if as_json:
            out = {
                "presswatch": _row(ours),
                "baseline": {**_row(base), "settings": "MinHash(num_perm=128) over word 1-grams, MinHashLSH(threshold=0.5)"},
                "scale": scale_out,
                "settings": asdict(DedupSettings()),
                "documents": len(docs),
            }
            if sweep_rows:
                out["sweep"] = sweep_rows
            print_json(out)
