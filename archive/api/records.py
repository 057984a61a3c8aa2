"""Articles, people and places as JSON-ready dicts, from rows the selectors prefetched."""

from __future__ import annotations

from django.urls import reverse

from archive import citations
from archive.models import Article


def _person(person) -> dict | None:
    return {"name": person.name, "slug": person.slug} if person else None


def article_summary(article: Article, absolute) -> dict:
    """What a listing row shows; ``absolute`` turns a path into a full URL."""
    return {
        "id": article.pk,
        "url": absolute(article.get_absolute_url()),
        "api_url": absolute(reverse("api:article", args=[article.pk])),
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "column": article.column,
        "publication": (
            {"name": article.publication.name, "slug": article.publication.slug}
            if article.publication
            else None
        ),
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "page": article.page,
        "bylines": [
            {
                "name": b.author.name,
                "slug": b.author.slug,
                "role": b.role,
                "role_label": b.get_role_display(),
            }
            for b in article.bylines.all()
        ],
        "districts": [
            {
                "name": link.district.name,
                "slug": link.district.slug,
                "former_name": link.former_name,
            }
            for link in article.district_links.all()
        ],
        "has_photos": article.has_photo,
    }


def article_record(article: Article, absolute) -> dict:
    """Everything the article page shows, and how to cite it."""
    return article_summary(article, absolute) | {
        "original_title": article.original_title,
        "body": article.body,
        "sections": article.sections,
        "photos": [
            {
                "caption": photo.caption,
                "credit": photo.credit,
                "photographer": _person(photo.photographer),
                "source": photo.source,
                "image": absolute(photo.image.url) if photo.image else None,
            }
            for photo in article.photos.all()
        ],
        "quotes": [
            {
                "speaker": _person(quote.speaker),
                "title": quote.title,
                "text": quote.text,
                "direct": quote.direct,
            }
            for quote in article.quotes.all()
        ],
        "citation": {
            "gbt7714": citations.gbt7714(article),
            "ris": absolute(reverse("archive:article_citation", args=[article.pk, "ris"])),
            "bibtex": absolute(reverse("archive:article_citation", args=[article.pk, "bib"])),
        },
    }


def counted(item, absolute, **counts) -> dict:
    """A person or district with its counts and its page."""
    return {
        "name": item.name,
        "slug": item.slug,
        "url": absolute(item.get_absolute_url()),
        **counts,
    }
