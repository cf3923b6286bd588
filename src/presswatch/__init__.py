"""PressWatch: scraped news in; clean, attributed, searchable records out."""

from presswatch.errors import (
    ExtractError,
    IngestError,
    NotFound,
    PressWatchError,
    QueryError,
    StoreError,
    ValidationError,
)
from presswatch.model import (
    Article,
    Cluster,
    Comment,
    Entity,
    Failure,
    Mention,
    Person,
    Quote,
    RawDocument,
)

__version__ = "0.1.0"

_PIPELINE = ("process", "process_document")


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    """``process`` and ``process_document`` load the NLP stack when first asked for, so commands
    that never process a document (search, sources, serve...) start without it."""
    if name in _PIPELINE:
        from presswatch import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'presswatch' has no attribute {name!r}")

__all__ = [
    "Article",
    "Cluster",
    "Comment",
    "Entity",
    "ExtractError",
    "Failure",
    "IngestError",
    "Mention",
    "NotFound",
    "Person",
    "PressWatchError",
    "Quote",
    "QueryError",
    "RawDocument",
    "StoreError",
    "ValidationError",
    "process",
    "process_document",
    "__version__",
]
