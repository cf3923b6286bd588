"""Cue clause: a verb of saying and what it reports, by the relations learnt from PolNeAR train
("warned that ...", "urged X to ...", "criticized the plan", "called for a recount"), and the tail report
("A ferry worker was hurt, police said.") when no relation takes the words."""

from __future__ import annotations

from collections.abc import Iterator

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase, trim
from presswatch.nlp.attribution.constructions.base import WordConstruction, verb_cue
from presswatch.nlp.attribution.constructions.parenthetical import (
    INVERTING_CUES,
    MAX_PARENTHETICAL,
    PHRASE_POS,
    RELATIVE_WORDS,
    clause_start_before,
    comma_before,
)
from presswatch.nlp.attribution.context import QuoteContext
from presswatch.nlp.attribution.speakers.rules import SUBJECT_DEPS, inverted_object, subject_of
from presswatch.nlp.lexicon import complement_of, cue_lemmas, relations_of

_OBJECT_TAIL_DEPS = ("oprd", "xcomp", "ccomp", "prep", "dative", "acomp")


def that_clause_after(token):
    """A "that" clause the parser hung elsewhere: "X said on Friday during a conference that ..."."""
    for t in token.sent:
        if t.i > token.i and t.lower_ == "that" and t.dep_ == "mark" and t.head.pos_ in ("VERB", "AUX"):
            # only when nothing else that could speak stands between the cue and the clause
            between = token.doc[token.i + 1 : t.i]
            if not any(b.pos_ == "VERB" for b in between):
                return t.head
    return None


def _complements(token):
    """(relation, complement) pairs of a cue, each relation once, from the cue's own paragraph:
    when the parser runs a sentence over a paragraph break ("... tied up.” ¶ X said the offer
    ..."), the quotation before it hangs from the cue as a second clause and would hide the real one."""
    doc = token.doc
    seen: set[str] = set()
    found = []
    for relation in relations_of(token):
        if relation in seen:
            continue
        seen.add(relation)
        if relation.startswith("prep:"):
            child = complement_of(token, relation)
            if child is not None:
                found.append((relation, child))
            continue
        candidates = [
            child
            for child in token.children
            if child.dep_ == relation
            and not any("\n" in t.text for t in doc[min(child.i, token.i) : max(child.i, token.i)])
        ]
        # two clauses for one cue: "After the senator suspended his campaign, Cruz said he's certain
        # ...": the parser took the fronted adverbial clause for reported speech; what is reported
        # follows the cue
        after = [c for c in candidates if c.i > token.i]
        if len(candidates) > 1 and after:
            candidates = after
        if candidates:
            found.append((relation, candidates[0]))
    return found


# A verb of saying's prepositional object names the topic or the listener, never the words: "said of the
# timetable", "wrote about the strike", "said to reporters". Verbs of talk ("spoke about the economy")
# keep theirs: the topic is what PolNeAR takes as their content.
_SAYING = {"say", "tell", "write", "add", "note", "explain"}

_TOPIC_RELATIONS = {"prep:of", "prep:about", "prep:to", "prep:with", "prep:for", "prep:by", "prep:like"}


def _clause_start_with_its_subject(cue, clause, first: int) -> int:
    """ "The port authority said about half of the rise in its costs reflected storm damage": the parser
    hung the reported clause's subject from the cue and the clause began at its verb. Where a reported
    clause that follows its cue begins, when its own subject was parsed as the cue's: from right after
    the cue (or after "that"), over the one prepositional phrase in between."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return first
    doc = cue.doc
    between = doc[cue.i + 1 : first]
    if any(t.is_punct or t.ent_type_ in ("DATE", "TIME") or t.pos_ in ("VERB", "AUX") for t in between):
        return first  # "said on Friday, ...", "said, adding ...": not a subject
    # one phrase hung from the cue covers the gap: "said [about half of the adjustment]"
    tops = {t.i for t in between if t.head.i == cue.i}
    if len(tops) != 1:
        return first
    top = doc[next(iter(tops))]
    if top.dep_ != "prep" or top.left_edge.i != cue.i + 1 or top.right_edge.i != first - 1:
        return first
    if not any(t.dep_ == "pobj" and t.pos_ in ("NOUN", "NUM") for t in top.children):
        return first
    return cue.i + 1


_TRAILING_DEPS = ("advcl", "conj", "ccomp", "parataxis")

_FINITE_TAGS = ("VBZ", "VBD", "VBP", "MD")


def _clause_after_object(obj, last: int) -> int:
    """The end of a reported clause whose subject the parser took for the cue's object: a finite verb
    right after the object whose clause has no subject of its own."""
    doc = obj.doc
    nxt = last + 1
    if nxt >= obj.sent.end or doc[nxt].tag_ not in _FINITE_TAGS:
        return last
    verb = doc[nxt] if doc[nxt].dep_ not in ("aux", "auxpass") else doc[nxt].head
    if verb.i < nxt or verb.pos_ not in ("VERB", "AUX"):
        return last
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return last
    return max(last, verb.right_edge.i)


def _trailing_clauses(cue, last: int) -> int:
    """ "Experts said money is needed to repair the pier, hire two pilots and buy a tug": the
    parser hung the rest of the reported sentence from the cue; it is more of what was reported."""
    cues = cue_lemmas()
    for other in cue.children:
        if other.i <= last or other.dep_ not in _TRAILING_DEPS:
            continue
        if other.pos_ not in ("VERB", "AUX"):
            continue
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in other.children)
        if other.tag_ == "VBG" and not own_subject:
            break  # "..., adding that ...": the speaker's next report, an attribution of its own
        if other.lemma_.lower() in cues:
            break  # "said A but declined to say B", "..., and Brede said ...": an act of its own
        last = max(last, other.right_edge.i)
    # "said he knew two crew members: Ines Haldor ... and Tom Brede": the list the parser hung from the
    # cue or its subject
    doc = cue.doc
    colon = last + 1 if last + 1 < cue.sent.end and doc[last + 1].text in (":", "—", "–") else None
    if colon is not None:
        hung = [
            t for t in doc[colon + 1 : cue.sent.end]
            if t.head.i in (cue.i,) + tuple(c.i for c in cue.children if c.dep_ in SUBJECT_DEPS)
            and t.dep_ in ("appos", "dep", "npadvmod", "attr", "dobj", "conj")
        ]
        if hung:
            last = max(last, max(t.right_edge.i for t in hung))
    return last


def _content_ranges(token, relations: frozenset[tuple[str, str]]) -> list[tuple[int, int, int]]:
    """Token ranges of what a cue verb reports, by the relations learnt for its lemma."""
    lemma = token.lemma_.lower()
    ranges: list[tuple[int, int]] = []
    inverted = inverted_object(token)
    for relation, child in _complements(token):
        if (lemma, relation) not in relations or inverted is not None and child.i == inverted.i:
            continue
        if lemma in _SAYING and relation in _TOPIC_RELATIONS:
            continue  # "“It is fine,” Lee said of the timetable": what it was said of, not what was said
        if child.lower_ in RELATIVE_WORDS and child.left_edge.i == child.right_edge.i:
            continue  # "a season in which the port expects ...": a lone relative word reports nothing
        if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in child.subtree):
            continue  # "agreed on Thursday to ...": the day is when, not what
        if child.dep_ == "dobj" and child.lower_ in ("that", "this", "it", "so"):
            # "said it", "said so" report nothing; "calling it “disqualifying”" reports the description
            if not any(o.i > child.i and o.dep_ in ("oprd", "xcomp") for o in token.children):
                continue
        # an object can be one word ("endorsed Clinton"); a clause needs two
        min_words = 2 if relation in ("ccomp", "xcomp") else 1
        last = child.right_edge.i
        first = child.left_edge.i
        if relation == "ccomp" and child.i > token.i and first > token.i + 1:
            first = _clause_start_with_its_subject(token, child, first)
        if relation == "ccomp":
            # "said that A, and that B": the parser hangs the second that-clause from the verb
            for other in token.children:
                that_clause = any(m.dep_ == "mark" and m.lower_ == "that" for m in other.children)
                if other.dep_ == "conj" and other.i > child.i and that_clause:
                    last = max(last, other.right_edge.i)
        if relation == "ccomp" and child.i > token.i:
            last = _trailing_clauses(token, last)
        if relation == "dobj" and (lemma, "ccomp") in relations and child.i > token.i:
            last = _clause_after_object(child, last)
        if relation == "dobj":
            # what follows the object belongs to the report: "called him ''a pragmatist''",
            # "view Mrs. Clinton as less able", "pressured Sanders to rein in his fans"
            for other in token.children:
                if other.i > child.i and other.dep_ in _OBJECT_TAIL_DEPS:
                    last = max(last, other.right_edge.i)
            # "endorsed the re-election of Lee": the parser made "re", "-" and "election" three objects
            for other in token.rights:
                if other.dep_ == "dobj" and other.i > child.i and other.left_edge.i == last + 1:
                    last = max(last, other.right_edge.i)
            # "praised the efforts of Lee to find a solution": the infinitive hung from the cue
            for other in token.children:
                if other.dep_ == "advcl" and other.left_edge.i == last + 1 and other.left_edge.lower_ == "to":
                    last = max(last, other.right_edge.i)
        ranges.append((first, last, min_words))
    if ranges:
        # "accused the union of walking away": the object's range already holds the preposition's
        return [r for r in ranges if not any(o != r and o[0] <= r[0] and r[1] <= o[1] for o in ranges)]
    if (lemma, "ccomp") not in relations:
        return []
    if token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
        head = token.head
        if token.left_edge.i > head.left_edge.i and token.right_edge.i >= head.right_edge.i - 1:
            return [(head.left_edge.i, token.left_edge.i - 1, 2)]  # "X will win, he said"
        if token.i < head.i and token.left_edge.i <= head.left_edge.i:
            return [(token.right_edge.i + 1, head.right_edge.i, 2)]
        return [(head.left_edge.i, head.right_edge.i, 2)]  # "A, Barden says, B": the cue words are few
    clause = that_clause_after(token)
    if clause is not None:
        return [(clause.left_edge.i, clause.right_edge.i, 2)]
    return []


_TAIL_POS = PHRASE_POS | {"ADP", "ADV"}


def _tail_report(token):
    """ "A ferry worker was hurt by a falling crate on the pier, police said.": a cue of saying at the
    end of its sentence, after a comma, with only its speaker (and when or where) beside it, where the
    parser hung what is reported from the cue loosely and no learnt relation took it.
    (speaker head, first, last), or None."""
    if token.tag_ not in ("VBD", "VBZ", "VBP") or token.pos_ != "VERB":
        return None
    doc, sent = token.doc, token.sent
    end = sent.end - 1
    while end > token.i and (doc[end].is_punct or doc[end].is_space) and doc[end].text != ",":
        if doc[end].text == ":":
            return None  # "In a letter, Lee wrote:" introduces what follows (a block quote), not what went before
        end -= 1
    left = comma_before(token)
    if left <= sent.start or doc[left].text != ",":
        return None
    phrase = [t for t in doc[left + 1 : end + 1] if t.i != token.i]
    if not phrase or len(phrase) > 2 * MAX_PARENTHETICAL or any("\n" in t.text for t in doc[left : end + 1]):
        return None
    if any(t.pos_ not in _TAIL_POS or t.text in ("“", "”", '"', "''", "``") for t in phrase):
        return None
    if phrase[0].pos_ == "CCONJ" or any(t.lower_ in RELATIVE_WORDS or t.lower_ == "that" for t in phrase):
        return None
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and left < c.i <= end), None)
    if subject is None or subject.i > token.i and token.lemma_.lower() not in INVERTING_CUES:
        return None
    return subject, clause_start_before(token, left), left - 1


class CueClause(WordConstruction):
    """A verb of the cue lexicon and the words its learnt relations take; a cue that closes its
    sentence with nothing taken is a tail report instead."""

    name = "cue clause"

    def match(self, ctx: QuoteContext, token):
        return True if verb_cue(ctx, token) else None

    def candidates(self, ctx: QuoteContext, token, evidence) -> Iterator[Candidate]:
        doc, quoted = ctx.doc, ctx.quoted
        subject = subject_of(token, quoted=quoted)
        ranges = _content_ranges(token, ctx.relations)
        if not ranges and (token.lemma_.lower(), "ccomp") in ctx.relations:
            tail = _tail_report(token)
            if tail is not None:
                speaker, first, last = tail
                span = trim(doc, first, last, 3)
                if span and not any(q.start < span[1] and span[0] < q.end and (q.end - q.start) >= 0.8 * (span[1] - span[0]) for q in quoted):
                    yield Candidate(span[0], span[1], token, cue_phrase(token), speaker, construction=Construction.TAIL)
                return
        for first, last, min_words in ranges:
            span = trim(doc, first, last, min_words)
            if span:
                yield Candidate(span[0], span[1], token, cue_phrase(token), subject, construction=Construction.CUE)
