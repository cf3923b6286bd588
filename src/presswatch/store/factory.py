"""open_store(db): a file path or an SQLAlchemy URL in, a migrated Store out."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from presswatch.errors import StoreError
from presswatch.store import migrate
from presswatch.store.base import Store

POSTGRES_HINT = (
    "Is PostgreSQL running? Start it with `pg_ctlcluster $(ls /etc/postgresql) main start` "
    "(or `service postgresql start`)."
)


def parse_db(db: str) -> sa.URL:
    """A file path, ``sqlite:///path``, ``postgresql://`` or ``postgresql+psycopg://`` -> an SQLAlchemy URL."""
    if not db or not db.strip():
        raise StoreError("No database given: pass a file path or a URL such as postgresql://user@host/db")
    if "://" not in db:
        path = Path(db).expanduser()
        if not path.parent.exists():
            raise StoreError(f"Cannot create database {db!r}: the folder {str(path.parent)!r} does not exist")
        if path.is_dir():
            raise StoreError(f"Cannot open database {db!r}: it is a folder")
        return sa.URL.create("sqlite", database=str(path.resolve()))
    try:
        url = sa.make_url(db)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"Not a database URL: {db!r} ({exc})") from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername in ("postgresql", "postgresql+psycopg2", "postgres"):  # psycopg 3 is the driver we ship
            url = url.set(drivername="postgresql+psycopg")
        return url
    if backend == "sqlite":
        return url.set(drivername="sqlite")
    raise StoreError(f"Unsupported database {db!r}: use a file path, sqlite:///... or postgresql://...")


def open_store(db: str) -> Store:
    """Open (creating and migrating as needed) the database ``db``."""
    url = parse_db(db)
    shown = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        from presswatch.store.sqlite import SQLiteStore, create_sqlite_engine

        engine = create_sqlite_engine(url)
        store: Store = SQLiteStore(engine, shown)
    else:
        from presswatch.store.postgres import PostgresStore, create_postgres_engine

        engine = create_postgres_engine(url)
        store = PostgresStore(engine, shown)
    try:
        migrate.upgrade(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        hint = f" {POSTGRES_HINT}" if url.get_backend_name() == "postgresql" else ""
        raise StoreError(f"Could not open {shown}: {str(exc.orig).strip().splitlines()[0]}.{hint}") from None
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"Could not open {shown}: {str(exc.orig).strip().splitlines()[0]}") from None
    return store
