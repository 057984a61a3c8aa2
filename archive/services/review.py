"""The review queue: what each record lacks or may have wrong (its doubts), and an editor's
核对完毕 that vouches for it.

Every doubt is worked out from the record as it stands, so the import and every editor's change
refresh them the same way (``doubts_refresh``), and a correction clears the doubt it answers: a
date typed in clears 日期. A page the import split into several articles (同页拆分) and a text
that stops mid-sentence (正文不完整) stay until an editor has checked the record.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from archive.models import Article, ArticleDoubt, Byline, Doubt, Photo
from archive.services.freshness import pages_follow

BATCH = 500  # articles refreshed per query
# A text whose last paragraph ends on none of these stops mid-sentence: the copy was cut short.
SENTENCE_ENDS = ("。", "！", "？", "!", "?", "”", "」", "』", "…", "）", ")", "】", "]")
REVIEWED = "核对完毕"


def article_doubts(article: Article, *, credited: bool, split: bool) -> list[Doubt]:
    """The doubts of one article: ``credited`` when a byline or a photo's photographer names
    someone, ``split`` when its page gave more than one article."""
    last = next((line.strip() for line in reversed(article.body.splitlines()) if line.strip()), "")
    found = {
        Doubt.NO_TITLE: not article.title,
        Doubt.NO_DATE: article.published_on is None,
        Doubt.NO_PUBLICATION: article.publication_id is None,
        Doubt.NO_BYLINE: not credited,
        Doubt.CUT_OFF: bool(last) and not last.endswith(SENTENCE_ENDS),
        Doubt.SPLIT_PAGE: split,
    }
    return [doubt for doubt, doubtful in found.items() if doubtful]


def doubts_refresh(*, ids: Iterable[int | None] = (), source_keys: Iterable[str] = ()) -> None:
    """Work out again the doubts of these articles, by id or by source key (after an import or
    an edit): four statements a batch."""
    wanted = sorted({pk for pk in ids if pk})
    for start in range(0, len(wanted), BATCH):
        _refresh(Article.objects.filter(pk__in=wanted[start : start + BATCH]))
    keys = sorted(set(source_keys))
    for start in range(0, len(keys), BATCH):
        _refresh(Article.objects.filter(source_key__in=keys[start : start + BATCH]))


def _refresh(chosen: QuerySet[Article]) -> None:
    credited = Exists(Byline.objects.filter(article=OuterRef("pk"))) | Exists(
        Photo.objects.filter(article=OuterRef("pk"), photographer__isnull=False)
    )
    articles = list(
        chosen.only("id", "title", "published_on", "publication_id", "body", "source_key").annotate(
            credited=credited
        )
    )
    split = _split_pages(articles)
    rows = [
        ArticleDoubt(article_id=article.pk, reason=doubt)
        for article in articles
        for doubt in article_doubts(
            article, credited=article.credited, split=_page_of(article) in split
        )
    ]
    with transaction.atomic(savepoint=False):
        ArticleDoubt.objects.filter(article_id__in=[article.pk for article in articles]).delete()
        ArticleDoubt.objects.bulk_create(rows)


def _page_of(article: Article) -> str | None:
    """The imported file an article came from (``sha256:<text>:<place>``), or None."""
    scheme, _sep, rest = article.source_key.partition(":")
    digest, sep, _place = rest.rpartition(":")
    return digest if scheme == "sha256" and sep else None


def _split_pages(articles: list[Article]) -> set[str]:
    """The files among these articles' that gave more than one article: those with a second."""
    pages = {page for article in articles if (page := _page_of(article))}
    seconds = Article.objects.filter(source_key__in=[f"sha256:{page}:1" for page in pages])
    return {_page_of(article) for article in seconds.only("source_key")}


def articles_checked(*, articles: QuerySet[Article], user: AbstractBaseUser | None) -> int:
    """核对完毕: the editor vouches for these records; the history says who and when."""
    now = timezone.now()
    chosen = list(
        Article.objects.filter(pk__in=articles.values("pk")).defer("search_vector", "search_chars")
    )
    # On commit the checked articles' pages stop saying they are unchecked.
    with transaction.atomic(), pages_follow(articles=[article.pk for article in chosen]):
        for article in chosen:
            article.checked_at, article.checked_by = now, user
            article._change_reason = REVIEWED
            if user is not None:
                article._history_user = user
            article.save(update_fields=["checked_at", "checked_by"])
    return len(chosen)
