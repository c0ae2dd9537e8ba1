"""Periodic upkeep of the search index, run by the ops job runner (``toasoan.ops.jobs``)."""

import logging

from django.db import connection

logger = logging.getLogger(__name__)


def refresh_recent_index():
    """PostgreSQL: move the recent indexes' cutoff when they have grown (see
    ``backends/postgres.py``); nothing on SQLite."""
    if connection.vendor != "postgresql":
        return None
    from .backends.postgres import refresh_recent_indexes

    outcome = refresh_recent_indexes(connection)
    logger.info("search recent indexes: %s", outcome)
    return outcome
