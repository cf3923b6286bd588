"""Fictional articles for the dedup tests (written for these tests; no real outlet's text)."""

from __future__ import annotations

from presswatch.model import Article, content_hash

BRIDGE = """The Marrowby harbour bridge will close to all traffic for eleven weeks from March, the county transport board confirmed on Tuesday, after engineers found corrosion in two of its steel cables.

Board chair Helena Strand said the closure was unavoidable. "We cannot ask drivers to cross a structure our own inspectors have flagged," she told reporters outside the council chamber.

Ferry operator Saltline will add four crossings a day during the works, and the board said buses would be rerouted through the inland road at Kestle Farm, adding about twenty minutes to the journey.

Local traders warned that the closure would hit the spring season hard. Owen Pryce, who runs a bakery on the quay, said footfall had already fallen since the first warning signs went up in January.

The repairs are expected to cost 4.2 million pounds, most of it paid from a national maintenance fund. A public meeting on the diversion routes is planned for next Thursday at the Marrowby library."""

COUNCIL_VOTE = """Councillors in Marrowby voted by nine to four on Tuesday night to approve a budget that raises parking charges on the seafront for the first time in six years.

The increase, from 1.80 to 2.40 pounds an hour, will fund two new lifeguard posts and a repair of the promenade railings, finance lead Tomas Ruddock said during a debate that ran past midnight.

Opposition councillor Ines Valdar called the rise a tax on visitors and said it would push cars into residential streets. Residents in Gull Lane have already complained about weekend parking.

The new charges start on the first of April. Blue badge holders and residents with permits will not pay more, the council said."""

# Same town, same day, same topic as COUNCIL_VOTE, written independently.
COUNCIL_PREVIEW = """Marrowby council meets on Tuesday to settle its budget, with a rise in seafront parking charges expected to divide councillors.

Finance lead Tomas Ruddock has argued that the town needs new lifeguard posts before the summer and that visitors should help pay for them. Opposition councillor Ines Valdar has said she will vote against any rise in parking charges.

Shop owners on the promenade told this paper they feared fewer day trippers. A petition against the change has gathered about 700 signatures since it opened last month.

The meeting starts at seven and will be streamed on the council website."""

STORM = """A storm brought down power lines across the Ferrow valley overnight, leaving about 3,000 homes without electricity on Sunday morning.

Repair crews from the regional grid company worked through the day, and by evening supply had been restored to all but a few farms near Hollin Top, a spokesperson said.

The weather service had issued an amber warning for wind on Saturday. Gusts of 70 miles an hour were recorded at the Ferrow reservoir dam, where a section of fencing was blown into the water.

No injuries were reported. The valley school will open as normal on Monday."""


def make_article(
    article_id: str,
    text: str,
    published: str | None = "2026-03-02T09:00:00+00:00",
    *,
    title: str | None = None,
    syndication_hint: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        url=f"https://news.example/{article_id}",
        site="news.example",
        title=title or f"Article {article_id}",
        standfirst=None,
        authors=(),
        published=published,
        language="en",
        paragraphs=tuple(p for p in text.split("\n\n") if p),
        text=text,
        source_path=f"fixtures/{article_id}.txt",
        content_hash=content_hash(text),
        syndication_hint=syndication_hint,
    )


def bridge_copies() -> list[Article]:
    """The bridge story as other sites ran it, each a few hours after the original."""
    paras = BRIDGE.split("\n\n")
    return [
        make_article("copy-headline", BRIDGE.replace('"', "\u201c"), "2026-03-02T11:00:00+00:00",
                     title="Bridge shut for eleven weeks as cables corrode"),
        make_article("copy-trimmed", "\n\n".join(paras[:-1]), "2026-03-02T12:30:00+00:00"),
        make_article(
            "copy-credit",
            BRIDGE + "\n\nThis article first appeared in the Marrowby Mercury and is republished with permission.",
            "2026-03-02T13:00:00+00:00",
        ),
        make_article(
            "copy-boilerplate",
            "Advertisement\n\n" + "\n\n".join(paras[:2]) + "\n\nSign up for our weekly newsletter.\n\n"
            + "\n\n".join(paras[2:]) + "\n\nShare this story. Read more: local news",
            "2026-03-03T08:00:00+00:00",
        ),
    ]
