"""Bytes -> text, with a clear reason when a file is not text we can read."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from presswatch.errors import IngestError

log = logging.getLogger("presswatch.ingest")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, *, charset: str | None = None) -> str:
    """Decode as the BOM or the declared charset says, else as UTF-8. Bytes that are not UTF-8 are
    read as the charset a detector (charset-normalizer) finds; a UTF-8 text with a few bad bytes keeps
    its UTF-8 and has them replaced (U+FFFD), with a warning in the log. Raises IngestError only
    when no reading makes sense of the bytes."""
    if data.startswith(codecs.BOM_UTF8):
        data, charset = data[len(codecs.BOM_UTF8):], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = "utf-16"
    encodings = [charset] if charset and _known(charset) and codecs.lookup(charset).name != "utf-8" else []
    encodings.append("utf-8")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    lenient = data.decode("utf-8", "replace")
    bad = lenient.count("\ufffd")
    good_multibyte = sum(1 for ch in lenient if ord(ch) > 0x7F and ch != "\ufffd")
    if good_multibyte >= 1 and bad <= max(8, len(data) // 1000):
        log.warning("%d byte sequence(s) that are not UTF-8 replaced by U+FFFD", bad)
        return lenient
    for encoding in _likely_charsets(data):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise IngestError(
        "the bytes are not text in any charset PressWatch can recognise; re-save the file as UTF-8"
        " or declare its charset in a <meta charset> tag"
    )


#: Where the detector finds several charsets about equally plausible (short texts), the one the
#: web's untagged Western pages use most is preferred.
_PREFERRED_WHEN_TIED = ("cp1252", "latin_1", "iso8859_15")


def _likely_charsets(data: bytes) -> list[str]:
    matches = list(from_bytes(data))
    if not matches:
        return []
    best = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= best + 0.05]
    preferred = [e for e in _PREFERRED_WHEN_TIED if e in tied]
    return preferred + [m.encoding for m in matches if m.encoding not in preferred]


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
