"""A bad search backend setting stops with InvalidSearchBackendError, a configuration error that says
what is wrong, never a bare KeyError or ImportError."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.search import InvalidSearchBackendError, get_backend


def _configure(settings, tmp_path, **conf):
    settings.SEARCH_BACKENDS = {"default": {"PATH": str(tmp_path / "index"), **conf}}


@pytest.mark.parametrize(
    ("backend", "says"),
    [
        ("archive.search.backends.nowhere.Backend", "archive.search.backends.nowhere.Backend"),  # no module
        ("archive.search.backends.whoosh.backend.NoSuchBackend", "NoSuchBackend"),  # no class
        ("elasticsearch", "whoosh, postgres or a dotted path"),  # PARALLAX_SEARCH_BACKEND=elasticsearch
        ("archive.search.budget.Budget", "not a search backend class"),
    ],
)
def test_a_backend_setting_that_names_no_backend_class_is_a_configuration_error_saying_why(
    settings, tmp_path, backend, says
):
    _configure(settings, tmp_path, BACKEND=backend)
    with pytest.raises(InvalidSearchBackendError, match=says):
        get_backend()


def test_an_unknown_alias_is_a_configuration_error(settings, tmp_path):
    _configure(settings, tmp_path, BACKEND="archive.search.backends.whoosh.backend.WhooshBackend")
    with pytest.raises(InvalidSearchBackendError, match="'replica'"):
        get_backend("replica")


def test_a_bad_body_loader_is_a_configuration_error(settings, tmp_path):
    _configure(
        settings,
        tmp_path,
        BACKEND="archive.search.backends.whoosh.backend.WhooshBackend",
        BODY_LOADER="archive.search.documents.no_such_loader",
    )
    with pytest.raises(InvalidSearchBackendError, match="BODY_LOADER"):
        get_backend()


def test_the_error_is_django_s_configuration_error():
    assert issubclass(InvalidSearchBackendError, ImproperlyConfigured)
