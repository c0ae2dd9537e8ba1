"""Index words and adjacent-word pairs without positions (see ``text.index_terms``).

A phrase becomes "all its pairs present" (``ha_noi``): a plain index lookup on both engines,
with no word positions to read. Existing sites get the new index built here from the token
columns already in ``search_searchentry``; no reindex of the articles is needed.

SQLite: the FTS5 tables are replaced by ``search_terms_head(title, sapo)`` and
``search_terms_text(alltext, accented)``, ``detail=column`` (no positions; column filters
still work) with ``_`` as a token character, fed by triggers through the SQL function
``toasoan_search_terms`` (Python, registered on every connection by ``apps.py``).
Their rowid stays ``models.rank_key``. PostgreSQL: the positional tsvector columns are
replaced by generated ``terms_*`` columns (an SQL twin of the same function) with GIN
indexes: GIN answers ``@@`` on them without rechecking rows.
"""

import importlib

from django.db import migrations

SHIFT = 30
_TOKENIZE = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\""
_OPTIONS = f"content='', detail=column, {_TOKENIZE}"
_ALL = "{p}.title_key || ' ' || {p}.sapo_key || ' ' || {p}.body_key"
# models.rank_key in SQL (see migration 0005). Never run through a parameter-formatting
# execute(): '%s' must reach SQLite as written.
RANK_SQL = (
    "((MAX(0, COALESCE(CAST(strftime('%s', {p}.published_at) AS INTEGER), 0)) << "
    f"{SHIFT}) | {{p}}.page_id)"
)


def _terms(expression):
    return f"toasoan_search_terms({expression})"


def _values(p):
    return {
        "head": f"{RANK_SQL.format(p=p)}, {_terms(f'{p}.title_key')}, {_terms(f'{p}.sapo_key')}",
        "text": (
            f"{RANK_SQL.format(p=p)}, {_terms(_ALL.format(p=p))}, {_terms(f'{p}.accented_key')}"
        ),
    }


def _insert(p):
    values = _values(p)
    return (
        f"INSERT INTO search_terms_head(rowid, title, sapo) VALUES ({values['head']}); "
        f"INSERT INTO search_terms_text(rowid, alltext, accented) VALUES ({values['text']}); "
    )


def _delete(p):
    # Contentless tables forget a row only when told its exact terms again.
    values = _values(p)
    return (
        "INSERT INTO search_terms_head(search_terms_head, rowid, title, sapo) "
        f"VALUES ('delete', {values['head']}); "
        "INSERT INTO search_terms_text(search_terms_text, rowid, alltext, accented) "
        f"VALUES ('delete', {values['text']}); "
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
    "DROP TABLE IF EXISTS search_terms_head",
    "DROP TABLE IF EXISTS search_terms_text",
    f"CREATE VIRTUAL TABLE search_terms_head USING fts5(title, sapo, {_OPTIONS})",
    f"CREATE VIRTUAL TABLE search_terms_text USING fts5(alltext, accented, {_OPTIONS})",
    *TRIGGERS,
    "INSERT INTO search_terms_head(rowid, title, sapo) "
    f"SELECT {_values('e')['head']} FROM search_searchentry e",
    "INSERT INTO search_terms_text(rowid, alltext, accented) "
    f"SELECT {_values('e')['text']} FROM search_searchentry e",
    "INSERT INTO search_terms_head(search_terms_head) VALUES ('optimize')",
    "INSERT INTO search_terms_text(search_terms_text) VALUES ('optimize')",
]
SQLITE_BACKWARD = [
    *DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_terms_head",
    "DROP TABLE IF EXISTS search_terms_text",
]

# text.index_terms in SQL: the distinct words and adjacent-word pairs of a token text. Empty
# elements (joined empty columns) are dropped before pairing, as str.split() does; terms
# longer than a tsvector lexeme may be (2047 bytes) are left out rather than failing.
POSTGRES_FUNCTION = r"""
CREATE OR REPLACE FUNCTION toasoan_search_terms(key text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH words AS (
        SELECT word, lead(word) OVER (ORDER BY n) AS next
        FROM unnest(string_to_array(key, ' ')) WITH ORDINALITY AS t(word, n)
        WHERE word <> ''
    )
    SELECT array_to_tsvector(COALESCE(array_agg(term), ARRAY[]::text[]))
    FROM (
        SELECT word AS term FROM words
        UNION ALL
        SELECT word || '_' || next FROM words WHERE next IS NOT NULL
    ) terms
    WHERE octet_length(term) < 2048
$$
"""
_GENERATED = "tsvector GENERATED ALWAYS AS (toasoan_search_terms({expr})) STORED"
POSTGRES_FORWARD = [
    POSTGRES_FUNCTION,
    "ALTER TABLE search_searchentry "
    f"ADD COLUMN terms_title {_GENERATED.format(expr='title_key')}, "
    f"ADD COLUMN terms_sapo {_GENERATED.format(expr='sapo_key')}, "
    f"ADD COLUMN terms_all {_GENERATED.format(expr=_ALL.format(p='search_searchentry'))}, "
    f"ADD COLUMN terms_accented {_GENERATED.format(expr='accented_key')}, "
    "DROP COLUMN IF EXISTS tsv_title, DROP COLUMN IF EXISTS tsv_sapo, "
    "DROP COLUMN IF EXISTS tsv_all, DROP COLUMN IF EXISTS tsv_accented",
    "CREATE INDEX search_entry_terms_title ON search_searchentry USING gin (terms_title)",
    "CREATE INDEX search_entry_terms_sapo ON search_searchentry USING gin (terms_sapo)",
    "CREATE INDEX search_entry_terms_all ON search_searchentry USING gin (terms_all)",
    "CREATE INDEX search_entry_terms_accented ON search_searchentry USING gin (terms_accented)",
    "ANALYZE search_searchentry",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS terms_title, "
    "DROP COLUMN IF EXISTS terms_sapo, DROP COLUMN IF EXISTS terms_all, "
    "DROP COLUMN IF EXISTS terms_accented",
    "DROP FUNCTION IF EXISTS toasoan_search_terms(text)",
]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        from toasoan.search.backends.sqlite import add_functions

        connection.ensure_connection()
        add_functions(connection.connection)
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            for statement in POSTGRES_BACKWARD:
                cursor.execute(statement)
            fulltext = importlib.import_module("toasoan.search.migrations.0002_fulltext_indexes")
            for statement in fulltext.POSTGRES_FORWARD:
                cursor.execute(statement)
        elif vendor == "sqlite":
            for statement in SQLITE_BACKWARD:
                cursor.execute(statement)
            previous = importlib.import_module("toasoan.search.migrations.0005_rank_key")
            for statement in previous.SQLITE_FORWARD:
                if not statement.startswith("CREATE INDEX search_entry_visible"):
                    cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_rank_key")]

    operations = [migrations.RunPython(forward, backward)]
