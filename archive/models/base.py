"""What the model modules share."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify

from archive.ingest.textrules import transliterate


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug for `text` not yet used by another row of `model` (adds -2, -3, ...). A name in another
    script is spelled in Latin letters ("Коммерсантъ" -> "kommersant"), as the addresses allow only
    ASCII: outlets named in Chinese, Korean or Persian had become "item", "item-2", "item-3"."""
    base = slugify(transliterate(text))[:80] or "item"
    slug, n = base, 1
    qs = model._default_manager.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
