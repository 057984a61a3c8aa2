"""Restore a backup written by export_archive into this (empty, migrated) database, with the
search index built for this database's engine in the same transaction.

Why the flag: a backup may come from anywhere, and its accounts carry password hashes and
superuser flags. So accounts, groups and the admin's log are restored only with
``--with-accounts``, only into a database without accounts, and the command lists every account
it created."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.cache.versions import pending_change_notice
from archive.services.backup import BackupError
from archive.services.restore import archive_import


class Command(BaseCommand):
    help = (
        "Restore a backup made by export_archive into this database (run migrate first; the "
        "archive must be empty) and build the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file written by export_archive")
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="also restore the backup's accounts, groups and admin log (only into a "
            "database without accounts; none is ever overwritten)",
        )

    def handle(self, *args, file: str, with_accounts: bool, **options):
        if not Path(file).is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = archive_import(Path(file), with_accounts=with_accounts)
        except BackupError as error:
            raise CommandError(f"{error} — nothing was restored") from None
        articles = result.rows.get("archive.article", 0)
        self.stdout.write(
            f"{file}: restored {articles} articles, {sum(result.rows.values())} rows, "
            f"{result.media} photo files; search index rebuilt ({result.indexed} articles)"
        )
        if notice := pending_change_notice("the archive is"):
            self.stderr.write(notice)
        for account in result.accounts:
            self.stdout.write(f"  account created: {account}")
        if result.skipped:
            skipped = ", ".join(f"{rows} {label}" for label, rows in result.skipped.items())
            self.stdout.write(
                f"  not restored (accounts; --with-accounts restores them): {skipped}"
            )
