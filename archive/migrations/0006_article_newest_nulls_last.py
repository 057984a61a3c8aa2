"""PostgreSQL: an index in the listing's exact order (newest first, undated last).

A DESC index in PostgreSQL puts NULLs first, so ``ORDER BY published_on DESC NULLS LAST`` could
not walk ``article_newest``; SQLite sorts NULLs last in DESC already and cannot declare it.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_newest_nulls_last "
            "ON archive_article (published_on DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_newest_nulls_last")


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_search_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
