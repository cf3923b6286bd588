"""The rules that name a cue's subject: the token whose words the cue reports."""

from __future__ import annotations

from presswatch.nlp.attribution.marks import QuotedSpan, is_quoted
from presswatch.nlp.attribution.speakers.resolve import QUANTITY_NOUNS
from presswatch.nlp.lexicon import anonymous_nouns, cue_lemmas, is_when

SUBJECT_DEPS = ("nsubj", "nsubjpass")

_CLIMB_DEPS = ("conj", "xcomp", "advcl", "acl", "relcl", "pcomp", "prep", "acomp")

# verbs of saying whose "that" clause a trailing "adding, ..." or "saying, ..." does not belong to
_MATRIX_SPEECH = {"say", "tell", "write", "argue", "claim", "insist", "note", "add", "warn", "explain"}


def _name_taken_for_a_modal(token):
    """ "Will wrote", "May says", "May said on Tuesday": a capitalised "modal" before an inflected verb is a
    name (a modal takes the bare verb), which the parser took for an auxiliary."""
    if token.tag_ not in ("VBD", "VBN", "VBZ") or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.tag_ == "MD" and before.dep_ == "aux" and before.head.i == token.i and before.text[:1].isupper() \
            and before.text[1:].islower():
        return before
    return None


def subject_of(token, depth: int = 0, quoted: list[QuotedSpan] | None = None, cue_inside: bool | None = None):
    if cue_inside is None:
        cue_inside = quoted is not None and is_quoted(token.idx, quoted)
    named = _name_taken_for_a_modal(token)
    if named is not None:
        return named
    inverted = inverted_object(token)
    if inverted is not None:
        return inverted
    # passive: "X was criticized by Y" -- the one doing the saying is the agent, not the subject
    for child in token.children:
        if child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None and not (quoted and not cue_inside and is_quoted(agent.idx, quoted)):
                return agent
    # nearest first: in "Addressing members, many of them sceptical, the chief suggested" the
    # parser can give the verb two subjects, and the real one sits next to it
    for child in sorted(token.children, key=lambda c: abs(c.i - token.i)):
        if is_when(child) or ":" in child.text:
            continue  # "said Saturday", "12:45 p.m.:" taken for subjects
        if any(ch.isdigit() for ch in child.text) and not (child.dep_ == "nsubj" and child.i < token.i):
            continue  # a number after the verb is no speaker; "4 in 10 say" before it is
        if quoted and not cue_inside and is_quoted(child.idx, quoted):
            continue  # "“We were wrong,” Ramos told AFP": the parser's subject is inside the quotation
        if child.dep_ in SUBJECT_DEPS and child.lower_ != "it" or child.dep_ == "nsubj":
            return child
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    stranded = _stranded_subject(token)
    if stranded is not None:
        return stranded
    for child in token.children:
        # "Lee, later alleging that ..., said": the parser hung Lee from the participle
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.i < token.i:
            lent = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
            if lent is not None:
                return lent
    if depth < 3 and token.dep_ in _CLIMB_DEPS and token.head is not token:
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            counted = counted_people(token.head)
            if counted is not None:
                return counted  # "left 62 percent of voters saying ...": the voters say it
            # "Her campaign sent a message to supporters saying ...": the sender says it, not the addressees
            sender = _sender_to(token.head) if token.tag_ == "VBG" else None
            if sender is not None:
                return sender
            if token.tag_ == "VBG" and _people_like(token.head) and not _not_the_doer(token.head):
                return token.head  # "included staff members suggesting ...": the members, not the letter
            holder = _holder_of_object(token)
            if holder is not None:
                return holder
            return token.head  # "Trump, saying that ...", "officials who said ..."
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "pcomp"):
            doer = _gerund_subject(token)
            if doer is not None:
                return doer
        if token.dep_ == "xcomp":
            controller = _object_controller(token)
            if controller is not None:
                return controller
        head = token.head
        if (
            token.dep_ == "advcl" and token.tag_ == "VBG" and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in _MATRIX_SPEECH and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
            and token.i > 0 and token.doc[token.i - 1].text in (",", "”", '"', "''")
        ):
            # "Holt told reporters that Lee “had no plan,” adding, ...": the teller adds, not Lee
            head = head.head
        found = subject_of(head, depth + 1, quoted, cue_inside)
        if found is not None or not quoted or cue_inside:
            return found
    if depth == 0 and quoted and not cue_inside:
        return name_before(token, quoted)
    return None


_SUBORDINATORS = {"as", "after", "before", "since", "until", "while", "because", "when", "once", "though", "although"}


def _stranded_subject(token):
    """The object of a subordinating word read as a preposition, standing right before a subjectless verb:
    in "as Ann Lee, the mayor's daughter, attacked Brede", "after Mr. Brede, asked about it, had said" the
    parser made the subject the object of "as"/"after" and left the verb with none."""
    if token.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children):
        return None
    doc = token.doc
    for prep in doc[max(token.sent.start, token.i - 25) : token.i]:
        if prep.lower_ not in _SUBORDINATORS or prep.dep_ != "prep":
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if pobj is None or pobj.right_edge.i >= token.i:
            continue
        # between the noun phrase and the verb: nothing, or a comma-set aside ("Mr. Brede, asked about it, had said")
        between = doc[pobj.right_edge.i + 1 : token.i]
        between = [t for t in between if t.dep_ not in ("aux", "auxpass", "neg", "advmod")]
        if between and not (between[0].text == "," and between[-1].text == ","):
            continue
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp") for t in between):
            continue
        return pobj
    return None


# verbs that make their object do what the infinitive says: "led many to wonder", "prompted
# organisers to allow"
_CAUSATIVES = {"lead", "prompt", "drive", "leave", "cause", "force", "push", "compel", "spur", "move", "inspire", "get"}


def _object_controller(token):
    """ "The leak led chairwoman Ann Lee to announce her resignation", "urged Holt to say": an
    infinitive after a named (or he/she/they) object has that object as its subject."""
    head = token.head
    if head.lemma_.lower() == "promise":
        return None  # "promised voters to ..." is the promiser's
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < token.i), None)
    if obj is None:
        return None
    if obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP") or obj.lower_ in ("him", "her", "them", "us", "me"):
        return obj
    if head.lemma_.lower() in _CAUSATIVES and obj.pos_ in ("NOUN", "PRON", "NUM", "ADJ", "DET"):
        return obj  # "The announcement led some to speculate that ...": whoever is led speaks
    return None


def counted_people(noun):
    """ "62 percent of voters" -> "percent" (the phrase's head, which names the speakers with its
    numbers); "the proportion of GOP voters" -> "voters"; None for any other noun."""
    if noun.lemma_.lower() not in QUANTITY_NOUNS and not noun.like_num:
        return None
    if any(c.dep_ == "nummod" for c in noun.children) or noun.like_num:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return counted if counted is not None else noun


def _people_like(noun) -> bool:
    """Whether a noun phrase's head names people: a name, a pronoun, "officials", "62 percent",
    "others" -- not a thing ("a statement", "the emails")."""
    return (
        noun.ent_type_ in ("PERSON", "NORP") or noun.pos_ in ("PROPN", "PRON") or noun.like_num
        or noun.lemma_.lower() in anonymous_nouns() or noun.lemma_.lower() in QUANTITY_NOUNS
        or noun.lower_ in ("others", "many", "some", "most", "few")
    )


_ADDRESSING = {"email", "tell", "write", "text", "message", "call", "urge", "ask", "warn", "remind", "assure", "inform",
               "brief", "address", "thank", "contact", "tweet", "send"}


def _not_the_doer(noun) -> bool:
    """ "emailed supporters saying ...": who was addressed; "an account of Lee telling ...": the one
    the account is about. Neither is who says the words."""
    if noun.dep_ in ("dobj", "dative"):
        return noun.head.lemma_.lower() in _ADDRESSING
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in cue_lemmas()


# the things that carry words to someone: "sent a text message to supporters saying ..."
_MESSAGES = {"message", "letter", "email", "e-mail", "note", "memo", "text", "mailer", "statement", "appeal", "tweet", "post"}


def _sender_to(noun):
    """ "Her campaign sent a text message to supporters saying ...": the participle hung from the
    addressees is the sender's; the subject of the verb that sends, or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return None
    carrier = noun.head.head
    verb = carrier.head if carrier.pos_ == "NOUN" and carrier.lemma_.lower() in _MESSAGES else carrier
    if verb.pos_ != "VERB" or not (verb is carrier or carrier.dep_ == "dobj"):
        return None
    if verb is carrier and verb.lemma_.lower() not in _ADDRESSING:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _gerund_subject(token):
    """ "The meeting ended with Lee asking ...", "the spectacle of Holt denouncing ...": people named
    right before a gerund in "with/of X -ing" do what it says; "left many residents wondering" too."""
    doc = token.doc
    if token.head.lemma_.lower() == "leave":
        obj = next((c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i), None)
        if obj is not None and _people_like(obj):
            return obj
    if token.i == 0 or doc[token.i - 1].is_punct:
        return None  # "Lee arrived, saying ...": the clause's own subject says it
    noun = doc[token.i - 1]
    while noun.dep_ in ("compound", "flat", "nummod", "amod") and noun.head.i < token.i and noun.head.i > noun.i:
        noun = noun.head
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("with", "of", "without") or not _people_like(noun):
        return None
    if _not_the_doer(noun):
        return None
    counted = counted_people(noun)
    return counted if counted is not None else noun


def _holder_of_object(token):
    """ "Lee and Park issued a statement describing ...", "Holt will lead an effort to paint ...": a
    clause hung from a common noun that is the object of a verb is said by that verb's subject."""
    head = token.head
    if token.dep_ != "acl" or head.pos_ != "NOUN" or head.dep_ != "dobj" or head.head.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in head.head.children if c.dep_ == "nsubj" and c.lower_ not in ("it", "there")), None)


def name_before(token, quoted: list[QuotedSpan]):
    """ "“...,” Ramos, 58, told AFP": a name just before the cue that the parser did not link."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and token.i - i <= 6:
        t = doc[i]
        if is_quoted(t.idx, quoted) or t.text in ("”", '"', "''"):
            return None
        if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and not is_when(t):
            return t
        if not (t.is_punct or t.like_num or t.is_space or is_when(t)):
            return None
        i -= 1
    return None


_TELLING = {"tell", "inform", "assure", "remind", "brief", "notify", "advise", "reassure"}


def inverted_object(token):
    """ "“How big is the ferry?” asked the boy": right after a quotation the verb comes before its
    speaker, and the parser can take the speaker for an object ("asked the boy")."""
    if any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return None
    if token.tag_ == "VBG" or token.lemma_.lower() in _TELLING:
        return None  # "“fantastic,” telling reporters that ...": a participle's object is its listener
    doc = token.doc
    i = token.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].text not in ("”", "''", '"', "»"):
        return None
    obj = next((c for c in token.children if c.dep_ in ("dobj", "dative") and c.i > token.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i - token.i > 3:
        return None
    return obj


INTRO_PRONOUNS = {"he", "she", "they", "we", "i"}


def source_behind_document(token):
    """ "according to a report from the Harbour Institute", "... an analysis by Ann Lee", "... a court
    document filed by the city attorney": the named author behind a document is the source."""
    if token is None or token.pos_ != "NOUN":
        return token
    for child in token.children:
        holder = child
        if child.dep_ in ("acl", "relcl"):  # "filed by", "released by"
            holder = next((c for c in child.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
        elif not (child.dep_ == "prep" and child.lower_ in ("from", "by")):
            continue
        if holder is None:
            continue
        author = next((c for c in holder.children if c.dep_ == "pobj"), None)
        if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")):
            return author
        if author is not None and author.pos_ == "NOUN" and any(c.pos_ == "PROPN" for c in author.children):
            return author  # "by state attorney Dave Lee": the parser may head the phrase on the title
    return token
