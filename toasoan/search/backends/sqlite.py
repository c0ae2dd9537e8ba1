"""SQLite FTS5: two contentless tables fed by triggers on SearchEntry (migration 0006):
``search_terms_head(title, sapo)`` with short posting lists for the title/sapo features, and
``search_terms_text(alltext, accented)`` for matching and the phrase/accent features. They
hold words and adjacent-word pairs without positions (``detail=column``), so a phrase is a
few plain lookups. Their rowid is ``models.rank_key`` of the article, so matches come out
newest first."""

import importlib

from ..models import RANK_SHIFT
from ..query import fts5_any
from ..text import index_terms
from .base import ACCENTED, ALL, SAPO, TITLE, SearchBackend

_TABLES = {
    TITLE: ("search_terms_head", "title"),
    SAPO: ("search_terms_head", "sapo"),
    ALL: ("search_terms_text", "alltext"),
    ACCENTED: ("search_terms_text", "accented"),
}
_MIGRATION = "toasoan.search.migrations.0006_pair_terms"
_PAGE_MASK = (1 << RANK_SHIFT) - 1


def add_functions(dbapi_connection):
    """Register ``toasoan_search_terms`` (``text.index_terms``), which the triggers call."""
    dbapi_connection.create_function("toasoan_search_terms", 1, index_terms, deterministic=True)


def register_functions(sender, connection, **kwargs):
    """``connection_created`` receiver: every SQLite connection can run the triggers."""
    if connection.vendor == "sqlite":
        add_functions(connection.connection)


def _fts5(column, spec):
    return f"{column} : (" + " AND ".join(fts5_any(alts) for alts in spec) + ")"


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def _matches_sql(self, column, spec, candidate_spec, filters):
        table, name = _TABLES[column]
        expression = _fts5(name, spec)
        if candidate_spec is not None:
            # Accent features live in the same table as the whole text: one MATCH for both.
            expression += " AND " + _fts5("alltext", candidate_spec)
        where, params = self._filters_sql(filters, f"{table}.rowid")
        # The covering index answers the visibility checks per match without reading the
        # entry row, whose section_id comes after the long text columns.
        sql = (
            f"FROM {table} JOIN search_searchentry e INDEXED BY search_entry_visible "  # noqa: S608  # nosec B608 - fixed SQL only
            f"ON e.page_id = ({table}.rowid & {_PAGE_MASK}) "
            f"WHERE {table} MATCH %s AND {where}"
        )
        return table, sql, [expression, *params]

    def stream(self, column, spec, candidate_spec, filters, limit):
        table, sql, params = self._matches_sql(column, spec, candidate_spec, filters)
        query = f"SELECT e.page_id, {table}.rowid {sql} ORDER BY {table}.rowid DESC LIMIT %s"
        return self.fetch(query, [*params, int(limit)])

    def count(self, spec, filters, cap):
        _table, sql, params = self._matches_sql(ALL, spec, None, filters)
        query = f"SELECT COUNT(*) FROM (SELECT 1 {sql} LIMIT %s)"  # noqa: S608  # nosec B608 - fixed SQL only
        return self.fetch(query, [*params, int(cap)])[0][0]

    def clear(self):
        # Deleting row by row through the trigger would cost as much as indexing; drop the
        # trigger, empty the tables at once, then put the trigger back.
        migration = importlib.import_module(_MIGRATION)
        delete_trigger = next(s for s in migration.TRIGGERS if "search_entry_ad" in s)
        with self.connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS search_entry_ad")
            cursor.execute("DELETE FROM search_searchentry")
            for table in ("search_terms_head", "search_terms_text"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")  # noqa: S608  # nosec B608 - fixed names
            cursor.execute(delete_trigger)

    def optimize(self):
        with self.connection.cursor() as cursor:
            for table in ("search_terms_head", "search_terms_text"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608  # nosec B608 - fixed names
