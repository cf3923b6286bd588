"""A quotation introduced or tagged by a verb the cue lexicon need not know: "Lee said: “...”",
"Holt cracked, “...”", "Lee agreed. “...”", "“...,” Ann Lee quipped."."""

from __future__ import annotations

from presswatch.nlp.attribution.candidate import Candidate, Construction, cue_phrase, is_cue
from presswatch.nlp.attribution.marks import (
    CLOSING_MARKS,
    QuotedSpan,
    is_quoted,
    mark_before,
    paragraph_end,
    tokens_starting_in,
)
from presswatch.nlp.attribution.speakers.resolve import Speaker
from presswatch.nlp.attribution.speakers.rules import INTRO_PRONOUNS, subject_of
from presswatch.nlp.lexicon import organisation_nouns


def colon_introduction(doc, text: str, q: QuotedSpan, cues: frozenset[str]) -> Candidate | None:
    """ "Reporter X says:" followed by the quotation (in the same or the next paragraph)."""
    pos = q.start - 1
    while pos >= 0 and (text[pos].isspace() or text[pos] in "“\"«`„'"):
        pos -= 1  # '' opens quotations in some archives
    if pos < 0 or text[pos] != ":":
        return None
    # the token holding the colon: "):" is one token after a bracketed party ("Lee (D-Ore.):")
    colon = next((t for t in tokens_starting_in(doc, pos - 1, pos + 1) if t.idx <= pos < t.idx + len(t.text)), None)
    if colon is None:
        return None
    root = colon.sent.root
    if colon.head.i < colon.i and colon.head.pos_ in ("VERB", "AUX"):
        # "Cruz continued: ¶ “...”": the parser may root the sentence inside the quotation
        root = colon.head
    before = doc[colon.i - 1] if colon.i > 0 else None
    named_before = before is not None and before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", "ORG")
    if root.i < colon.i and root.pos_ in ("VERB", "AUX"):
        verb = root if is_cue(root, cues) else None
        subject = subject_of(root)
        if verb is None and named_before:
            # "The timing doesn't surprise pollster Ann Lee: “...”", "... - More from Ann Lee:"
            subject = before
    else:  # "More from Ann Lee: “...”", "Ann Lee: “...”": the name right before the colon
        verb = None
        before = doc[colon.i - 1] if colon.i > 0 else None
        subject = before if before is not None and (before.pos_ in ("PROPN", "NOUN") or before.text == ")") else None
        if colon.text.startswith(")"):
            subject = colon
    if subject is None:
        return None
    subject = _introducer(subject)
    return Candidate(q.start, q.end, verb, cue_phrase(verb) if verb is not None else ":", subject, construction=Construction.COLON)


def _introducer(token):
    """Who introduces a quotation with a colon, when the parse offers something else:
    "Lee issued the following statement:" -> Lee; "Rep. Ann Lee (D-Ore.): “...”" -> Lee;
    "Lee broke down exactly what was wrong:" -> Lee."""
    doc = token.doc
    if token.text.startswith(")"):  # a bracketed party or state after the name
        opening = next((t for t in reversed(doc[max(0, token.i - 8) : token.i]) if t.text == "("), None)
        if opening is not None and opening.i > 0 and doc[opening.i - 1].pos_ == "PROPN":
            return doc[opening.i - 1]
        return token
    if token.lower_ in ("what", "which", "it", "this", "that") or token.pos_ == "NOUN" and token.dep_ == "dobj":
        verb = token.head
        # climb only leftwards: the parser can hang "Lee issued the following statement:" from a verb
        # inside the quotation after the colon, whose subject is no introducer
        while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl", "relcl") and verb.head.i < token.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != token.i), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return subject
    return token


def verb_introduction(doc, text: str, q: QuotedSpan) -> Candidate | None:
    """ "Anna Holt cracked, “...”", "A flabbergasted Holt quipped, “...”": a verb the cue lexicon does
    not know, right before the comma or colon that opens the quotation, with a named (or he/she)
    subject of its own: that subject speaks."""
    punct = mark_before(doc, text, q, ",:")
    if punct is None or punct.i == 0:
        return None
    verb = doc[punct.i - 1]
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not (subject.pos_ == "PROPN" or subject.lower_ in INTRO_PRONOUNS):
        return None
    return Candidate(q.start, q.end, verb, cue_phrase(verb), subject, construction=Construction.INTRODUCTION)


# what a verb takes when it is not simply introducing someone's words
_COMPLEMENT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"}

_MAX_INTRO_TOKENS = 25


def sentence_introduction(doc, text: str, q: QuotedSpan, quoted: list[QuotedSpan]) -> Candidate | None:
    """ "Dunmore's harbour master Ann Lee agreed. “...”", "Lee said in a statement. “...”": a short
    sentence right before the quotation, in its paragraph, whose verb takes nothing (no object, no
    clause) introduces the quotation; its subject speaks it, whatever the verb."""
    stop = mark_before(doc, text, q, ".")
    if stop is None or is_quoted(stop.idx, quoted):
        return None
    sent = stop.sent
    verb = sent.root
    if len(sent) > _MAX_INTRO_TOKENS or sent.start_char < q.paragraph_start or any(is_quoted(t.idx, quoted) for t in sent):
        return None
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in _COMPLEMENT_DEPS for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not (subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in INTRO_PRONOUNS):
        return None
    return Candidate(q.start, q.end, verb, cue_phrase(verb), subject, construction=Construction.SENTENCE_INTRODUCTION)


def verb_after(doc, text: str, q: QuotedSpan, quoted: list[QuotedSpan]) -> Candidate | None:
    """ "“If you ask one more question, I may leave,” Ann Lee quipped.", "“All the way!” shouted Holt":
    a quotation that ends in a comma, ? or ! and is followed at once, in its paragraph, by a subject
    and its verb -- in either order -- is that subject's, whatever the verb (quipped, fumed, cut in,
    started are no cues in the lexicon)."""
    inner = text[q.start : q.end].rstrip()
    pos = q.end
    while pos < len(text) and text[pos] in CLOSING_MARKS:
        pos += 1
    if not (inner.endswith((",", "?", "!")) or text[pos : pos + 1] == ","):
        return None
    before = q.start
    while before > q.paragraph_start and (text[before - 1].isspace() or text[before - 1] in "“\"«`„'"):
        before -= 1
    if text[pos : pos + 1] in _DASH_CHARS and before > q.paragraph_start and text[before - 1] in _DASH_CHARS:
        return None  # "When he wrapped up -- “I will win!” -- the balloons fell": an aside between dashes
    para_end = paragraph_end(text, q.start)
    following = [t for t in tokens_starting_in(doc, pos, min(pos + 80, para_end)) if not (t.is_punct or t.is_space)][:6]
    if len(following) < 2 or any(is_quoted(t.idx, quoted) for t in following[:2]):
        return None
    first = following[0]
    if first.pos_ in ("VERB", "AUX") and first.tag_ in ("VBD", "VBZ", "VBP"):  # “...,” said Ann Lee
        subject = next((c for c in first.children if c.dep_ == "nsubj" and c.i > first.i), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            return Candidate(q.start, q.end, first, cue_phrase(first), subject, construction=Construction.QUOTATION_TAIL)
        return None
    for token in following:  # “...,” Ann Lee quipped; “...!” a message on the site reads
        if token.dep_ == "nsubj" and token.left_edge.i <= first.i:
            verb = token.head
            if (token.pos_ in ("PROPN", "NOUN") or token.lower_ in INTRO_PRONOUNS) and verb.pos_ == "VERB" \
                    and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > token.i and not is_quoted(verb.idx, quoted):
                return Candidate(q.start, q.end, verb, cue_phrase(verb), token, construction=Construction.QUOTATION_TAIL)
            return None
    tail = _tail_taken_for_a_noun(first)
    if tail is not None:
        subject, verb = tail
        att = Candidate(q.start, q.end, verb, verb.text, subject, construction=Construction.QUOTATION_TAIL)
        if subject.pos_ != "PROPN":  # the parse gives no noun phrase to describe: "the editorial"
            kind = "org" if subject.lemma_.lower() in organisation_nouns() else "anonymous"
            att.speaker = Speaker(" ".join(t.text for t in first.doc[first.i : verb.i]), kind)
        return att
    return None


# verb forms that end a quotation's tag ("“...,” the editorial read.") and that the parser may take
# for a noun when nothing follows them
_TAIL_VERBS = {"read", "reads", "said", "says", "wrote", "writes", "added", "adds", "noted", "notes", "stated", "states"}


def _tail_taken_for_a_noun(first):
    """ "“...,” the editorial read.": a short tag of a noun phrase and a saying verb, which the parser
    read as one noun phrase ("the editorial read" as in "a good read"); (speaker, verb) or None."""
    doc = first.doc
    words = []
    for token in doc[first.i : min(len(doc), first.i + 6)]:
        if token.is_punct or token.is_space:
            break
        words.append(token)
    if first.i + len(words) < len(doc) and doc[first.i + len(words)].text not in (".", "!", "?"):
        return None  # only a tag that ends its sentence: one that goes on was parsed as a clause
    if not 2 <= len(words) <= 5 or words[-1].lower_ not in _TAIL_VERBS or words[-1].pos_ in ("VERB", "AUX"):
        return None
    subject = words[-2]
    if subject.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    return subject, words[-1]


_DASH_CHARS = "—–-"
