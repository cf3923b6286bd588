"""Bytes -> text, with a clear reason when a file is not text we can read."""

from __future__ import annotations

import codecs
import re

from presswatch.errors import IngestError

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
    """Decode as UTF-8 (or a BOM's / the declared charset); raise IngestError when that fails."""
    if data.startswith(codecs.BOM_UTF8):
        data, charset = data[len(codecs.BOM_UTF8):], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = "utf-16"
    encodings = [charset] if charset and codecs.lookup(charset).name != "utf-8" else []
    encodings.append("utf-8")
    errors: list[str] = []
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            errors.append(f"{encoding}: {exc}")
    raise IngestError(
        "the text is not valid UTF-8 (" + "; ".join(errors) + "); re-save the file as UTF-8"
        " or declare its charset in a <meta charset> tag"
    )
