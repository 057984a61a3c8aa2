"""PostgreSQL: the speakers quoted in a published article, in /speakers/?sort=recent's order
(latest quote first, never dated last, then by articles and name), so a page reads its 60 rows
instead of sorting every speaker (23 ms at a million articles and 43,000 speakers).

As ``article_newest_nulls_last``: a DESC index puts NULLs first in PostgreSQL, and Django cannot
declare NULLS LAST; SQLite sorts NULLs last in DESC already.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS speaker_latest ON archive_speaker "
            "(last_quoted_on DESC NULLS LAST, article_count DESC, name) WHERE quote_count > 0"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS speaker_latest")


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_byline_author_article")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
