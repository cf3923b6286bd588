"""The Sources page and /api/stats/sources on the fictional web corpus: who gets quoted."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_api_counts_each_quote_once_on_the_original_with_gender_shares(client: TestClient) -> None:
    body = client.get("/api/stats/sources").json()
    total = body["total"]
    # ferry original: two quotes by Marta Kowalczyk and one by the port authority (its wire copy
    # repeats them and is not counted again); tram: one by Jonas Berg
    assert (total["quotes"], total["named_people"], total["organisations"], total["anonymous"]) == (4, 3, 1, 0)
    assert (total["women"], total["men"], total["gender_unknown"]) == (2, 1, 0)
    assert total["share_women"] == round(2 / 3, 4)
    assert [(s["site"], s["quotes"]) for s in body["by_site"]] == [("bayherald.example", 4)]
    assert [(m["month"], m["quotes"]) for m in body["by_month"]] == [("2024-02", 1), ("2024-03", 3)]
    assert [(p["name"], p["gender"], p["quotes"]) for p in body["top_people"]] == [
        ("Marta Kowalczyk", "female", 2), ("Jonas Berg", "male", 1),
    ]


def test_api_filters_and_rejects_a_bad_date(client: TestClient) -> None:
    assert client.get("/api/stats/sources", params={"site": "coastwire.example"}).json()["total"]["quotes"] == 0
    assert client.get("/api/stats/sources", params={"since": "2024-03-01"}).json()["total"]["quotes"] == 3
    assert client.get("/api/stats/sources", params={"until": "2024-02-28"}).json()["total"]["quotes"] == 1
    bad = client.get("/api/stats/sources", params={"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.json()["detail"]


def test_sources_page_shows_outlets_months_and_top_people(client: TestClient) -> None:
    page = client.get("/sources")
    assert page.status_code == 200
    html = page.text
    assert 'href="/sources"' in html  # in the navigation
    assert "bayherald.example" in html and "2024-03" in html
    assert 'href="/people/marta-kowalczyk"' in html
    assert "67%" in html  # women's share of the quotes by named people
    # the share bar is drawn with SVG attributes: the CSP drops inline style attributes, which left it blank
    assert 'style="' not in html
    assert re.search(r'<rect class="women" x="0" y="0" width="66\.67"', html)
    assert client.get("/sources", params={"until": "not a date"}).status_code == 400
    assert "No quotes" in client.get("/sources", params={"site": "nowhere.example"}).text


def test_person_page_groups_quotes_by_role_and_gives_the_gender(client: TestClient) -> None:
    html = client.get("/people/marta-kowalczyk").text
    assert "As the union's regional secretary" in html or "As the union&#39;s regional secretary" in html
    assert "female" in html
    api = client.get("/api/people/marta-kowalczyk").json()
    assert api["gender"] == "female"
    record = client.get("/api/articles/ferry0001").json()
    assert record["people"][0]["person_id"] == "marta-kowalczyk"
    assert record["quotes"][0]["speaker_person_id"] == "marta-kowalczyk"
