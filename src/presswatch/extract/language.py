"""The language an article is written in: read off its text (py3langid's packaged model), with the
page's declared language as the fallback for texts too short to tell.

Pages often declare a template's language rather than the article's (an ``<html lang="en">`` around
German text), so a confident reading of enough text wins over the declaration.
"""

from __future__ import annotations

from functools import lru_cache

#: below this many characters the text says too little; the declared language (else English) stands
MIN_CHARS = 200
#: the reading must be at least this sure to override the declared language
MIN_PROBABILITY = 0.95
_SAMPLE_CHARS = 5000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language: the text's own when it is long and clear enough, else
    ``declared``, else ``"en"``."""
    fallback = (declared or "en").lower()
    if len(text) < MIN_CHARS:
        return fallback
    language, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return language if probability >= MIN_PROBABILITY else fallback


__all__ = ["MIN_CHARS", "MIN_PROBABILITY", "detect_language"]
