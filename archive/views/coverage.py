"""Compare coverage: stories, side-by-side comparison, outlet comparison, story API. (Placeholders.)"""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("Not built yet")


story_list = story_detail = compare_articles = compare_sources = api_story_list = api_story_detail = _todo
