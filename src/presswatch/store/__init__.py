"""Storage: one Store interface, SQLite (FTS5) by default, PostgreSQL (tsvector) for teams."""

from presswatch.store.base import (
    ClusterAssignment,
    CompletedFile,
    FailureSeen,
    PersonDetail,
    PersonSummary,
    QuoteCopy,
    QuoteHit,
    RoleSeen,
    SearchHit,
    SearchPage,
    SignatureChanges,
    Store,
    UpsertOutcome,
    WriteSession,
    person_id_for,
)

__all__ = [
    "ClusterAssignment",
    "CompletedFile",
    "FailureSeen",
    "PersonDetail",
    "PersonSummary",
    "QuoteCopy",
    "QuoteHit",
    "RoleSeen",
    "SearchHit",
    "SearchPage",
    "SignatureChanges",
    "Store",
    "UpsertOutcome",
    "WriteSession",
    "open_store",
    "person_id_for",
]


def open_store(db: str) -> Store:
    """Open (and migrate) the database at ``db``: a file path, ``sqlite:///...`` or ``postgresql://...``."""
    from presswatch.store.factory import open_store as _open

    return _open(db)
