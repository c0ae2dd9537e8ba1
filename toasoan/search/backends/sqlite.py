"""SQLite FTS5: two contentless tables fed by triggers on SearchEntry (migration 0004):
``search_fts_head(title, sapo)`` with short posting lists for the ranking checks, and
``search_fts_text(alltext, accented)`` for matching and phrase/accent checks."""

import importlib

from ..query import fts5_any
from .base import ACCENTED, ALL, SAPO, TITLE, SearchBackend

_TABLES = {
    TITLE: ("search_fts_head", "title"),
    SAPO: ("search_fts_head", "sapo"),
    ALL: ("search_fts_text", "alltext"),
    ACCENTED: ("search_fts_text", "accented"),
}


def _fts5(column, spec):
    return f"{column} : (" + " AND ".join(fts5_any(alts) for alts in spec) + ")"


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def candidates_sql(self, spec):
        return (
            "search_fts_text JOIN search_searchentry e ON e.page_id = search_fts_text.rowid",
            "search_fts_text MATCH %s",
            [_fts5("alltext", spec)],
        )

    def feature_sql(self, column, spec):
        table, name = _TABLES[column]
        return (
            f"e.page_id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)",  # noqa: S608
            [_fts5(name, spec)],
        )

    def clear(self):
        # Deleting row by row through the trigger would cost as much as indexing; drop the
        # trigger, empty the tables at once, then put the trigger back.
        migration = importlib.import_module("toasoan.search.migrations.0004_split_fts_tables")
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
