"""Tell what a file holds from its first bytes, not from its name alone.

Extensions lie (a ``.txt`` full of HTML, a ``.gz`` of a WARC, a feed saved as ``.xml`` or ``.html``),
so each reader is chosen by content; the extension only breaks ties.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

Format = Literal["gzip", "warc", "feed", "jsonl", "html", "text", "binary", "empty"]

GZIP_MAGIC = b"\x1f\x8b"
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<title")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_XML_PREAMBLE = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>|<!DOCTYPE[^>]*>)*", re.DOTALL)


def _strip_bom(data: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8,):
        if data.startswith(bom):
            return data[len(bom):]
    return data


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: not text (UTF-16 with a BOM is text)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.05


def sniff(data: bytes, name: str = "") -> Format:
    """The format of ``data`` (the whole file or its first few kilobytes)."""
    if data.startswith(GZIP_MAGIC):
        return "gzip"
    head = _strip_bom(data[:65536])
    if not head.strip():
        return "empty"
    if head.lstrip().startswith(b"WARC/"):
        return "warc"
    if looks_binary(head[:8192]):
        return "binary"
    rest = head[_XML_PREAMBLE.match(head).end():] if head.lstrip().startswith(b"<") else b""
    if rest and _FEED_ROOT.match(rest):
        return "feed"
    stripped = head.lstrip()
    if stripped.startswith(b"{") or name.lower().endswith((".jsonl", ".ndjson")):
        first_line = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            if name.lower().endswith((".jsonl", ".ndjson")):
                return "jsonl"  # a JSONL file with a bad first line: the reader reports that line
    lowered = head[:4096].decode("utf-8", "replace").lower()
    if any(marker in lowered for marker in _HTML_MARKERS):
        return "html"
    if name.lower().endswith((".html", ".htm", ".xhtml")) and "<" in lowered:
        return "html"
    return "text"
