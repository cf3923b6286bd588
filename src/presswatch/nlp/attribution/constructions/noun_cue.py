"""Noun and adjective cues: "Lee's claim that the vote was rigged", "critics voiced concern about the
plan", "aides were confident that ...", by the noun and adjective entries of the learnt cue lexicon."""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.marks import is_quoted
from presswatch.nlp.attribution.speakers.rules import subject_of
from presswatch.nlp.lexicon import complement_of, relations_of

# nouns that name the one holding the view: "supporters of X", "a critic of Y"
_AGENT_NOUNS = {"supporter", "critic", "proponent", "advocate", "opponent", "backer", "defender"}


def _holder_of_agent_noun(token):
    """ "Sarandon is one of the supporters of X" -> Sarandon; "supporters of X said" -> supporters."""
    node = token
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in ("NOUN", "NUM", "PRON"):
        node = node.head.head  # "one of a clutch of celebrity supporters"
    while node.dep_ == "conj" and node.head.pos_ == "NOUN":
        node = node.head  # "a former senator and fierce critic of X"
    if node.dep_ == "appos" and node.head.pos_ in ("PROPN", "NOUN"):
        return node.head  # "Ann Lee, a critic of X"
    verb = node.head
    if node.dep_ == "pobj" and verb.lower_ == "as":
        verb = verb.head  # "has emerged as a leading advocate for X"
    elif node.dep_ != "attr":
        return token
    if verb.pos_ in ("VERB", "AUX"):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
    return token


def _governing_verb(token):
    """The verb a noun hangs from directly or through one preposition ("joined in a decision")."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if token.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head is not token:
        return head
    return None


def _lexicon_complements(token, relations, pos: str, *, wide: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Trimmed (start, end) spans of the complements the learnt lexicon lists for this cue word used
    as ``pos`` ("a" adjective, "n" noun); a complement by one of the ``wide`` relations is trimmed of
    two tokens, the others of one."""
    key = f"{token.lemma_.lower()}/{pos}"
    for relation in relations_of(token):
        if (key, relation) not in relations:
            continue
        child = complement_of(token, relation)
        if child is None:
            continue
        span = trim(token.doc, child.left_edge.i, child.right_edge.i, 2 if relation in wide else 1)
        if span is not None:
            yield span


def _adjective_cue_attributions(token, relations, quoted) -> list[Candidate]:
    """ "Aides were confident that the bill would pass", "she was critical of the plan"."""
    found = []
    for span in _lexicon_complements(token, relations, "a", wide=("ccomp", "xcomp")):
        subject = subject_of(token, quoted=quoted)
        if subject is None and token.dep_ in ("acomp", "oprd") and token.head.pos_ in ("VERB", "AUX"):
            subject = subject_of(token.head, quoted=quoted)
        if subject is None:
            continue  # "critical" as a plain modifier: nobody holds the view
        found.append(Candidate(span[0], span[1], token, token.text, subject, construction=Construction.ADJECTIVE))
    return found


def _noun_cue_attributions(token, relations: frozenset[tuple[str, str]]) -> list[Candidate]:
    """ "Trump's claim that the vote was rigged", "critics voiced concern about the plan"."""
    found = []
    for span in _lexicon_complements(token, relations, "n", wide=("acl",)):
        # the one whose claim it is: "complaints from X", "a defense by X", a possessor ("his
        # promise" -> the subject of the clause), else the subject of the verb that has the noun
        subject = None
        if token.lemma_.lower() in _AGENT_NOUNS:
            found.append(Candidate(span[0], span[1], token, token.text, _holder_of_agent_noun(token), construction=Construction.NOUN))
            continue
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                subject = next((g for g in child.children if g.dep_ == "pobj"), None)
                if subject is not None:
                    break
        if subject is None:
            subject = next((c for c in token.children if c.dep_ == "poss"), None)
            if subject is not None and subject.pos_ == "PRON":
                governing = _governing_verb(token)
                clause_subject = subject_of(governing) if governing is not None else None
                if clause_subject is not None and clause_subject.pos_ != "PRON":
                    subject = clause_subject
        if subject is None and token.dep_ != "nsubj":
            governing = _governing_verb(token)
            subject = subject_of(governing) if governing is not None else None
        if subject is None:
            # "The claim that the vote was rigged spread": nobody holds it in the sentence, and a
            # speaker borrowed from the paragraph is a guess
            continue
        found.append(Candidate(span[0], span[1], token, token.text, subject, construction=Construction.NOUN))
    return found


class NounCue(WordConstruction):
    name = "noun cue"

    def match(self, ctx: QuoteContext, token):
        return True if token.pos_ == "NOUN" and not is_quoted(token.idx, ctx.quoted) else None

    def candidates(self, ctx: QuoteContext, token, evidence) -> list[Candidate]:
        return _noun_cue_attributions(token, ctx.relations)


class AdjectiveCue(WordConstruction):
    name = "adjective cue"

    def match(self, ctx: QuoteContext, token):
        return True if token.pos_ == "ADJ" and not is_quoted(token.idx, ctx.quoted) else None

    def candidates(self, ctx: QuoteContext, token, evidence) -> list[Candidate]:
        return _adjective_cue_attributions(token, ctx.relations, ctx.quoted)
