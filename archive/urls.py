from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from archive.views import api, api_stories, browse, coverage, feeds, saved, schema, search

app_name = "archive"
# A request refused before any view ran (too many files, an unreadable upload) says why.
handler400 = "archive.views.errors.bad_request"
# Under /api/ a path that names nothing answers as JSON, like every API error.
handler404 = "archive.views.errors.page_not_found"

archive_patterns = [
    # Browse (archive/views/browse.py)
    path("", browse.home, name="home"),
    path("sources/", browse.source_list, name="source_list"),
    path("sources/<slug:slug>/", browse.source_detail, name="source"),
    path("people/", browse.person_list, name="person_list"),
    path("people/<slug:slug>/", browse.person_detail, name="person"),
    path("articles/<int:pk>/", browse.article_detail, name="article"),
    path("dates/", browse.date_archive, name="dates"),
    path("dates/<int:year>/", browse.date_archive, name="dates_year"),
    path("dates/<int:year>/<int:month>/", browse.date_archive, name="dates_month"),
    # Search (archive/views/search.py)
    path("search/", search.search_page, name="search"),
    path("search/help/", search.search_help, name="search_help"),
    path("api/search/", search.api_search, name="api_search"),
    # Atom feeds of a search, an outlet, a person and a story (archive/views/feeds.py)
    path("search/feed/", feeds.search_feed, name="search_feed"),
    path("sources/<slug:slug>/feed/", feeds.source_feed, name="source_feed"),
    path("people/<slug:slug>/feed/", feeds.person_feed, name="person_feed"),
    path("stories/<int:pk>/feed/", feeds.story_feed, name="story_feed"),
    # Saved searches and their alerts, and the sign-in they need (archive/views/saved.py)
    path("saved/", saved.saved_searches, name="saved_searches"),
    path("saved/<int:pk>/", saved.saved_search, name="saved_search"),
    path("saved/<int:pk>/alerts/", saved.saved_alerts, name="saved_alerts"),
    path("saved/<int:pk>/delete/", saved.saved_delete, name="saved_delete"),
    path("login/", saved.sign_in, name="login"),
    path("logout/", saved.sign_out, name="logout"),
    # Compare coverage (archive/views/coverage.py)
    path("stories/", coverage.story_list, name="story_list"),
    path("stories/<int:pk>/", coverage.story_detail, name="story"),
    path("compare/", coverage.compare_articles, name="compare"),
    path("compare/sources/", coverage.compare_sources, name="compare_sources"),
    # The read-only API (archive/views/api*.py): errors, pages and records one way for every endpoint
    path("api/stories/", api_stories.api_story_list, name="api_stories"),
    path("api/stories/<int:pk>/", api_stories.api_story_detail, name="api_story"),
    path("api/articles/", api.api_article_list, name="api_articles"),
    path("api/articles/<int:pk>/", api.api_article_detail, name="api_article"),
    path("api/people/", api.api_person_list, name="api_people"),
    path("api/people/<slug:slug>/", api.api_person_detail, name="api_person"),
    path("api/outlets/", api.api_outlet_list, name="api_outlets"),
    path("api/outlets/<slug:slug>/", api.api_outlet_detail, name="api_outlet"),
    path("api/facets/", api.api_facets, name="api_facets"),
    # The OpenAPI description of the API above (archive/views/schema.py)
    path("api/schema/", schema.api_schema, name="api_schema"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links to.
    # Lazy: with hashed static names the manifest is read on the first request, not at import
    # (manage.py commands run before collectstatic has written it).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("archive/favicon.svg"), permanent=True)),
    path("", include((archive_patterns, "archive"))),
]
