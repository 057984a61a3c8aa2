"""Restore a backup written by export_archive into this (empty, migrated) database, then build
the search index for this database's engine."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import BackupError, archive_import


class Command(BaseCommand):
    help = (
        "Restore a backup made by export_archive into this database (run migrate first; the "
        "archive must be empty) and rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file written by export_archive")

    def handle(self, *args, file: str, **options):
        if not Path(file).is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = archive_import(Path(file))
        except BackupError as error:
            raise CommandError(f"{error} — nothing was restored") from None
        call_command("reindex_search", stdout=StringIO(), stderr=StringIO())
        articles = result.rows.get("archive.article", 0)
        self.stdout.write(
            f"{file}: restored {articles} articles, {sum(result.rows.values())} rows, "
            f"{result.media} photo files; search index rebuilt"
        )
