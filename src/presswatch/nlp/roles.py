"""Roles as the article states them, read off the parse around a person's name.

Three constructions:
- apposition after the name: "Nikolai Patrushev, Russia's Security Council secretary," and
  descriptions "Arkady Dubnov, a Russian expert on Central Asia" (articles "a/an/the" trimmed);
- title pre-modifiers: "President Ashraf Ghani", "Republican nominee Donald Trump";
- a name in apposition to a title before it: "Russian Ambassador to Kabul Dmitri Zhirnov".
"""

from __future__ import annotations

import re

from presswatch.nlp.lexicon import title_words
from presswatch.nlp.pipeline import doc_text

_ARTICLES = {"a", "an", "the"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nummod"}
_CUT_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"}
_NAME_ENTS = {"PERSON"}
_MAX_ROLE_TOKENS = 12
# "(D-Mass.)", "(R-WI)", "(I-Vt.)": a party and state in brackets after a politician's name
_PARTY_TAG = re.compile(r"\(\s*[DRI]\s*-\s*[A-Z][A-Za-z.]{0,12}\s*\)")


def in_party_tag(token) -> bool:
    """Whether ``token`` is part of a bracketed party-and-state tag: no role, and no one by itself."""
    text = doc_text(token.doc)
    opening = text.rfind("(", max(0, token.idx - 14), token.idx + 1)
    if opening < 0:
        return False
    match = _PARTY_TAG.match(text, opening)
    return match is not None and match.end() > token.idx


def is_capitalised_title(token) -> bool:
    """ "Speaker", "Secretary", "Sen.": a capitalised word of the title list, as written or as its lemma."""
    return token.text[:1].isupper() and (token.lower_.rstrip(".") in title_words() or token.lemma_.lower() in title_words())


def normalise_role(text: str) -> str:
    """Whitespace collapsed, edge punctuation and a leading article removed."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-\u00a0")
    words = text.split(" ")
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _span_text(doc, start: int, end: int) -> str:
    return doc[start:end].text if end > start else ""


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())


def _counted(tokens) -> bool:
    """A count or a score, not a role: "17 points", "four speaker", "Blue Jackets 5", "Vexa 11 Pro" (a year
    stays: "2012 nominee")."""
    numbers = [
        t for t in tokens
        if ((t.text.replace(",", "").isdigit() and not _YEAR.match(t.text)) or t.text.lower() == t.text and t.text in _COUNT_WORDS)
        and not _times(t)
    ]
    return bool(numbers) or tokens[-1].text.isdigit()


def _times(token) -> bool:
    """ "five-time champion", "three time winner": a count of times is part of a role."""
    doc = token.doc
    nxt = [doc[i].lower_ for i in range(token.i + 1, min(len(doc), token.i + 3))]
    return bool(nxt) and (nxt[0] == "time" or nxt[0] == "-" and nxt[1:2] == ["time"])


def _looks_like_role(tokens) -> bool:
    """At least one word that is not a name or place (else "Kabul" alone would be a role)."""
    if any(t.text in (":", ";", "|") or (t.is_upper and len(t.text) > 3) for t in tokens):
        return False  # headline debris: "vote: Waverly", "’S POLLS"
    if _counted(tokens) or all(t.pos_ == "PRON" for t in tokens):
        return False  # "Talorie Crafton 1 goal" in a box score; "He" is nobody's role
    titles = title_words()
    for t in tokens:
        if t.lower_ in titles:
            return True
        if t.pos_ in ("NOUN",) and not t.ent_type_:
            return True
        if t.pos_ == "PROPN" and not t.ent_type_ and t.text[:1].isupper():
            return True
    return False


def _description_of(doc, head) -> str | None:
    """The noun phrase headed by ``head``, without relative clauses or further appositions."""
    keep = [head]
    stack = list(head.children)
    while stack:
        child = stack.pop()
        if child.head == head and child.dep_ in _CUT_DEPS:
            continue
        keep.append(child)
        stack.extend(child.children)
    idx = sorted(t.i for t in keep)
    # the contiguous run that contains the head
    start = end = head.i
    present = set(idx)
    while start - 1 in present:
        start -= 1
    while end + 1 in present:
        end += 1
    tokens = doc[start : end + 1]
    if len(tokens) > _MAX_ROLE_TOKENS or not _looks_like_role(tokens):
        return None
    role = normalise_role(tokens.text)
    return role or None


def role_mentions(doc, start: int, end: int, title_tokens: tuple[int, int] | None = None) -> list[str]:
    """Roles given to the person whose name is ``doc[start:end]``, in text order."""
    roles: list[str] = []
    name_tokens = set(range(start, end))
    head = doc[end - 1]
    for t in doc[start:end]:
        if t.head.i not in name_tokens:
            head = t
            break

    # 0. the name as the object of a title's "of": "Speaker of the House Rep. Tom Brede" -> "Speaker of
    #    the House" (and "Rep." by rule 1)
    of_title_end = None
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i < head.head.i:
        title = head.head.head
        if is_capitalised_title(title):
            first = title.left_edge.i
            while first < title.i and doc[first].lower_ in _ARTICLES:
                first += 1
            # up to the name, or to a title abbreviation of its own ("the House [Rep.] Tom Brede")
            inner = [t for t in doc[head.head.i + 1 : start] if t.dep_ == "compound" and t.text.endswith(".") and t.text[:1].isupper()]
            last = inner[0].i if inner else start
            tokens = doc[first:last]
            if 0 < len(tokens) <= _MAX_ROLE_TOKENS and _looks_like_role(tokens):
                role = normalise_role(tokens.text)
                if role:
                    roles.append(role)
                    of_title_end = last

    # 1. titles the model put inside the PERSON span, and pre-modifiers before it
    left = start
    if title_tokens is not None:
        left = title_tokens[0]
    modifiers = [
        c for t in doc[start:end] for c in t.children if c.i < start and c.dep_ in _MODIFIER_DEPS
    ]
    if title_tokens is not None:
        modifiers += [c for i in range(*title_tokens) for c in doc[i].children if c.i < left]
    for c in modifiers:
        if c.ent_type_ in _NAME_ENTS and c.i not in range(*(title_tokens or (0, 0))):
            continue
        left = min(left, c.left_edge.i)
    if of_title_end is not None:
        left = max(left, of_title_end)  # what rule 0 took is not a pre-modifier again
    while left < start and (
        doc[left].lower_ in _ARTICLES or doc[left].is_punct or doc[left].dep_ == "det" or doc[left].ent_type_ in ("DATE", "TIME") and doc[left].pos_ == "PROPN"
    ):
        left += 1  # "On Saturday Sen. Ann Lee": the day is no part of the title ("2012 nominee" keeps its year)
    if left < start:
        tokens = doc[left:start]
        if len(tokens) <= _MAX_ROLE_TOKENS and _looks_like_role(tokens) and not any(t.is_punct and t.text in ",;" for t in tokens):
            role = normalise_role(tokens.text)
            if role:
                roles.append(role)

    # 2. the name in apposition to a title before it: "Russian Ambassador to Kabul Dmitri Zhirnov"
    if head.dep_ == "appos" and head.head.i < start and head.head.pos_ in ("NOUN", "PROPN"):
        title_head = head.head
        if title_head.ent_type_ not in _NAME_ENTS and title_head.pos_ != "PRON":
            first = title_head.left_edge.i
            while first < start and doc[first].lower_ in _ARTICLES:
                first += 1
            last = start
            while last > first and doc[last - 1].is_punct:
                last -= 1
            tokens = doc[first:last]
            if 0 < len(tokens) <= _MAX_ROLE_TOKENS and _looks_like_role(tokens):
                role = normalise_role(tokens.text)
                if role and role not in roles:
                    roles.append(role)

    # 4. a run of capitalised title words right before the name that the parser split up
    #    ("British Consul in Lagos Sarah Osei" parsed as "Consul in [Lagos Sarah Osei]")
    if not roles:
        run_start = start
        while run_start > 0:
            t = doc[run_start - 1]
            if t.is_punct or t.is_space or t.ent_type_ in _NAME_ENTS or t.ent_type_ in ("DATE", "TIME"):
                break
            if not (t.text[:1].isupper() or t.lower_ in ("of", "to", "in", "for", "and")):
                break
            run_start -= 1
        while run_start < start and not doc[run_start].text[:1].isupper():
            run_start += 1
        tokens = doc[run_start:start]
        if 0 < len(tokens) <= _MAX_ROLE_TOKENS and any(t.lower_ in title_words() for t in tokens):
            role = normalise_role(tokens.text)
            if role:
                roles.append(role)

    # 3. appositions and descriptions after the name
    for c in head.children:
        if c.dep_ != "appos" or c.i < end or c.ent_type_ in _NAME_ENTS or c.pos_ not in ("NOUN", "PROPN"):
            continue
        if c.left_edge.i > 0 and doc[c.left_edge.i - 1].text in ("(", "[", "-") or in_party_tag(c):
            continue  # "Sen. Bernie Sanders (I-Vt.)": a party and state, not a role
        role = _description_of(doc, c)
        if role and role not in roles:
            roles.append(role)
    return roles
