"""How much one input may cost: bytes read from a file, bytes unpacked from gzip, characters of one
document. Each is a setting with a sane default; over it, the input becomes a failure record."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass

from presswatch.errors import IngestError, ValidationError

MB = 1024 * 1024


def _setting(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: f"a whole number, not {raw!r}"}) from None
    if value < 1:
        raise ValidationError({name: f"a number >= 1, not {value}"})
    return value


MAX_FILE_BYTES = 512 * MB  # a file read from disk (a WARC archive may be large)
MAX_UNPACKED_BYTES = 50 * MB  # what one gzip file, or one archive record, may unpack to
MAX_DOCUMENT_CHARS = 10_000_000  # one document (an HTML page, a JSONL line's text)


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = MAX_FILE_BYTES
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    max_document_chars: int = MAX_DOCUMENT_CHARS

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(
            max_file_bytes=_setting("PRESSWATCH_MAX_FILE_BYTES", MAX_FILE_BYTES),
            max_unpacked_bytes=_setting("PRESSWATCH_MAX_DECOMPRESSED_BYTES", MAX_UNPACKED_BYTES),
            max_document_chars=_setting("PRESSWATCH_MAX_DOCUMENT_CHARS", MAX_DOCUMENT_CHARS),
        )


def megabytes(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def gunzip(data: bytes, limit: int) -> bytes:
    """Unpack every member of a gzip file, never holding more than ``limit`` bytes of output
    (a 2 MB bomb of zeros stops at the limit instead of filling memory). Raises IngestError."""
    out = bytearray()
    rest = data
    while rest:
        unpacker = zlib.decompressobj(wbits=31)
        try:
            out += unpacker.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise IngestError(f"damaged gzip file ({exc}); re-download or re-compress it") from None
        if len(out) > limit:
            raise IngestError(
                f"the gzip file unpacks to more than {megabytes(limit)} (PRESSWATCH_MAX_DECOMPRESSED_BYTES); "
                "unpack it yourself if it is real, or remove it"
            )
        if not unpacker.eof:
            raise IngestError("the gzip file is cut short (truncated); re-download or re-compress it")
        rest = unpacker.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    return bytes(out)


def gunzip_head(data: bytes, size: int = 64 * 1024) -> bytes:
    """The first ``size`` unpacked bytes (for sniffing), even from a truncated file."""
    unpacker = zlib.decompressobj(wbits=31)
    try:
        return unpacker.decompress(data, size)
    except zlib.error:
        return b""


__all__ = ["Limits", "gunzip", "gunzip_head", "megabytes"]
