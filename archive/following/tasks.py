"""The digest task on the site's task queue (Django's tasks API, as archive/jobs/tasks.py declares
the import tasks): `manage.py send_digests`, run by a scheduler, queues it for whichever queue the
site uses (the database or Redis), so the workers that run imports send the e-mails too."""

from __future__ import annotations

from django_tasks import task

from archive.following import digests


@task()
def send_digests() -> int:
    """Send every due e-mail digest of saved searches; returns how many were sent."""
    return digests.send_digests()
