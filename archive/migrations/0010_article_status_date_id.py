"""Published articles in date order to the row (status, date, id): previous / next become one
index step from the article's position instead of a scan of every newer article."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_photo_thumbnail"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_status_date",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "-published_on", "-id"], name="article_status_date_id"
            ),
        ),
    ]
