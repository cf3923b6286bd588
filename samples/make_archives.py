"""Write the archive samples: samples/warc/harbour-crawl.warc.gz and samples/gz/*.gz.

Run from the repository root: `.venv/bin/python samples/make_archives.py`. The output is fixed
(record ids, dates and gzip timestamps are set here), so re-running it changes nothing.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLES = Path(__file__).resolve().parent

PAGES = [
    ("https://portgazette.example/2026/05/02/dockers-vote-on-night-shifts", "2026-05-02T11:00:00Z", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Dock workers vote on night shifts | Port Gazette</title>
<meta property="og:site_name" content="Port Gazette">
<meta property="article:published_time" content="2026-05-02T09:00:00Z"></head>
<body><nav><a href="/">Port Gazette</a> <a href="/docks">Docks</a> <a href="/shipping">Shipping</a></nav>
<article><h1>Dock workers vote on night shifts</h1>
<p>Dock workers at the container terminal began a three-day vote on Saturday on whether to accept night shifts in exchange for a shorter working week, the dockers' union said.</p>
<p>Union secretary Mirela Stan said the offer was the best the terminal had made in five years but warned that members were tired of promises. "People want to see it written down," Stan said.</p>
<p>Terminal Director Hugo Lind said night shifts would let ships turn around a day faster. He said the terminal would lose customers to rival ports without them.</p>
<p>The result of the vote is expected on Tuesday.</p></article>
<aside><h3>Most read</h3><a href="/a">Council backs new tram line to the port</a></aside>
<footer>Copyright 2026 Port Gazette</footer></body></html>"""),
    ("https://portgazette.example/2026/05/03/cruise-season-opens", "2026-05-03T11:00:00Z", """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cruise season opens with a record ship | Port Gazette</title></head>
<body><nav><a href="/">Port Gazette</a></nav>
<article><h1>Cruise season opens with a record ship</h1>
<p>The largest cruise ship ever to call at the harbour tied up at the new passenger quay on Sunday, opening a season in which the port expects more than ninety visits.</p>
<p>Harbour Minister Olga Vetrova said the quay had paid for itself in two seasons. "Every ship brings three thousand visitors to the old town," Vetrova said.</p>
<p>Shop owners in the old town said the visitors spent less than hoped, because most stayed only for the afternoon.</p></article>
<div class="share">Share on Facebook</div></body></html>"""),
]

GZ_TEXT = ("sea-wall-funding.txt.gz", """Sea wall funding agreed after winter storms – .

Sea wall funding agreed after winter storms – .

The county will share the cost with the towns.

The county and three coastal towns agreed on Thursday to share the cost of rebuilding the sea wall that the winter storms broke in four places.

County engineer Bram Vos said the first section, at Gull Point, would be finished before the autumn tides. "We are racing the sea," Vos said.

Mayor Clara Ruiz of Kestrel, the largest of the three towns, said the deal was fair but warned that smaller villages along the coast had been left out.

Read more: Storm closes the coast road for two days
Please enter your comment!
Please enter your name here
""")


def write_warc(path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (url, date, html) in enumerate(PAGES, start=1):
        payload = html.encode("utf-8")
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date, "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"}
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(f"GET {url} HTTP/1.1\r\n\r\n".encode()),
                                            warc_headers_dict={**warc_headers, "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-9000-{number:012d}>"})
        writer.write_record(request)
        response = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http_headers,
                                             warc_headers_dict=warc_headers)
        writer.write_record(response)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def write_gzip(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


if __name__ == "__main__":
    write_warc(SAMPLES / "warc" / "harbour-crawl.warc.gz")
    write_gzip(SAMPLES / "gz" / GZ_TEXT[0], GZ_TEXT[1])
    print("wrote", SAMPLES / "warc" / "harbour-crawl.warc.gz", "and", SAMPLES / "gz" / GZ_TEXT[0])
