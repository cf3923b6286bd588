"""Colon label: headline style "Graham: Trump's rhetoric is destroying the party" (speaker, colon, claim).

The label speaks the whole claim even when a cue inside the claim reports an event of its own
("Haldor: Lee should have congratulated me"); a label that cannot speak ("Road to recovery: ...") makes
a ``HEADLINE_TOPIC`` candidate, which stands only if its speaker resolves to a person or organisation.
"Editor's note:", "For instance:", "Breaking:" are labels, not sources.
"""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, trim
from presswatch.nlp.attribution.constructions.survey import SURVEYS
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import overlap
from presswatch.nlp.lexicon import anonymous_nouns, organisation_nouns, title_words

# words that label a headline or a turn rather than name a source ("Breaking: ...", "Watch: ...")
_HEADLINE_LABELS = {
    "breaking", "exclusive", "watch", "video", "live", "update", "updated", "updates", "photos", "photo",
    "opinion", "analysis", "editorial", "listen", "read", "see", "related", "latest", "developing", "new",
}


_QUESTION_LABELS = {"Q", "Question"}
_NOTE_LABELS = {"note", "instance", "example", "correction", "clarification", "disclosure", "update", "pic"}


def _headline_source(label, words):
    """Who a "Label: claim" line credits: "From Lee's blog post:" -> Lee; otherwise the label's head
    ("Graham", or "Q" for an interview's questions)."""
    first = words[0]
    if first.pos_ in ("ADV", "ADJ") and len(words) > 1 and words[1].pos_ == "ADP":
        first = words[1]  # "More from Ann Lee:", "Also from the charity's report:"
    if first.pos_ == "ADP":  # "From Lee's post:", "Among the charity's claims:"
        obj = next((c for c in first.children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        return owner if owner is not None else obj
    return label.root


def _addressed_label(words):
    """The speaker of a "Name to listeners:" label, the name's last word ("Lee to dock workers: the
    strike must end" is Lee's; the small model reads "to dock" as a verb); None for other labels."""
    to = next((n for n, t in enumerate(words) if t.lower_ == "to"), None)
    if to is None or not 1 <= to <= 3 or not 1 <= len(words) - to - 1 <= 4:
        return None
    name = words[:to]
    if not all(t.text[:1].isupper() and (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP")) for t in name):
        return None
    if any(t.text[:1].isupper() for t in words[to + 1 :]):
        return None  # "Road to Damascus: ...", "Trump to Clinton: ...": a title, or two names
    return name[-1]


def _could_be_a_source(words, head) -> bool:
    """Whether a headline label (its ``words``, and the ``head`` that would speak) names someone."""
    if head.pos_ in ("PROPN", "PRON") or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in words):
        return True
    if len(words) == 1 and words[0].text[:1].isupper() or head.tag_ in ("NNS", "NNPS"):
        return True  # "Milbank:" (a name the recogniser missed), "Historians:"
    lemma = head.lemma_.lower()
    return lemma in anonymous_nouns() or lemma in organisation_nouns() or lemma in title_words() or lemma in SURVEYS


def _colon_attributions(doc) -> list[Candidate]:
    """Headline style "Graham: Trump's rhetoric is destroying the party" (speaker, colon, claim)."""
    found = []
    for sent in doc.sents:
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        before = doc[sent.start : colon.i]
        words = [t for t in before if not t.is_punct and not t.is_space]
        addressed = _addressed_label(words)
        if addressed is not None:
            # "Lee to dock workers: the strike must end": Lee speaks, whom to is part of the label
            span = trim(doc, colon.i + 1, sent.end - 1)
            if span is not None and sum(1 for t in doc[colon.i + 1 : sent.end] if t.is_alpha) >= 3:
                found.append(Candidate(span[0], span[1], None, ":", addressed, construction=Construction.HEADLINE))
            continue
        if not 1 <= len(words) <= 5 or any(t.pos_ in ("VERB", "AUX") or any(ch.isdigit() for ch in t.text) for t in words):
            continue
        if not any(t.pos_ in ("PROPN", "NOUN") for t in words):
            continue
        if len(words) == 1 and words[0].lower_ in _HEADLINE_LABELS:
            continue  # "Breaking: ...", "Watch: ...": a label, not a source
        if (before.root.is_punct or before.root.lower_ in _NOTE_LABELS):
            continue  # "Editor's note: ...", "For instance: ...": a label, not a source
        span = trim(doc, colon.i + 1, sent.end - 1)
        if span is None or sum(1 for t in doc[colon.i + 1 : sent.end] if t.is_alpha) < 4:
            continue
        head = _headline_source(before, words)
        if head is not None and head.lower_ in _NOTE_LABELS:
            continue  # "In one instance: ..."
        topic = head is not None and not _could_be_a_source(words, head)
        found.append(Candidate(span[0], span[1], None, ":", head, construction=Construction.HEADLINE_TOPIC if topic else Construction.HEADLINE))
    return found


class ColonLabel:
    name = "colon label"

    def find(self, ctx: QuoteContext) -> Iterator[Candidate]:
        for candidate in _colon_attributions(ctx.doc):
            if candidate.subject is not None and candidate.subject.text in _QUESTION_LABELS:
                continue  # "Q: Why did the ferry stop?" asks; Q/A transcripts are the interview turns'
            yield candidate


def add_labels(clauses: list[Candidate], labels) -> list[Candidate]:
    """The labels beside the clauses found so far: a label stands where no clause overlaps it, or where
    every overlapping clause's cue lies inside its claim ("Haldor: Lee should have congratulated me")."""
    found = list(clauses)
    for label in labels:
        rivals = [a for a in found if overlap(label.start, label.end, a.start, a.end)]
        nested = all(a.cue is not None and label.start <= a.cue.idx < label.end for a in rivals)
        if not rivals or nested:
            found.append(label)
    return found
