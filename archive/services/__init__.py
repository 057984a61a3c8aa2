"""Writes: imports, editors' changes, merges and re-parses; views, commands and the admin
call these."""

from archive.services.editing import (
    article_delete,
    article_part_delete,
    article_part_save,
    article_parts_save,
    article_reindex,
    article_save,
    article_status_set,
    article_touch,
    person_save,
)
from archive.services.imports import (
    FileResult,
    Outcome,
    article_import,
    file_import,
    source_keys,
)
from archive.services.lookups import ImportCache
from archive.services.mapping import (
    parsed_checksum,
    parsed_snapshot,
    snapshot_checksum,
    stored_checksum,
    stored_snapshot,
)
from archive.services.people import author_merge, speaker_merge
from archive.services.photos import photo_thumbnail
from archive.services.reparse import ReparsePreview, article_reparse, article_reparse_preview
from archive.services.reports import Missing, article_missing, file_report, summarize

__all__ = [
    "FileResult",
    "ImportCache",
    "Missing",
    "Outcome",
    "ReparsePreview",
    "article_delete",
    "article_import",
    "article_missing",
    "article_part_delete",
    "article_part_save",
    "article_parts_save",
    "article_reindex",
    "article_reparse",
    "article_reparse_preview",
    "article_save",
    "article_status_set",
    "article_touch",
    "author_merge",
    "file_import",
    "file_report",
    "parsed_checksum",
    "parsed_snapshot",
    "person_save",
    "photo_thumbnail",
    "snapshot_checksum",
    "source_keys",
    "speaker_merge",
    "stored_checksum",
    "stored_snapshot",
    "summarize",
]
