"""A reporter's articles by id, read from the index alone: an article page's related articles
are each of its people's articles nearest to it (selectors.article_related)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0012_lz4_compression"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(fields=["author", "article"], name="byline_author_article"),
        ),
    ]
