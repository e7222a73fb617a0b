"""Who may do what in the admin: the upload page and every custom action ask for the model
permissions they need, for a staff user with no permissions and for a view-only one."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.importing.importer import import_files
from archive.models import Article, Person, Story

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
UPLOAD_URL = "/admin/archive/article/upload/"
URL = "https://gazette.example/2021/03/port-strike"


def page_with_url(title: str, cleared: str = "two weeks") -> bytes:
    """A fixture article as a page that states its URL, so a second upload of it updates the first."""
    text = (FIXTURES / "wire_harbour.txt").read_text(encoding="utf-8")
    text = text.replace("Port workers end strike after pay deal in Valmora", title)
    return f"{text.replace('two weeks', cleared)}\nOriginal url:\n\n<{URL}>\n".encode()


@pytest.fixture
def staff(django_user_model, client):
    """log_in_with(*codenames): a staff user with exactly those archive permissions, logged in."""

    def log_in_with(*codenames: str):
        user = django_user_model.objects.create_user("desk", password="pw-for-tests-only", is_staff=True)
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
        )
        client.force_login(user)
        return client

    return log_in_with


VIEW_ONLY = ("view_article", "view_person", "view_story", "view_source")


@pytest.mark.parametrize("codenames", [(), VIEW_ONLY], ids=["no permissions", "view only"])
def test_the_upload_page_refuses_staff_who_may_not_add_articles(staff, codenames):
    client = staff(*codenames)
    assert client.get(UPLOAD_URL).status_code == 403
    upload = SimpleUploadedFile("strike.txt", page_with_url("Harbour strike"), content_type="text/plain")
    assert client.post(UPLOAD_URL, {"files": [upload]}).status_code == 403
    assert Article.objects.count() == 0


def test_the_article_list_offers_the_upload_link_only_to_those_who_may_add(staff):
    client = staff(*VIEW_ONLY)
    page = client.get(reverse("admin:archive_article_changelist")).content.decode()
    assert UPLOAD_URL not in page


def test_an_uploader_who_may_add_but_not_change_cannot_overwrite_an_article(staff, post_upload):
    [first] = import_files([("strike.txt", page_with_url("Harbour strike"))])
    client = staff("add_article", "view_article")
    upload = SimpleUploadedFile(
        "strike.txt", page_with_url("Defaced title", cleared="ten days"), content_type="text/plain"
    )
    response = post_upload(client, {"files": [upload]})

    [result] = response.context["results"]
    assert result.status == "failed" and "may add articles but not change them" in result.error
    assert Article.objects.get().title == "Harbour strike"
    fresh = SimpleUploadedFile("other.txt", (FIXTURES / "library_vote.txt").read_bytes())
    [created] = post_upload(client, {"files": [fresh]}).context["results"]
    assert created.status == "created"


def test_an_uploader_who_may_change_articles_updates_the_one_with_the_same_url(staff, post_upload):
    import_files([("strike.txt", page_with_url("Harbour strike"))])
    client = staff("add_article", "change_article", "view_article")
    upload = SimpleUploadedFile(
        "strike.txt", page_with_url("Harbour strike ends", cleared="ten days"), content_type="text/plain"
    )
    [result] = post_upload(client, {"files": [upload]}).context["results"]
    assert result.status == "updated"
    assert Article.objects.get().title == "Harbour strike ends"


def run_action(client, model: str, action: str, ids: list[int]):
    url = reverse(f"admin:archive_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": ids, "target": ids[0]})


@pytest.mark.parametrize("codenames", [(), VIEW_ONLY], ids=["no permissions", "view only"])
def test_people_actions_do_nothing_without_permission(staff, make_person, codenames):
    client = staff(*codenames)
    ana, petrov = make_person("Ana Petrov"), make_person("A. Petrov")
    run_action(client, "person", "mark_not_a_person", [ana.pk])
    run_action(client, "person", "merge_people", [ana.pk, petrov.pk])
    assert Person.objects.count() == 2
    assert not Person.objects.filter(not_a_person=True).exists()


def test_merging_people_needs_the_permission_to_delete_them(staff, make_person):
    client = staff("view_person", "change_person")
    ana, petrov = make_person("Ana Petrov"), make_person("A. Petrov")
    page = client.get(reverse("admin:archive_person_changelist")).content.decode()
    assert "mark_not_a_person" in page and "merge_people" not in page
    run_action(client, "person", "merge_people", [ana.pk, petrov.pk])
    assert Person.objects.count() == 2


@pytest.mark.parametrize("codenames", [(), VIEW_ONLY], ids=["no permissions", "view only"])
def test_story_actions_do_nothing_without_permission(staff, codenames):
    client = staff(*codenames)
    first, second = Story.objects.create(title="Strike"), Story.objects.create(title="Strike ends")
    for action in ("merge_stories", "lock_stories"):
        run_action(client, "story", action, [first.pk, second.pk])
    assert Story.objects.count() == 2
    assert not Story.objects.filter(locked=True).exists()
    Story.objects.update(locked=True)
    run_action(client, "story", "unlock_stories", [first.pk, second.pk])
    assert Story.objects.filter(locked=True).count() == 2


@pytest.mark.parametrize("codenames", [(), VIEW_ONLY], ids=["no permissions", "view only"])
def test_re_running_extraction_needs_the_permission_to_change_articles(staff, codenames, monkeypatch):
    [result] = import_files([("strike.txt", page_with_url("Harbour strike"))])
    calls = []
    monkeypatch.setattr(
        "archive.importing.reextraction.reextract", lambda articles: calls.append(articles) or []
    )
    run_action(staff(*codenames), "article", "reextract_action", [result.article])
    assert calls == []
