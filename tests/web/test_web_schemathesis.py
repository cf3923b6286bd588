"""schemathesis over /openapi.json against the real server, on SQLite and on PostgreSQL: no input may
cause a server error (5xx), and every response matches the schema (status code, content type, body).

Bounded: a fixed seed, a few examples per operation, a time limit on the whole run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from presswatch.web.app import create_app
from web_corpus import ROOMY, SECRET, LiveServer, build_corpus, free_port

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_live_server(request: pytest.FixtureRequest, tmp_path: Path):
    """The web server over the fictional corpus, on each backend."""
    db = str(tmp_path / "web.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    corpus = build_corpus(db)
    with LiveServer(create_app(corpus.db, secret=SECRET, rate_limit=ROOMY), free_port()) as server:
        yield server


def test_no_server_errors_from_generated_requests(any_live_server: LiveServer, tmp_path: Path):
    live_server = any_live_server
    report = tmp_path / "schemathesis.txt"
    cmd = [
        str(SCHEMATHESIS), "run", f"{live_server.url}/openapi.json",
        "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance,status_code_conformance",
        "--max-examples", "15",
        "--seed", "20240304",
        "--workers", "1",
        "--request-timeout", "10",
        "--generation-database", "none",
        "--no-color",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=420)
    report.write_text(proc.stdout + proc.stderr)
    tail = (proc.stdout + proc.stderr)[-4000:]
    assert proc.returncode == 0, tail
    # it really exercised the API: every operation in the schema was tested, with many requests
    spec = httpx.get(f"{live_server.url}/openapi.json").json()
    operations = sum(len(methods) for methods in spec["paths"].values())
    assert operations >= 9
    assert f"Tested: {operations}" in proc.stdout, tail
    generated = re.search(r"(\d+) generated, (\d+) passed", proc.stdout)
    assert generated and int(generated.group(1)) >= 100 and generated.group(1) == generated.group(2), tail
    # and the comments it posted went through the validation, not around it
    with httpx.Client(base_url=live_server.url) as client:
        found = client.get("/api/articles", params={"limit": 100}).json()["items"]
        for article in found:
            for comment in client.get(f"/api/articles/{article['id']}").json()["comments"]:
                assert comment["name"].strip() and comment["comment"].strip()
