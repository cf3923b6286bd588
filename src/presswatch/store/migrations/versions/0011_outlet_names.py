"""One outlet, one name: each article's host, and whether its page named the site.

An article whose page gives no site name is shown under its host ("northshore.example"); the store
gives it the name the outlet's other articles give ("North Shore Post", see ``store/sites.py``).
``host`` is filled from the URL, ``site_given`` is false where the stored site is the host itself.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fill() -> None:
    from presswatch.store.sites import host_of, names_for_hosts

    bind = op.get_bind()
    articles = sa.table(
        "articles", sa.column("pk", sa.Integer), sa.column("url", sa.String), sa.column("site", sa.String),
        sa.column("host", sa.String), sa.column("site_given", sa.Boolean),
    )
    last = 0
    hosts: set[str] = set()
    while True:
        rows = bind.execute(
            sa.select(articles.c.pk, articles.c.url, articles.c.site)
            .where(articles.c.pk > last).order_by(articles.c.pk).limit(2000)
        ).all()
        if not rows:
            break
        for r in rows:
            host = host_of(r.url)
            given = bool(r.site) and r.site != host
            if host:
                hosts.add(host)
            bind.execute(
                sa.update(articles).where(articles.c.pk == r.pk).values(host=host, site_given=given)
            )
        last = rows[-1].pk
    names_for_hosts(bind, articles, sorted(hosts))


def upgrade() -> None:
    # plain ADD COLUMN (a batch rebuild of the table would drop its full-text triggers on SQLite)
    op.add_column("articles", sa.Column("host", sa.String, nullable=True))
    op.add_column("articles", sa.Column("site_given", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_articles_host", "articles", ["host"])
    _fill()


def downgrade() -> None:
    op.drop_index("ix_articles_host", "articles")
    op.drop_column("articles", "site_given")
    op.drop_column("articles", "host")
