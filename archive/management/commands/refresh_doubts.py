"""Work out again what every article's record lacks or may have wrong (the review queue).

Why: imports and editors' saves keep the doubts themselves; an archive imported before the review
queue existed, or rows written around the services, needs this once.
"""

import time

from django.core.management.base import BaseCommand

from archive.cache.versions import archive_changed
from archive.models import Article, ArticleDoubt
from archive.services.review import BATCH, doubts_refresh


class Command(BaseCommand):
    help = "Work out every article's doubts again (待核对: no date, no byline, cut off, …)."

    def handle(self, *args, **options):
        began = time.perf_counter()
        ids = Article.objects.order_by("pk").values_list("pk", flat=True)
        last = 0
        while chunk := list(ids.filter(pk__gt=last)[:BATCH]):
            doubts_refresh(ids=chunk)
            last = chunk[-1]
        archive_changed()  # an article's page says when its record is incomplete or unchecked
        doubtful = ArticleDoubt.objects.values("article").distinct().count()
        self.stdout.write(
            f"{doubtful} of {Article.objects.count()} 篇文章待核对 "
            f"({time.perf_counter() - began:.1f} s)"
        )
