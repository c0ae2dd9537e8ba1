"""Full-text backends: one contract (``base.SearchBackend``), one file per database."""

from django.db import connection


def get_backend(using=None):
    """The backend for the default database's engine."""
    from django.db import connections

    conn = connections[using] if using else connection
    if conn.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(conn)
    if conn.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend(conn)
    raise RuntimeError(f"toasoan.search supports SQLite and PostgreSQL, not {conn.vendor}")
