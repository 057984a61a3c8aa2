"""The review queue: every record's doubts worked out on import and edit, cleared by the
correction that answers them; 核对完毕 records who checked; readers see one quiet line."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from archive.models import Article, ArticleDoubt, Doubt, Publication
from archive.services import article_save, file_import
from archive.services.review import articles_checked

pytestmark = pytest.mark.django_db

# Invented pages: one complete but for its paper and date, one cut off without a byline, and a
# page printing two stories.
COMPLETE = "社区花园开放\n\n本报记者 陆晓岚\n\n昨天，街心花园向居民开放。\n"
CUT_OFF = "老街改造\n\n老街改造进入收尾阶段，工人们正在\n"
TWO_STORIES = (
    "社区食堂开张\n\n本报记者 陆晓岚\n\n社区食堂昨天开张。\n\n"
    "口袋公园落成\n\n本报记者 蒋一帆\n\n口袋公园昨天落成。\n"
)


def doubts(article: Article) -> set[str]:
    return set(ArticleDoubt.objects.filter(article=article).values_list("reason", flat=True))


def test_an_import_records_what_each_article_lacks():
    file_import(source="a.txt", data=COMPLETE.encode())
    file_import(source="b.txt", data=CUT_OFF.encode())
    file_import(source="c.txt", data=TWO_STORIES.encode())
    complete = Article.objects.get(title="社区花园开放")
    assert doubts(complete) == {Doubt.NO_DATE, Doubt.NO_PUBLICATION}
    cut = Article.objects.get(title="老街改造")
    assert doubts(cut) == {Doubt.NO_DATE, Doubt.NO_PUBLICATION, Doubt.NO_BYLINE, Doubt.CUT_OFF}
    for title in ("社区食堂开张", "口袋公园落成"):
        assert Doubt.SPLIT_PAGE in doubts(Article.objects.get(title=title))


def test_a_correction_clears_the_doubt_it_answers_and_no_other():
    file_import(source="a.txt", data=COMPLETE.encode())
    article = Article.objects.get()
    article.published_on = datetime.date(2024, 5, 1)
    article_save(article=article)
    assert doubts(article) == {Doubt.NO_PUBLICATION}
    article.publication = Publication.objects.create(name="晨光报", slug="chenguang")
    article_save(article=article)
    assert doubts(article) == set()


def test_checking_records_who_and_when_in_the_history(admin_user):
    file_import(source="b.txt", data=CUT_OFF.encode())
    assert articles_checked(articles=Article.objects.all(), user=admin_user) == 1
    article = Article.objects.get()
    assert article.checked_by == admin_user and article.checked_at is not None
    latest = article.history.first()
    assert (latest.history_user, latest.history_change_reason) == (admin_user, "核对完毕")


def test_a_reader_sees_one_quiet_line_until_the_record_is_checked(
    client, admin_user, django_capture_on_commit_callbacks
):
    file_import(source="a.txt", data=COMPLETE.encode())
    article = Article.objects.get()
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<p class="record-notice">信息不全：日期、报纸</p>' in page
    with django_capture_on_commit_callbacks(execute=True):  # the stored page goes stale
        articles_checked(articles=Article.objects.all(), user=admin_user)
    assert "record-notice" not in client.get(article.get_absolute_url()).content.decode()


def test_the_listing_can_be_kept_to_checked_records(client, admin_user):
    file_import(source="a.txt", data=COMPLETE.encode())
    file_import(source="b.txt", data=CUT_OFF.encode())
    articles_checked(articles=Article.objects.filter(title="老街改造"), user=admin_user)
    listing = client.get("/articles/?checked=true").content.decode()
    assert "老街改造" in listing and "社区花园开放" not in listing


def test_the_admin_queue_counts_each_reason_and_checks_many_at_once(
    client, django_capture_on_commit_callbacks
):
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "unused")
    client.force_login(editor)
    file_import(source="a.txt", data=COMPLETE.encode())
    file_import(source="b.txt", data=CUT_OFF.encode())
    changelist = reverse("admin:archive_article_changelist")
    queue = client.get(changelist).content.decode()
    assert "全部（2）" in queue and "正文不完整（1）" in queue and "日期（2）" in queue
    cut = client.get(changelist, {"doubt": Doubt.CUT_OFF}).content.decode()
    assert "老街改造" in cut and "社区花园开放" not in cut
    ids = list(Article.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):  # the kept counts go stale
        client.post(changelist, {"action": "mark_checked", "_selected_action": ids})
    assert Article.objects.filter(checked_by=editor).count() == 2
    assert "全部（0）" in client.get(changelist).content.decode()


def test_refresh_doubts_works_out_an_archive_imported_before_the_queue():
    file_import(source="b.txt", data=CUT_OFF.encode())
    ArticleDoubt.objects.all().delete()
    out = StringIO()
    call_command("refresh_doubts", stdout=out)
    assert Doubt.CUT_OFF in doubts(Article.objects.get())
    assert out.getvalue().startswith("1 of 1 篇文章待核对")
