"""The error pages are the site's own, in Chinese, with its navigation and a search box; the
admin's login is rate limited."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error

NAVIGATION = ['href="/articles/"', 'href="/authors/"', 'name="q"', "上海报刊档案"]


def assert_site_page(response, status: int, heading: str) -> None:
    assert response.status_code == status
    html = response.content.decode()
    assert heading in html
    for part in NAVIGATION:
        assert part in html, part
    assert "<title>" in html and "Not Found" not in html and "Server Error" not in html


@pytest.mark.django_db
def test_unknown_page_and_article_give_the_chinese_404(client):
    assert_site_page(client.get("/no-such-page/"), 404, "找不到这一页")
    assert_site_page(client.get("/articles/987654/"), 404, "找不到这一页")


@pytest.mark.django_db
def test_a_viewer_refused_an_admin_page_gets_the_chinese_403(client):
    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="只读"))
    client.force_login(user)
    assert_site_page(client.get("/admin/archive/article/upload/"), 403, "没有权限")


def test_the_500_page_renders_without_a_request_context_or_database():
    # Django renders 500.html with no context at all; it must still carry the navigation.
    response = server_error(RequestFactory().get("/articles/"))
    assert_site_page(response, 500, "服务器出错了")


def test_the_400_page_is_chinese():
    response = bad_request(RequestFactory().get("/"), exception=None)
    assert_site_page(response, 400, "请求有误")


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_out_for_that_address(client, settings):
    User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    statuses = [
        client.post("/admin/login/", {"username": "editor", "password": "guess"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The form again with its error, until the limit-th failure locks the pair out.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}
    )
    assert_site_page(locked, 429, "登录尝试过多")
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked by someone else's guesses.
    User.objects.create_user("other", password="another-good-pass", is_staff=True)
    other = client.post("/admin/login/", {"username": "other", "password": "another-good-pass"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client, settings):
    User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})
    ok = client.post("/admin/login/", {"username": "editor", "password": "correct-horse-battery"})
    assert ok.status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": "editor", "password": "guess"})
    again = client.post(
        "/admin/login/", {"username": "editor", "password": "correct-horse-battery"}
    )
    assert again.status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_lockouts_count_per_reader_and_a_forged_header_does_not_escape(
    client, settings
):
    settings.ARCHIVE_PROXY_COUNT = 1  # one TLS proxy in front, which appends the reader's address
    User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)

    def login(password: str, forwarded: str) -> int:
        data = {"username": "editor", "password": password}
        return client.post("/admin/login/", data, HTTP_X_FORWARDED_FOR=forwarded).status_code

    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker varies a forged first entry; the proxy's own entry stays the same.
        login("guess", f"10.0.0.{n}, 203.0.113.7")
    assert login("correct-horse-battery", "10.9.9.9, 203.0.113.7") == 429
    # Another reader behind the same proxy is not locked out by the attacker.
    assert login("correct-horse-battery", "198.51.100.4") == 302
