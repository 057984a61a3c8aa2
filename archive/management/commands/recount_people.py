"""Recount the stored counts of every author, speaker and district from the articles.

Why: the counts /authors/, /speakers/, the districts and the home page show are stored columns,
kept by every write in ``archive.services``. Rows written around those services (SQL by hand, a
restore from another tool) leave them behind; this puts them right in one transaction.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.cache.versions import archive_changed_after_commit
from archive.models import Author, District, Speaker
from archive.services.counts import counts_recompute_all


class Command(BaseCommand):
    help = "Recount every author's, speaker's and district's published articles."

    def handle(self, *args, **options):
        began = time.perf_counter()
        with transaction.atomic():
            counts_recompute_all()
            archive_changed_after_commit()
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"recounted {Author.objects.count()} 作者, {Speaker.objects.count()} 受访者, "
            f"{District.objects.count()} 区 in {seconds:.1f} s"
        )
