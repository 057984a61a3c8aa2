"""What editors see in the admin: its language, the article list, the change form (section
headings, raw text beside the body, its speed with many inlines), the history."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from archive.admin import widgets
from archive.models import Article, ArticleDistrict, Author, Byline, District, Photo, Quote, Speaker
from tests.test_admin_editing import article, browser_post, editor_client  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_admin_speaks_chinese_to_an_english_browser(editor_client):  # noqa: F811
    url = reverse("admin:archive_article_changelist")
    page = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "选择 文章 来修改" in page
    assert "Select" not in page and "Add another" not in page


def test_an_empty_admin_language_follows_the_browser(editor_client, settings):  # noqa: F811
    settings.ARCHIVE_ADMIN_LANGUAGE = ""
    url = reverse("admin:archive_article_changelist")
    page = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Select 文章 to change" in page


def test_the_public_site_keeps_following_the_browser(client, settings):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "en"


def test_article_list_shows_the_kicker_and_first_bylines_under_the_title(editor_client, article):  # noqa: F811
    article.kicker = "两会特稿"
    article.save()
    for n in range(5):
        author = Author.objects.create(name=f"记者{n}", slug=f"reporter-{n}")
        Byline.objects.create(article=article, author=author, position=10 + n)
    page = editor_client.get(reverse("admin:archive_article_changelist")).content.decode()
    meta = re.search(r'<span class="cl-meta">(.*?)</span>', page).group(1)
    assert meta == "两会特稿 · 方圆、李想、记者0、记者1、等 7 人"
    assert '<span class="cl-title" title="两会召开">两会召开</span>' in page


def test_section_headings_are_edited_one_per_line_and_stored_as_a_list(editor_client, article):  # noqa: F811
    url = reverse("admin:archive_article_change", args=[article.pk])
    page = editor_client.get(url)
    assert "[]" not in re.search(
        r'<textarea name="sections".*?</textarea>', page.content.decode(), re.S
    ).group(0)
    data = browser_post(page)
    data["sections"] = "五角场街道很热闹。\r\n\r\n  居民们都很满意。 \r\n"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.sections == ["五角场街道很热闹。", "居民们都很满意。"]
    shown = editor_client.get(url).content.decode()
    assert "五角场街道很热闹。\n居民们都很满意。</textarea>" in shown


def test_raw_text_sits_beside_the_body_one_line_a_span_without_inline_style(editor_client, article):  # noqa: F811
    page = editor_client.get(reverse("admin:archive_article_change", args=[article.pk]))
    html = page.content.decode()
    assert 'class="module aligned side-by-side"' in html
    assert '<span class="raw-line">两会召开</span>' in html
    assert "archive/admin.js" in html and "archive/admin.css" in html
    assert (
        "style="
        not in re.sub(r"<script.*?</script>", "", html, flags=re.S).split('id="content"')[1]
    )
    assert "<script>" not in html


def test_a_reason_given_on_save_shows_in_the_history_and_no_reason_shows_no_column(
    editor_client,  # noqa: F811
    article,  # noqa: F811
):
    history = reverse("admin:archive_article_history", args=[article.pk])
    page = editor_client.get(history).content.decode()
    assert "修改原因" not in page and "None" not in page
    assert '<th scope="col">状态</th>' in page and '<th scope="col">标题</th>' in page
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = browser_post(editor_client.get(url))
    data.update(title="两会召开（更正）", change_reason="标题漏了括注")
    assert editor_client.post(url, data).status_code == 302
    assert article.history.first().history_change_reason == "标题漏了括注"
    page = editor_client.get(history).content.decode()
    assert '<th scope="col">修改原因</th>' in page
    assert "<td>标题漏了括注</td>" in page and "<td>—</td>" in page


@pytest.fixture
def crowded(article):  # noqa: F811
    """An article with many people, photos, quotes and every district."""
    for n in range(30):
        author = Author.objects.create(name=f"作者{n}", slug=f"author-{n}")
        Byline.objects.create(article=article, author=author, position=10 + n)
        Photo.objects.create(
            article=article, caption=f"图{n}", credit="记者摄", photographer=author
        )
    for n in range(40):
        speaker = Speaker.objects.create(name=f"说话人{n}", slug=f"speaker-{n}")
        Quote.objects.create(article=article, speaker=speaker, title="书记", text="要<抓好>落实")
    for district in District.objects.all():
        ArticleDistrict.objects.get_or_create(article=article, district=district)
    return article


def test_the_change_form_with_many_inlines_needs_a_fixed_number_of_queries(
    editor_client,  # noqa: F811
    crowded,
    django_assert_max_num_queries,
):
    url = reverse("admin:archive_article_change", args=[crowded.pk])
    with django_assert_max_num_queries(20):  # not one per person: Django's widget does that
        response = editor_client.get(url)
    assert response.status_code == 200
    assert "说话人39" in response.content.decode() and "作者29" in response.content.decode()


def test_the_plain_renderer_draws_the_same_html_as_the_templates(
    editor_client,  # noqa: F811
    crowded,
    monkeypatch,
):
    url = reverse("admin:archive_article_change", args=[crowded.pk])

    def page() -> str:
        html = editor_client.get(url).content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r"\s+", " ", html).replace("> <", "><")

    plain = page()
    monkeypatch.setattr(widgets.PlainRenderer, "render", widgets.DjangoTemplates.render)
    assert plain == page()
    assert "要&lt;抓好&gt;落实" in plain


def test_an_untouched_crowded_article_saves_without_a_change(editor_client, crowded):  # noqa: F811
    url = reverse("admin:archive_article_change", args=[crowded.pk])
    before = (crowded.updated_at, crowded.history.count(), Quote.objects.count())
    assert editor_client.post(url, browser_post(editor_client.get(url))).status_code == 302
    crowded.refresh_from_db()
    assert (crowded.updated_at, crowded.history.count(), Quote.objects.count()) == before
    assert Article.objects.count() == 1


# Merging people and uploading ------------------------------------------------------------------


def test_the_merge_page_shows_counts_roles_dates_titles_and_aliases(editor_client):  # noqa: F811
    import datetime

    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from archive.models import AuthorAlias

    keep = Author.objects.create(name="王宛艺", slug="王宛艺")
    variant = Author.objects.create(name="王宛芝", slug="王宛芝")
    AuthorAlias.objects.create(author=keep, name="王 宛艺")
    for n, day in enumerate([datetime.date(2021, 3, 4), datetime.date(2022, 6, 28), None]):
        written = Article.objects.create(
            title=f"标题{n}", body="正文", source_key=f"k{n}", published_on=day
        )
        Byline.objects.create(article=written, author=keep, role="reporter")
    Photo.objects.create(article=written, caption="图", photographer=keep)
    other = Article.objects.create(title="另一篇", body="正文", source_key="k9")
    Byline.objects.create(article=other, author=variant, role="correspondent")
    url = reverse("admin:archive_author_changelist")
    page = editor_client.post(url, {"action": "merge", ACTION_CHECKBOX_NAME: [keep.pk, variant.pk]})
    html = re.sub(r"\s+", " ", page.content.decode())
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])
    assert len(rows) == 2
    kept_row = next(row for row in rows if f'value="{keep.pk}"' in row)
    assert '<td class="merge-count">3</td>' in kept_row
    assert "记者 3" in kept_row and "图片 1" in kept_row
    assert "2021-03-04 – 2022-06-28" in kept_row
    assert "<li>标题1</li><li>标题0</li><li>标题2</li>" in kept_row
    assert "王 宛艺" in kept_row
    other_row = next(row for row in rows if f'value="{variant.pk}"' in row)
    assert "通讯员 1" in other_row and "无日期" in other_row and "<li>另一篇</li>" in other_row


def test_the_upload_preview_shows_date_publication_page_and_an_earlier_import(editor_client):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from archive.services import file_import

    text = (
        "---\npublication: 杨浦时报\ndate: 2019-12-10\npage: 2\n---\n"
        "两会召开\n\n■记者 方圆\n\n本报讯 杨浦区很热闹。\n"
    )
    url = reverse("admin:archive_article_upload")

    def preview() -> str:
        upload = SimpleUploadedFile("p.txt", text.encode())
        response = editor_client.post(url, {"files": [upload], "preview": "1"})
        return re.sub(r"\s+", " ", response.content.decode())

    first = preview()
    assert '<td class="preview-date">2019-12-10</td>' in first
    assert '<td class="preview-publication">杨浦时报</td>' in first
    assert '<td class="preview-page">2</td>' in first
    assert "导入过" not in first
    file_import(source="p.txt", data=text.encode())
    earlier = Article.objects.get()
    again = preview()
    assert "已于 " in again and " 导入过" in again
    assert reverse("admin:archive_article_change", args=[earlier.pk]) in again


def test_the_admin_benchmark_times_the_change_form_beside_the_stock_inlines():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("bench_admin", "--form-only", "--inlines", "3", "--repeat", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "change form: 3 bylines, 3 photos, 4 quotes, 16 districts"
    assert re.match(r"  change form as configured +p50 +[\d.]+ ms .* \d+ queries", lines[1])
    assert re.match(r"  naive: stock, stacked inlines +p50 +[\d.]+ ms .* \d+ queries", lines[2])
    assert re.match(r"  naive vs configured \(p50\): [\d.]+x", lines[3])
    assert not Article.objects.exists()  # rolled back
    assert not User.objects.filter(username="bench-admin").exists()


# Photos ----------------------------------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGBA", (width, height), (155, 28, 28, 255)).save(out, "PNG")
    return out.getvalue()


def test_an_uploaded_photo_gets_a_small_thumbnail_that_the_gallery_loads_lazily(
    editor_client,  # noqa: F811
    article,  # noqa: F811
    settings,
    tmp_path,
    client,
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path / "media"
    photo = article.photos.get()
    url = reverse("admin:archive_photo_change", args=[photo.pk])
    data = browser_post(editor_client.get(url))
    data["image"] = SimpleUploadedFile("scan.png", png(1600, 1200), content_type="image/png")
    assert editor_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert photo.image.name.endswith(".png") and photo.thumbnail.name.endswith(".jpg")
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (480, 360))
    assert photo.history.count() == 2  # the upload; the thumbnail is no edit of its own
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    html = client.get(reverse("archive:photo_list")).content.decode()
    assert f'src="{photo.thumbnail.url}"' in html and 'loading="lazy"' in html


def test_clearing_a_photo_drops_its_thumbnail(article, settings, tmp_path):  # noqa: F811
    from django.core.files.base import ContentFile

    from archive.services import photo_thumbnail

    settings.MEDIA_ROOT = tmp_path / "media"
    photo = article.photos.get()
    photo.image.save("scan.png", ContentFile(png(300, 600)))
    photo_thumbnail(photo=photo)
    photo.refresh_from_db()
    assert photo.thumbnail.height == 480
    photo.image = ""
    photo.save()
    photo_thumbnail(photo=photo)
    photo.refresh_from_db()
    assert not photo.thumbnail


def test_the_gallery_without_images_shows_captions_credits_and_articles(client, article):  # noqa: F811
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    html = client.get(reverse("archive:photo_list")).content.decode()
    assert '<li class="photo-card photo-card-text">' in html
    assert "<img" not in html.split('<ul class="gallery">')[1]
    assert "本报记者 袁婧摄" in html and article.get_absolute_url() in html


def test_the_plain_renderer_draws_every_plain_widget_as_django_does():
    from django import forms
    from django.forms.renderers import DjangoTemplates

    class Sample(forms.Form):
        text = forms.CharField(label='标题 "引号" <b>', initial='a "b" <c> & d')
        number = forms.IntegerField(initial=3, disabled=True)
        hidden = forms.CharField(widget=forms.HiddenInput, initial="x&y")
        check = forms.BooleanField(initial=True, required=False)
        empty_check = forms.BooleanField(required=False)
        area = forms.CharField(widget=forms.Textarea, initial="一行\n<二行>")
        empty_area = forms.CharField(widget=forms.Textarea, required=False)
        choice = forms.ChoiceField(choices=[("a", "甲 & 乙"), ("b", '"丙"')], initial="b")
        grouped = forms.ChoiceField(choices=[("组", [("x", "X"), ("y", "Y")]), ("z", "Z")])

    def html(renderer) -> str:
        form = Sample(renderer=renderer)
        bound = Sample({"text": "", "number": "x"}, renderer=renderer)
        return "".join(
            f"{field.label_tag()}{field}{field.errors}" for f in (form, bound) for field in f
        )

    def between_tags(text: str) -> str:  # the templates' line breaks between <option>s
        return re.sub(r">\s+<", "><", text)

    assert between_tags(html(widgets.PlainRenderer())) == between_tags(html(DjangoTemplates()))
