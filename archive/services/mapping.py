"""One mapping from a parse to an article's fields: the write, the checksum and the re-parse
preview all use it.

Lengths come from the model's fields and labels from their ``verbose_name``: a ``max_length``
changed in the model changes what an import writes and what its checksum covers together, so an
article written before still reads as unchanged rather than as edited by hand.

A *snapshot* is an article as plain values, in the same shape whether read from a parse
(``parsed_snapshot``) or from the database (``stored_snapshot``); its checksum
(``snapshot_checksum``) is what ``Article.import_checksum`` holds.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.db import models

from archive.ingest.roles import CAMERA, PRODUCTION
from archive.ingest.types import ParsedArticle, ParsedByline, ParsedPhoto, ParsedQuote
from archive.models import Article, Byline, Photo, Quote, Role, SourceKind

# The article's own fields, taken from the parse attribute of the same name.
ROW_FIELDS = (
    "title",
    "kicker",
    "subtitle",
    "column",
    "page",
    "published_on",
    "original_title",
    "body",
    "sections",
)
# Where the page came from, written in the row; in a snapshot only when not the default, so the
# checksum of an article imported before the archive kept sources is still what it was.
SOURCE_FIELDS = {"source_url": "", "source_kind": SourceKind.PRINT, "accessed_on": ""}
# Then what is written beside the row, in the order the re-parse preview lists changes.
RELATED = {
    "publication": Article,
    "bylines": Byline,
    "photos": Photo,
    "quotes": Quote,
    "districts": Article,
}
ROLE_BY_LABEL = {str(label): value for value, label in Role.choices}
PHOTO_SOURCES = {value for value, _label in Photo.Source.choices}
KINDS = {value for value, _label in SourceKind.choices}


def fit(model: type[models.Model], name: str, value: str | None) -> str:
    """``value`` cut to what the model's field holds (``None`` as empty)."""
    limit = model._meta.get_field(name).max_length
    return (value or "")[:limit] if limit else (value or "")


def article_fields(parsed: ParsedArticle) -> dict:
    """The article row's own fields from a parse, as the model holds them."""
    texts = ("title", "kicker", "subtitle", "column", "page", "original_title", "body")
    return {
        **{name: fit(Article, name, getattr(parsed, name)) for name in texts},
        "published_on": (
            datetime.date.fromisoformat(parsed.published_on) if parsed.published_on else None
        ),
        "sections": list(parsed.sections),
        "source_url": fit(Article, "source_url", parsed.source_url),
        "source_kind": parsed.source_kind if parsed.source_kind in KINDS else SourceKind.PRINT,
        "accessed_on": (
            datetime.date.fromisoformat(parsed.accessed_on) if parsed.accessed_on else None
        ),
    }


def byline_role(byline: ParsedByline) -> str:
    """The model's role for a printed one: a camera credit (摄像, 航拍) is a photographer's, other
    production credits (剪辑, 制图, 配音) an editor's; neither wrote the report."""
    if byline.role in CAMERA:
        return Role.PHOTOGRAPHER
    if byline.role in PRODUCTION:
        return Role.EDITOR
    return ROLE_BY_LABEL.get(byline.role, Role.REPORTER)


def byline_pairs(parsed: ParsedArticle) -> list[tuple[str, str]]:
    """(name, role) of each byline once, in printed order: one credit, one byline."""
    return list(dict.fromkeys((byline.name, byline_role(byline)) for byline in parsed.bylines))


def photo_fields(photo: ParsedPhoto) -> dict:
    """A photo's fields but its photographer (a person the write looks up)."""
    return {
        "caption": photo.caption,
        "credit": fit(Photo, "credit", photo.credit),
        "source": photo.source if photo.source in PHOTO_SOURCES else Photo.Source.UNKNOWN,
    }


def quote_fields(quote: ParsedQuote) -> dict:
    """A quote's fields but its speaker (a person the write looks up)."""
    return {"title": fit(Quote, "title", quote.title), "text": quote.text, "direct": quote.direct}


def snapshot_labels() -> dict[str, str]:
    """Each snapshot key's label, for the re-parse preview: the fields' own ``verbose_name``."""
    labels = {
        name: Article._meta.get_field(name).verbose_name for name in (*ROW_FIELDS, *SOURCE_FIELDS)
    }
    for name, model in RELATED.items():
        labels[name] = (
            model._meta.get_field(name).verbose_name
            if model is Article
            else model._meta.verbose_name_plural
        )
    return {name: str(label) for name, label in labels.items()}


def _row_snapshot(values: dict) -> dict:
    snapshot = {name: values[name] for name in ROW_FIELDS}
    day = snapshot["published_on"]
    snapshot["published_on"] = day.isoformat() if day else ""
    snapshot["sections"] = list(snapshot["sections"])
    for name, default in SOURCE_FIELDS.items():
        value = values[name]
        value = value.isoformat() if isinstance(value, datetime.date) else (value or "")
        if value != default:
            snapshot[name] = value
    return snapshot


def parsed_snapshot(parsed: ParsedArticle) -> dict:
    """What an import writes, in the shape ``stored_snapshot`` reads it back."""
    photos = [(photo_fields(p), p.photographer or "") for p in parsed.photos]
    quotes = [(q.speaker, quote_fields(q)) for q in parsed.quotes]
    return {
        **_row_snapshot(article_fields(parsed)),
        "publication": parsed.publication or "",
        "bylines": sorted(byline_pairs(parsed)),
        "photos": [(f["caption"], f["credit"], name) for f, name in photos],
        "quotes": [(name, f["title"], f["text"], f["direct"]) for name, f in quotes],
        "districts": sorted((d.name, d.mentions) for d in parsed.districts),
    }


def stored_snapshot(article: Article) -> dict:
    """What the database holds now for an article, in the shape of ``parsed_snapshot``."""
    photos = article.photos.select_related("photographer").order_by("position", "id")
    quotes = article.quotes.select_related("speaker").order_by("position", "id")
    links = article.district_links.select_related("district")
    return {
        **_row_snapshot({name: getattr(article, name) for name in (*ROW_FIELDS, *SOURCE_FIELDS)}),
        "publication": article.publication.name if article.publication else "",
        "bylines": sorted(
            {(b.author.name, b.role) for b in article.bylines.select_related("author")}
        ),
        "photos": [
            (p.caption, p.credit, p.photographer.name if p.photographer else "") for p in photos
        ],
        "quotes": [(q.speaker.name, q.title, q.text, q.direct) for q in quotes],
        "districts": sorted((link.district.name, link.mentions) for link in links),
    }


def snapshot_checksum(snapshot: dict) -> str:
    encoded = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, default=list)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def parsed_checksum(parsed: ParsedArticle) -> str:
    return snapshot_checksum(parsed_snapshot(parsed))


def stored_checksum(article: Article) -> str:
    """The same checksum over what the database holds now, to see whether an editor changed it."""
    return snapshot_checksum(stored_snapshot(article))
