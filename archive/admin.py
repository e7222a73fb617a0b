from django.contrib import admin

from archive import story_admin  # noqa: F401  (registers the Story admin)
from archive.models import Article, Person, Source

admin.site.site_header = "Parallax administration"
admin.site.site_title = "Parallax admin"

admin.site.register(Source)
admin.site.register(Person)
admin.site.register(Article)
