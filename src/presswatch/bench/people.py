"""``presswatch bench people``: identity across articles, people precision and gender, on labels
written by reading PolNeAR *train* articles (``bench/labels/*.tsv``: article id, offsets, person key;
never the text, which is read in place from the shared benchmark folder).

- Identity: every labelled mention takes the person id of the person whose mention covers it, after
  the articles went through the NLP stage and the store (identity on write, one article per batch, so
  the incremental path is the one measured). Pairwise precision and recall of "same person" over
  every pair of labelled mentions, across articles; pages per labelled person.
- People precision: of the labelled spans the system made a person, the share that are people.
- Gender: the estimate for each labelled person (its most frequent page) against the label; accuracy
  where a gender is given, and the share left unknown.
The peer is the keying PressWatch had before identity: a person per slug of the article's name.

On the extraction benchmark pages (``bench/labels/extraction_people.jsonl``: page id, the name as
PressWatch gives it, person / not_person, written by reading each name in its page; see the README
there), every page goes through extraction, NLP and the store, and the people precision is the share
of the labelled names PressWatch stores as people that are people. The labels are fixed-seed samples
of the names stored as people when they were written, and of the names the NLP stage listed that the
store did not make people; names stored now that no label covers are counted, not scored. The peer
is the article's ``people[]`` as the NLP stage lists it, every name a person (the name-slug keying,
before identity's person-evidence rule): its precision is estimated stratum by stratum (names stored
now, names not stored now), each stratum's labelled share weighted by its size.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import combinations
from pathlib import Path

import typer

from presswatch.bench.data import extraction_dir, quotes_dir
from presswatch.errors import PressWatchError
from presswatch.model import Article, content_hash


@dataclass(frozen=True, slots=True)
class Label:
    article_id: str
    start: int
    end: int
    person: str | None  # None: labelled as not a person


def _labels_text(name: str) -> str:
    return resources.files("presswatch.bench").joinpath("labels", name).read_text(encoding="utf-8")


def load_labels() -> list[Label]:
    out = []
    for line in _labels_text("people_identity.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        aid, start, end, key = line.split("\t")
        out.append(Label(aid, int(start), int(end), None if key == "-" else key))
    return out


def load_genders() -> dict[str, str]:
    out = {}
    for line in _labels_text("people_gender.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            key, gender = line.split("\t")
            out[key] = gender
    return out


def load_articles(ids: set[str], data_dir: Path | None = None) -> list[Article]:
    path = (data_dir or quotes_dir()) / "polnear-train.jsonl"
    if not path.is_file():
        raise PressWatchError(f"PolNeAR train split not found at {path} (set PRESSWATCH_BENCH_QUOTES)")
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] not in ids:
                continue
            publisher, day = row["id"].split("_")[:2]
            text = row["text"]
            out.append(Article(
                id=row["id"], url=None, site=publisher, title=None, standfirst=None, authors=(),
                published=f"{day}T12:00:00+00:00", language="en",
                paragraphs=tuple(p for p in text.split("\n") if p.strip()), text=text, source_path=row["id"],
                content_hash=content_hash(text),
            ))
    missing = ids - {a.id for a in out}
    if missing:
        raise PressWatchError(f"{len(missing)} labelled articles are not in {path}: {sorted(missing)[:3]} ...")
    return sorted(out, key=lambda a: a.id)


@dataclass(frozen=True, slots=True)
class PageLabel:
    """One name PressWatch gave on an extraction benchmark page, labelled by hand."""

    page_id: str
    name: str
    person: bool
    reason: str = ""  # for a non-person: what it is ("brand", "place", ...)
    sample: str = "stored"  # drawn from the names stored as people ("stored") or from the others ("not_stored")


def load_page_labels(text: str | None = None) -> list[PageLabel]:
    """The extraction-page labels (``text``: JSONL of the same shape, for tests)."""
    source = _labels_text("extraction_people.jsonl") if text is None else text
    out = []
    for number, line in enumerate(source.splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["label"] not in ("person", "not_person"):
            raise PressWatchError(f"extraction_people.jsonl line {number}: label {row['label']!r} is not person / not_person")
        out.append(PageLabel(row["page_id"], row["name"], row["label"] == "person", row.get("reason", ""),
                             row.get("sample", "stored")))
    return out


@dataclass(frozen=True, slots=True)
class PagePeopleScore:
    people_precision: float | None  # None: no labelled name is stored as a person
    scored: int  # labelled names among the system's people
    not_people: int  # ...of which labelled not a person
    not_people_by_reason: dict[str, int]
    stored: int  # the system's people (names) on the pages
    unlabelled: int  # ...that no label covers (outside the samples)
    dropped: int  # labelled names that are not among the system's people

    def as_json(self) -> dict:
        return {
            "people_precision": round(self.people_precision, 4) if self.people_precision is not None else None,
            "scored": self.scored, "not_people": self.not_people, "not_people_by_reason": self.not_people_by_reason,
            "stored": self.stored, "unlabelled": self.unlabelled, "dropped": self.dropped,
        }


_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")


def written_as(name: str) -> str:
    """A name as labels and the system compare it: as given, except that a hyphen PressWatch once
    spaced out ("Jean - Julien") matches the hyphenated word ("Jean-Julien")."""
    return _SPACED_HYPHEN.sub("-", name)


def _names(names: Collection[str]) -> set[str]:
    return {written_as(n) for n in names}


def score_page_people(labels: Sequence[PageLabel], stored: Mapping[str, Collection[str]]) -> PagePeopleScore:
    """``stored``: page id -> the names the system stores as people there. A name matches a label
    when it is written the same (case and spacing as given, but see ``written_as``)."""
    by_key = {(lab.page_id, written_as(lab.name)): lab for lab in labels}
    kept = [by_key[(page, name)] for page, names in stored.items() for name in _names(names) if (page, name) in by_key]
    wrong = [lab for lab in kept if not lab.person]
    total = sum(len(_names(names)) for names in stored.values())
    return PagePeopleScore(
        people_precision=1 - len(wrong) / len(kept) if kept else None,
        scored=len(kept),
        not_people=len(wrong),
        not_people_by_reason=dict(sorted(Counter(lab.reason or "unspecified" for lab in wrong).items(), key=lambda kv: (-kv[1], kv[0]))),
        stored=total,
        unlabelled=total - len(kept),
        dropped=len(by_key) - len(kept),
    )


def score_listed_people(
    labels: Sequence[PageLabel], listed: Mapping[str, Collection[str]], stored: Mapping[str, Collection[str]]
) -> PagePeopleScore:
    """The peer that makes every listed name a person: its precision estimated per stratum (listed names
    stored as people, listed names not stored), each stratum's labelled share weighted by its size.
    None when a stratum with names has no label."""
    by_key = {(lab.page_id, written_as(lab.name)): lab for lab in labels}
    strata: dict[bool, list[tuple[str, str]]] = {True: [], False: []}
    for page, names in listed.items():
        kept = _names(stored.get(page, ()))
        for name in _names(names):
            strata[name in kept].append((page, name))
    total = sum(len(v) for v in strata.values())
    estimate: float | None = 0.0
    kept_labels: list[PageLabel] = []
    for members in strata.values():
        labelled = [by_key[k] for k in members if k in by_key]
        kept_labels += labelled
        if not members:
            continue
        if not labelled:
            estimate = None
            continue
        if estimate is not None:
            estimate += len(members) / total * sum(lab.person for lab in labelled) / len(labelled)
    wrong = [lab for lab in kept_labels if not lab.person]
    return PagePeopleScore(
        people_precision=estimate if kept_labels else None,
        scored=len(kept_labels),
        not_people=len(wrong),
        not_people_by_reason=dict(sorted(Counter(lab.reason or "unspecified" for lab in wrong).items(), key=lambda kv: (-kv[1], kv[0]))),
        stored=total,
        unlabelled=total - len(kept_labels),
        dropped=len(by_key) - len(kept_labels),
    )


def stored_people_on_pages(data_dir: Path | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Every extraction benchmark page through extraction, NLP and a fresh store (one page per batch):
    page id -> names stored as people (a person id after identity), and page id -> the article's
    ``people[]`` as the NLP stage lists them. A page extraction refuses has no people."""
    from presswatch.bench.extract import load_pages
    from presswatch.errors import ExtractError
    from presswatch.extract import extract
    from presswatch.model import RawDocument
    from presswatch.nlp import annotate_many
    from presswatch.store import open_store

    extracted = []
    for page in load_pages(data_dir or extraction_dir()):
        try:
            extracted.append(extract(RawDocument(source_path=page.page_id, content=page.html, kind="html", url=page.url)))
        except ExtractError:
            continue
    articles = list(annotate_many(extracted))
    listed = {a.source_path: [p.name for p in a.people] for a in articles}
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "pages.db")) as store:
        for article in articles:
            store.upsert_articles([article])
        stored: dict[str, list[str]] = {}
        for article in store.iter_articles():
            stored.setdefault(article.source_path, []).extend(p.name for p in article.people if p.person_id)
    return stored, listed


def run_pages(data_dir: Path | None = None) -> dict:
    """People precision on the extraction benchmark pages, PressWatch and the peer, on the labels."""
    labels = load_page_labels()
    stored, listed = stored_people_on_pages(data_dir)
    return {
        "pages": len(listed),
        "labels": len(labels),
        "labelled_people": sum(lab.person for lab in labels),
        "presswatch": score_page_people(labels, stored).as_json(),
        "peer_name_slug": score_listed_people(labels, listed, stored).as_json(),
    }


def _covering(article: Article, label: Label):
    for person in article.people:
        if any(m.start < label.end and label.start < m.end for m in person.mentions):
            return person
    return None


@dataclass(frozen=True, slots=True)
class IdentityScore:
    precision: float
    recall: float
    pages_per_person: float
    uncovered: int  # labelled person mentions no system person covers
    people_precision: float
    kept_non_people: int
    made_people: int

    def as_json(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in (
            ("precision", self.precision), ("recall", self.recall), ("pages_per_person", self.pages_per_person),
            ("uncovered", self.uncovered), ("people_precision", self.people_precision),
            ("kept_non_people", self.kept_non_people), ("made_people", self.made_people),
        )}


def score_identity(labels: Sequence[Label], predicted: Sequence[str | None]) -> IdentityScore:
    people = [(lab.person, pred) for lab, pred in zip(labels, predicted) if lab.person]
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(people, 2):
        same_gold = g1 == g2
        same_pred = p1 is not None and p1 == p2
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    pages: dict[str, set[str]] = {}
    for gold, pred in people:
        pages.setdefault(gold, set())
        if pred:
            pages[gold].add(pred)
    made = [(lab.person, pred) for lab, pred in zip(labels, predicted) if pred]
    kept_non_people = sum(1 for gold, _ in made if gold is None)
    return IdentityScore(
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        pages_per_person=sum(max(1, len(v)) for v in pages.values()) / len(pages) if pages else 0.0,
        uncovered=sum(1 for _, pred in people if pred is None),
        people_precision=1 - kept_non_people / len(made) if made else 1.0,
        kept_non_people=kept_non_people,
        made_people=len(made),
    )


def run(order: str = "id") -> dict:
    from presswatch.nlp import annotate_many
    from presswatch.store import open_store, person_id_for

    labels = load_labels()
    genders = load_genders()
    articles = list(annotate_many(load_articles({lab.article_id for lab in labels})))
    results: dict = {"articles": len(articles), "labelled_mentions": sum(1 for lab in labels if lab.person),
                     "labelled_non_people": sum(1 for lab in labels if not lab.person),
                     "labelled_people": len({lab.person for lab in labels if lab.person})}
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, sequence in (("id", articles), ("reversed", articles[::-1])):
            with open_store(str(Path(tmp) / f"{name}.db")) as store:
                for article in sequence:
                    store.upsert_articles([article])
                stored = {a.id: a for a in store.iter_articles()}
                predicted = []
                for lab in labels:
                    person = _covering(stored[lab.article_id], lab)
                    predicted.append(person.person_id if person else None)
                runs[name] = predicted
                if name == "id":
                    # gender on each labelled person's main page
                    page_of: dict[str, Counter] = {}
                    for lab, pid in zip(labels, predicted):
                        if lab.person and pid:
                            page_of.setdefault(lab.person, Counter())[pid] += 1
                    rows = []
                    for key, gender in sorted(genders.items()):
                        if key not in page_of:
                            continue
                        detail = store.person(page_of[key].most_common(1)[0][0])
                        rows.append((gender, detail.gender, detail.summary.quote_count > 0))
                    results["gender"] = _gender_scores(rows)
    results["identity"] = score_identity(labels, runs["id"]).as_json()
    results["order_independent"] = runs["id"] == runs["reversed"]
    stored_plain = {a.id: a for a in articles}
    baseline = []
    for lab in labels:
        person = _covering(stored_plain[lab.article_id], lab)
        baseline.append(person_id_for(person.name) if person else None)
    results["peer_name_slug"] = score_identity(labels, baseline).as_json()
    return results


def _gender_scores(rows: list[tuple[str, str, bool]]) -> dict:
    def score(sample):
        given = [(g, e) for g, e, _ in sample if e != "unknown"]
        return {
            "people": len(sample),
            "accuracy_where_given": round(sum(g == e for g, e in given) / len(given), 4) if given else None,
            "unknown_share": round(1 - len(given) / len(sample), 4) if sample else None,
        }
    return {"all": score(rows), "quoted": score([r for r in rows if r[2]])}


def _print_pages(console, results: dict) -> None:
    from rich.table import Table

    table = Table(title=(
        f"People precision on extraction pages: {results['labels']} labelled names "
        f"({results['labelled_people']} people) on {results['pages']} pages"
    ))
    for column in ("system", "people P", "non-people / scored", "names", "unlabelled", "labels not in it"):
        table.add_column(column)
    rows = (("PressWatch: stored people", "presswatch"), ("peer: every name in people[] (stratified)", "peer_name_slug"))
    for name, key in rows:
        s = results[key]
        precision = "-" if s["people_precision"] is None else f"{s['people_precision']:.4f}"
        table.add_row(name, precision, f"{s['not_people']}/{s['scored']}", str(s["stored"]), str(s["unlabelled"]), str(s["dropped"]))
    console.print(table)
    for name, key in rows:
        kinds = ", ".join(f"{k} {v}" for k, v in results[key]["not_people_by_reason"].items())
        console.print(f"Non-people labelled among {name}: {kinds or 'none'}")


def register(bench_app: typer.Typer) -> None:
    @bench_app.command("people")
    def bench_people(
        as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the scores."),
        pages: bool = typer.Option(True, "--pages/--no-pages", help="Also score people precision on the extraction benchmark pages."),
    ) -> None:
        """Identity across articles (pairwise P/R), people precision and gender accuracy on labelled PolNeAR train
        mentions; people precision on labelled names of the extraction benchmark pages."""
        from rich.table import Table

        from presswatch.cli.common import console, handle_errors, print_json

        with handle_errors():
            results = run()
            if pages:
                results["extraction_pages"] = run_pages()
        table = Table(title=(
            f"People: {results['labelled_mentions']} labelled mentions of {results['labelled_people']} people "
            f"(+{results['labelled_non_people']} non-people) in {results['articles']} PolNeAR train articles"
        ))
        for column in ("system", "pair P", "pair R", "pages/person", "uncovered", "people P", "non-people kept"):
            table.add_column(column)
        for name, key in (("PressWatch identity", "identity"), ("peer: a person per name slug", "peer_name_slug")):
            s = results[key]
            table.add_row(name, f"{s['precision']:.4f}", f"{s['recall']:.4f}", f"{s['pages_per_person']:.2f}",
                          str(s["uncovered"]), f"{s['people_precision']:.4f}", f"{s['kept_non_people']}/{s['made_people']}")
        console.print(table)
        g = results["gender"]
        for sample in ("all", "quoted"):
            s = g[sample]
            console.print(f"Gender ({sample} labelled people: {s['people']}): accuracy where given "
                          f"{s['accuracy_where_given']}, unknown {s['unknown_share']}")
        console.print(f"Same ids in reverse ingest order: {'yes' if results['order_independent'] else 'NO'}")
        if pages:
            _print_pages(console, results["extraction_pages"])
        if as_json:
            print_json(results)


__all__ = [
    "IdentityScore", "Label", "PageLabel", "PagePeopleScore", "load_labels", "load_page_labels", "register", "run",
    "run_pages", "score_identity", "score_listed_people", "score_page_people", "stored_people_on_pages",
]
