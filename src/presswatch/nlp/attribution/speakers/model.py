"""Which noun phrase of a cue's sentence is its speaker: a small linear model learnt from PolNeAR train.

The rules in ``speakers.rules.subject_of`` name one subject for each cue; the parse often offers a better
one (an object that controls an infinitive, the holder of a role, a name next to a bracket). This
model scores every candidate noun phrase of the cue's sentence by binary features of the parse --
its dependency path to the cue, its side and distance, its part of speech and entity type, whether
the rules chose it -- and the best one becomes the subject, which ``speakers.resolve.resolve_speaker`` then
resolves as before ("he" -> the antecedent, "the group" -> the organisation).

The weights are data (``data/speaker_model.json``), rebuilt from the train split only with
``python -m presswatch.bench.speaker_training TRAIN.jsonl``; reading them needs no extra library.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from presswatch.nlp.attribution.marks import is_quoted
from presswatch.nlp.attribution.speakers.resolve import in_dateline, is_age_nominal
from presswatch.nlp.lexicon import anonymous_nouns, is_when, organisation_nouns, title_words
from presswatch.nlp.pipeline import doc_text

MODEL_FILE = "speaker_model.json"
_NOUNS = ("NOUN", "PROPN", "PRON")
_MODIFIER_DEPS = {"compound", "flat", "amod", "det", "nummod", "punct", "case", "prt", "aux", "neg"}
_RELATIVE = {"who", "which", "that"}
_MAX_DISTANCE = 40  # tokens between a candidate and the cue
_PATH_STEPS = 4


@lru_cache(maxsize=1)
def load_weights() -> tuple[float, dict[str, float]] | None:
    """(intercept, feature weights), or None when the model file is missing."""
    try:
        text = resources.files("presswatch.nlp").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    data = json.loads(text)
    return float(data["intercept"]), {str(k): float(v) for k, v in data["weights"].items()}


def candidates(cue, content: tuple[int, int], quoted) -> list:
    """Heads of noun phrases in the cue's sentence and paragraph that could be its speaker: outside
    the reported content, and outside quotation marks unless the cue itself is quoted."""
    doc = cue.doc
    sent = cue.sent
    cue_quoted = is_quoted(cue.idx, quoted)
    start, end = content
    # the cue's paragraph only: the parser can run a sentence over a paragraph break
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, cue.idx) + 1
    para_end = text.find("\n", cue.idx)
    para_end = len(text) if para_end < 0 else para_end
    found = []
    for token in doc[max(sent.start, cue.i - _MAX_DISTANCE) : min(sent.end, cue.i + _MAX_DISTANCE + 1)]:
        age = is_age_nominal(token)  # "the 46-year-old": a noun phrase tagged as an adjective and a date
        if token.pos_ not in _NOUNS and not age or token.dep_ in _MODIFIER_DEPS or token.i == cue.i:
            continue
        if is_when(token) and not age:
            continue  # "last week displayed ...": when, not who ("the 46-year-old" is who)
        if not para_start <= token.idx < para_end or in_dateline(token):
            continue
        if start <= token.idx < end:
            continue
        if not cue_quoted and is_quoted(token.idx, quoted):
            continue
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl" and token.head.head.pos_ in _NOUNS:
            token = token.head.head  # "a charity that advocates for ...": the charity
            if any(t.i == token.i for t in found):
                continue
        found.append(token)
    return found


def candidate_list(cue, chosen, content: tuple[int, int], quoted) -> list:
    """The candidates, with the rules' own choice among them wherever it stands (unless it is the
    dateline, which speaks no one's words)."""
    found = candidates(cue, content, quoted)
    if chosen is not None and all(t.i != chosen.i for t in found) and not in_dateline(chosen):
        found.append(chosen)
    return found


def dependency_path(candidate, cue) -> str:
    """ "nsubj>" for the cue's own subject; "dobj>xcomp" for the object of the verb whose infinitive
    is the cue; "far" when the two meet more than a few steps up."""
    cue_up = [cue]
    node = cue
    while node.head.i != node.i and len(cue_up) <= _PATH_STEPS:
        node = node.head
        cue_up.append(node)
    cue_index = {t.i: n for n, t in enumerate(cue_up)}
    cand_up = [candidate]
    node = candidate
    while node.i not in cue_index and node.head.i != node.i and len(cand_up) <= _PATH_STEPS:
        node = node.head
        cand_up.append(node)
    if node.i not in cue_index:
        return "far"
    up = "/".join(t.dep_ for t in cand_up[:-1])
    down = "/".join(t.dep_ for t in cue_up[: cue_index[node.i]])
    return f"{up}>{down}"


def _distance_bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "more"


def features(candidate, cue, *, chosen, origin: str, person_tokens, speaker_type: str | None = None) -> list[str]:
    """Binary features of ``candidate`` as the speaker of ``cue``."""
    path = dependency_path(candidate, cue)
    side = "before" if candidate.i < cue.i else "after"
    lemma = candidate.lemma_.lower()
    between = cue.doc[min(candidate.i, cue.i) + 1 : max(candidate.i, cue.i)]
    kind = origin.split(":", 1)[0]
    age = is_age_nominal(candidate)  # "the 46-year-old": a noun phrase the tagger read as an adjective and a date
    feats = [
        "bias",
        f"path={path}",
        f"path={path}|side={side}",
        f"dep={candidate.dep_}",
        f"dep={candidate.dep_}|cue_dep={cue.dep_}",
        f"side={side}",
        f"dist={_distance_bucket(abs(candidate.i - cue.i))}",
        f"pos={'NOUN' if age else candidate.pos_}",
        f"ent={'-' if age else candidate.ent_type_ or '-'}",
        f"origin={kind}",
        f"origin={kind}|path={path}",
        f"cue_pos={cue.pos_}",
        f"cue_dep={cue.dep_}",
        f"cue={cue.lemma_.lower()}|dep={candidate.dep_}",
    ]
    if candidate.pos_ == "PRON":
        feats.append(f"pron={candidate.lower_}")
    if chosen is not None and candidate.i == chosen.i:
        feats += ["rule", f"rule|origin={kind}", f"rule|path={path}"]
    elif chosen is None:
        feats.append("rule=none")
    if candidate.i in person_tokens:
        feats.append("person")
    if speaker_type is not None:  # what the candidate resolves to: person, org or anonymous
        feats += [f"type={speaker_type}", f"type={speaker_type}|dep={candidate.dep_}"]
    if lemma in title_words():
        feats.append("title")
    if lemma in anonymous_nouns():
        feats.append("anonymous_noun")
    if lemma in organisation_nouns():
        feats.append("organisation_noun")
    if any(t.pos_ in ("VERB", "AUX") for t in between):
        feats.append("verb_between")
    if any(t.text in (",", ";", ":", "—", "–", "-") for t in between):
        feats.append("punct_between")
    if candidate.i > 0 and cue.doc[candidate.i - 1].text in ("(", "["):
        feats.append("bracketed")
    if candidate.tag_ in ("NNS", "NNPS"):
        feats.append("plural")
    # a participle's nearest clause (below) is a feature, not a rule: as a rule it lost more than it won
    if cue.tag_ == "VBG" and cue.dep_ == "advcl":
        nearest = nearest_clause_subject(cue)
        if nearest is not None and nearest.i == candidate.i:
            feats += ["nearest_clause", f"nearest_clause|path={path}"]
    return feats


_COMPLEMENT_CLAUSES = {"ccomp", "acl", "xcomp", "csubj", "pcomp"}


def _finite(verb) -> bool:
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children
    )


def nearest_clause_subject(participle):
    """ "..., as Lee echoed the criticism, saying ...", "prosecutors charged him and Lee fired the
    chief, acknowledging ...": the subject of the nearest finite clause before a participle that
    follows a comma, wherever the parser hung the participle; clauses reported inside another ("Lee
    said some were wrong, noting ...") are passed over. None when there is no such clause."""
    doc = participle.doc
    if participle.i == 0 or doc[participle.i - 1].text != ",":
        return None
    for verb in reversed(doc[participle.sent.start : participle.i - 1]):
        if not _finite(verb):
            continue
        clause, reported = verb, False
        while clause.head.i != clause.i and clause.dep_ != "ROOT":
            if clause.dep_ in _COMPLEMENT_CLAUSES:
                reported = True
                break
            if clause.dep_ in ("advcl", "conj", "relcl"):
                break
            clause = clause.head
        if reported:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ == "conj":
            continue  # "... and fired the chief": the first conjunct's subject, further left
        return subject
    return None


def score(feats: list[str], weights: dict[str, float], intercept: float) -> float:
    return intercept + sum(weights.get(f, 0.0) for f in feats)


def choose_subject(cue, chosen, content: tuple[int, int], quoted, *, origin: str, person_tokens, resolve=None):
    """The best-scoring candidate for the speaker of ``cue``; ``chosen`` (the rules' answer) when the
    model is missing or the sentence offers no candidate."""
    model = load_weights()
    if model is None:
        return chosen
    intercept, weights = model
    best, best_score = chosen, None
    for candidate in candidate_list(cue, chosen, content, quoted):
        feats = features(candidate, cue, chosen=chosen, origin=origin, person_tokens=person_tokens,
                         speaker_type=resolve(candidate) if resolve is not None else None)
        s = score(feats, weights, intercept)
        if best_score is None or s > best_score:
            best, best_score = candidate, s
    return best
