"""One exception hierarchy for PressWatch.

    PressWatchError
    ├── IngestError      a file or record could not be read (unreadable, binary, empty, bad JSON line)
    ├── ExtractError     a document was read but yields no article (no body text)
    ├── NLPError         the language pipeline could not run (model missing)
    ├── BudgetExceeded   a document took longer than its time budget
    ├── StoreError       the database could not be opened, migrated, read or written
    │   └── NotFound     a requested article / person / cluster does not exist
    ├── QueryError       a search query is malformed (the web app answers 400, the CLI exit code 2)
    ├── FetchError       a page, feed or sitemap could not be fetched
    └── ValidationError  user input (a comment, a form) is invalid; carries field -> message

The CLI maps these to messages and exit codes; the web app maps them to 4xx responses.
Each error says what went wrong and, where it can, what to do about it.
"""

from __future__ import annotations


class PressWatchError(Exception):
    """Base class of every error PressWatch raises on purpose."""

    stage: str = "presswatch"


class IngestError(PressWatchError):
    stage = "ingest"


class ExtractError(PressWatchError):
    stage = "extract"


class NLPError(PressWatchError):
    stage = "nlp"


class BudgetExceeded(PressWatchError):
    stage = "budget"


class StoreError(PressWatchError):
    stage = "store"


class NotFound(StoreError):
    pass


class QueryError(PressWatchError):
    stage = "query"


class ValidationError(PressWatchError):
    stage = "validation"

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class FetchError(PressWatchError):
    """A page, feed or sitemap could not be fetched (robots.txt, HTTP status, size, timeout)."""

    stage = "fetch"


__all__ = [
    "FetchError",
    "PressWatchError",
    "IngestError",
    "ExtractError",
    "NLPError",
    "BudgetExceeded",
    "StoreError",
    "NotFound",
    "QueryError",
    "ValidationError",
]
