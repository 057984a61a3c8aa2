"""Fingerprint the articles that have no fingerprint yet and link the copies among them.

Why: an import does this itself; an archive imported before the archive found copies (or with
ARCHIVE_FIND_COPIES=off) needs it once. Articles are taken in the order they were imported, so
each story links to the first copy the archive holds, as an import would have linked it.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.models import Article, ArticleCopy
from archive.services.copies import copies_follow, stored_fingerprint

BATCH = 200


class Command(BaseCommand):
    help = "Fingerprint articles without one and link copies of the same story (另见)."

    def handle(self, *args, **options):
        began, last, linked = time.perf_counter(), 0, 0
        waiting = Article.objects.filter(signature__isnull=True, copy_link__isnull=True)
        waiting = waiting.order_by("pk").only("id", "title", "body", "source_key")
        while chunk := list(waiting.filter(pk__gt=last)[:BATCH]):
            with transaction.atomic():
                linked += copies_follow(
                    created=[(a.source_key, stored_fingerprint(a)) for a in chunk]
                )
            last = chunk[-1].pk
        self.stdout.write(
            f"{linked} 篇新认出的转载，共 {ArticleCopy.objects.count()} 篇与更早的一份相连 "
            f"({time.perf_counter() - began:.1f} s)"
        )
