"""The spaCy pipeline: loaded once per process, from a pip-installed package (never downloaded).

Only the components the NLP stage reads are kept; ``parse_texts`` batches through ``nlp.pipe``,
which is several times faster than parsing documents one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from presswatch import config
from presswatch.errors import NLPError

# The parse needs the tagger, parser (sentences + dependencies), lemmatizer (cue verbs) and NER. The
# model's attribute ruler and lemmatizer run through faster stand-ins (``annotators``) with the same output.
ATTRIBUTES, LEMMAS = "presswatch_attributes", "presswatch_lemmas"
_NEEDED = {"presswatch_paragraph_starts", "tok2vec", "tagger", "parser", ATTRIBUTES, LEMMAS, "ner"}

# A curly opening mark used as a closing one (`guys. “` at the end of a paragraph): rewritten to the
# closing mark before parsing so the parser sees the quotation end where the writer meant it.
# Same-length replacement, so offsets into the article text stay valid.
_BROKEN_CLOSE = re.compile(r"(?<=[^\s“])(\s?)“(?=\s*(?:\n|$))")


# A paragraph break always ends a sentence: set before the parser, which respects preset starts.
# Left to itself the small model runs a line without a full stop (a byline, a headline, a caption)
# into the next paragraph and hangs its words on the next sentence's verb. Train, 3-fold: speaker
# accuracy 10,552/11,452 -> 10,562/11,463 right (ratio flat), F1 0.8114 -> 0.8116.
PARAGRAPH_SENTENCES = True


def _paragraph_starts(doc):
    """Mark the first token after a line break as a sentence start."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text and not token.is_space:
            token.is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    from presswatch.nlp import annotators

    if not Language.has_factory("presswatch_paragraph_starts"):
        Language.component("presswatch_paragraph_starts", func=_paragraph_starts)
    annotators.register(ATTRIBUTES, LEMMAS)


def load_nlp(model: str | None = None, *, full_parse: bool = False):  # -> spacy.Language
    """The shared spaCy pipeline (one per process, model name and mode).

    ``full_parse``: the model's own components throughout, the reference the faster pipeline is
    checked against (``presswatch bench throughput``)."""
    return _load(model or config.SPACY_MODEL, full_parse)


@lru_cache(maxsize=4)
def _load(name: str, full_parse: bool = False):
    import spacy

    _register_components()
    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as exc:  # the model package is not installed
        raise NLPError(
            f"spaCy model {name!r} is not installed; install the pinned package (see constraints.txt) "
            "or set PRESSWATCH_SPACY_MODEL"
        ) from exc
    _split_glued_quotation_marks(nlp)
    if PARAGRAPH_SENTENCES and "parser" in nlp.pipe_names:
        nlp.add_pipe("presswatch_paragraph_starts", before="parser")
    needed = set(_NEEDED)
    if full_parse:
        needed |= {"attribute_ruler", "lemmatizer"}
        needed -= {ATTRIBUTES, LEMMAS}
    else:
        if "attribute_ruler" in nlp.pipe_names:
            nlp.add_pipe(ATTRIBUTES, after="attribute_ruler")
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe(LEMMAS, after="lemmatizer")
    disable = [p for p in nlp.pipe_names if p not in needed]
    for pipe in disable:
        nlp.disable_pipe(pipe)
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


# A quotation mark glued to a word on both sides ("paranoia,”Holt said", "Lee said,“Look"): scraped
# text loses the space, and the tokenizer then keeps "paranoia,”Holt" as one token, hiding both the
# end of the quotation and the speaker. Split there (the text itself is left as it is). A colon glued to the
# mark after it ("Ann Lee:“We learned ...”") is split from the name as well, so the label is found.
_GLUED_MARK = r"(?<=[\w.,!?;:])[“”\"](?=[A-Za-z])|(?<=[A-Za-z])[,.](?=[“”\"])|(?<=[\w.)]):(?=[“”\"])"


def _split_glued_quotation_marks(nlp) -> None:
    from spacy.util import compile_infix_regex

    current = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = compile_infix_regex([current, _GLUED_MARK]).finditer


# A curly apostrophe inside a word ("Here’s", "don’t", "Lee’s"): the small English model, trained on
# straight apostrophes, often tags "’s" as a closing quotation mark and loses the verb or possessive
# around it ("Here’s Lee:" introduced nobody). Parsed as the straight mark (same length, so offsets stay
# valid). Train, 3-fold: F1 0.8102 -> 0.8104, speaker accuracy flat (0.922, 4 more right on 6 more found).
STRAIGHT_APOSTROPHES = True
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


# Curly double quotation marks are parsed as straight ones (same length). The small model misreads
# some curly-marked clauses: in 'Lee called the board’s suspension “arbitrary.” Brede warned ...'
# it cut the clause and left only “arbitrary.” Train, 3-fold: speaker accuracy 0.9214 -> 0.9223
# (10,562/11,463 -> 10,577/11,468), F1 0.8116 -> 0.8117. The quote finder still reads the marks
# from the article text, where their direction pairs them.
STRAIGHT_QUOTES = True


# The curly apostrophe of a plural possessive ("the captains’ union said") is parsed as a straight one;
# the small model tagged some of them as closing quotation marks. Only before a lower-case word, where
# a closing single quotation mark is rare. Train, 3-fold: 10,577/11,468 -> 10,581/11,472 right,
# F1 0.8117 -> 0.8119.
PLURAL_POSSESSIVES = True
_PLURAL_POSSESSIVE = re.compile(r"(?<=[a-z]s)’(?= [a-z])")


# A horizontal bar used as a dash ("that ― two million pounds ― was spent", as HuffPost writes it) is
# parsed as an em dash: the small model took the unknown "―" for a verb, even the sentence's root.
# Train, 3-fold: 10,594/11,472 -> 10,600/11,474 right, F1 0.8114 -> 0.8115.
BAR_DASHES = True


def text_for_parse(text: str) -> str:
    """The article text with quotation-mark damage repaired, character for character."""
    text = _BROKEN_CLOSE.sub(lambda m: m.group(1) + "”", text)
    if STRAIGHT_APOSTROPHES:
        text = _CURLY_APOSTROPHE.sub("'", text)
    if PLURAL_POSSESSIVES:
        text = _PLURAL_POSSESSIVE.sub("'", text)
    if STRAIGHT_QUOTES:
        text = text.replace("“", '"').replace("”", '"')
    if BAR_DASHES:
        text = text.replace("―", "—")
    return text


def parse_texts(texts: Iterable[str], *, batch_size: int = 16, model: str | None = None,
                full_parse: bool = False) -> Iterator:
    """Parse many texts in batches; yields one spaCy Doc per text, in order."""
    nlp = load_nlp(model, full_parse=full_parse)

    def checked(text: str) -> str:
        if len(text) > nlp.max_length:
            raise NLPError(f"text of {len(text):,} characters is longer than the parser accepts ({nlp.max_length:,})")
        return text_for_parse(text)

    yield from nlp.pipe((checked(t) for t in texts), batch_size=batch_size)


def parse_text(text: str, *, model: str | None = None):
    nlp = load_nlp(model)
    if len(text) > nlp.max_length:
        raise NLPError(f"text of {len(text):,} characters is longer than the parser accepts ({nlp.max_length:,})")
    return nlp(text_for_parse(text))


def doc_text(doc) -> str:
    """The parsed text, read once per document (spaCy rebuilds ``doc.text`` on every access)."""
    text = doc.user_data.get("presswatch_text")
    if text is None:
        text = doc.user_data["presswatch_text"] = doc.text
    return text


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The English words of the model's lemmatizer tables (the WordNet lists of nouns, verbs, adjectives
    and adverbs it ships), read from the model package without loading the pipeline; empty when the
    package ships none."""
    import importlib.util
    from pathlib import Path

    from spacy.lookups import Lookups

    spec = importlib.util.find_spec(config.SPACY_MODEL)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    words: set[str] = set()
    for folder in sorted(Path(next(iter(spec.submodule_search_locations))).glob("*/lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        if "lemma_index" not in lookups.tables:
            continue
        table = lookups.get_table("lemma_index")
        for pos in ("noun", "verb", "adj", "adv"):
            if pos in table:
                words.update(w.lower() for w in table[pos])
        break
    return frozenset(words)

