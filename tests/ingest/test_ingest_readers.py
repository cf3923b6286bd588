"""Readers: every format, sniffed by content, and a failure record (never a crash) for bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.ingest import read_paths
from presswatch.model import Failure, RawDocument

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLE = "Ferry crews strike – .\n\nFerry crews strike – .\n\nCrews on the river stopped work on Monday.\n"
PAGE = ("<!DOCTYPE html><html><head><title>Ferry crews strike</title></head><body><article>"
        "<h1>Ferry crews strike</h1><p>Crews on the river stopped work on Monday.</p></article></body></html>")


def _read(*paths: Path) -> list[RawDocument | Failure]:
    return list(read_paths(paths))


def _docs(results: list) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def _failures(results: list) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]


def test_plain_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [doc] = _read(tmp_path / "a.txt")
    assert (doc.kind, doc.content, doc.source_path) == ("text", ARTICLE, str(tmp_path / "a.txt"))


def test_html_is_sniffed_by_content_not_extension(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.html").write_text(ARTICLE, encoding="utf-8")
    by_name = {Path(d.source_path).name: d.kind for d in _docs(_read(tmp_path))}
    assert by_name == {"page.txt": "html", "notes.html": "text"}


def test_html_in_a_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1252">').replace("Monday", "Montag – Ærø")
    (tmp_path / "old.html").write_bytes(page.encode("cp1252"))
    [doc] = _read(tmp_path / "old.html")
    assert "Montag – Ærø" in doc.content


def test_gzip_of_html_and_of_text(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "story.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    docs = {Path(d.source_path).name: d for d in _docs(_read(tmp_path))}
    assert docs["page.html.gz"].kind == "html" and "stopped work" in docs["page.html.gz"].content
    assert docs["story.gz"].kind == "text" and docs["story.gz"].content == ARTICLE


def test_jsonl_lines_with_metadata_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://a.example/1", "title": "Ferry crews strike",
                    "published": "2026-03-01", "site": "A Daily", "authors": ["Lena Varga", "Ruth Calloway"]}),
        "",
        "{not json",
        json.dumps({"html": PAGE, "url": "https://a.example/2"}),
        json.dumps(["a", "list"]),
        json.dumps({"url": "https://a.example/3"}),
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = _read(tmp_path / "dump.jsonl")
    first, second = _docs(results)
    where = str(tmp_path / "dump.jsonl")
    assert first == RawDocument(f"{where}#L1", ARTICLE, "text", "https://a.example/1", "Ferry crews strike",
                                "2026-03-01", "A Daily", ("Lena Varga", "Ruth Calloway"))
    assert (second.source_path, second.kind, second.url) == (f"{where}#L4", "html", "https://a.example/2")
    failures = {f.source_path: f.reason for f in _failures(results)}
    assert set(failures) == {f"{where}#L3", f"{where}#L5", f"{where}#L6"}
    assert "not valid JSON" in failures[f"{where}#L3"]
    assert '"text" or "html"' in failures[f"{where}#L6"]


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return buffer.getvalue()


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    data = _warc([("https://a.example/story", "text/html; charset=utf-8", PAGE.encode()),
                  ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
                  ("https://a.example/other", "text/html", PAGE.replace("Monday", "Tuesday").encode())])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    (tmp_path / "plain.warc").write_bytes(gzip.decompress(data))
    docs = _docs(_read(tmp_path / "crawl.warc.gz"))
    where = str(tmp_path / "crawl.warc.gz")
    assert [(d.source_path, d.url, d.kind) for d in docs] == [
        (f"{where}#record=2", "https://a.example/story", "html"),
        (f"{where}#record=6", "https://a.example/other", "html"),
    ]
    assert "Tuesday" in docs[1].content
    assert [d.url for d in _docs(_read(tmp_path / "plain.warc"))] == ["https://a.example/story", "https://a.example/other"]


def test_rss_and_atom_entries(tmp_path: Path) -> None:
    results = _read(SAMPLES / "feeds")
    assert not _failures(results)
    docs = {d.title: d for d in _docs(results)}
    night = docs["Night ferry saved by council vote"]
    assert night.url == "https://harbourherald.example/city/2026/03/20/night-ferry-saved"
    assert night.published == "2026-03-20T18:05:00+00:00"
    assert night.authors == ("Lena Varga",) and night.site == "The Harbour Herald"
    assert night.source_path.endswith("harbour-herald.rss#entry=1")
    assert "<p>" not in night.content and "\n\nHarbour Minister Olga Vetrova said" in night.content
    storm = docs["Storm closes the coast road for two days"]
    assert storm.published == "2026-01-27T07:00:00+00:00" and storm.source_path.endswith(".atom#entry=1")
    # an Atom entry with only a summary still becomes a document
    assert docs["Ferry timetable changes for the spring"].published == "2026-01-25T12:00:00+00:00"


def test_feed_entry_without_text_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "f.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Empty</title><link>https://a.example/e</link></item></channel></rss>", encoding="utf-8")
    [failure] = _read(tmp_path / "f.xml")
    assert failure.source_path.endswith("f.xml#entry=1") and "no content or summary" in failure.reason


def test_empty_binary_and_undecodable_files_fail_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said the ferry strike hurt trade.".encode("latin-1"))
    (tmp_path / "broken.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    results = _read(tmp_path)
    docs = {Path(d.source_path).name: d for d in _docs(results)}
    assert list(docs) == ["good.txt", "latin1.txt"]  # Latin-1 without a declared charset is detected
    assert docs["latin1.txt"].content.startswith("Café owners")
    reasons = {Path(f.source_path).name: f.reason for f in _failures(results)}
    assert set(reasons) == {"empty.txt", "blank.txt", "photo.jpg", "broken.gz"}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["photo.jpg"]
    assert "gzip" in reasons["broken.gz"]
    assert all(f.stage == "ingest" for f in _failures(results))


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/x.txt", "c/d/e.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    names = [str(Path(d.source_path).relative_to(tmp_path)) for d in _docs(_read(tmp_path))]
    assert names == ["a.txt", "b/1.txt", "b/2.txt", "c/d/e.txt"]


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    [failure] = _read(tmp_path / "nope.txt")
    assert "no such file" in failure.reason


def test_every_sample_reads_without_failure() -> None:
    results = _read(SAMPLES)
    assert not _failures(results)
    kinds = {Path(d.source_path.split("#")[0]).suffix for d in _docs(results)}
    assert {".txt", ".html", ".jsonl", ".rss", ".atom", ".gz"} <= kinds
    assert any("#record=" in d.source_path for d in _docs(results))
    assert not any(d.source_path.endswith(".py") for d in _docs(results))


def test_wet_conversion_records_are_text(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record("https://a.example/wet", "conversion",
                                                  payload=io.BytesIO(ARTICLE.encode()), warc_content_type="text/plain"))
    (tmp_path / "crawl.warc.wet.gz").write_bytes(buffer.getvalue())
    [doc] = _read(tmp_path / "crawl.warc.wet.gz")
    assert (doc.kind, doc.url, doc.content) == ("text", "https://a.example/wet", ARTICLE)


def test_gzip_of_jsonl_keeps_line_numbers(tmp_path: Path) -> None:
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress((json.dumps({"text": ARTICLE}) + "\n").encode()))
    [doc] = _read(tmp_path / "dump.jsonl.gz")
    assert doc.source_path == f"{tmp_path / 'dump.jsonl.gz'}#L1"


def test_utf16_text_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(ARTICLE.encode("utf-16"))
    [doc] = _read(tmp_path / "wide.txt")
    assert doc.content == ARTICLE


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from presswatch.ingest import read_bytes  # noqa: E402

_prefixes = st.sampled_from([b"", b"\x1f\x8b", b"WARC/1.0\r\n", b"<?xml version='1.0'?><rss>", b"{", b"<html>", b"\xef\xbb\xbf"])


@settings(max_examples=300, deadline=None)
@given(_prefixes, st.binary(max_size=400), st.sampled_from(["x.txt", "x.jsonl", "x.html", "x.gz", "x.warc"]))
def test_any_bytes_give_documents_or_failures_never_an_exception(prefix: bytes, data: bytes, name: str) -> None:
    for result in read_bytes(prefix + data, name):
        assert isinstance(result, (RawDocument, Failure))
        if isinstance(result, Failure):
            assert result.stage == "ingest" and result.reason
        else:
            assert result.content.strip()
