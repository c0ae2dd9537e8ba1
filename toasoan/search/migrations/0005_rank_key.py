"""Read matches newest first (see ``models.rank_key`` and ``backends/base.py``).

SQLite: the FTS5 tables are rebuilt with ``rowid = rank_key`` (computed by the triggers
from ``published_at`` and ``page_id``), so ``ORDER BY rowid DESC LIMIT n`` stops after n
matches; a covering index answers the per-match visibility checks without reading the large
entry row (``section_id`` sits after the text columns). PostgreSQL: a b-tree in the same
order (newest first, NULL dates last, then highest id).
"""

from django.db import migrations

SHIFT = 30
MASK = (1 << SHIFT) - 1
_TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
_ALL = "{p}.title_key || ' ' || {p}.sapo_key || ' ' || {p}.body_key"
# models.rank_key in SQL: strftime('%s') truncates to whole seconds, like the Python twin
# (unixepoch() would need SQLite 3.38). Never run through a parameter-formatting execute().
RANK_SQL = (
    "((MAX(0, COALESCE(CAST(strftime('%s', {p}.published_at) AS INTEGER), 0)) << "
    f"{SHIFT}) | {{p}}.page_id)"
)


def _insert(p):
    rank = RANK_SQL.format(p=p)
    return (
        f"INSERT INTO search_fts_head(rowid, title, sapo) VALUES "
        f"({rank}, {p}.title_key, {p}.sapo_key); "
        f"INSERT INTO search_fts_text(rowid, alltext, accented) VALUES "
        f"({rank}, {_ALL.format(p=p)}, {p}.accented_key); "
    )


def _delete(p):
    rank = RANK_SQL.format(p=p)
    return (
        f"INSERT INTO search_fts_head(search_fts_head, rowid, title, sapo) VALUES "
        f"('delete', {rank}, {p}.title_key, {p}.sapo_key); "
        f"INSERT INTO search_fts_text(search_fts_text, rowid, alltext, accented) VALUES "
        f"('delete', {rank}, {_ALL.format(p=p)}, {p}.accented_key); "
    )


TRIGGERS = [
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN {_insert('new')}END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN {_delete('old')}END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE OF page_id, published_at, title_key, sapo_key, "
    f"body_key, accented_key ON search_searchentry BEGIN {_delete('old')}{_insert('new')}END",
]
DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
]
SQLITE_FORWARD = [
    *DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_fts_head",
    "DROP TABLE IF EXISTS search_fts_text",
    f"CREATE VIRTUAL TABLE search_fts_head USING fts5(title, sapo, content='', {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE search_fts_text USING fts5(alltext, accented, content='', {_TOKENIZE})",
    *TRIGGERS,
    "INSERT INTO search_fts_head(rowid, title, sapo) "
    f"SELECT {RANK_SQL.format(p='e')}, title_key, sapo_key FROM search_searchentry e",
    "INSERT INTO search_fts_text(rowid, alltext, accented) "
    f"SELECT {RANK_SQL.format(p='e')}, {_ALL.format(p='e')}, accented_key "
    "FROM search_searchentry e",
    "CREATE INDEX search_entry_visible ON search_searchentry "
    "(page_id, published_at, expire_at, section_id)",
]
SQLITE_BACKWARD = [*DROP_TRIGGERS, "DROP INDEX IF EXISTS search_entry_visible"]
POSTGRES_FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_recency ON search_searchentry "
    "(published_at DESC NULLS LAST, page_id DESC)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_entry_recency"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    # A cursor without parameters: strftime's '%s' must reach SQLite as written.
    with schema_editor.connection.cursor() as cursor:
        for statement in statements.get(schema_editor.connection.vendor, []):
            cursor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)
    if vendor != "sqlite":
        return
    import importlib

    previous = importlib.import_module("toasoan.search.migrations.0004_split_fts_tables")
    for statement in SQLITE_BACKWARD + [
        "DROP TABLE IF EXISTS search_fts_head",
        "DROP TABLE IF EXISTS search_fts_text",
    ]:
        schema_editor.execute(statement)
    for statement in previous.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_split_fts_tables")]

    operations = [migrations.RunPython(forward, backward)]
