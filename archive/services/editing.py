"""Editors' writes: each writes its rows, then the search tokens of every article whose words it
changed, in one transaction, in that order.

django-simple-history records a version of every tracked row saved through the ORM, so these
save row by row (never ``QuerySet.update``, which would bypass it); the admin passes the editor
so each version says who made it. No admin path writes around these functions: that is how a
renamed author, an edited quote or a published draft cannot leave the index or the history behind.
Each also makes stale, once its transaction commits, the stored public pages and figures that
show what it changed (``services.freshness``; a person's edit: all of them), so every web
worker shows the change (all of them when the cache is Redis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from archive.cache.versions import archive_changed_after_commit
from archive.models import Article, ArticleDistrict, Author, Byline, Photo, Quote, Speaker
from archive.search import article_index
from archive.selectors import article_for_index
from archive.services.counts import counts_follow
from archive.services.freshness import pages_follow
from archive.services.review import doubts_refresh

ArticlePart = Byline | Photo | Quote | ArticleDistrict
Person = Author | Speaker


def article_reindex(*, ids: Iterable[int | None]) -> int:
    """Store the search tokens of these articles from what the database holds now."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return 0
    return article_index(article_for_index().filter(pk__in=wanted))


def article_touch(*, ids: Iterable[int | None]) -> None:
    """A newer version without a new history row, for writes beside the row (its people,
    photos, quotes) that an editor holding the article's form open would otherwise overwrite."""
    wanted = {pk for pk in ids if pk is not None}
    Article.objects.filter(pk__in=wanted).update(updated_at=timezone.now())


@transaction.atomic
def article_save(*, article: Article, user: AbstractBaseUser | None = None, reindex: bool = True):
    """An article's own row (a change form, a history restore); its tokens unless the caller
    saves the rows beside it next and reindexes once then (``article_parts_save``)."""
    _by(article, user)
    with counts_follow(articles=[article.pk]), pages_follow(articles=[article.pk]):
        article.save()  # its status or date may have changed
    if reindex:
        article_reindex(ids=[article.pk])
    doubts_refresh(ids=[article.pk])  # a correction clears the doubt it answers


@transaction.atomic
def article_parts_save(
    *, article: Article, save: Callable[[], object], changed: bool, row_saved: bool
):
    """The rows beside an article saved with it (the admin's inlines, by ``save``); ``changed``
    says whether any of them changed, ``row_saved`` whether the article's row did."""
    # The article's row, if saved, already made its pages stale (article_save).
    with (
        counts_follow(articles=[article.pk]),
        pages_follow(articles=[article.pk] if changed else []),
    ):
        save()
    if changed and not row_saved:
        article_touch(ids=[article.pk])
    if changed or row_saved:
        article_reindex(ids=[article.pk])
        doubts_refresh(ids=[article.pk])


@transaction.atomic
def article_status_set(
    *, articles: QuerySet[Article], status: str, user: AbstractBaseUser | None = None
) -> int:
    """Publish or unpublish: one history version per article whose status changes. The tokens
    hold no status, so nothing is reindexed. Returns how many articles were selected."""
    selected = changed = 0
    chosen = list(
        Article.objects.filter(pk__in=articles.values("pk")).defer("search_vector", "search_chars")
    )
    changing = [article.pk for article in chosen if article.status != status]
    with counts_follow(articles=changing), pages_follow(articles=changing):
        for article in chosen:
            selected += 1
            if article.status != status:
                article.status = status
                _by(article, user)
                article.save(update_fields=["status", "updated_at"])
                changed += 1
    return selected


@transaction.atomic
def article_delete(*, articles: Iterable[Article], user: AbstractBaseUser | None = None) -> int:
    """Articles removed with the rows beside them, each deletion in the history."""
    deleted = 0
    articles = list(articles)
    ids = [article.pk for article in articles]
    with counts_follow(articles=ids), pages_follow(articles=ids):
        for article in articles:
            _by(article, user)
            article.delete()
            deleted += 1
    return deleted


@transaction.atomic
def editable_fields(instance) -> list[str]:
    """What an editor's form can change, and the modification time: not the stored counts
    (``services/counts.py``), which other writes keep up to date meanwhile."""
    return [
        field.name
        for field in instance._meta.concrete_fields
        if (field.editable or getattr(field, "auto_now", False)) and not field.primary_key
    ]


@transaction.atomic
def person_save(*, person: Person) -> int:
    """An author or speaker; a new name is in the tokens of every article naming them.
    Returns the number of articles reindexed."""
    stored = type(person).objects.filter(pk=person.pk).values_list("name", flat=True).first()
    if stored is None:
        person.save()
    else:  # what an editor edits; never the stored counts, which other writes keep meanwhile
        person.save(update_fields=editable_fields(person))
    archive_changed_after_commit()  # the home page lists reporters by name
    if stored is None or stored == person.name:
        return 0
    if isinstance(person, Author):
        ids = Byline.objects.filter(author=person).values_list("article_id", flat=True)
    else:
        ids = Quote.objects.filter(speaker=person).values_list("article_id", flat=True)
    return article_reindex(ids=list(ids))


@transaction.atomic
def article_part_save(*, part: ArticlePart, user: AbstractBaseUser | None = None) -> None:
    """A byline, photo, quote or district link edited on its own page: its article (both, when
    it moved to another) gets a newer version and new tokens."""
    before = _stored_article_id(part)
    _by(part, user)
    ids = [before, part.article_id]
    with counts_follow(articles=ids), pages_follow(articles=ids):
        part.save()
    article_touch(ids=ids)
    article_reindex(ids=ids)
    doubts_refresh(ids=ids)


@transaction.atomic
def article_part_delete(*, parts: Iterable[ArticlePart], user: AbstractBaseUser | None = None):
    parts = list(parts)
    ids = {part.article_id for part in parts}
    with counts_follow(articles=ids), pages_follow(articles=ids):
        for part in parts:
            _by(part, user)
            part.delete()
    article_touch(ids=ids)
    article_reindex(ids=ids)
    doubts_refresh(ids=ids)


def _stored_article_id(part: ArticlePart) -> int | None:
    if part.pk is None:
        return None
    rows = type(part)._base_manager.filter(pk=part.pk)
    return rows.values_list("article_id", flat=True).first()


def _by(obj: models.Model, user: AbstractBaseUser | None) -> None:
    """The editor django-simple-history records for the next save or delete of ``obj``."""
    if user is not None:
        obj._history_user = user
