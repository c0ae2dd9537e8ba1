"""SQLite: split the FTS5 index in two tables so the title/sapo ranking checks read short
posting lists instead of ones that also hold every body word. PostgreSQL: nothing to do
(its title and sapo tsvectors are separate columns already)."""

from django.db import migrations

_TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
_ALL = "{p}.title_key || ' ' || {p}.sapo_key || ' ' || {p}.body_key"


def _insert(p):
    return (
        f"INSERT INTO search_fts_head(rowid, title, sapo) VALUES "
        f"({p}.page_id, {p}.title_key, {p}.sapo_key); "
        f"INSERT INTO search_fts_text(rowid, alltext, accented) VALUES "
        f"({p}.page_id, {_ALL.format(p=p)}, {p}.accented_key); "
    )


def _delete(p):
    return (
        f"INSERT INTO search_fts_head(search_fts_head, rowid, title, sapo) VALUES "
        f"('delete', {p}.page_id, {p}.title_key, {p}.sapo_key); "
        f"INSERT INTO search_fts_text(search_fts_text, rowid, alltext, accented) VALUES "
        f"('delete', {p}.page_id, {_ALL.format(p=p)}, {p}.accented_key); "
    )


TRIGGERS = [
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN {_insert('new')}END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN {_delete('old')}END",
    "CREATE TRIGGER search_entry_au AFTER UPDATE OF page_id, title_key, sapo_key, body_key, "
    f"accented_key ON search_searchentry BEGIN {_delete('old')}{_insert('new')}END",
]
DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
]
SQLITE_FORWARD = [
    *DROP_TRIGGERS,
    "DROP TABLE IF EXISTS search_fts",
    f"CREATE VIRTUAL TABLE search_fts_head USING fts5(title, sapo, content='', {_TOKENIZE})",
    f"CREATE VIRTUAL TABLE search_fts_text USING fts5(alltext, accented, content='', {_TOKENIZE})",
    *TRIGGERS,
    "INSERT INTO search_fts_head(rowid, title, sapo) "
    "SELECT page_id, title_key, sapo_key FROM search_searchentry",
    "INSERT INTO search_fts_text(rowid, alltext, accented) "
    f"SELECT page_id, {_ALL.format(p='search_searchentry')}, accented_key FROM search_searchentry",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    import importlib

    previous = importlib.import_module("toasoan.search.migrations.0002_fulltext_indexes")
    for statement in DROP_TRIGGERS + [
        "DROP TABLE IF EXISTS search_fts_head",
        "DROP TABLE IF EXISTS search_fts_text",
    ]:
        schema_editor.execute(statement)
    for statement in previous.SQLITE_FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
