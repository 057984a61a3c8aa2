"""The character index beside jieba's tokens (archive.search.characters): each article's
bigrams, on PostgreSQL in a tsvector column with a GIN index, on SQLite in an FTS5 table; and
the people and captions as text on the article's row, for the exact-string check.

Existing articles are filled in here, in batches, from what the database holds (no jieba
needed): at 50,000 articles this takes about a minute on PostgreSQL.
"""

from importlib import import_module

import django.contrib.postgres.search
from django.db import migrations, models

from archive.search.characters import bigram_tsvector, bigram_words

lz4_available = import_module("archive.migrations.0012_lz4_compression").lz4_available

CHARACTERS_TABLE = "archive_article_chars"
BATCH = 1000
# Letters, digits and the signs of RUN are tokens (each bigram is one); the rest separate them.
FTS5_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '.%+#&·-_'"


def fill(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres and lz4_available(connection):  # as 0012 did for the other long columns
            cursor.execute("ALTER TABLE archive_article ALTER COLUMN search_chars SET COMPRESSION lz4")
        if not postgres:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHARACTERS_TABLE} USING fts5(chars, "
                f'detail = none, tokenize = "{FTS5_TOKENIZER}")'
            )
        Article = apps.get_model("archive", "Article")
        ids = list(Article.objects.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), BATCH):
            articles = Article.objects.filter(id__in=ids[start : start + BATCH]).prefetch_related(
                "bylines__author", "quotes__speaker", "photos"
            )
            rows = [_texts(article) for article in articles]
            if postgres:
                cursor.executemany(
                    "UPDATE archive_article SET search_chars = %s::tsvector, search_extra = %s "
                    "WHERE id = %s",
                    [(bigram_tsvector(text), extra, pk) for pk, text, extra in rows],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {CHARACTERS_TABLE} (rowid, chars) VALUES (%s, %s)",
                    [(pk, bigram_words(text)) for pk, text, _extra in rows],
                )
                cursor.executemany(
                    "UPDATE archive_article SET search_extra = %s WHERE id = %s",
                    [(extra, pk) for pk, _text, extra in rows],
                )
        if postgres:  # built once the rows are in: far quicker than entry by entry
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS article_chars_gin ON archive_article "
                "USING gin (search_chars)"
            )


def _texts(article) -> tuple[int, str, str]:
    """An article's id, its printed text, and the part on other rows (``Document.printed``
    and ``extra`` of archive.search.index, as this migration's models hold them)."""
    people = [b.author.name for b in article.bylines.all()]
    people += [q.speaker.name for q in article.quotes.all()]
    captions = [photo.caption for photo in article.photos.all()]
    extra = "\n".join(filter(None, [*people, *captions]))
    own = [article.title, article.kicker, article.subtitle, article.column]
    text = "\n".join([*own, article.original_title, article.body, extra])
    return article.pk, text, extra


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_chars_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {CHARACTERS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("archive", "0017_copies_and_sources")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_chars",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="article",
            name="search_extra",
            field=models.TextField(blank=True, db_default="", default="", editable=False),
        ),
        migrations.RunPython(fill, drop, elidable=False),
    ]
