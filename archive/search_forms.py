"""The search form: validates the parameters of /search/, /api/search/, the feeds and a saved search's
query string into a SearchRequest (person names resolved to the archive's through archive/searching.py
on the way). Glue, not web edge: it takes a mapping of parameters, never a request, so the digests
(archive/following/) read a saved search as the page does."""

from __future__ import annotations

from django import forms

from archive.search.backend import PEOPLE_FACET, SORTS, Filters, SearchRequest
from archive.search.query import parse_query
from archive.searching import canonical_people, resolve_people

PER_PAGE = 20
# "More people" widens the people facet from the top 20 to this many.
MORE_PEOPLE = 200
# At most this many values per repeated filter parameter, each at most this long (bounds the work).
MAX_VALUES = 20
MAX_VALUE_CHARS = 300


class MultiValueField(forms.Field):
    """A repeatable GET parameter (source=A&source=B) as a tuple of distinct, trimmed strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> tuple[str, ...]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        cleaned = [" ".join(str(v).split())[:MAX_VALUE_CHARS] for v in values]
        return tuple(dict.fromkeys(v for v in cleaned if v))[:MAX_VALUES]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True, label="Search the archive")
    source = MultiValueField(required=False)
    person = MultiValueField(required=False)
    year = MultiValueField(required=False)
    month = MultiValueField(required=False)
    sort = forms.ChoiceField(choices=[(s, s.capitalize()) for s in SORTS], required=False)
    page = forms.IntegerField(min_value=1, required=False)
    more = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = {k: data.getlist(k) if k in self.multi_fields else data.get(k) for k in data}
        super().__init__(data, **kwargs)
        # "from" and "to" are Python keywords, so they cannot be class attributes.
        self.fields["from"] = forms.DateField(required=False, label="From", input_formats=["%Y-%m-%d"])
        self.fields["to"] = forms.DateField(required=False, label="To", input_formats=["%Y-%m-%d"])

    multi_fields = ("source", "person", "year", "month")

    def problems(self) -> list[str]:
        """What was wrong with the parameters, as sentences (the bad ones are ignored; dates given the
        wrong way round are read the right way round)."""
        names = {"from": "from date", "to": "to date", "sort": "sort order", "page": "page number"}
        found = [
            f"The {names.get(name, name)} “{self.data.get(name)}” was not understood, so it was ignored."
            for name in self.errors
        ]
        if self._dates_reversed():
            data = self.cleaned_data
            found.append(
                f"The from date ({data['from']:%Y-%m-%d}) was after the to date ({data['to']:%Y-%m-%d}), "
                "so articles between the two are shown."
            )
        return found

    def _dates_reversed(self) -> bool:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("from") and data.get("to") and data["from"] > data["to"])

    def search_request(self) -> SearchRequest:
        """The request these parameters describe (invalid ones are left out; see problems())."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        parsed = resolve_people(parse_query(data.get("q") or ""))
        date_from, date_to = data.get("from"), data.get("to")
        if self._dates_reversed():  # the wrong way round, they still say which period is meant
            date_from, date_to = date_to, date_from
        filters = Filters(
            sources=data.get("source") or (),
            people=canonical_people(data.get("person") or ()),
            years=data.get("year") or (),
            months=data.get("month") or (),
            date_from=date_from,
            date_to=date_to,
        )
        sort = data.get("sort") or ("relevance" if not parsed.is_empty else "newest")
        return SearchRequest(
            parsed,
            filters,
            sort=sort,
            page=data.get("page") or 1,
            per_page=PER_PAGE,
            people_limit=MORE_PEOPLE if data.get("more") == "person" else PEOPLE_FACET,
        )
