"""Who is speaking: the subject of a cue, resolved to a person or organisation of the article.

Rules, smallest first (each measured by ``presswatch bench quotes``):
- a token of a person's mention -> that person's full name ("Patrushev" -> "Nikolai Patrushev");
- a capitalised "modal" the parser took for an auxiliary ("May said") -> the person of that surname;
- a title with the name in apposition ("Russian Ambassador to Kabul Dmitri Zhirnov") -> the name;
- he/she -> the most recent person who was the subject of a clause, else the most recent person;
- they/it/we -> the most recent organisation within the last sentences, else left as said;
- who/which (relative clauses) -> the noun the clause modifies;
- "the group"/"the ministry" -> the most recent organisation before, preferring one whose name
  contains the noun ("the ministry" -> "Foreign Ministry");
- an organisation or place named as subject -> that organisation;
- anything else ("a source", "officials", "experts") -> its description, speaker_type anonymous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presswatch.model import SpeakerType
from presswatch.nlp.attribution.marks import find_quoted_spans
from presswatch.nlp.lexicon import any_organisation_nouns, anonymous_nouns, organisation_nouns, title_words
from presswatch.nlp.people import PeopleIndex, dateline_at, entity_of
from presswatch.nlp.pipeline import doc_text
from presswatch.nlp.roles import in_party_tag, is_capitalised_title

_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"they", "it", "we", "them"}
_RELATIVE = {"who", "which", "that", "whom"}
_ORG_LABELS = {"ORG", "GPE", "NORP"}
_ARTICLES = {"a", "an", "the"}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    type: SpeakerType
    person: str | None = None  # the person's full name when type is "person"


UNKNOWN = Speaker(None, "unknown")  # nobody the text establishes: credited to no one
# "the group" refers back to an organisation in its own or the previous sentence only (a longer
# look-back found the wrong one more often)
ORG_WINDOW_SENTENCES: int | None = 1
# "he said" prefers a person who was a subject in this or the previous sentence, and this many
# sentences more
PRONOUN_WINDOW = 0


def _entity_span(token):
    span = entity_of(token)
    if span is None:
        return None
    # a headline's label and claim run together ("De Vries: Trust" tagged as one ORG): the part with the token
    start, end = span.start, span.end
    for t in span:
        if t.text == ":":
            if t.i < token.i:
                start = t.i + 1
            elif t.i > token.i:
                end = min(end, t.i)
    if (start, end) != (span.start, span.end):
        span = token.doc[start:end]
    span.label_ = token.ent_type_  # a plain Span from IOB tags; carry the label
    return span


def _org_name(ent) -> str:
    span = ent
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    if len(span) > 1 and span[-1].text in ("'s", "’s"):
        span = span[:-1]
    return " ".join(span.text.split())


# nouns that count people rather than name them: "62 percent of voters", "a majority of members"
QUANTITY_NOUNS = {"percent", "%", "majority", "minority", "proportion", "share", "number", "third", "half", "quarter", "plurality"}


def _description(token) -> str:
    """The words of the noun phrase up to its head: "a senior official", "Russian officials"; a count
    with whom it counts: "62 percent of voters"."""
    doc = token.doc
    start, end = token.left_edge.i, token.i + 1
    if (token.lemma_.lower() in QUANTITY_NOUNS or token.pos_ == "NUM" or token.like_num):
        counted = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "in") and c.i > token.i), None)
        if counted is not None and counted.right_edge.i - token.i <= 8:
            end = counted.right_edge.i + 1
    text = doc[start:end].text
    return " ".join(text.split())


# "he"/"she" skip a person the article calls "Mrs."/"Mr." (the other gender)
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


@lru_cache(maxsize=4096)
def first_name_gender(first: str) -> str | None:
    """ "m", "f" or None for a first name, from gender-guesser's name list."""
    detector = _gender_detector()
    if detector is None:
        return None
    answer = detector.get_gender(first.strip(".,"))
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(answer)


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as gender_detector
    except ImportError:  # the list is an install requirement; without it pronouns use honorifics only
        return None
    return gender_detector.Detector(case_sensitive=False)


def _genders(doc, people: PeopleIndex) -> dict[str, str]:
    """Person name -> "m"/"f" where the article puts an honorific before their name ("Mrs. Lee"),
    and only when all such honorifics agree (two Clintons share "Clinton": the owner decides)."""
    seen: dict[str, set[str]] = {}
    for token in doc:
        gender = _HONORIFIC_GENDER.get(token.lower_.rstrip("."))
        if gender is None or token.i + 1 >= len(doc):
            continue
        nxt = token.i + 2 if doc[token.i + 1].text == "." and token.i + 2 < len(doc) else token.i + 1
        owner = people.token_owner.get(nxt)
        if owner is not None:
            seen.setdefault(owner, set()).add(gender)
    genders = {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}
    # a full name without an honorific takes the gender its first name usually has (gender-guesser's
    # list); an honorific in the text wins, and a name the list calls androgynous or does not know stays open
    for person in people.people:
        parts = person.name.split()
        if person.name not in genders and len(parts) >= 2:
            guess = first_name_gender(parts[0])
            if guess is not None:
                genders[person.name] = guess
    return genders


class SpeakerFacts:
    """What resolving a subject reads about its whole document, found once per document and only when
    first needed: the genders of its people, and the quotations of the parsed text (an organisation
    named inside someone's quotation is no antecedent)."""

    __slots__ = ("doc", "people", "_genders", "_quoted")

    def __init__(self, doc, people: PeopleIndex) -> None:
        self.doc, self.people = doc, people
        self._genders: dict[str, str] | None = None
        self._quoted: list | None = None

    @property
    def genders(self) -> dict[str, str]:
        if self._genders is None:
            self._genders = _genders(self.doc, self.people)
        return self._genders

    @property
    def quoted(self) -> list:
        if self._quoted is None:
            self._quoted = find_quoted_spans(doc_text(self.doc))
        return self._quoted


_MODIFIER_DEPS = ("compound", "amod", "nmod")


def _modifier_in_other_phrase(token, people: PeopleIndex) -> bool:
    """A name that only modifies another noun ("Hatch" in "the 2017 Hatch report", "the Lee campaign"):
    the phrase is about a thing, so the person is no antecedent for "he" or "she"."""
    owner = people.token_owner.get(token.i)
    while token.dep_ in ("compound", "flat") and people.token_owner.get(token.head.i) == owner and token.head is not token:
        token = token.head
    return token.dep_ in _MODIFIER_DEPS and token.head.pos_ in ("NOUN", "PROPN") and token.head.i not in people.token_owner


def _recent_person(token, people: PeopleIndex, facts: SpeakerFacts) -> str | None:
    """Most recent person mentioned before ``token``: subjects first, within the last sentences;
    "she" never goes back to a "Mr.", nor "he" to a "Mrs." or "Ms."."""
    doc = token.doc
    before = [
        (start, tok_i, name) for start, tok_i, name in people.mention_order
        if start < token.idx and not _modifier_in_other_phrase(doc[tok_i], people)
    ]
    wanted = _PRONOUN_GENDER.get(token.lower_)
    if wanted is not None:
        genders = facts.genders
        before = [m for m in before if genders.get(m[2], wanted) == wanted]
    if not before:
        return None
    sent_start = token.sent.start
    window_start = doc[max(0, sent_start - 1)].sent.start if sent_start > 0 else 0
    for _ in range(PRONOUN_WINDOW):
        if window_start > 0:
            window_start = doc[window_start - 1].sent.start
    subjects = [
        (s, i, n) for s, i, n in before if i >= window_start and doc[i].dep_ in ("nsubj", "nsubjpass", "appos")
    ]
    if subjects:
        return subjects[-1][2]
    return before[-1][2]


def _person_by_surname(token, people: PeopleIndex) -> str | None:
    words = [t.text for t in token.doc[token.left_edge.i : token.i + 1] if t.pos_ == "PROPN"] or [token.text]
    for person in people.people:
        parts = person.name.split()
        if len(parts) >= 2 and parts[-1] == token.text and all(w in parts for w in words):
            return person.name
    return None


# "Gov. Chris Lee" is "the governor" later on
_TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "atty": "attorney", "pres": "president", "sec": "secretary",
    "amb": "ambassador", "supt": "superintendent", "cmdr": "commander", "adm": "admiral", "capt": "captain",
    "prof": "professor", "dr": "doctor",
}


def _recent_person_with_role(token, noun: str, people: PeopleIndex) -> str | None:
    """The person most recently given a role that has every word of the description:
    "the senator" -> "Senator X", but "the Florida senator" only -> "Florida senator X"."""
    wanted = {
        t.lower_ for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det" and t.is_alpha
    } | {noun}
    best, best_at = None, -1
    for name, roles in people.role_offsets.items():
        for offset, role in roles:
            words = {w.strip(".,").lower() for w in role.split()}
            words |= {_TITLE_ABBREVIATIONS[w] for w in words if w in _TITLE_ABBREVIATIONS}
            if offset < token.idx and offset > best_at and wanted <= words:
                best, best_at = name, offset
    return best


def _recent_plural_subject(token):
    """ "Democratic insiders ... they": the last plural subject in this or the previous sentence."""
    doc = token.doc
    start = token.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for i in range(token.i - 1, start - 1, -1):
        t = doc[i]
        if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS"):
            return t
    return None


def in_dateline(token) -> bool:
    """Whether ``token`` is part of the dateline that opens its paragraph."""
    m = dateline_at(doc_text(token.doc), token.idx)
    return m is not None and token.idx < m.end()


def _credit_or_dateline(span) -> bool:
    """ "(AP)", "[Reuters.]", "WASHINGTON (AP) —": a credit in brackets or the dateline that opens a
    paragraph."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else "\n"
    after = doc[span.end].text if span.end < len(doc) else ""
    if after == "." and span.end + 1 < len(doc):
        after = doc[span.end + 1].text
    return before in ("(", "[") and after in (")", "]") or in_dateline(span[0])


def _recent_org(token, facts: SpeakerFacts, noun: str | None = None, max_sentences: int | None = None,
                people: PeopleIndex | None = None, *, named_only: bool = False):
    doc = token.doc
    limit = 0
    if max_sentences is not None:
        sent = token.sent
        for _ in range(max_sentences):
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        limit = sent.start
    quoted = facts.quoted
    # an organisation named inside someone's quotation is their words, not the text's antecedent
    candidates = [
        e for e in doc.ents
        if e.label_ == "ORG" and e.end <= token.i and e.start >= limit
        and not any(q.start <= e.start_char < q.end for q in quoted)
    ]
    # "WASHINGTON (AP) —", "[Reuters.]": a dateline or a news agency credited in brackets is not
    # what "the party" or "the campaign" refers back to
    candidates = [e for e in candidates if not _credit_or_dateline(e)]
    if people is not None:  # a person's name the recogniser took for an organisation
        candidates = [e for e in candidates if not any(i in people.token_owner for i in range(e.start, e.end))]
    if noun:
        named = [e for e in candidates if noun in e.text.lower()]
        if named:
            return named[-1]
        if named_only:
            return None
    return candidates[-1] if candidates else None


def _across_colon(a, b) -> bool:
    """Whether a colon stands between tokens ``a`` and ``b`` (a headline's label and its claim): the
    parser hangs the claim's names from the label ("Poll: Ann Lee Ties Tom Brede")."""
    low, high = sorted((a.i, b.i))
    return any(t.text == ":" for t in a.doc[low + 1 : high])


def _premodifying_name(name, noun) -> bool:
    """ "a top Lee aide", "Ann Lee supporters": a name before a common noun, hung from it as a
    compound, says whose aide or supporters they are; they are not that person."""
    if noun.pos_ != "NOUN" or not noun.text.islower() or name.i > noun.i:
        return False
    node = name
    while node.i != noun.i:
        if node.dep_ not in ("compound", "flat") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _named_but_not_speaking(noun, name) -> bool:
    """Whether the person ``name`` in the phrase of ``noun`` is someone other than who speaks: across a
    headline's colon ("Poll: Ann Lee Ties Tom Brede") or before a common noun ("a top Lee aide")."""
    return _across_colon(noun, name) or _premodifying_name(name, noun)


def _person_holding_title(token, people: PeopleIndex) -> str | None:
    """The person named as the object of a capitalised title's "of": "Secretary of State Ann Lee"."""
    if not is_capitalised_title(token):
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.i in people.token_owner and pobj.i == _name_end(pobj):
                return people.token_owner[pobj.i]
    return None


def _name_end(token) -> int:
    """The last token of the noun phrase ``token`` heads, before any bracket or apposition."""
    last = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in ("punct", "appos", "prep", "relcl", "acl", "cc", "conj"):
            last = max(last, child.right_edge.i)
    return last


def _person_in_description(token, people: PeopleIndex) -> str | None:
    """ "GOP contender and former neurosurgeon Ben Carson responded": the parser made the title the
    subject and hung the name from it; the person named in the subject's own words (not inside a
    preposition: "aides of the Smith campaign" are not Smith) is the speaker."""
    if token.pos_ != "NOUN":
        return None
    if token.lemma_.lower() in organisation_nouns():
        return None  # "the Lee campaign", "the Obama administration": the organisation, not the person
    for t in token.subtree:
        if t.i == token.i or t.i not in people.token_owner or _named_but_not_speaking(token, t):
            continue
        path = t
        inside_prep = False
        while path.i != token.i:
            if path.dep_ in ("prep", "pobj", "poss", "relcl", "acl"):
                inside_prep = True
                break
            path = path.head
        if not inside_prep:
            return people.token_owner[t.i]
    return None


def _expletive(token) -> bool:
    """ "It is difficult to predict", "it becomes harder to make the case that": a dummy subject."""
    head = token.head
    predicates = [c for c in head.children if c.dep_ in ("acomp", "attr")]
    clauses = {"xcomp", "ccomp"}
    return bool(predicates) and any(c.dep_ in clauses for node in [head, *predicates] for c in node.children)


_FIRST_PERSON = {"i", "we", "me", "us"}
#: pronouns that, left unresolved, make the speaker unknown rather than a speaker called "he"
_UNRESOLVED_NOBODY = {"i", "me", "you", "he", "him", "she", "her"}
# "TAPPER: And I think ...": a transcript turn names its speaker before a colon at the paragraph start
_TURN = re.compile(r"\s*((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]+)\s*:\s")


def _in_a_question(token) -> bool:
    """Whether the sentence ``token`` stands in ends with a question mark: read up to the first stop or
    line break, because the parser's sentence can run on into the next turn ("...? ¶ FALLIN:")."""
    text = doc_text(token.doc)
    end = re.search(r"[.?!]|\n", text[token.idx : token.idx + 600])
    return end is not None and end.group() == "?"


def _transcript_turn(token, people: PeopleIndex, *, in_label: bool = False) -> Speaker | None:
    """ "I" or "we" in a transcript turn ("FALLIN: I think he is trying ...") is the turn's speaker; with
    ``in_label``, ``token`` is a word of the turn's label itself ("FALLIN")."""
    text = doc_text(token.doc)
    para_start = text.rfind("\n", 0, token.idx) + 1
    m = _TURN.match(text, para_start, min(len(text), para_start + 60))
    if m is None or len(m.group(1)) < 2:
        return None  # "Q: ...", "A: ..." name no one
    if (m.start(1) <= token.idx < m.end(1)) != in_label:
        return None  # a word of the label when one is wanted, a word of the turn otherwise
    if not in_label and m.end() > token.idx:
        return None
    doc = token.doc
    first = token.i
    while first > 0 and doc[first - 1].idx >= para_start:
        first -= 1
    last = token.i + 1 if in_label else token.i
    named = [t for t in doc[first:last] if m.start(1) <= t.idx < m.end(1)]
    owner = next((people.token_owner[t.i] for t in named if t.i in people.token_owner), None)
    if owner is not None:
        return Speaker(owner, "person", owner)
    name = m.group(1)
    return Speaker(name.title() if name.isupper() else name, "person", None)


# "Lee, Park and Haldor all called for ...", "two figures — ... — both suggested": "all" and "both"
# stand for the phrase right before them
_FLOATING = {"all", "both", "each"}
# dashes as tokens; the quote finder reads the same set
DASH_TOKENS = {"—", "–", "--", "-"}


def _floating_antecedent(token):
    """The noun phrase a floating "all"/"both"/"each" subject stands for, or None."""
    if token.lower_ not in _FLOATING or any(c.dep_ == "prep" for c in token.children):
        return None  # "all of them" names its own group
    doc = token.doc
    start = token.sent.start
    i = token.i - 1
    while i >= start and doc[i].pos_ == "AUX":  # "Lee and Park have each said"
        i -= 1
    if i >= start and doc[i].text in DASH_TOKENS:  # "figures — whose party ... — both"
        i = next((j for j in range(i - 1, start - 1, -1) if doc[j].text in DASH_TOKENS), start) - 1
    if i < start or doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    found = doc[i]
    while found.dep_ in ("compound", "flat") and found.head.i > found.i:
        found = found.head
    while found.dep_ == "conj" and found.head.pos_ in ("NOUN", "PROPN") and found.head.i < found.i:
        found = found.head  # "Lee, Park and Haldor all": the first of them
    return found


def _without_titles(name: str) -> str:
    """A name with the titles before it left out ("Councillor Ines Haldor" -> "Ines Haldor"), as the
    people list writes it; the name itself when nothing but titles would be left."""
    words = name.split()
    first = 0
    while first < len(words) - 2 and words[first].lower().rstrip(".") in title_words():
        first += 1
    return " ".join(words[first:])


def is_age_nominal(token) -> bool:
    """ "the 46-year-old", "a 70-year-old": an age standing for the person, as a clause's subject or object."""
    doc = token.doc
    return (
        token.lower_ == "old" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")
        and token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("year", "years")
    )


def _inside_quotation(token) -> bool:
    """Whether a quotation mark opened earlier in the token's paragraph is still open at it."""
    text = doc_text(token.doc)
    at = token.idx
    before = text[text.rfind("\n", 0, at) + 1 : at]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def interviewer(people: PeopleIndex) -> Speaker:
    """Who asks a printed interview's questions: the byline's one author, else the interviewer unnamed."""
    if len(people.authors) == 1:
        return Speaker(people.authors[0], "person", people.authors[0])
    return Speaker("the interviewer", "anonymous")


def resolve_speaker(token, people: PeopleIndex, *, depth: int = 0, facts: SpeakerFacts | None = None) -> Speaker:
    """The speaker that the subject token ``token`` of a cue refers to (``facts``: the document's, when
    the caller keeps them for many calls)."""
    if facts is None and token is not None:
        facts = SpeakerFacts(token.doc, people)
    if token is not None and is_age_nominal(token):
        return Speaker(_description(token), "anonymous")  # "said the 46-year-old": a person, not a date
    if token is None or depth > 3 or ":" in token.text or token.ent_type_ in ("DATE", "TIME"):
        return UNKNOWN  # "12:45 p.m.:" headers the parser took for a subject
    name = people.token_owner.get(token.i)
    if name:
        return Speaker(name, "person", name)
    if in_party_tag(token):  # "Lee (D-Ore.)": the tag stands for the name before it
        before = token.doc[max(0, token.i - 6) : token.i]
        named = next((t for t in reversed(before) if t.i in people.token_owner), None)
        if named is not None:
            return resolve_speaker(named, people, depth=depth + 1, facts=facts)
    if token.text.isupper() and len(token.text) > 1:
        turn = _transcript_turn(token, people, in_label=True)  # "TAPPER: Do you think ...?" -> Tapper
        if turn is not None:
            return turn
    # a title or description with the name attached: "Ambassador ... Dmitri Zhirnov", "the senator, X"
    for child in token.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i in people.token_owner:
            if _named_but_not_speaking(token, child):
                continue
            if child.dep_ == "compound" and token.lemma_.lower() in organisation_nouns():
                continue  # "the Lee campaign", "the Obama administration": the organisation, not the person
            owner = people.token_owner[child.i]
            return Speaker(owner, "person", owner)
    titled = _person_holding_title(token, people)
    if titled:
        return Speaker(titled, "person", titled)
    named = _person_in_description(token, people)
    if named:
        return Speaker(named, "person", named)
    lower = token.lower_
    floating = _floating_antecedent(token)
    if floating is not None:
        return resolve_speaker(floating, people, depth=depth + 1, facts=facts)
    if token.pos_ == "PRON" or lower in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _RELATIVE:
        if lower in _RELATIVE and token.head.dep_ == "relcl":
            return resolve_speaker(token.head.head, people, depth=depth + 1, facts=facts)
        if lower in _PERSON_PRONOUNS:
            antecedent = _recent_person(token, people, facts)
            if antecedent:
                return Speaker(antecedent, "person", antecedent)
        if lower in ("they", "them"):
            group = _recent_plural_subject(token)
            if group is not None:
                return resolve_speaker(group, people, depth=depth + 1, facts=facts)
        if lower in _FIRST_PERSON or lower == "you" and _in_a_question(token):
            # "you" in a question ("TAPPER: Do you think ...?") is whom the turn's speaker asks
            turn = _transcript_turn(token, people)
            if turn is not None:
                return turn
        if lower == "it" and _expletive(token):
            return UNKNOWN  # "it is premature to assume ...": nobody; the paragraph lends a speaker
        if lower in _GROUP_PRONOUNS:
            org = _recent_org(token, facts, max_sentences=1, people=people)
            if org is not None:
                return Speaker(_org_name(org), "org")
        if lower in ("i", "me") and len(people.authors) == 1 and not _inside_quotation(token):
            # "I told the council" in the writer's own voice: a first-person column's byline
            return Speaker(people.authors[0], "person", people.authors[0])
        if lower in _UNRESOLVED_NOBODY:
            # "he said" with no person before it agreeing with "he", "I" outside a byline's column,
            # "you": a pronoun names nobody a reader can look up
            return UNKNOWN
        return Speaker(token.text, "anonymous")
    if token.tag_ == "MD" and token.text[:1].isupper():  # "May said": a name the parser took for a modal
        owner = _person_by_surname(token, people)
        return Speaker(owner or token.text, "person", owner)
    if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper():
        # a surname the recogniser labelled as something else ("Vetrova" tagged ORG)
        owner = _person_by_surname(token, people)
        if owner:
            return Speaker(owner, "person", owner)
    ent = _entity_span(token)
    if ent is not None and ent.label_ in _ORG_LABELS:
        return Speaker(_org_name(ent), "org")
    if ent is not None and ent.label_ == "PERSON":
        return Speaker(" ".join(ent.text.split()), "person", None)
    lemma = token.lemma_.lower()
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if lemma in organisation_nouns():
        named_inside = [c for c in token.subtree if c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") and c.i < token.i]
        singular = token.tag_ in ("NN", "NNP")
        described = any(c.dep_ in ("relcl", "acl", "prep") for c in token.children)
        if "the" in determiners and not named_inside and singular and not described:
            # "the court", "the campaign", "the party" refer back only to a name holding that noun;
            # "the company" and "the group" to any organisation (lexicon ``any_organisation_nouns``)
            named_only = lemma not in any_organisation_nouns()
            org = _recent_org(token, facts, lemma, max_sentences=ORG_WINDOW_SENTENCES, people=people, named_only=named_only)
            if org is not None:
                return Speaker(_org_name(org), "org")
        return Speaker(_description(token), "org")
    if "the" in determiners and lemma in title_words():
        # "the senator", "the judge": the most recent person the text gave that title
        holder = _recent_person_with_role(token, lemma, people)
        if holder:
            return Speaker(holder, "person", holder)
    if token.pos_ == "PROPN":  # a name the entity recogniser missed: "Councillor Ines Haldor" -> "Ines Haldor"
        return Speaker(_without_titles(_description(token)), "person")
    if lemma in anonymous_nouns() or token.pos_ == "NOUN":
        return Speaker(_description(token), "anonymous")
    return Speaker(_description(token), "anonymous")
