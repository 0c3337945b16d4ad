"""Alembic environment: runs on the connection deskTUI hands it (see store/migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlmodel import SQLModel

from deskTUI.store import search_index, tables  # noqa: F401 - tables registers the metadata

target_metadata = SQLModel.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as own:
            _run_on(own)
        return
    _run_on(connection)


def _run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        include_object=search_index.include_in_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
