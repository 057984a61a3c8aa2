"""Every registered model's admin pages answer for a staff user."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from archive.models import (
    District,
)
from archive.search import article_index
from archive.selectors import article_for_index

pytestmark = pytest.mark.django_db

MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "archive"),
    key=lambda model: model.__name__,
)


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-unused")
    client.force_login(user)
    return client


def test_every_archive_model_is_registered():
    names = {model.__name__ for model in MODELS}
    assert names == {
        "Article",
        "ArticleDistrict",
        "Author",
        "AuthorAlias",
        "Byline",
        "District",
        "Photo",
        "Publication",
        "Quote",
        "Speaker",
        "SpeakerAlias",
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_changelist_add_and_change_pages_answer(staff_client, one_of_each, model):
    opts = model._meta
    changelist = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 1
    add = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # The 16 districts are fixed: nobody adds one.
    assert add.status_code == (403 if model is District else 200)
    obj = model.objects.first()
    change = staff_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200
    assert str(obj) in change.content.decode()


def test_changelist_search_finds_an_article_by_title(staff_client, article):
    article_index(article_for_index().filter(pk=article.pk))
    response = staff_client.get(reverse("admin:archive_article_changelist"), {"q": "扎扎实实"})
    assert [row.pk for row in response.context["cl"].result_list] == [article.pk]


def test_article_change_page_links_to_the_public_page(staff_client, article):
    content_type = ContentType.objects.get_for_model(article)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, article.pk])
    page = staff_client.get(reverse("admin:archive_article_change", args=[article.pk]))
    assert view_on_site in page.content.decode()
    redirect = staff_client.get(view_on_site)
    assert redirect["Location"].endswith(article.get_absolute_url())


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:archive_article_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_login_protection_is_named_in_chinese_in_the_admin(staff_client):
    index = staff_client.get(reverse("admin:index")).content.decode()
    assert "登录保护" in index and "登录尝试" in index
    assert "Axes" not in index and "Access attempts" not in index
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="someone", ip_address="192.0.2.1", failures_since_start=3)
    attempts = staff_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "IP 地址" in attempts and "失败次数" in attempts
