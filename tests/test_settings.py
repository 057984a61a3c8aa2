"""Settings come from the environment; a production start without a secret key must fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PRODUCTION = {
    "DJANGO_SECRET_KEY": "k3#v9-a-long-random-production-key-with-enough-entropy-0f2a7c1e9b",
    "DJANGO_HTTPS": "1",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
}


def run_check(*options: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_secret_key_refuses_to_start():
    result = run_check()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_off_with_secret_key_starts():
    result = run_check(DJANGO_SECRET_KEY="a-long-random-production-key")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/archive",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_deploy_check_is_clean_with_production_settings():
    """HSTS a year with subdomains and preload, secure cookies, SSL redirect: no W004-W021."""
    result = run_check("--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_fails_without_https_settings():
    # The CI step is real: without the HTTPS settings the same check fails (HSTS, cookies, redirect).
    production = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_HTTPS"}
    result = run_check("--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_https_sends_hsts_for_a_year_with_subdomains_and_preload():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    environment = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "archive.settings"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["31536000", "True", "True"], result.stderr


def test_every_response_carries_the_content_security_policy(client, db):
    header = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert "style-src-attr" not in header
    # The admin alone allows style attributes (its autocomplete widget), never inline scripts.
    admin = client.get("/admin/login/").headers["Content-Security-Policy"]
    assert "style-src-attr 'unsafe-inline'" in admin and "script-src" not in admin
