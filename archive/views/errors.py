"""The 400 page: a request refused before any view ran (too many files, too much form data, an
unreadable multipart body) says which limit it passed and what to do, not a bare "Bad Request"."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


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
    detail = str(exception or "").strip()
    if "header size" in detail:
        return "A file name in the upload is too long (a part's headers passed 1,024 characters); rename it."
    return f"The request could not be read{': ' + detail if detail else ''}."


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = TemplateResponse(request, "400.html", {"reason": refusal_reason(exception)}, status=400)
    return response.render()
