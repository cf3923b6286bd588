"""Run the package's own Alembic migrations on an engine (no alembic.ini needed anywhere)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"

# Any fixed number: PostgreSQL serialises concurrent openers on it, so two processes starting at once
# do not both try to create the tables.
_PG_MIGRATION_LOCK = 0x7072_6573


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest schema, in one transaction; a no-op when it is already there."""
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as conn:
        # The write option makes SQLite take its write lock at BEGIN (see sqlite.py).
        conn = conn.execution_options(presswatch_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
