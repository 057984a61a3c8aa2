"""Merging duplicate people (OCR variants such as 王宛芝 / 王宛艺) into the one kept."""

from __future__ import annotations

from django.db import transaction

from archive.cache.versions import archive_changed_after_commit
from archive.models import Author, AuthorAlias, Byline, Photo, Quote, Speaker, SpeakerAlias
from archive.services.counts import Involved, counts_recompute
from archive.services.editing import article_reindex


@transaction.atomic
def author_merge(*, keep: Author, merged: list[Author]) -> int:
    """Move bylines and photos of ``merged`` to ``keep``; their names and slugs become aliases.

    A byline that would duplicate one ``keep`` already has (same article and role) is dropped.
    Returns the number of articles touched.
    """
    merged = [person for person in merged if person.pk != keep.pk]
    articles: set[int] = set()
    for person in merged:
        for byline in Byline.objects.filter(author=person):
            articles.add(byline.article_id)
            duplicate = Byline.objects.filter(
                article_id=byline.article_id, author=keep, role=byline.role
            ).exists()
            if duplicate:
                byline.delete()
            else:
                byline.author = keep
                byline.save(update_fields=["author"])
        articles |= set(
            Photo.objects.filter(photographer=person).values_list("article_id", flat=True)
        )
        for photo in Photo.objects.filter(photographer=person):  # row by row: history
            photo.photographer = keep
            photo.save(update_fields=["photographer"])
        _keep_names(person, keep, AuthorAlias, "author")
    counts_recompute(Involved(authors={keep.pk}))
    article_reindex(ids=articles)  # people's names are part of the search tokens
    archive_changed_after_commit()  # the home page's reporters and their counts
    return len(articles)


@transaction.atomic
def speaker_merge(*, keep: Speaker, merged: list[Speaker]) -> int:
    """Move the quotes of ``merged`` to ``keep``; their names and slugs become aliases."""
    merged = [person for person in merged if person.pk != keep.pk]
    articles: set[int] = set()
    for person in merged:
        articles |= set(Quote.objects.filter(speaker=person).values_list("article_id", flat=True))
        for quote in Quote.objects.filter(speaker=person):
            quote.speaker = keep
            quote.save(update_fields=["speaker"])
        _keep_names(person, keep, SpeakerAlias, "speaker")
    counts_recompute(Involved(speakers={keep.pk}))
    article_reindex(ids=articles)  # people's names are part of the search tokens
    archive_changed_after_commit()  # the merged speaker's page is a redirect now
    return len(articles)


def _keep_names(person, keep, alias_model, field: str) -> None:
    """The merged person's aliases move over; its own name and slug become one more alias."""
    alias_model.objects.filter(**{field: person}).update(**{field: keep})
    name, slug = person.name, person.slug
    person.delete()
    alias_model.objects.update_or_create(name=name, defaults={field: keep, "slug": slug})
