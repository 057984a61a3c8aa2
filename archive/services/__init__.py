"""Writes: imports, merges and re-parses. Views, commands and the admin call these."""

from archive.services.imports import (
    FileResult,
    ImportCache,
    Missing,
    Outcome,
    article_import,
    article_missing,
    file_import,
    file_report,
    parsed_checksum,
    source_key_for,
    stored_checksum,
    summarize,
)
from archive.services.people import author_merge, speaker_merge
from archive.services.reparse import ReparsePreview, article_reparse, article_reparse_preview

__all__ = [
    "FileResult",
    "ImportCache",
    "Missing",
    "Outcome",
    "ReparsePreview",
    "article_import",
    "article_missing",
    "article_reparse",
    "article_reparse_preview",
    "author_merge",
    "file_import",
    "file_report",
    "parsed_checksum",
    "source_key_for",
    "speaker_merge",
    "stored_checksum",
    "summarize",
]
