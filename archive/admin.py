from django.contrib import admin

from archive.models import Article, Person, Source, Story

admin.site.site_header = "Parallax administration"
admin.site.site_title = "Parallax admin"

admin.site.register(Source)
admin.site.register(Person)
admin.site.register(Article)
admin.site.register(Story)
