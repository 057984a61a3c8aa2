"""Rebuild every article's search tokens.

Why: tokens are computed once, on import and on save. After a change to the tokenizer's
dictionary (new place names, merged people) old articles still carry the old tokens until this
runs. Works in batches, each in its own transaction, with progress on stderr.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.cache.versions import archive_changed
from archive.models import Article
from archive.search import article_index
from archive.selectors import article_for_index


class Command(BaseCommand):
    help = "Rebuild the full-text search tokens of all articles, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        ids = list(Article.objects.order_by("id").values_list("id", flat=True))
        done = 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            with transaction.atomic():
                done += article_index(article_for_index().filter(id__in=batch))
            self.stderr.write(f"… {done}/{len(ids)} articles")
        archive_changed()  # stored search pages were made with the old tokens
        self.stdout.write(f"reindexed {done} articles")
