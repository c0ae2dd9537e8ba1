"""PostgreSQL: the first partial "recent" GIN indexes over the newest articles (see
``backends/postgres.py``); nothing on SQLite. A site with fewer articles than twice
``RECENT_INDEX_ARTICLES`` gets them later, from the periodic job."""

from django.db import migrations


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from toasoan.search.backends.postgres import refresh_recent_indexes

        refresh_recent_indexes(connection)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        from toasoan.search.backends.postgres import drop_recent_indexes

        drop_recent_indexes(connection)


class Migration(migrations.Migration):
    # Outside a transaction the indexes are built CONCURRENTLY: writes go on meanwhile.
    atomic = False
    dependencies = [("search", "0006_pair_terms")]

    operations = [migrations.RunPython(forward, backward)]
