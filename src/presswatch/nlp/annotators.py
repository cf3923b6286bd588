"""Faster stand-ins for two of the model's rule components, giving the same annotations.

The attribute ruler (tag -> part of speech, morphology, some lemmas) ran spaCy's ``Matcher`` with its
~180 patterns at every token, and the lemmatizer looked each token up through Python one at a time:
together they cost about as much as the dependency parse. Here the ruler's patterns are indexed by
the tag or word their first token needs and tested as array operations over the document (only those
whose first token occurs in it), and the lemmatizer's answers are kept per (word, part of speech,
morphology), the key its own cache uses, and written back as an array. Both wrap the model's own components (kept loaded,
disabled) and defer to them for everything but the lookups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


class IndexedAttributeRuler:
    """The model's attribute ruler, its patterns tested as array operations over the whole document,
    and only those whose first token's tag or word occurs in it."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        strings = ruler.vocab.strings
        self._regex_seen: dict[tuple[int, int], bool] = {}  # (regex number, string hash) -> match
        self._regexes = 0
        # (attr id, match id, column of the first token's key or None, its keys, tests per token)
        self.patterns: list[tuple[int, int, int | None, frozenset[int], list[list[tuple]]]] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings[str(attr_id)]
            for alternative in entry["patterns"]:
                tests = [[self._test(strings, field, spec) for field, spec in token.items()] for token in alternative]
                first = alternative[0]
                key_col, keys = None, frozenset()
                for field in ("LOWER", "TAG"):  # the word where the first token names one (rarer), else the tag
                    values = _keys(first.get(field))
                    if values is not None:
                        key_col, keys = _COLUMNS[field], frozenset(_hash(strings, v) for v in values)
                        break
                self.patterns.append((attr_id, match_id, key_col, keys, tests))

    def _test(self, strings, field: str, spec) -> tuple:
        col = _COLUMNS[field]
        if field == "IS_SPACE":
            return ("eq", col, int(bool(spec)))
        if isinstance(spec, str):
            return ("eq", col, _hash(strings, spec))
        (op, values), = spec.items()
        if op in ("IN", "NOT_IN"):
            return (op, col, numpy.array(sorted({_hash(strings, v) for v in values}), dtype="uint64"))
        if op == "REGEX":
            self._regexes += 1
            return (op, col, (self._regexes, re.compile(values).search))
        raise ValueError(f"attribute ruler pattern operator {op!r} is not supported")

    def _regex(self, column: numpy.ndarray, test, strings) -> numpy.ndarray:
        number, search = test
        unique, inverse = numpy.unique(column, return_inverse=True)
        seen = self._regex_seen
        results = []
        for value in unique.tolist():
            hit = seen.get((number, value))
            if hit is None:
                if len(seen) >= MAX_CACHED_LEMMAS:  # bounded like the lemma cache
                    seen.clear()
                hit = seen[(number, value)] = bool(search(strings[value] if value else ""))
            results.append(hit)
        return numpy.array(results, dtype=bool)[inverse]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The ruler's matches, as ``AttributeRuler.match`` gives them: (attr id, match id, start, end), sorted."""
        n = len(doc)
        if not n:
            return []
        cols = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).reshape(n, 4)
        present = {0: set(cols[:, 0].tolist()), 1: set(cols[:, 1].tolist())}
        strings = doc.vocab.strings
        found = set()
        for attr_id, match_id, key_col, keys, tests in self.patterns:
            length = len(tests)
            if length > n or (key_col is not None and present[key_col].isdisjoint(keys)):
                continue
            starts = n - length + 1
            mask = numpy.ones(starts, dtype=bool)
            for k, token_tests in enumerate(tests):
                for op, col, value in token_tests:
                    column = cols[k : k + starts, col]
                    if op == "eq":
                        mask &= column == value
                    elif op == "IN":
                        mask &= numpy.isin(column, value)
                    elif op == "NOT_IN":
                        mask &= ~numpy.isin(column, value)
                    else:
                        mask &= self._regex(column, value, strings)
            for start in numpy.flatnonzero(mask).tolist():
                found.add((attr_id, match_id, start, start + length))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], **_) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _hash(strings, value: str) -> int:
    return strings.add(value) if value else 0


def _keys(spec) -> tuple[str, ...] | None:
    """The values a first-token test accepts when it is an equality or an IN list, else None."""
    if isinstance(spec, str):
        return (spec,)
    if isinstance(spec, dict) and set(spec) == {"IN"}:
        return tuple(spec["IN"])
    return None


#: word forms whose lemma is kept; the cache starts again when full
MAX_CACHED_LEMMAS = 200_000


class CachedLemmatizer:
    """The model's rule lemmatizer, its answers kept per (word, part of speech, morphology)."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # the lemma text, not its hash: a string added while parsing in a memory zone is freed with it
        self.lemmas: dict[tuple[int, int, int], str] = {}
        _indexed_word_lists(lemmatizer)

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        rows = rows.tolist()
        strings = doc.vocab.strings
        known = self.lemmas
        overwrite = lemmatizer.overwrite
        for i in range(len(doc)):
            orth, pos, morph, lemma = rows[i]
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            lemma_text = known.get(key)
            if lemma_text is None:
                if len(known) >= MAX_CACHED_LEMMAS:  # bounded: a stream of new words must not grow it forever
                    known.clear()
                lemma_text = known[key] = lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(lemma_text)
        if len(doc):
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], **_) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _indexed_word_lists(lemmatizer) -> None:
    """The rule lemmatizer checks each candidate form for membership in a list of the known words of
    its part of speech (57,000 verbs...), one scan per check: ~175 us a word. The same words as sets give the
    same answers; the lemmatizer (the one this stand-in wraps, disabled in the pipeline) reads a copy
    of its tables with them."""
    from spacy.lookups import Lookups

    tables = lemmatizer.lookups
    if "lemma_index" not in tables.tables:
        return
    copy = Lookups()
    for name in tables.tables:
        table = tables.get_table(name)
        if name == "lemma_index":
            copy.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            copy.set_table(name, table)
    lemmatizer.lookups = copy


def make_attributes(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.get_pipe("attribute_ruler"))


def make_lemmas(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))


def register(attributes: str, lemmas: str) -> None:
    """Register the two factories under the given names (once per process)."""
    if not Language.has_factory(attributes):
        Language.factory(attributes, assigns=["token.pos", "token.morph", "token.lemma"], requires=["token.tag"],
                         func=make_attributes)
    if not Language.has_factory(lemmas):
        Language.factory(lemmas, assigns=["token.lemma"], requires=["token.pos"], func=make_lemmas)
