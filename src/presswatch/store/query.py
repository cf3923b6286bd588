"""The search query language, parsed once and rendered for each backend.

PressWatch accepts the same small syntax on SQLite and PostgreSQL, so a query means the same thing
whichever database answers it:

    strike ferry            both words (AND is implied; ``AND`` may be written)
    "ferry strike"          the phrase
    strike OR walkout       either (operators are upper case; lower-case "or" is a word)
    strike -moscow          excluding a word (``NOT moscow`` is the same)
    ukrain*                 a prefix

Design choice (forgiving words, strict syntax): plain words are always quoted for the engine, so
punctuation in them (``Putin's``, ``U.S.``, ``co-operation``) never becomes a syntax error, which raw
FTS5 would raise. A query that uses the syntax and gets it wrong -- an unbalanced quote, an operator
with nothing on one side (``AND OR``), only excluded words -- raises QueryError with a message
saying what to fix, rather than being silently reinterpreted into something the user did not ask for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.errors import QueryError

OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a prefix (``ukrain*``) or a quoted phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Group:
    """Terms that must all match, and terms that must not."""

    include: tuple[Term, ...]
    exclude: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Any of the groups matches (the groups were separated by OR)."""

    groups: tuple[Group, ...]

    def words(self) -> list[str]:
        """The words to look for (no excluded ones): for highlighting outside the full-text engine."""
        return [t.text for g in self.groups for t in g.include]


_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"|(?P<open>")|(?P<word>[^\s"]+)')
_WORD_CHARS = re.compile(r"\w", re.UNICODE)


#: Longer queries are refused with a message rather than handed to the engines.
MAX_TERMS = 64
MAX_QUERY_CHARS = 2000


def parse_query(query: str) -> ParsedQuery:
    """Parse ``query``; raises QueryError with a readable message when the syntax is malformed."""
    if "\x00" in query:
        raise QueryError("Malformed search query: it contains a NUL byte; remove it.")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"The search query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}.")
    if query.count('"') % 2:
        raise QueryError(f"Malformed search query {query!r}: a double quote is not closed. Close the phrase or remove the quote.")
    tokens: list[tuple[str, str]] = []  # (kind, text): kind is op / word / phrase
    for m in _TOKEN.finditer(query):
        if m.group("phrase") is not None:
            if _WORD_CHARS.search(m.group("phrase")):
                tokens.append(("phrase", m.group("phrase").strip()))
        elif m.group("word") is not None:
            word = m.group("word")
            tokens.append(("op", word) if word in OPERATORS else ("word", word))
    if not tokens:
        raise QueryError(f"Malformed search query {query!r}: there is no word to search for.")

    groups: list[Group] = []
    include: list[Term] = []
    exclude: list[Term] = []
    negate_next = False
    previous = "OR"  # the start of the query behaves like the position after an OR

    def close_group() -> None:
        if not include and not exclude:
            raise QueryError(f"Malformed search query {query!r}: there is no word to search for.")
        if not include:
            raise QueryError(
                f"Malformed search query {query!r}: a part of it only excludes words; add a word to look for."
            )
        groups.append(Group(tuple(include), tuple(exclude)))
        include.clear()
        exclude.clear()

    for kind, text in tokens:
        if kind == "op":
            if previous in OPERATORS and not (text == "NOT" and previous != "NOT"):
                where = "at the start" if not groups and not include and not exclude else f"after {previous}"
                raise QueryError(
                    f"Malformed search query {query!r}: {text} {where} has nothing to join. "
                    'Put words on both sides, or quote it ("{text}") to search for the word.'.replace("{text}", text)
                )
            if text == "OR":
                close_group()
            negate_next = text == "NOT"
            previous = text
            continue
        term: Term
        if kind == "phrase":
            term = Term(text, phrase=True)
        else:
            negate = text.startswith("-") and len(text) > 1
            if negate:
                text = text[1:]
            prefix = text.endswith("*") and len(text.rstrip("*")) > 0
            text = text.rstrip("*") if prefix else text
            if not _WORD_CHARS.search(text):
                previous = "word"
                continue  # punctuation alone searches for nothing: skip it rather than fail
            term = Term(text, prefix=prefix)
            negate_next = negate_next or negate
        (exclude if negate_next else include).append(term)
        negate_next = False
        previous = "word"
    if previous in OPERATORS:
        raise QueryError(f"Malformed search query {query!r}: it ends with {previous}, which needs a word after it.")
    close_group()
    terms = sum(len(g.include) + len(g.exclude) for g in groups)
    if terms > MAX_TERMS:
        raise QueryError(f"The search query has {terms} terms; the limit is {MAX_TERMS}. Search for fewer words.")
    return ParsedQuery(tuple(groups))


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_fts5(parsed: ParsedQuery) -> str:
    """Render for SQLite FTS5 MATCH: every term quoted, so only our operators are syntax."""

    def term(t: Term) -> str:
        return _fts5_string(t.text) + (" *" if t.prefix else "")

    parts = []
    for group in parsed.groups:
        expr = " AND ".join(term(t) for t in group.include)
        for t in group.exclude:
            expr = f"({expr}) NOT {term(t)}"
        parts.append(f"({expr})")
    return " OR ".join(parts)


__all__ = ["ParsedQuery", "Group", "Term", "parse_query", "to_fts5"]
