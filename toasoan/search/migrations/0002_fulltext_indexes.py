"""Backend-specific full-text indexes over SearchEntry's token columns.

SQLite: a contentless FTS5 table kept in step by triggers (the tokens are already folded, so
``remove_diacritics 0`` keeps the accented column accented). PostgreSQL: generated tsvector
columns with the ``simple`` configuration (no stemming, no stop words) and GIN indexes.
"""

from django.db import migrations

_ALL = "{p}.title_key || ' ' || {p}.sapo_key || ' ' || {p}.body_key"

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, sapo, alltext, accented, content='', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title, sapo, alltext, accented) VALUES "
    f"(new.page_id, new.title_key, new.sapo_key, {_ALL.format(p='new')}, new.accented_key); "
    "END",
    "CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, sapo, alltext, accented) VALUES "
    f"('delete', old.page_id, old.title_key, old.sapo_key, {_ALL.format(p='old')}, "
    "old.accented_key); "
    "END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE OF page_id, title_key, sapo_key, body_key, "
    "accented_key ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, sapo, alltext, accented) VALUES "
    f"('delete', old.page_id, old.title_key, old.sapo_key, {_ALL.format(p='old')}, "
    "old.accented_key); "
    "INSERT INTO search_fts(rowid, title, sapo, alltext, accented) VALUES "
    f"(new.page_id, new.title_key, new.sapo_key, {_ALL.format(p='new')}, new.accented_key); "
    "END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]

_TSV = "tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {expr})) STORED"
POSTGRES_FORWARD = [
    "ALTER TABLE search_searchentry "
    f"ADD COLUMN tsv_title {_TSV.format(expr='title_key')}, "
    f"ADD COLUMN tsv_sapo {_TSV.format(expr='sapo_key')}, "
    f"ADD COLUMN tsv_all {_TSV.format(expr=_ALL.format(p='search_searchentry'))}, "
    f"ADD COLUMN tsv_accented {_TSV.format(expr='accented_key')}",
    "CREATE INDEX search_entry_tsv_title ON search_searchentry USING gin (tsv_title)",
    "CREATE INDEX search_entry_tsv_sapo ON search_searchentry USING gin (tsv_sapo)",
    "CREATE INDEX search_entry_tsv_all ON search_searchentry USING gin (tsv_all)",
    "CREATE INDEX search_entry_tsv_accented ON search_searchentry USING gin (tsv_accented)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv_title, "
    "DROP COLUMN IF EXISTS tsv_sapo, DROP COLUMN IF EXISTS tsv_all, "
    "DROP COLUMN IF EXISTS tsv_accented",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"toasoan.search supports SQLite and PostgreSQL, not "
                f"{schema_editor.connection.vendor}"
            )
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
