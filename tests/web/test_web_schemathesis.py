"""schemathesis over /openapi.json against the real server: no input may cause a server error (5xx).

Bounded: a fixed seed, a few examples per operation, a time limit on the whole run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

from web_corpus import LiveServer

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_no_server_errors_from_generated_requests(live_server: LiveServer, tmp_path: Path):
    report = tmp_path / "schemathesis.txt"
    cmd = [
        str(SCHEMATHESIS), "run", f"{live_server.url}/openapi.json",
        "--checks", "not_a_server_error",
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
