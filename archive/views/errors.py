"""The 400 page: a request refused before any view ran (too many files, too much form data, an
unreadable multipart body, a host name the site does not serve) says which limit it passed and what
to do, not a bare "Bad Request", and always in the site's own words: Django's messages (the
ALLOWED_HOSTS hint, the multipart parser's errors) name settings and internals, and would echo
whatever the client sent, so they go to the log only."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.views import defaults

from archive.views import api_base


def refusal_reason(exception: Exception | None) -> str:
    """One sentence for the limit a refused request passed."""
    if isinstance(exception, TooManyFilesSent):
        return (
            f"The upload had more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES:,} files. Put them in a "
            ".zip file, or upload them in smaller groups."
        )
    if isinstance(exception, TooManyFieldsSent):
        return f"The form had more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields."
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        return f"The form's data (other than files) was larger than {limit} MB."
    if isinstance(exception, DisallowedHost):
        return "This site does not answer to that host name."
    if isinstance(exception, MultiPartParserError):
        if "header size" in str(exception):
            return (
                "A file name in the upload is too long (a part's headers passed 1,024 characters); rename it."
            )
        return "The uploaded form could not be read (its data was cut short or garbled); send it again."
    return "The request could not be read."


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(request, "400.html", {"reason": refusal_reason(exception)}, status=400)
    return response.render()


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page; under /api/ a JSON error (archive/views/api_base.py), as every API answer is."""
    if request.path.startswith("/api/"):
        return api_base.not_found(request, exception)
    return defaults.page_not_found(request, exception)
