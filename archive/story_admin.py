"""Admin for stories (rename, merge, move articles out, lock). Built in the compare-coverage issue."""

from django.contrib import admin

from archive.models import Story

admin.site.register(Story)
