#!/usr/bin/env python
import contextlib
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    # Development defaults, as cookiecutter-django's manage.py picks its local settings: without a
    # SECRET_KEY this is a developer's checkout, so `python manage.py createsuperuser` just works.
    # A site sets SECRET_KEY; its web entry (archive/wsgi.py) refuses the development key.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from archive.datadir import prepare_data_dir

    with contextlib.suppress(ImproperlyConfigured):  # the command below reports it in Django's words
        prepare_data_dir()
    execute_from_command_line(sys.argv)
