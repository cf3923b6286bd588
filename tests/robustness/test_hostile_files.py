"""Hostile input files, built here: each becomes a correct record or a clear failure record, in
bounded time and memory, and the good file beside it is still stored."""

from __future__ import annotations

import gzip
import io
import json
import os
import resource
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.ingest import read_paths
from presswatch.model import Failure, RawDocument
from presswatch.run.local import ingest_paths
from presswatch.store import open_store

GOOD = (
    "Harbour wall to be rebuilt\n\n"
    "The council in Marrowby said on Monday that the harbour wall would be rebuilt by spring, after two storms "
    "in January tore away a section of the old stone.\n\n"
    '"We will not leave the quay open to the sea another winter," said council leader Mara Lindqvist.\n'
)
ARTICLE_HTML = (
    "<article><h1>Harbour wall to be rebuilt</h1>"
    + "".join(f"<p>The council in Marrowby said on Monday that the harbour wall would be rebuilt by spring, part {i}.</p>" for i in range(6))
    + "</article>"
)


def _read(folder: Path) -> list[RawDocument | Failure]:
    return list(read_paths([folder]))


def _by_name(items: list[RawDocument | Failure]) -> dict[str, list[RawDocument | Failure]]:
    out: dict[str, list[RawDocument | Failure]] = {}
    for item in items:
        out.setdefault(Path(item.source_path.split("#")[0]).name, []).append(item)
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "in"
    f.mkdir()
    (f / "good.txt").write_text(GOOD, encoding="utf-8")
    return f


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_gzip_bomb_is_a_failure_without_unpacking_it(folder: Path) -> None:
    with gzip.open(folder / "bomb.txt.gz", "wb", compresslevel=9) as fh:
        zeros = b"\0" * (1 << 20)
        for _ in range(400):  # 400 MB unpacked, about 0.4 MB on disk
            fh.write(zeros)
    before = _peak_rss_mb()
    found = _by_name(_read(folder))
    assert _peak_rss_mb() - before < 150  # the cap is 50 MB of output
    [bomb] = found["bomb.txt.gz"]
    assert isinstance(bomb, Failure) and "unpacks to more than 50.0 MB" in bomb.reason
    assert isinstance(found["good.txt"][0], RawDocument)


def test_a_gzip_under_the_cap_is_read(folder: Path) -> None:
    (folder / "fine.txt.gz").write_bytes(gzip.compress(GOOD.encode()))
    [doc] = _by_name(_read(folder))["fine.txt.gz"]
    assert isinstance(doc, RawDocument) and "harbour wall" in doc.content


def test_a_document_over_the_length_limit_is_a_failure(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSWATCH_MAX_DOCUMENT_CHARS", "100000")
    (folder / "huge.txt").write_text("Title\n\n" + "A short paragraph.\n\n" * 20_000, encoding="utf-8")
    [huge] = _by_name(_read(folder))["huge.txt"]
    assert isinstance(huge, Failure) and "over the limit of 100,000" in huge.reason
    monkeypatch.setenv("PRESSWATCH_MAX_FILE_BYTES", "1000")
    [too_big] = _by_name(_read(folder))["huge.txt"]
    assert isinstance(too_big, Failure) and "PRESSWATCH_MAX_FILE_BYTES" in too_big.reason


def test_a_folder_symlink_loop_reads_each_file_once(folder: Path) -> None:
    (folder / "up").symlink_to(".")
    (folder / "sub").mkdir()
    (folder / "sub" / "again").symlink_to("..")
    names = [i.source_path for i in _read(folder)]
    assert len(names) == 1 and names[0].endswith("good.txt")


def test_file_symlink_loops_and_broken_links_are_failures(folder: Path) -> None:
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    found = _by_name(_read(folder))
    for name in ("a.txt", "b.txt"):
        [loop] = found[name]
        assert isinstance(loop, Failure) and "loop of symbolic links" in loop.reason
    [broken] = found["gone.txt"]
    assert isinstance(broken, Failure) and "does not exist" in broken.reason
    assert isinstance(found["good.txt"][0], RawDocument)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_a_failure(folder: Path) -> None:
    secret = folder / "secret.txt"
    secret.write_text(GOOD)
    secret.chmod(0)
    [item] = _by_name(_read(folder))["secret.txt"]
    assert isinstance(item, Failure) and "permissions" in item.reason


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(3):
        body = f"<html><head><title>Story {i}</title></head><body>{ARTICLE_HTML}</body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://coast.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_a_truncated_warc_keeps_its_complete_records_and_the_cut_one_fails(folder: Path, name: str, gz: bool) -> None:
    data = _warc(gz)
    (folder / name).write_bytes(data[: int(len(data) * 0.85)])
    items = _by_name(_read(folder))[name]
    assert [type(i) for i in items] == [RawDocument, RawDocument, Failure]
    assert items[2].source_path.endswith("#record=3") and "cut short inside record 3" in items[2].reason


def test_a_whole_warc_reads_every_record(folder: Path) -> None:
    (folder / "crawl.warc.gz").write_bytes(_warc(True))
    assert [type(i) for i in _by_name(_read(folder))["crawl.warc.gz"]] == [RawDocument] * 3


@pytest.mark.parametrize("data,expected", [
    (b"Caf\xe9 au lait and na\xefve r\xe9sum\xe9s at the harbour.\n", "Café au lait and naïve résumés"),
    (b"Prices rose \x80 5 and \x93quoted\x94 words filled the harbour report.\n", "€ 5 and “quoted”"),
    ("Smörgåsbord at the café by the harbour, ".encode() * 20 + b"\xff\xfe\xfa\xfb and more.\n", "Smörgåsbord at the café"),
    ("Hello from the harbour café.\n".encode("utf-16"), "Hello from the harbour café."),
])
def test_text_without_a_declared_charset_is_decoded(folder: Path, data: bytes, expected: str) -> None:
    (folder / "odd.txt").write_bytes(data)
    [doc] = _by_name(_read(folder))["odd.txt"]
    assert isinstance(doc, RawDocument) and expected in doc.content


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary"),
    ("noise.bin", os.urandom(4096), "binary"),
])
def test_files_with_nothing_to_read_are_clear_failures(folder: Path, name: str, data: bytes, reason: str) -> None:
    (folder / name).write_bytes(data)
    [item] = _by_name(_read(folder))[name]
    assert isinstance(item, Failure) and reason in item.reason


def test_broken_jsonl_lines_fail_alone(folder: Path) -> None:
    lines = [json.dumps({"url": "https://coast.example/1", "text": GOOD}), "{not json", json.dumps({"url": "https://coast.example/2", "text": GOOD.replace("Monday", "Tuesday")})]
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    items = _by_name(_read(folder))["dump.jsonl"]
    assert [type(i) for i in items] == [RawDocument, Failure, RawDocument]


def test_odd_file_names_are_read(folder: Path) -> None:
    for name in ("with space.txt", "ünïcödé.txt", "new\nline.txt"):
        (folder / name).write_text(GOOD)
    found = _by_name(_read(folder))
    assert all(isinstance(found[n][0], RawDocument) for n in ("with space.txt", "ünïcödé.txt", "new\nline.txt"))


@pytest.mark.parametrize("depth,tag", [(300, "div"), (200_000, "div"), (200_000, "b")])
def test_deeply_nested_articles_are_extracted(folder: Path, tmp_path: Path, depth: int, tag: str) -> None:
    page = f"<html><head><title>Harbour wall</title></head><body>{f'<{tag}>' * depth}{ARTICLE_HTML}{f'</{tag}>' * depth}</body></html>"
    (folder / "deep.html").write_text(page)
    store = open_store(str(tmp_path / "n.db"))
    try:
        report = ingest_paths([folder], store)
        assert report.failed == 0, report.failures
        texts = [a.text for a in store.iter_articles()]
    finally:
        store.close()
    assert len(texts) == 2 and any("rebuilt by spring, part 5" in t for t in texts)


def test_malformed_feed_is_a_failure_or_its_entries(folder: Path) -> None:
    (folder / "feed.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast</title><item><title>Wall', encoding="utf-8")
    items = _by_name(_read(folder))["feed.rss"]
    assert items and all(isinstance(i, (Failure, RawDocument)) for i in items)
    assert all(i.reason for i in items if isinstance(i, Failure))
