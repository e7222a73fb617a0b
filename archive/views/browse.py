"""Browse pages: home, sources, people, articles, dates. (Placeholder views until built.)"""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("Not built yet")


home = source_list = source_detail = person_list = person_detail = article_detail = date_archive = _todo
