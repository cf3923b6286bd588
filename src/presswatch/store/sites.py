"""One outlet, one name.

Extraction names an article's site from its page (``og:site_name``, JSON-LD publisher, a feed's
title...) or, when the page names none, by its host ("northshore.example"). Counted by site, one
outlet would then appear twice. The store keeps each article's ``host`` and whether its page gave
the name (``site_given``); an article with only its host is shown under the name the outlet's own
pages give most often (ties: the first in alphabetical order), and as it came while none does.
The result depends on the set of stored articles only, never on the order they came in.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from presswatch.model import site_from_url


def host_of(url: str | None) -> str | None:
    """The host an article's URL names, without ``www.`` (None without a URL)."""
    try:
        return site_from_url(url)
    except ValueError:  # a URL its parser refuses names no host
        return None


def site_given(site: str | None, url: str | None) -> bool:
    """Whether ``site`` is a name the page gave (not its host filled in)."""
    return bool(site) and site != host_of(url)


def names_for_hosts(conn: Connection, articles: sa.TableClause, hosts: Iterable[str]) -> None:
    """Give the articles of ``hosts`` that have no site name of their own the outlet's name."""
    for host in sorted(set(hosts)):
        count = sa.func.count().label("n")
        named = conn.execute(
            sa.select(articles.c.site, count)
            .where(articles.c.host == host, articles.c.site_given.is_(True))
            .group_by(articles.c.site)
            .order_by(count.desc(), articles.c.site)
            .limit(1)
        ).first()
        bare = sa.and_(articles.c.host == host, articles.c.site_given.is_(False))
        if named:
            conn.execute(sa.update(articles).where(bare, articles.c.site.is_distinct_from(named.site)).values(site=named.site))
        else:  # no page of the outlet names it (any more): its host again, where another name was given
            conn.execute(sa.update(articles).where(bare, articles.c.site.is_not(None), articles.c.site != host).values(site=host))


__all__ = ["host_of", "names_for_hosts", "site_given"]
