"""Every quote the finder gives on a PolNeAR split, as one JSON snapshot and its sha256.

A refactoring of the quote finder must not change what it finds: take a snapshot before, one after,
and compare (``--against``). The snapshot holds the articles' quotes (offsets, text, kind, speaker,
cue, confidence) and the construction behind each; the sha256 is over the quote records alone, so
it can be pinned in the repository without the (licensed) texts.

    python -m presswatch.bench.quote_snapshot --split dev --out /tmp/dev.json [--parsed DIR]

``--parsed DIR`` keeps the spaCy parses of the split in DIR (a DocBin per split) and reuses them on
the next run: the parse is most of the time and does not depend on the quote finder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from presswatch.bench.quotes import DEFAULT_DATA, GoldArticle, load_split

QUOTE_FIELDS = ("start", "end", "text", "kind", "speaker", "speaker_type", "speaker_role", "cue", "confidence")


def cached_parses(texts: Sequence[str], parsed: Path | None, name: str) -> Iterator:
    """The parses of ``texts``; with ``parsed``, kept in (and read back from) that folder as
    ``NAME-COUNT.spacy``."""
    from presswatch.nlp.pipeline import load_nlp, parse_texts

    if parsed is None:
        yield from parse_texts(texts)
        return
    from spacy.tokens import DocBin

    path = parsed / f"{name}-{len(texts)}.spacy"
    if not path.exists():
        bin_ = DocBin(store_user_data=False)
        for doc in parse_texts(texts):
            bin_.add(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_.to_disk(path)
    yield from DocBin().from_disk(path).get_docs(load_nlp().vocab)


def snapshot(articles: Sequence[GoldArticle], docs: Iterable) -> list[dict]:
    """One record per article: its id and every quote the finder gives, in order."""
    from presswatch.nlp.people import find_people
    from presswatch.nlp.attribution import find_quotes

    out = []
    for article, doc in zip(articles, docs):
        people = find_people(doc, article.text)
        origins: list[str] = []
        quotes = find_quotes(doc, article.text, people, origins=origins)
        out.append({
            "id": article.id,
            "quotes": [{f: getattr(q, f) for f in QUOTE_FIELDS} for q in quotes],
            "origins": origins,
        })
    return out


def quotes_sha256(records: Sequence[dict]) -> str:
    """sha256 of the quote records (not the construction names), in a canonical JSON form."""
    body = [{"id": r["id"], "quotes": r["quotes"]} for r in records]
    blob = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def differences(before: Sequence[dict], after: Sequence[dict], *, limit: int = 20) -> list[str]:
    """Human-readable lines for the first articles whose quotes differ."""
    lines: list[str] = []
    for a, b in zip(before, after):
        if a == b:
            continue
        lines.append(f"{a['id']}:")
        qa = [json.dumps(q, ensure_ascii=False) for q in a["quotes"]]
        qb = [json.dumps(q, ensure_ascii=False) for q in b["quotes"]]
        lines += [f"  - {q}" for q in qa if q not in qb] + [f"  + {q}" for q in qb if q not in qa]
        if a["origins"] != b["origins"]:
            lines.append(f"  origins: {sorted(set(a['origins']) ^ set(b['origins']))[:6]}")
        if len(lines) > limit:
            break
    if len(before) != len(after):
        lines.append(f"{len(before)} articles before, {len(after)} after")
    return lines


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m presswatch.bench.quote_snapshot")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, help="write the snapshot here")
    parser.add_argument("--against", type=Path, help="compare with this earlier snapshot; exit 1 when they differ")
    parser.add_argument("--parsed", type=Path, help="folder keeping the split's parses between runs")
    args = parser.parse_args(argv)
    articles = load_split(args.split, limit=args.limit, data_dir=args.data)
    records = snapshot(articles, cached_parses([a.text for a in articles], args.parsed, args.split))
    if args.out:
        args.out.write_text(json.dumps(records, ensure_ascii=False, indent=0), encoding="utf-8")
    n = sum(len(r["quotes"]) for r in records)
    print(f"{args.split}: {len(records)} articles, {n} quotes, sha256 {quotes_sha256(records)}")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        diff = differences(before, records)
        if diff:
            print("\n".join(diff))
            return 1
        print(f"identical to {args.against}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
