"""Alembic environment for PressWatch's own migrations.

Run programmatically by :func:`presswatch.store.migrate.upgrade`, which hands over an open
connection (already inside a transaction) in ``config.attributes["connection"]``: no alembic.ini,
no URL in a file.
"""

from __future__ import annotations

from alembic import context

from presswatch.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
