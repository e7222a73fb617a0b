"""Forms for the admin's upload page, the Source editor and the merge pages (outlets, people)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings

from archive.models import Article, Source


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # An empty file is reported by the importer as "failed: the file is empty" with the
        # rest of the batch, rather than rejecting the whole upload.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not items and self.required:
            raise forms.ValidationError("Choose at least one file to upload.", code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        help_text=(
            "Plain-text or HTML pages (gzip-compressed too), .zip files of them, "
            "or a Parallax export (JSON or CSV)."
        ),
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(),
        required=False,
        label="These are all from",
        empty_label="(read the source off each page)",
    )
    new_source = forms.CharField(
        required=False, max_length=200, label="…or a new source named", help_text="e.g. The National"
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit_mb = settings.PARALLAX_MAX_UPLOAD_MB
        total = sum(f.size for f in files)
        if total > limit_mb * 1024 * 1024:
            raise forms.ValidationError(
                f"The upload is {total / 1024 / 1024:.1f} MB; the limit is {limit_mb} MB. "
                "Split it into smaller uploads, or use `manage.py ingest` on the server."
            )
        return files

    def clean(self):
        data = super().clean()
        if data.get("source") and (data.get("new_source") or "").strip():
            raise forms.ValidationError("Choose an existing source or type a new name, not both.")
        return data

    def source_name(self) -> str | None:
        source = self.cleaned_data.get("source")
        return source.name if source else (self.cleaned_data.get("new_source") or "").strip() or None


class ArticleAdminForm(forms.ModelForm):
    """The article change form, with the review flags to confirm by "Mark reviewed"."""

    reviewed = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Checked",
        help_text="Values you checked and found right: “Mark reviewed” clears their flags, and "
        "re-extraction keeps them. A value you edit counts as checked.",
    )

    class Meta:
        model = Article
        # ArticleAdmin's fieldsets decide the fields (its URL field with https assumed); this
        # class only adds `reviewed`
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        flagged = list(self.instance.review_fields or ()) if self.instance.pk else []
        self.fields["reviewed"].choices = [(field, field) for field in flagged]
        self.fields["reviewed"].initial = flagged


class ListField(forms.CharField):
    """A JSON list edited as text: one item per line (or comma-separated when `commas`)."""

    def __init__(self, *args, commas: bool = True, **kwargs):
        self.commas = commas
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return (", " if self.commas else "\n").join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = re.split(r"[,\n]" if self.commas else r"\n", text)
        return list(dict.fromkeys(part.strip() for part in parts if part.strip()))

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class SourceForm(forms.ModelForm):
    aliases = ListField(help_text="Other names and initials, separated by commas: TBP, BRICS Post.")
    domains = ListField(help_text="Web domains, separated by commas: thebricspost.com.")
    patterns = ListField(
        commas=False, help_text="Regular expressions, one per line; a page matching one is from this source."
    )

    class Meta:
        model = Source
        fields = ["name", "slug", "aliases", "domains", "patterns"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False  # Source.save() makes one from the name

    def clean_patterns(self):
        patterns = self.cleaned_data["patterns"]
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise forms.ValidationError(
                    f"{pattern!r} is not a valid regular expression: {error}"
                ) from None
        return patterns


class MergeForm(forms.Form):
    """Which of the rows chosen for a merge (outlets, people) is kept: `choices` are those rows."""

    target = forms.ModelChoiceField(queryset=None, widget=forms.RadioSelect)

    def __init__(self, *args, choices, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset, self.fields["target"].label = choices, label
