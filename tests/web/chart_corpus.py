"""A fictional news year for the chart tests: originals over ten months, one wire story reprinted by
five outlets in a single month (the spike the chart must not fake), undated articles, and a person
whose role changes and who is quoted now and then. Written here by hand; no NLP involved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from presswatch.store import ClusterAssignment, open_store

from web_corpus import make_article

OUTLETS = ("lakeside-post.example", "valley-courier.example", "northgate-news.example")
WIRE_OUTLETS = ("wire-one.example", "wire-two.example", "wire-three.example", "wire-four.example", "wire-five.example")
PERSON = "Hanna Eklund"
PERSON_ID = "hanna-eklund"
WIRE_CLUSTER = "cluster-bridge"


@dataclass(frozen=True)
class ChartCorpus:
    db: str
    #: month -> (originals, copies) of every article, the undated under None
    by_month: dict[str | None, tuple[int, int]]
    person_id: str = PERSON_ID


def _bridge_article(n: int, month: int, day: int, site: str, role: str, quoted: bool):
    said = f"“The bridge will carry its first bus in spring,” Eklund said at meeting {n}."
    paragraphs = [
        f"The town's bridge works reached stage {n} this week, with lanes closed on the east bank.",
        f"{PERSON}, the town's {role}, visited the site on a wet morning.",
    ]
    quotes = []
    if quoted:
        paragraphs.append(said)
        quotes = [dict(text="The bridge will carry its first bus in spring", kind="direct", speaker=PERSON, role=role)]
    return make_article(
        f"bridge{n:03d}",
        title=f"Bridge works reach stage {n}",
        paragraphs=paragraphs,
        site=site,
        published=f"2023-{month:02d}-{day:02d}T08:00:00+00:00" if month >= 9 else f"2024-{month:02d}-{day:02d}T08:00:00+00:00",
        quotes=quotes,
        people={PERSON: (role,)},
    )


def build_chart_corpus(path: Path | str) -> ChartCorpus:
    """Write the corpus into the database at ``path`` (a file path or a database URL)."""
    articles = []
    by_month: dict[str | None, list[int]] = {}

    def count(published: str | None, copy: bool) -> None:
        key = published[:7] if published else None
        by_month.setdefault(key, [0, 0])[1 if copy else 0] += 1

    # originals, September 2023 to June 2024 (no article in December), the role changing in February
    months = [9, 10, 11, 1, 2, 3, 4, 5, 6]
    n = 0
    for i, month in enumerate(months):
        for k in range(1 + (i % 3)):
            n += 1
            role = "deputy mayor" if month >= 9 or month < 2 else "mayor"
            article = _bridge_article(n, month, 3 + 7 * k, OUTLETS[(n + k) % len(OUTLETS)], role, quoted=n % 2 == 1)
            articles.append(article)
            count(article.published, copy=False)
    # one wire story and its five reprints, all in March 2024
    wire_body = [
        "Regional rail fares will rise by four percent from April, the transport board said on Tuesday.",
        f"{PERSON}, the town's mayor, called the rise “a burden for commuters who have no other way in.”",
        "The transport board said the rise would pay for new trains.",
    ]
    wire_quote = [
        dict(text="a burden for commuters who have no other way in", kind="mixed", speaker=PERSON, role="mayor"),
        dict(text="the rise would pay for new trains", kind="indirect", speaker="The transport board", speaker_type="org"),
    ]
    assignments = []
    for k, site in enumerate(("lakeside-post.example", *WIRE_OUTLETS)):
        article = make_article(
            f"fares{k:03d}", title="Rail fares to rise in April", paragraphs=wire_body, site=site,
            published=f"2024-03-{12 + k:02d}T10:00:00+00:00", quotes=wire_quote, people={PERSON: ("mayor",)},
        )
        articles.append(article)
        assignments.append(ClusterAssignment(article.id, WIRE_CLUSTER, "fares000", k == 0))
        count(article.published, copy=k > 0)
    # two articles that give no date at all, one of them quoting her
    for k in range(2):
        said = k == 0
        first = f"{PERSON}, the town's mayor, " + ("said the papers are in order." if said else "signed the bridge papers.")
        article = make_article(
            f"undated{k}", title=f"Bridge notes {k}", site=OUTLETS[k], published=None,
            paragraphs=[first, "Nobody recorded the day.", "A clerk who asked not to be named said the stamps were late."],
            people={PERSON: ("mayor",)},
            quotes=[dict(text="the papers are in order", kind="indirect", speaker=PERSON, role="mayor")] if said else
            [dict(text="the stamps were late", kind="indirect", speaker=None, speaker_type="anonymous", cue="said")],
        )
        articles.append(article)
        count(None, copy=False)
    store = open_store(str(path))
    try:
        store.write_batch(articles, assignments=assignments)
    finally:
        store.close()
    return ChartCorpus(str(path), {k: (v[0], v[1]) for k, v in by_month.items()})
