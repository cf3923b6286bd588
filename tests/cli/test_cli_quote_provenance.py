"""End to end: `presswatch quote <id>` gives a quote's provenance, from the id `presswatch quotes --json` prints."""

from __future__ import annotations

import json

from presswatch.model import Article, Person, Quote, content_hash
from presswatch.store import open_store

SAID = "The new pier will be open to walkers before the summer regatta begins"


def _article(aid: str, site: str, published: str | None, speaker: str, said: str = SAID) -> Article:
    text = f"The council met on Monday. “{said},” {speaker} said."
    start = text.index(said)
    return Article(
        id=aid, url=f"https://{site}/{aid}", site=site, title=f"Pier ({site})", standfirst=None, authors=(),
        published=published, language="en", paragraphs=(text,), text=text, source_path=f"in/{aid}.txt",
        content_hash=content_hash(text), people=(Person(speaker),),
        quotes=(Quote(said, "direct", speaker, "person", None, "said", start, start + len(said)),),
    )


def test_quote_command_shows_first_printing_and_the_other_credit(cli) -> None:
    store = open_store(str(cli.db))
    try:
        store.upsert_articles([
            _article("pier-a", "coast.example", "2024-05-01T09:00:00+00:00", "Lena Fosse"),
            _article("pier-b", "bay.example", None, "Lena Fosse", SAID.replace("walkers", "walkers and cyclists")),
            _article("pier-c", "gull.example", "2024-05-03T09:00:00+00:00", "Ola Brekke"),
        ])
    finally:
        store.close()
    listed = [json.loads(line) for line in cli("quotes", "--json").stdout.splitlines()]
    ids = {hit["article_id"]: hit["quote_id"] for hit in listed}
    result = cli("quote", ids["pier-c"], "--json")
    assert result.exit_code == 0, result.output
    prov = json.loads(result.stdout)
    assert [(a["article_id"], a["undated"]) for a in prov["appearances"]] == [
        ("pier-a", False), ("pier-c", False), ("pier-b", True)
    ]
    assert prov["first"]["site"] == "coast.example"
    assert len(prov["variants"]) == 2
    assert {a["article_id"] for a in prov["appearances"] if a["speaker_differs"]} == {"pier-a", "pier-b"}
    table = cli("quote", ids["pier-a"])
    assert table.exit_code == 0
    assert "first printed by coast.example" in table.stdout and "undated" in table.stdout
    assert "different" in table.stdout  # the credit column names Ola Brekke as a different speaker
    missing = cli("quote", "pier-a-1-2")
    assert missing.exit_code != 0 and "No quote" in missing.output
