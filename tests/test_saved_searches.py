"""Saved searches: saved from the search page, listed with what is new since last looked, opened
(which marks them looked at), private to their owner; and the daily e-mail digest of what is new,
sent once (Django's locmem e-mail backend in tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from archive.following.digests import send_digests
from archive.models import DigestSent, SavedSearch
from tests.fixtures_jobs import run_queued_tasks

QUESTION = "q=ceasefire&source=The+Harbour+Herald&from=2014-01-01"


@pytest.fixture
def archive(make_article, make_source, indexed):
    herald, courier = make_source("The Harbour Herald"), make_source("The Valley Courier")
    with indexed():
        for n, source in enumerate([herald, courier, herald]):
            make_article(
                title=f"Ceasefire holds, report {n}", body="The ceasefire held overnight.", source=source
            )
    return {"herald": herald, "courier": courier}


@pytest.fixture
def reader(django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return django_user_model.objects.create_user("reader", "reader@example.org", "a-reader-password")


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client


def add_article(make_article, indexed, **kwargs):
    with indexed():
        return make_article(**kwargs)


def add_news(make_article, indexed, archive) -> None:
    """A new match of QUESTION (the Herald's) and a new ceasefire report from another outlet."""
    with indexed():
        make_article(title="Ceasefire broken at dawn", body="The ceasefire broke.", source=archive["herald"])
        make_article(title="Ceasefire elsewhere", body="A ceasefire.", source=archive["courier"])


def test_an_anonymous_visitor_is_invited_to_sign_in(client, archive):
    html = client.get("/search/", {"q": "ceasefire"}).content.decode()
    assert "Sign in to save this search" in html and 'name="name"' not in html
    response = client.get("/saved/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=/saved/")
    assert client.post("/saved/", {"name": "x", "query": "q=x"}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_reader_who_is_not_staff_signs_in_on_the_sign_in_page(client, reader):
    response = client.post("/login/", {"username": "reader", "password": "a-reader-password"})
    assert response.status_code == 302 and response["Location"] == "/saved/"
    assert client.get("/saved/").status_code == 200


def test_a_signed_in_reader_saves_the_search_as_it_was_typed(signed_in, archive):
    html = signed_in.get(f"/search/?{QUESTION}&page=1").content.decode()
    assert "Save this search" in html and f'name="query" value="{QUESTION.replace("&", "&amp;")}"' in html
    response = signed_in.post("/saved/", {"name": "Herald on the ceasefire", "query": f"{QUESTION}&page=1"})
    assert response.status_code == 302 and response["Location"] == "/saved/"
    saved = SavedSearch.objects.get()
    assert saved.name == "Herald on the ceasefire" and saved.query_string == QUESTION
    listing = signed_in.get("/saved/").content.decode()
    assert "Herald on the ceasefire" in listing and "nothing new" in listing


def test_new_matches_are_counted_until_the_search_is_opened(
    signed_in, reader, archive, make_article, indexed
):
    saved = SavedSearch.objects.create(user=reader, name="Herald ceasefire", query_string=QUESTION)
    add_news(make_article, indexed, archive)
    add_article(make_article, indexed, title="Harbour news", body="Boats came in.", source=archive["herald"])
    assert "1 new" in signed_in.get("/saved/").content.decode()
    response = signed_in.get(f"/saved/{saved.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/search/?{QUESTION}"
    assert "nothing new" in signed_in.get("/saved/").content.decode()


def test_one_reader_never_reaches_anothers_saved_search(signed_in, django_user_model, archive):
    other = django_user_model.objects.create_user("other", "other@example.org", "another-password")
    theirs = SavedSearch.objects.create(user=other, name="Their private question", query_string="q=x")
    assert "Their private question" not in signed_in.get("/saved/").content.decode()
    assert signed_in.get(f"/saved/{theirs.pk}/").status_code == 404
    assert signed_in.post(f"/saved/{theirs.pk}/alerts/", {"alerts": "daily"}).status_code == 404
    assert signed_in.post(f"/saved/{theirs.pk}/delete/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.alerts == "none"


def test_a_reader_chooses_alerts_and_deletes_a_search(signed_in, reader, archive):
    saved = SavedSearch.objects.create(user=reader, name="Mine", query_string="q=ceasefire")
    assert signed_in.post(f"/saved/{saved.pk}/alerts/", {"alerts": "daily"}).status_code == 302
    saved.refresh_from_db()
    assert saved.alerts == SavedSearch.Alerts.DAILY
    signed_in.post(f"/saved/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_the_digest_lists_only_new_matches_and_is_sent_once(reader, archive, make_article, indexed):
    saved = SavedSearch.objects.create(
        user=reader, name="Herald ceasefire", query_string=QUESTION, alerts="daily"
    )
    add_news(make_article, indexed, archive)
    assert send_digests() == 1
    (email,) = mail.outbox
    assert email.to == ["reader@example.org"] and "1 new article" in email.subject
    assert "Ceasefire broken at dawn" in email.body and "Herald ceasefire: 1 new" in email.body
    assert "Ceasefire elsewhere" not in email.body and "Ceasefire holds" not in email.body
    assert f"/saved/{saved.pk}/" in email.body
    record = DigestSent.objects.get()
    saved.refresh_from_db()
    assert record.articles == 1 and saved.digest_mark == record.mark_to

    assert send_digests() == 0 and len(mail.outbox) == 1  # nothing new: nothing sent

    add_article(
        make_article,
        indexed,
        title="Ceasefire talks resume",
        body="The ceasefire talks resumed.",
        source=archive["herald"],
    )
    assert send_digests() == 0  # a daily digest: not again within the day
    assert send_digests(now=timezone.now() + dt.timedelta(days=1)) == 1
    assert "Ceasefire talks resume" in mail.outbox[1].body
    assert "Ceasefire broken at dawn" not in mail.outbox[1].body


def test_searches_without_alerts_or_readers_without_an_address_get_no_digest(
    reader, django_user_model, archive, make_article, indexed
):
    SavedSearch.objects.create(user=reader, name="Quiet", query_string="q=ceasefire")
    nobody = django_user_model.objects.create_user("nomail", "", "a-password-here")
    SavedSearch.objects.create(user=nobody, name="No address", query_string="q=ceasefire", alerts="daily")
    add_article(make_article, indexed, title="Ceasefire news", body="The ceasefire held.")
    assert send_digests() == 0 and mail.outbox == []


def test_the_command_queues_the_digest_task_for_the_workers(
    reader, archive, make_article, indexed, django_capture_on_commit_callbacks
):
    SavedSearch.objects.create(user=reader, name="All ceasefire", query_string="q=ceasefire", alerts="daily")
    add_article(make_article, indexed, title="Ceasefire news", body="The ceasefire held.")
    call_command("send_digests")
    assert mail.outbox == []  # queued, not sent by the command
    assert run_queued_tasks(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1 and "Ceasefire news" in mail.outbox[0].body
    call_command("send_digests", "--now")
    assert len(mail.outbox) == 1


def test_saved_searches_are_managed_in_the_admin(admin_client, reader):
    saved = SavedSearch.objects.create(user=reader, name="Mine", query_string="q=ceasefire")
    assert admin_client.get("/admin/archive/savedsearch/").status_code == 200
    assert admin_client.get(f"/admin/archive/savedsearch/{saved.pk}/change/").status_code == 200


def test_saving_the_same_search_again_keeps_one_row_and_takes_the_new_name(signed_in, reader, archive):
    signed_in.post("/saved/", {"name": "Herald on the ceasefire", "query": QUESTION})
    SavedSearch.objects.update(alerts="daily")
    response = signed_in.post(
        "/saved/", {"name": "Ceasefire, Herald", "query": f"{QUESTION}&page=2"}, follow=True
    )
    saved = SavedSearch.objects.get()
    assert saved.name == "Ceasefire, Herald" and saved.alerts == "daily"
    assert "already saved this search as “Herald on the ceasefire”" in response.content.decode()


def test_two_readers_may_save_the_same_search_but_one_reader_only_once(reader, django_user_model):
    other = django_user_model.objects.create_user("other", "other@example.org", "another-password")
    SavedSearch.objects.create(user=reader, name="Mine", query_string=QUESTION)
    SavedSearch.objects.create(user=other, name="Theirs", query_string=QUESTION)
    SavedSearch.objects.create(user=reader, name="Another question", query_string="q=ceasefire")
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedSearch.objects.create(user=reader, name="Mine again", query_string=QUESTION)
    assert SavedSearch.objects.count() == 3
