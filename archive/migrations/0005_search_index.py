"""The search index for each back end: a GIN index on PostgreSQL, an FTS5 table on SQLite."""

from django.db import migrations

FTS_TABLE = "archive_article_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_search_gin ON archive_article USING gin (search_vector)"
        )
        # Finer statistics on tokens let the planner tell a rare word (use the GIN index) from a
        # common one (walk the date index and stop early).
        schema_editor.execute(
            "ALTER TABLE archive_article ALTER COLUMN search_vector SET STATISTICS 1000"
        )
    elif schema_editor.connection.vendor == "sqlite":
        # Tokens are jieba's, joined by spaces; unicode61 keeps each one whole.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, meta, body, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_article_search_vector")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
