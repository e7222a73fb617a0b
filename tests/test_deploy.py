"""Production settings: `check --deploy` is clean under the README's recipe, the proxy's HTTPS
header is trusted only when the recipe says there is a proxy, and every page carries a
Content-Security-Policy it passes: no inline script, style or event handler anywhere."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
# What the subprocess keeps of this environment: nothing the test run or a developer set (the
# test settings' relaxations, the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE), only what finds programs.
KEPT = ("PATH", "HOME", "LANG", "LC_ALL")
PLACEHOLDERS = {
    "SECRET_KEY": "k7Qv2pX9mZr4tLw8yBn3cFh6jDs1gVa5eUo0iRx7qTz2wKy9uPm4",
    "DATABASE_URL": "postgres://parallax:secret@db.internal:5432/parallax",
}


def readme_recipe() -> dict[str, str]:
    """The variables the README's "Serving in production" recipe exports (placeholders filled in)."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Serving in production", 1)[1]
    export = next(line for line in section.splitlines() if line.startswith("export "))
    pairs = dict(word.split("=", 1) for word in shlex.split(export)[1:])
    return {name: PLACEHOLDERS.get(name, value) if "..." in value else value for name, value in pairs.items()}


def manage_under_recipe(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name in KEPT}
    env.update(readme_recipe(), PARALLAX_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_under_the_readme_recipe(tmp_path):
    result = manage_under_recipe(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_recipe_turns_on_https_hsts_secure_cookies_and_trusts_the_proxy(tmp_path):
    result = manage_under_recipe(tmp_path, "diffsettings")
    values = dict(re.findall(r"^(\w+) = (.*?)(?:  ###)?$", result.stdout, re.M))
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 365 * 24 * 3600
    assert values["SESSION_COOKIE_SECURE"] == values["CSRF_COOKIE_SECURE"] == "True"
    assert values["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"<[a-z][^>]*\sstyle=", re.I), "a style= attribute"),
    (re.compile(r"<[a-z][^>]*\son[a-z]+=", re.I), "an on…= event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def pages(archive: dict) -> list[str]:
    treaty, person = archive["treaty"], archive["treaty"].mentions.first().person
    return [
        "/",
        "/sources/",
        f"/sources/{treaty.source.slug}/",
        "/people/",
        f"/people/{person.slug}/",
        f"/articles/{treaty.pk}/",
        "/dates/",
        "/dates/2014/",
        "/dates/2014/3/",
        "/search/?q=treaty",
        "/search/help/",
        "/saved/",
        "/stories/",
        f"/stories/{treaty.story_id}/",
        f"/compare/?a={treaty.pk}&a={archive['treaty_ledger'].pk}",
        "/compare/sources/?q=treaty&source=harbour-times&source=evening-ledger",
        "/admin/",
        "/admin/archive/article/",
        reverse("admin:archive_article_change", args=[treaty.pk]),
        "/admin/archive/article/add/",
        "/admin/archive/article/upload/",
        "/admin/archive/person/",
        reverse("admin:archive_person_change", args=[person.pk]),
        "/admin/archive/story/",
        reverse("admin:archive_story_change", args=[treaty.story_id]),
        reverse("admin:archive_source_change", args=[treaty.source_id]),
    ]


@pytest.fixture
def every_page(admin_client, lisbon_archive) -> list[tuple[str, object]]:
    responses = [(path, admin_client.get(path)) for path in pages(lisbon_archive)]
    admin_client.logout()
    responses.append(("/admin/login/", admin_client.get("/admin/login/")))
    responses.append(("/login/", admin_client.get("/login/")))
    return responses


def test_every_page_sends_a_policy_and_needs_no_inline_script_or_style_it_would_block(every_page):
    for path, response in every_page:
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy, path
        html = response.content.decode()
        for pattern, what in INLINE:
            match = pattern.search(html)
            assert match is None, f"{path} has {what}: {match and match.group(0)[:120]}"


@pytest.mark.slow
@pytest.mark.browser
def test_chromium_reports_no_policy_violation_on_any_page(
    browser, live_server, transactional_db, lisbon_archive
):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("chief", password="a-long-test-password")
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    try:
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "chief")
        page.fill("#id_password", "a-long-test-password")
        page.click("input[type=submit]")
        for path in pages(lisbon_archive):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.wait_for_load_state("load")
            assert violations == [], f"{path}: {violations}"
    finally:
        context.close()
