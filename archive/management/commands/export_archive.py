"""Write the whole archive to one portable backup file (see archive/services/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services.backup import archive_export


class Command(BaseCommand):
    help = (
        "Back up every article, person, photo, quote, district link, history row and editor "
        "account, with the photos' files, to one zip file that import_archive restores into any "
        "database (SQLite or PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file to write, e.g. archive-2026-11-23.zip")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{file}: is a folder; name the backup file to write")
        if not path.parent.exists():
            raise CommandError(f"{path.parent}: no such folder")
        try:
            counts = archive_export(path)
        except OSError as error:
            raise CommandError(f"{file}: cannot write the backup: {error}") from None
        articles = counts.get("archive.article", 0)
        self.stdout.write(
            f"{file}: {articles} articles, {sum(counts.values())} rows in {len(counts)} tables"
        )
