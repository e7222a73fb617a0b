"""Search page, query-language help and the search API. (Placeholder views until built.)"""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("Not built yet")


search_page = search_help = api_search = _todo
