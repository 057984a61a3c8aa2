"""A page printed without a headline is imported with an empty title instead of one made up
from its first sentence; the site shows it as untitled with its first words."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0014_speaker_latest'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='article',
            name='article_title_not_empty',
        ),
        migrations.AlterField(
            model_name='article',
            name='title',
            field=models.CharField(blank=True, max_length=300, verbose_name='标题'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='title',
            field=models.CharField(blank=True, max_length=300, verbose_name='标题'),
        ),
    ]
