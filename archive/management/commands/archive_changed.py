"""Make every stored public page, ETag and figure stale at once (a new generation).

Why: a write through ``archive.services`` makes stale only the pages that show what it changed
(docs/caching.md). A change made any other way — ``loaddata``, ``pg_restore``, SQL by hand, a
data migration, ``manage.py shell`` — is seen by no version, so run this after it.
"""

from django.core.management.base import BaseCommand

from archive.cache.versions import archive_changed, pending_change_notice


class Command(BaseCommand):
    help = (
        "Make every stored public page and figure stale (after a change made around the "
        "services: loaddata, pg_restore, SQL, shell)."
    )

    def handle(self, *args, **options):
        archive_changed()
        notice = pending_change_notice("the archive is")
        self.stdout.write(notice or "every stored page, row and figure is stale now")
