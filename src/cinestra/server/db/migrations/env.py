"""Alembic environment: `cinestra.server.db.session.migrate` hands in the connection."""

from __future__ import annotations

from alembic import context

from cinestra.server.db.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
