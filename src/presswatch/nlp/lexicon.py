"""Word lists the NLP rules read, kept as data files in ``nlp/data``.

``cues.txt`` (speech and belief verbs) is built from the PolNeAR *train* split by
``python -m presswatch.nlp.lexicon cues TRAIN.jsonl`` (lemmas of the annotated cues that occur at
least ``min_count`` times); the other lists are short hand-written vocabularies.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path


def _read_list(name: str) -> frozenset[str]:
    text = resources.files("presswatch.nlp").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.split("#", 1)[0].strip().lower() for line in text.splitlines() if line.split("#", 1)[0].strip()
    )


#: The share of a (lemma, relation) pair's occurrences in train that were attributions, above which
#: the quote finder trusts it (chosen on train: lower adds recall, costs precision).
CUE_MIN_PRECISION = 0.1
#: add the verbs of saying in speech_verbs.txt ("quip", "grouse", "opine") with a clausal complement
SPEECH_VERBS = True
#: "Christie appears to be embracing his duties", "Clinton seemed ready to riff": the writer's
#: impression, not anything the subject said or believes, so no quote. PolNeAR annotates such
#: evidentials, so leaving them out costs F1 on train (3-fold: 0.8135 -> 0.8111, recall 0.8009 -> 0.7946,
#: precision 0.8265 -> 0.8282); speaker accuracy 10,659/11,490 -> 10,653/11,479 (0.9277 -> 0.9280).
#: Kept for the reader, who would otherwise see "Christie | appears | to be fully embracing ...".
NOT_CUES = frozenset({"appear", "seem"})


@lru_cache(maxsize=None)
def cue_relations(min_precision: float | None = None) -> frozenset[tuple[str, str]]:
    """(lemma, relation) pairs: "say ccomp", "urge xcomp", "criticize dobj", "call prep:for"."""
    threshold = CUE_MIN_PRECISION if min_precision is None else min_precision
    text = resources.files("presswatch.nlp").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    pairs = set()
    for line in text.splitlines():
        entry, _, comment = line.partition("#")
        parts = entry.split()
        if len(parts) < 2:
            continue
        precision = float(comment.rsplit("precision", 1)[1]) if "precision" in comment else 1.0
        if precision >= threshold:
            pairs.add((parts[0].lower(), parts[1]))
    if SPEECH_VERBS:
        pairs |= {(lemma, "ccomp") for lemma in _read_list("speech_verbs.txt")}
    pairs = {p for p in pairs if reports_content(*p)}
    # the lexicon is learnt from American news; British spelling reports the same way ("criticised", "analyse")
    pairs |= {(_british(lemma), relation) for lemma, relation in pairs if _british(lemma) != lemma}
    return frozenset(p for p in pairs if p[0] not in NOT_CUES)


#: relations through which a verb of describing or recalling still reports a claim or a belief
_TOPIC_VERB_REPORTS = frozenset({"ccomp", "prep:as"})


def reports_content(lemma: str, relation: str) -> bool:
    """Whether ``lemma`` with a complement of ``relation`` reports what someone said, thought or claimed.

    Reported speech needs an act of saying, thinking or claiming: "describing the strategy" or "talked
    about the budget" names a topic, while "recalled that the talks failed" and "described the plan as
    reckless" report a memory and a claim.
    """
    base = lemma.split("/", 1)[0]
    return base not in topic_verbs() or relation in _TOPIC_VERB_REPORTS


@lru_cache(maxsize=None)
def topic_verbs() -> frozenset[str]:
    """Verbs whose object is a topic, not reported words ("describe", "recall", "discuss")."""
    return _read_list("topic_verbs.txt")


@lru_cache(maxsize=None)
def cue_precisions() -> dict[str, float]:
    """Lemma -> the best precision of its (lemma, relation) pairs in the learnt lexicon (train)."""
    text = resources.files("presswatch.nlp").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    best: dict[str, float] = {}
    for line in text.splitlines():
        entry, _, comment = line.partition("#")
        parts = entry.split()
        if len(parts) < 2 or "precision" not in comment:
            continue
        lemma = _british(parts[0].lower().split("/", 1)[0])
        best[lemma] = max(best.get(lemma, 0.0), float(comment.rsplit("precision", 1)[1]))
    return best


def _british(lemma: str) -> str:
    """ "criticize" -> "criticise", "analyze" -> "analyse"; other words unchanged."""
    if lemma.endswith("ize") and len(lemma) > 5:
        return lemma[:-3] + "ise"
    if lemma.endswith("yze"):
        return lemma[:-3] + "yse"
    return lemma


@lru_cache(maxsize=None)
def cue_lemmas() -> frozenset[str]:
    """Lemmas of verbs that introduce reported speech or belief ("say", "warn", "believe")."""
    return frozenset(lemma for lemma, _ in cue_relations())


@lru_cache(maxsize=None)
def speech_acts() -> frozenset[str]:
    """Verbs of an act of speech ("condemn", "praise", "urge") that stay quotes when nested in a report."""
    return _read_list("speech_acts.txt")


#: the gendered personal pronouns (a pronoun that refers to a person is evidence of the person and a gender cue)
PRONOUNS = frozenset({"she", "her", "hers", "herself", "he", "him", "his", "himself"})


@lru_cache(maxsize=1)
def gendered_words() -> dict[str, str]:
    """Words that say a person's gender (pronouns, honorifics, gendered titles): word -> female|male."""
    text = resources.files("presswatch.nlp").joinpath("data", "gendered_words.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, gender = line.split("\t")
            out[word] = gender
    return out


@lru_cache(maxsize=None)
def title_words() -> frozenset[str]:
    """Words that make a pre-modifier a title ("president", "ambassador", "sen.")."""
    return _read_list("titles.txt")


@lru_cache(maxsize=1)
def _name_list():
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def known_given_name(word: str) -> bool:
    """Whether a packaged list of first names (gender-guesser's) knows ``word`` as a given name."""
    first = word.split()[0].strip(".") if word.strip() else ""
    if "-" in first:  # "Jean-Julien": a double first name the list knows by its parts
        return any(known_given_name(part) for part in first.split("-"))
    return len(first) >= 2 and _name_list().get_gender(first) != "unknown"


@lru_cache(maxsize=None)
def person_verbs() -> frozenset[str]:
    """Verbs whose subject is a human being ("speculate", "testify", "shrug"), with the verbs of saying."""
    return _read_list("person_verbs.txt") | _read_list("speech_verbs.txt")


@lru_cache(maxsize=None)
def not_name_heads() -> frozenset[str]:
    """Last words of the names of places, organisations, events and products ("Falls", "Studio", "Cup")."""
    return _read_list("not_name_heads.txt")


@lru_cache(maxsize=None)
def surname_heads() -> frozenset[str]:
    """Last words of place and organisation names that are also surnames ("Park", "Hill", "Church")."""
    return _read_list("surname_heads.txt")


@lru_cache(maxsize=None)
def anonymous_nouns() -> frozenset[str]:
    """Heads of unnamed sources ("source", "official", "expert")."""
    return _read_list("anonymous.txt")


@lru_cache(maxsize=None)
def organisation_nouns() -> frozenset[str]:
    """Heads of definite descriptions that refer back to an organisation ("the group", "the ministry")."""
    return _read_list("org_nouns.txt")


@lru_cache(maxsize=None)
def any_organisation_nouns() -> frozenset[str]:
    """Organisation nouns that can refer back to an organisation of any name ("the company" ->
    "Exxon Mobil"); the others need their noun in the name ("the court" -> "Supreme Court")."""
    return _read_list("org_nouns_any.txt")


# How a cue verb takes what was said: a clause ("said that ..."), an infinitive ("urged X to ...")
# or an object ("praised the plan"). Learnt per lemma, because "say" + object is rarely speech
# while "criticize" + object is what the corpus calls an attribution.
RELATIONS = ("ccomp", "xcomp", "dobj", "acl")


def complement_of(token, relation: str):
    """The child of ``token`` that carries the content for ``relation``, if any.

    ``prep:for`` is the object of a preposition: "called for a recount", "referred to the plan".
    """
    if relation.startswith("prep:"):
        word = relation.split(":", 1)[1]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == word:
                return next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        return None
    return next((c for c in token.children if c.dep_ == relation), None)


def relations_of(token) -> list[str]:
    """The relations ``token`` has a complement for."""
    found = [c.dep_ for c in token.children if c.dep_ in RELATIONS]
    found += [f"prep:{c.lower_}" for c in token.children if c.dep_ == "prep"]
    return found


def build_cue_lexicon(
    train_jsonl: Path, *, min_count: int = 3, min_precision: float = 0.1
) -> list[tuple[str, str, int, float]]:
    """(lemma, relation) pairs that introduce attributions, learnt from a PolNeAR-format file.

    Train split only. A verb with a complement of the relation is a candidate; it is a hit when the
    verb lies in an annotated cue span and the complement's words are mostly inside that
    attribution's content. A pair is listed with at least ``min_count`` hits and ``min_precision``;
    the quote finder uses the pairs at or above ``CUE_MIN_PRECISION``.
    """
    from presswatch.nlp.pipeline import parse_texts

    records = [json.loads(line) for line in open(train_jsonl, encoding="utf-8")]
    hits: Counter[tuple[str, str]] = Counter()
    seen: Counter[tuple[str, str]] = Counter()
    for record, doc in zip(records, parse_texts(r["text"] for r in records)):
        cue_owner: dict[int, set[int]] = {}
        for n, quote in enumerate(record["quotes"]):
            content: set[int] = set()
            for start, end in quote.get("quote_spans") or ():
                content.update(range(start, end))
            for start, end in quote.get("cue_spans") or ():
                for ch in range(start, end):
                    cue_owner.setdefault(ch, set()).update(content)
        for token in doc:
            if token.pos_ not in ("VERB", "NOUN", "ADJ"):
                continue
            for relation in relations_of(token):
                if token.pos_ == "NOUN" and not (relation == "acl" or relation.startswith("prep:")):
                    continue  # nouns report through "that" clauses and prepositions only
                if token.pos_ == "ADJ" and not (relation in ("ccomp", "xcomp") or relation.startswith("prep:")):
                    continue  # "confident that ...", "critical of ..."
                if token.pos_ == "VERB" and relation == "acl":
                    continue
                comp = complement_of(token, relation)
                if comp is None:
                    continue
                suffix = {"VERB": "", "NOUN": "/n", "ADJ": "/a"}[token.pos_]
                key = (f"{token.lemma_.lower()}{suffix}", relation)
                seen[key] += 1
                content = cue_owner.get(token.idx)
                if content:
                    span_chars = [t.idx for t in comp.subtree if not t.is_punct]
                    inside = sum(1 for ch in span_chars if ch in content)
                    if span_chars and inside >= 0.5 * len(span_chars):
                        hits[key] += 1
    kept = []
    for (lemma, relation), n in hits.most_common():
        precision = n / seen[(lemma, relation)]
        if n >= min_count and precision >= min_precision:
            kept.append((lemma, relation, n, round(precision, 3)))
    return kept


_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight yesterday tomorrow "
    "january february march april june july august september october november december".split()
)


def is_when(token) -> bool:
    """A date or time, as the recogniser tagged it or as a weekday or month name it missed: when, never who.
    Used for subjects, the name before a cue and the speaker model's candidates. Train, 3-fold: 10,730 ->
    10,731 of 11,557 (with the model held fixed: +2, -0)."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in _WHEN_WORDS and token.text[:1].isupper()


if __name__ == "__main__":  # python -m presswatch.nlp.lexicon cues TRAIN.jsonl > data/cues.txt
    if len(sys.argv) != 3 or sys.argv[1] != "cues":
        raise SystemExit("usage: python -m presswatch.nlp.lexicon cues TRAIN.jsonl")
    print("# lemma relation: cue verbs and how they take content, learnt from PolNeAR train (lexicon.py)")
    for lemma, relation, n, precision in build_cue_lexicon(Path(sys.argv[2])):
        print(f"{lemma} {relation}  # hits {n}, precision {precision}")

