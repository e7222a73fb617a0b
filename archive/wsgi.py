import os

from django.core.wsgi import get_wsgi_application

from archive.datadir import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
prepare_data_dir()  # before the application: whitenoise looks for the static root when it starts
application = get_wsgi_application()
