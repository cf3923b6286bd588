"""Entities and people: PERSON mentions merged under the fullest name, junk spans dropped.

"Patrushev" after "Nikolai Patrushev" is the same person; "Mr. Trump" is "Donald Trump";
"Russia's" tagged PERSON by the model is not a person when the article names Russia as a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from presswatch.model import Entity, Mention, Person
from presswatch.nlp.lexicon import (
    PRONOUNS,
    gendered_words,
    known_given_name,
    organisation_nouns,
    person_verbs,
    title_words,
)
from presswatch.nlp.pipeline import doc_text
from presswatch.nlp.roles import role_mentions

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")
_NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "du", "di", "ibn", "abu"}
_POSSESSIVE = {"'s", "’s", "‘s", "'", "’", "‘"}
_NOT_IN_NAMES = {"VERB", "AUX", "ADP", "PRON", "ADV", "PART", "SCONJ", "CCONJ", "NUM"}
_DIGIT = re.compile(r"\d")


@dataclass(slots=True)
class PersonMention:
    name_tokens: tuple[str, ...]
    start_token: int  # first token of the name (titles excluded)
    end_token: int  # one past the last token
    start: int  # char offsets
    end: int
    title_tokens: tuple[int, int] | None  # a title the model folded into the entity ("President X")


@dataclass(slots=True)
class PeopleIndex:
    """People of one article and, for each token of a mention, whose name it is."""

    people: list[Person] = field(default_factory=list)
    token_owner: dict[int, str] = field(default_factory=dict)
    # (char offset, person name) of every mention, in text order: for pronoun antecedents
    mention_order: list[tuple[int, int, str]] = field(default_factory=list)  # (start, token index, name)
    # roles as (char offset where the text gives it, role) per person
    role_offsets: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # the article's byline: who "I" is in a first-person column, and who asks an interview's questions
    authors: tuple[str, ...] = ()

    def role_in_force(self, name: str, at: int) -> str | None:
        """The role the text gives the person last before ``at`` (else the first one it gives)."""
        seen = self.role_offsets.get(name) or []
        if not seen:
            return None
        before = [role for offset, role in seen if offset <= at]
        return before[-1] if before else seen[0][1]

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)


def _clean_entity_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "ic", "ics", "i", "is", "ch", "ite", "ites")


def _title_premodifier(ent) -> bool:
    """ "Harbour" tagged NORP in "Harbour Minister X": a noun of the title, not a group of people
    ("Russian Ambassador X", "Republican Senator X" keep their NORP: adjectives or demonyms)."""
    if ent.label_ != "NORP" or len(ent) != 1:
        return False
    token = ent[0]
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.dep_ == "compound"
        and token.tag_ in ("NN", "NNP")
        and not token.lower_.endswith(_DEMONYM_ENDINGS)
        and nxt is not None
        and nxt.lower_ in title_words()
    )


def entities_of(doc, text: str | None = None, people: PeopleIndex | None = None) -> tuple[Entity, ...]:
    """Named entities of the labels PressWatch keeps, with a leading "the" cut off.

    ``text`` is the article text (the parsed text differs in repaired quotation marks). With
    ``people`` the entities agree with the people found: a span that is a person's mention ("Marina
    Belova" or a lone "Vetrova" that the recogniser labelled ORG) is labelled PERSON."""
    source = doc.text if text is None else text
    owners = people.token_owner if people is not None else {}
    out = []
    for ent in doc.ents:
        # a span the people finder owns whole is a person whatever the recogniser called it ("Ines Haldor" as FAC)
        owned = bool(owners) and all(i in owners for i in range(ent.start, ent.end))
        if (ent.label_ not in ENTITY_LABELS and not owned) or _title_premodifier(ent):
            continue
        span = ent
        if len(span) > 1 and span[0].lower_ == "the":
            span = span[1:]
        if len(span) > 1 and span[-1].text in _POSSESSIVE:
            span = span[:-1]
        value = source[span.start_char : span.end_char]
        if "\n" in value or not any(ch.isalpha() for ch in value):
            continue  # a span across paragraphs is the recogniser's mistake, not a name
        label = ent.label_
        if label == "PERSON" and _only_a_place(ent):
            label = "GPE"  # "the port of Dunmore": where a place stands (as in ``find_people``)
        if label in ("ORG", "PERSON", "NORP") and _in_dateline_place(ent):
            label = "GPE"  # "DUNMORE - ...", "KESTREL VALLEY (Northwire) -": the dateline names a place
        if label != "PERSON" and any(i in owners for i in range(span.start, span.end)):
            named = sum(1 for i in range(span.start, span.end) if i in owners or span.doc[i].is_punct)
            if named == len(span):  # all of it is the person's name, not "Vetrova Shipping"
                label = "PERSON"
        out.append(Entity(text=value, label=label, start=span.start_char, end=span.end_char))
    return tuple(out)


# nouns of places: "the port of Dunmore", "the town of Holt"
_PLACE_NOUNS = {"port", "city", "town", "village", "island", "county", "state", "province", "region", "district",
                "harbour", "harbor", "borough", "valley", "coast", "capital", "suburb", "outskirts", "streets", "centre",
                "center", "people", "residents", "mayor", "governor"}
# prepositions that place something: "in Dunmore", "near Kestrel"
_PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "around", "throughout", "inside"}


def _place_phrase(token) -> bool:
    """Whether a lone capitalised word stands where a place does: after "in"/"near", or after "of"
    following a place noun ("the port of Dunmore", "the mayor of Dunmore")."""
    if token.dep_ != "pobj" or token.tag_ == "NNPS" or any(c.dep_ == "case" for c in token.children):
        return False
    prep = token.head
    if prep.lower_ in _PLACE_PREPOSITIONS:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS


# last words that make a name a place's: "Kestrel Harbour", "Gull Point", "Tern Island"
_PLACE_NAME_WORDS = {"harbour", "harbor", "port", "point", "valley", "island", "beach", "quay", "pier", "bridge",
                     "station", "airport", "square", "road", "avenue", "canal", "cove", "headland"}


def _place_name(token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.pos_ == "PROPN" and token.lower_ in _PLACE_NAME_WORDS


def _place_like(ent) -> bool:
    """A PERSON entity that names a place: a lone word where a place stands ("the port of Dunmore",
    "between Kestrel and Gull Point"), or a name ending in a place word ("the Kestrel Harbour bridge")."""
    if len(ent) > 1:  # and standing as a modifier or a place, never as someone doing something
        return ent[-1].lower_ in _PLACE_NAME_WORDS and ent.root.dep_ in ("compound", "pobj")
    root = ent.root
    if _place_phrase(root):
        return True
    # "between Kestrel and Gull Point": coordinated with a place
    return root.dep_ == "pobj" and root.head.lower_ in ("between", "from") and any(
        c.dep_ == "conj" and _place_name(c) for c in root.children
    )


def _only_a_place(ent) -> bool:
    """A PERSON entity that names a place (``_place_like``), and never elsewhere in the article as
    (part of) a person's name: "faith in Clinton" stays Clinton when "Hillary Clinton" is named."""
    if not _place_like(ent):
        return False
    words = {t.text for t in ent}
    return not any(
        e.label_ == "PERSON" and e.start != ent.start and any(t.text in words for t in e) and not _place_like(e)
        for e in ent.doc.ents
    )


# "RANGOON, Burma - ", "WASHINGTON (AP) — ": a capitalised place (and agency) opening a paragraph
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:\((?P<agency>[^)\n]{1,40})\)\s*)?[-–—―]{1,2}\s"
)


def dateline_at(text: str, offset: int):
    """The dateline match opening the paragraph that holds ``offset``, or None."""
    para_start = text.rfind("\n", 0, offset) + 1
    return DATELINE.match(text, para_start, min(len(text), para_start + 80))


def _in_dateline_place(ent) -> bool:
    """Whether the entity is the place of the dateline opening its paragraph (not its agency)."""
    m = dateline_at(doc_text(ent.doc), ent.start_char)
    if m is None:
        return False
    place_end = m.start("agency") if m.group("agency") else m.end()
    return ent.end_char <= place_end


# "Councillor Ines Haldor": a title and a first and last name the entity recogniser passed over (on all
# 840 train articles this finds one name, "Secretary-Treasurer Gary Casteel"; quotes on train: +1 speaker)
TITLED_NAMES = True
# ...also after a capitalised body ("Board chair Ines Haldor", "union secretary" stays out: lower-case
# body), and when the recogniser labelled the two words a building, product or work ("FAC")
TITLED_NAMES_LOWER = True
_NOT_A_NAME_LABELS = ("FAC", "PRODUCT", "WORK_OF_ART")


def _titled_names(doc, taken: set[int]) -> list[PersonMention]:
    """A capitalised title followed by exactly two capitalised proper nouns that no entity covers:
    the two are a person's name, the title their role."""
    titles = title_words()
    found = []
    for token in doc[: max(0, len(doc) - 2)]:
        if not (token.lower_ in titles and token.pos_ in ("PROPN", "NOUN")):
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        capitalised = token.text[:1].isupper()
        # a lower-case title counts after the capitalised body it heads: "Board chair Ines Haldor"
        body_title = (
            TITLED_NAMES_LOWER and not capitalised and before is not None and before.text[:1].isupper()
            and before.is_alpha and before.dep_ == "compound" and before.head.i == token.i
        )
        if not capitalised and not body_title:
            continue
        name = doc[token.i + 1 : token.i + 3]
        after = doc[token.i + 3] if token.i + 3 < len(doc) else None
        # the recogniser may have taken the two words for a building or a work ("Ines Haldor" as FAC)
        mislabelled = (
            TITLED_NAMES_LOWER and name[0].ent_type_ in _NOT_A_NAME_LABELS and name[0].ent_iob_ == "B"
            and name[1].ent_iob_ == "I" and (after is None or after.ent_iob_ != "I")
        )
        if any(
            t.pos_ != "PROPN" or t.tag_ != "NNP" or not t.is_alpha or not t.text[:1].isupper() or t.is_upper
            or (t.ent_type_ and not mislabelled) or t.lower_ in titles or t.i in taken
            for t in name
        ):
            continue
        if token.ent_type_ or token.i in taken or (after is not None and after.pos_ == "PROPN"):
            continue
        if capitalised and before is not None and before.is_alpha and before.text[:1].isupper():
            continue  # "the Republican Presidential Candidates Debate": a capitalised title of something else
        found.append(PersonMention(
            name_tokens=tuple(t.text for t in name), start_token=name.start, end_token=name.end,
            start=name[0].idx, end=name[-1].idx + len(name[-1].text), title_tokens=(token.i, token.i + 1),
        ))
    return found


def _person_mentions(doc) -> list[PersonMention]:
    datelines = (DATELINE.match(paragraph[:80]) for paragraph in doc_text(doc).split("\n"))
    agencies = {m.group("agency").strip() for m in datelines if m is not None and m.group("agency")}
    other_names = {
        _clean_entity_text(e.text).lower().removeprefix("the ")
        for e in doc.ents
        if e.label_ in ("GPE", "NORP", "ORG", "LOC")
    }
    titles = title_words()
    mentions: list[PersonMention] = []
    for ent in doc.ents:
        described = ent.label_ != "PERSON" and _person_by_description(ent)
        if ent.label_ != "PERSON" and not described:
            continue
        if len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ == "the" and ent.root.dep_ == "pobj":
            continue  # "across the Moskva": a single name after "the" in a phrase of place is no person
        if _only_a_place(ent):
            continue  # "the port of Dunmore", "homes in Kestrel": a single name where a place stands
        if _clean_entity_text(ent.text) in agencies:
            continue  # "KESTREL VALLEY (Northwire) -", then "Reporting by Northwire": the agency, no person
        first, last = ent.start, ent.end
        while last > first and (doc[last - 1].text in _POSSESSIVE or doc[last - 1].is_punct):
            last -= 1
        while first < last and doc[first].is_punct:
            first += 1  # "-David Rothschild" in a list of bylines
        title_start = first
        # titles and common nouns the model folded into the name: "President X", "Farmer X"
        while first < last - 1 and (doc[first].lower_ in titles or doc[first].lower_ == "the" or doc[first].pos_ == "NOUN"):
            first += 1
        if first < last and doc[first].lower_ in titles | {"the"}:
            first += 1
        if first >= last:
            continue
        tokens = [doc[i] for i in range(first, last)]
        words = _written_words(tokens)
        lead = len(words[0]) - len(words[0].lstrip("-–—•*"))  # "-David Rothschild" in byline lists
        words[0] = words[0][lead:]
        if not words[0]:
            continue
        text = " ".join(words)
        if len(tokens) > 5 or _DIGIT.search(text):
            continue
        if any(not (w[0].isupper() or w.lower() in _NAME_PARTICLES or not w[0].isalpha()) for w in words):
            continue  # "hillary clinton's emails", lower-case junk
        if not words[-1][0].isalpha() or (text.lower() in other_names and not described):
            continue  # "Russia's" when Russia is a place in this article
        if all(t.is_upper and len(t.text) <= 4 for t in tokens):
            continue  # acronyms: "ISIS", "NATO"
        if any(t.pos_ in _NOT_IN_NAMES and t.lower_ not in _NAME_PARTICLES for t in tokens):
            continue  # headline words swept into a name: "Bernie Sanders Suffered", "Says He"
        if any(t.is_upper and len(t.text) > 4 for t in tokens):
            continue  # shouted headline words: "WEEKEND"
        mentions.append(
            PersonMention(
                name_tokens=tuple(words),
                start_token=first,
                end_token=last,
                start=tokens[0].idx + lead,
                end=tokens[-1].idx + len(tokens[-1].text),
                title_tokens=(title_start, first) if title_start < first else None,
            )
        )
    if TITLED_NAMES:
        mentions += _titled_names(doc, {i for m in mentions for i in range(m.start_token, m.end_token)})
    # surnames the entity recogniser missed on their own ("Lindqvist spoke" after "Peter Lindqvist")
    surnames = {m.name_tokens[-1] for m in mentions if len(m.name_tokens) >= 2}
    taken = {i for m in mentions for i in range(m.start_token, m.end_token)}
    for token in doc:
        # sentence-initial surnames are sometimes tagged NOUN ("Reyes said ...")
        if token.text in surnames and token.i not in taken and token.pos_ in ("PROPN", "NOUN") and _lone_entity(token):
            if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
                continue  # part of a longer name or an organisation's name
            end = token.idx + len(token.text)
            mentions.append(PersonMention((token.text,), token.i, token.i + 1, token.idx, end, None))
    mentions.sort(key=lambda m: m.start)
    return _headline_words_trimmed(doc, mentions)


def _written_words(tokens) -> list[str]:
    """The words of a name as written: tokens with no space between them are one word
    ("Jean-Julien", "Caldwell-Pope"), not "Jean - Julien"."""
    words: list[str] = []
    glued = False
    for t in tokens:
        if t.is_space:
            glued = False
            continue
        if glued and words:
            words[-1] += t.text
        else:
            words.append(t.text)
        glued = not t.whitespace_
    return words


def _headline_cased(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` is written in headline case (most longer words capitalised)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = [w for w in re.findall(r"[^\W\d_]+", text[start : end if end >= 0 else len(text)]) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _headline_words_trimmed(doc, mentions: list[PersonMention]) -> list[PersonMention]:
    """ "Ann Lee Claims", "Lee Speech": in a headline-cased line, words after the name of a person the
    article names elsewhere (in full, or by the surname of a full name) are the headline's, not the name's."""
    names = {m.name_tokens for m in mentions}
    text = doc_text(doc)
    out = []
    for m in mentions:
        words = m.name_tokens
        keep = None
        surnames = {n[-1] for n in names if len(n) >= 2 and n != words}
        if len(words) != m.end_token - m.start_token:
            out.append(m)  # a hyphenated word: the words are not the tokens
            continue
        if (
            len(words) == 2 and words[1] in surnames and not known_given_name(words[0])
            and (_headline_cased(text, m.start) or (len(words[0]) >= 6 and words[0].endswith("ing")))
        ):
            # "Questioning Vantreece's judgment" as a heading, when the article names Ada Vantreece: a
            # headline word (or a gerund) before the surname, not a first name
            token = doc[m.start_token + 1]
            out.append(PersonMention(
                name_tokens=words[1:], start_token=token.i, end_token=m.end_token,
                start=token.idx, end=m.end, title_tokens=None,
            ))
            continue
        if len(words) >= 2 and _headline_cased(text, m.start):
            for k in range(len(words) - 1, 0, -1):
                prefix = words[:k]
                rest = words[k:]
                known = prefix in names
                if (known or (k == 1 and prefix[0] in surnames)) and not any(w in surnames or w in n for n in names if n != words for w in rest):
                    keep = k
                    break
        if keep is None:
            out.append(m)
            continue
        last = doc[m.start_token + keep - 1]
        out.append(PersonMention(
            name_tokens=words[:keep], start_token=m.start_token, end_token=m.start_token + keep,
            start=m.start, end=last.idx + len(last.text), title_tokens=m.title_tokens,
        ))
    return out


def entity_of(token):
    """The entity span a token belongs to, read from its IOB tags (``doc.ents`` rebuilds a list
    on every access, which made this the slowest line of the stage)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _lone_entity(token) -> bool:
    """Not part of a longer entity: "Vetrova" alone (even if tagged ORG), not "Vetrova Shipping"."""
    ent = entity_of(token)
    return ent is None or len(ent) == 1


def _person_by_description(ent) -> bool:
    """A name the recogniser labelled ORG but the text describes as a person:
    "Marina Belova, a deckhand with eleven years on the river" (not "X, a think tank"), or that opens
    with a title ("Councillor Ines Haldor")."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 4 or not all(t.pos_ == "PROPN" and t.is_title for t in ent):
        return False
    if len(ent) >= 3 and ent[0].lower_ in title_words() and not any(t.lower_ in organisation_nouns() for t in ent):
        return True  # "Councillor Ines Haldor": a title and a name, whatever label the recogniser gave
    if len(ent) > 3:
        return False
    head = ent.root
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() not in organisation_nouns():
            if any(d.lower_ in ("a", "an") for d in child.children if d.dep_ == "det"):
                return True
    return False


def _full_name_for(mention: PersonMention, full_names: list[tuple[int, tuple[str, ...]]]) -> tuple[str, ...]:
    """The fullest earlier (else later) name this mention is a part of."""
    words = mention.name_tokens
    best: tuple[str, ...] | None = None
    best_score = (-1, -1)
    for offset, full in full_names:
        if len(full) <= len(words) or full == words:
            continue
        if words[-1] == full[-1] and (len(words) == 1 or words[0] == full[0] or words == full[-len(words):]):
            score = 2  # the surname, the first name and surname, or the end of the name ("von Weizsäcker")
        elif len(words) == 1 and words[0] == full[0]:
            score = 1  # a first name alone ("Hillary")
        else:
            continue
        # prefer surname matches, then the nearest earlier mention, then the first later one
        before = offset <= mention.start
        key = (score, offset if before else -offset)
        if key > best_score:
            best, best_score = full, key
    return best or words


def find_people(doc, text: str | None = None) -> PeopleIndex:
    """People of a parsed article: merged mentions and the roles the text gives them.

    ``text`` is the article text that mention texts are cut from (defaults to the parsed text)."""
    mentions = _person_mentions(doc)
    full_names = [(m.start, m.name_tokens) for m in mentions if len(m.name_tokens) >= 2]
    index = PeopleIndex()
    text = doc.text if text is None else text  # doc.text is rebuilt on every access: read once
    by_name: dict[str, list[PersonMention]] = {}
    for m in mentions:
        name = " ".join(_full_name_for(m, full_names))
        by_name.setdefault(name, []).append(m)
        for i in range(m.start_token, m.end_token):
            index.token_owner[i] = name
        index.mention_order.append((m.start, m.end_token - 1, name))
    for name, ms in by_name.items():
        found = []
        for m in ms:
            for role in role_mentions(doc, m.start_token, m.end_token, m.title_tokens):
                found.append((m.start, role))
        index.role_offsets[name] = found
        roles: list[str] = []
        for _, role in found:
            if role.lower() not in {r.lower() for r in roles}:
                roles.append(role)
        index.people.append(
            Person(
                name=name,
                roles=tuple(roles),
                mentions=tuple(Mention(text=text[m.start : m.end], start=m.start, end=m.end) for m in ms),
            )
        )
    pronouns = _pronoun_referents(doc, index)
    listed = _listed_with_people(doc, index, by_name)
    index.people = [
        _with_evidence(doc, p, by_name[p.name], pronouns.get(p.name, []), p.name in listed) for p in index.people
    ]
    return index


def _listed_with_people(doc, index: PeopleIndex, by_name: dict[str, list[PersonMention]]) -> set[str]:
    """Names of two words or more coordinated with the name of someone the text plainly names as a person
    (a first name the name list knows and a surname): "Ada Quillfeed and Zorvan Brede", "Ada Quillfeed,
    Zorvan Brede". A single word in a list ("Ada Quillfeed and Kestrel") may be a place."""
    plain = {name for name in by_name if len(name.split()) >= 2 and known_given_name(name.split()[0])}
    out: set[str] = set()
    for name, ms in by_name.items():
        if len(name.split()) < 2:
            continue
        for m in ms:
            head = doc[m.end_token - 1]
            partners = [c for c in head.children if c.dep_ == "conj"]
            if head.dep_ == "conj":
                partners.append(head.head)
            if any(index.token_owner.get(t.i) in plain - {name} for t in partners):
                out.add(name)
    return out


def _pronoun_referents(doc, index: PeopleIndex) -> dict[str, list[str]]:
    """Third-person personal pronouns and the person each refers to, where that is clear: the one
    person named in the pronoun's sentence (before it) and the sentence before. Read only as evidence
    that a name is a person's and for a gender estimate, never for attribution."""
    order = sorted(index.mention_order)
    out: dict[str, list[str]] = {}
    if not order:
        return out
    sentence_starts = [s.start_char for s in doc.sents]
    text = doc_text(doc)
    for token in doc:
        if token.lower_ not in PRONOUNS or token.pos_ != "PRON" or _inside_quotation(text, token.idx):
            continue  # a quoted speaker's "he" is someone the speaker talks about
        at = max((i for i, s in enumerate(sentence_starts) if s <= token.idx), default=0)
        window_start = sentence_starts[max(0, at - 1)]
        named = {name for start, _, name in order if window_start <= start < token.idx}
        if len(named) == 1:
            out.setdefault(named.pop(), []).append(token.lower_)
    return out


def _inside_quotation(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a quotation opened earlier in its paragraph."""
    before = text[text.rfind("\n", 0, offset) + 1 : offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("``") > before.count("''")


# "-er", "-ist": agent nouns ("pollster", "strategist", "economist"); a role is evidence of a person
# when it has a title word or ends in one, and never when it ends in a noun for an organisation
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "person")


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozen".split())


def _person_role(role: str) -> bool:
    """A role that only a person holds: a title word, or an agent noun at the end ("pollster"), not a
    count of things ("four speaker", "17 points") nor a short word that merely ends like one ("peer")."""
    words = [w.lower().strip(".,'’") for w in role.split()]
    if not words or words[-1] in organisation_nouns():
        return False
    if any(_DIGIT.search(w) or w in _NUMBER_WORDS for w in words):
        return False
    if any(w in title_words() for w in words):
        return True
    last = words[-1]
    return any(last.endswith(e) and len(last) - len(e) >= 3 for e in _AGENT_ENDINGS)


def _with_evidence(doc, person: Person, ms: list[PersonMention], pronouns: list[str], listed: bool = False) -> Person:
    """The person with what the text gives as evidence that the name is a person's, and its gendered words."""
    evidence = []
    if len(person.name.split()) >= 2:
        evidence.append("full_name")
    title_words_seen = [doc[i].lower_ for m in ms if m.title_tokens for i in range(*m.title_tokens)]
    before_name = [doc[m.start_token - 1].lower_ for m in ms if m.start_token > 0 and not m.title_tokens]
    words = gendered_words()
    honorifics = [w for w in before_name if w in words and w not in PRONOUNS and is_title_word(w)]
    if title_words_seen or honorifics:
        evidence.append("title")
    if any(_person_role(r) for r in person.roles):
        evidence.append("role")
    if pronouns:
        evidence.append("pronoun")
    # the surname alone elsewhere in the article, as the recogniser names people ("Vantreece said")
    surname = person.name.split()[-1]
    if len(person.name.split()) >= 2 and any(
        m.name_tokens == (surname,) and doc[m.start_token].ent_type_ == "PERSON" for m in ms
    ):
        evidence.append("surname")
    if listed:
        evidence.append("listed")
    if len(person.name.split()) >= 2:
        heads = [_name_head(doc, m) for m in ms]
        # "Zorvan Brede speculated ...": the subject of a verb only people do
        if any(h.dep_ in ("nsubj", "nsubjpass") and h.head.pos_ == "VERB" and h.head.lemma_.lower() in person_verbs() for h in heads):
            evidence.append("agent")
        # "Zorvan Brede's top adviser", "Brede's wife": whose adviser, whose wife; "a Zorvan Brede supporter"
        if any(
            h.dep_ == "poss" and _person_noun(h.head)
            or h.dep_ == "compound" and h.head.pos_ == "NOUN" and h.head.lemma_.lower() in _FOLLOWER_NOUNS
            for h in heads
        ):
            evidence.append("relation")
    role_words = [w.lower().strip(".,") for role in person.roles for w in role.split()]
    cues = [w for w in title_words_seen + honorifics + role_words if w in words and w not in PRONOUNS] + pronouns
    return replace(person, evidence=tuple(evidence), gender_cues=tuple(cues))


def _name_head(doc, m: PersonMention):
    """The token of a mention that attaches it to the sentence (the one whose head lies outside it)."""
    for i in range(m.start_token, m.end_token):
        if not m.start_token <= doc[i].head.i < m.end_token or doc[i].head.i == i:
            return doc[i]
    return doc[m.end_token - 1]


# people someone has: "a Zorvan Brede supporter", "Brede allies"
_FOLLOWER_NOUNS = frozenset({"supporter", "ally", "loyalist", "critic", "opponent", "rival", "adviser", "advisor", "aide"})


def _person_noun(token) -> bool:
    """A noun for someone a person has: a title or office ("adviser"), or kin ("wife", "son")."""
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in title_words() or lemma in gendered_words() or lemma in ("friend", "family"))


def is_title_word(word: str) -> bool:
    return word in title_words() or word.rstrip(".") in title_words()
