"""Re-running the parser on an article's raw text: a preview of what would change, then apply.

An article whose current state no longer matches what the last import wrote has been edited by
hand; re-parsing it needs ``force=True``, and the preview says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from archive.cache.versions import archive_changed_after_commit
from archive.ingest.budget import within as parse_budget
from archive.ingest.parser import Defaults, parse_text
from archive.ingest.types import IngestError, ParsedArticle
from archive.models import Article, Photo, Role
from archive.services.imports import Outcome, article_write
from archive.services.lookups import ImportCache
from archive.services.mapping import (
    parsed_checksum,
    parsed_snapshot,
    snapshot_checksum,
    snapshot_labels,
    stored_snapshot,
)
from archive.services.review import doubts_refresh


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ReparsePreview:
    article: Article
    parsed: ParsedArticle | None = None
    changes: list[Change] = field(default_factory=list)
    edited_by_hand: bool = False
    error: str | None = None


def _index_in_file(article: Article) -> int:
    match = re.search(r":(\d+)$", article.source_key)
    return int(match.group(1)) if match else 0


def article_reparse_preview(article: Article) -> ReparsePreview:
    preview = ReparsePreview(article=article)
    defaults = Defaults(
        publication=article.publication.name if article.publication else None,
        published_on=article.published_on.isoformat() if article.published_on else None,
        page=article.page or None,
        source_url=article.source_url or None,
        source_kind=article.source_kind,
        accessed_on=article.accessed_on.isoformat() if article.accessed_on else None,
    )
    try:
        with parse_budget(settings.ARCHIVE_PARSE_SECONDS):
            parsed = parse_text(article.raw_text, defaults=defaults)
        preview.parsed = parsed[_index_in_file(article)]
    except (IngestError, IndexError) as error:
        preview.error = str(error) or str(_("原文中找不到这篇文章"))
        return preview
    before, after = stored_snapshot(article), parsed_snapshot(preview.parsed)
    preview.edited_by_hand = snapshot_checksum(before) != article.import_checksum
    preview.changes = [
        Change(label, _show(before.get(key, "")), _show(after.get(key, "")))
        for key, label in snapshot_labels().items()
        if before.get(key, "") != after.get(key, "")
    ]
    return preview


def _show(value) -> str:
    if isinstance(value, list):
        return "\n".join(
            " / ".join(map(_label, item)) if isinstance(item, tuple | list) else str(item)
            for item in value
        )
    return str(value)


def _label(part) -> str:
    """A stored choice (``photographer``, ``staff``) as the editor reads it (摄影, 本报)."""
    labels = {**dict(Role.choices), **dict(Photo.Source.choices)}
    return str(labels.get(part, part)) if isinstance(part, str) else str(part)


@transaction.atomic
def article_reparse(article: Article, *, force: bool = False) -> Outcome:
    """Apply the parse; an article edited by hand is only overwritten with ``force``."""
    preview = article_reparse_preview(article)
    if preview.error:
        raise IngestError(preview.error)
    if preview.edited_by_hand and not force:
        return Outcome.KEPT
    if not preview.changes:
        return Outcome.UNCHANGED
    parsed = preview.parsed
    article_write(
        article,
        parsed,
        source_name=article.source_name,
        checksum=parsed_checksum(parsed),
        cache=ImportCache(),
    )
    doubts_refresh(ids=[article.pk])
    archive_changed_after_commit()
    return Outcome.UPDATED
