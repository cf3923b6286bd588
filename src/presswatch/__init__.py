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
from presswatch.pipeline import process, process_document

__version__ = "0.1.0"

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
