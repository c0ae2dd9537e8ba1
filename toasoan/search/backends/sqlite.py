"""SQLite FTS5: two contentless tables fed by triggers on SearchEntry (migration 0005):
``search_fts_head(title, sapo)`` with short posting lists for the title/sapo features, and
``search_fts_text(alltext, accented)`` for matching and the phrase/accent features. Their
rowid is ``models.rank_key`` of the article, so matches come out newest first."""

import importlib

from ..models import RANK_SHIFT
from ..query import fts5_any
from .base import ACCENTED, ALL, SAPO, TITLE, SearchBackend

_TABLES = {
    TITLE: ("search_fts_head", "title"),
    SAPO: ("search_fts_head", "sapo"),
    ALL: ("search_fts_text", "alltext"),
    ACCENTED: ("search_fts_text", "accented"),
}
_MIGRATION = "toasoan.search.migrations.0005_rank_key"
_PAGE_MASK = (1 << RANK_SHIFT) - 1


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
            cursor.execute("INSERT INTO search_fts_head(search_fts_head) VALUES ('delete-all')")
            cursor.execute("INSERT INTO search_fts_text(search_fts_text) VALUES ('delete-all')")
            cursor.execute(delete_trigger)

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts_head(search_fts_head) VALUES ('optimize')")
            cursor.execute("INSERT INTO search_fts_text(search_fts_text) VALUES ('optimize')")
