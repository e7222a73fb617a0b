"""People: one Person per real person, however the articles spell them, with their aliases."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import connections, models
from django.db.models import prefetch_related_objects
from django.urls import reverse

from archive.ingest.namekeys import sound_name_key, surname_sound_key
from archive.models.base import unique_slug


class PersonQuerySet(models.QuerySet):
    def real(self) -> PersonQuerySet:
        """People, without the names an admin marked as "not a person"."""
        return self.filter(not_a_person=False)


class PersonAliasQuerySet(models.QuerySet):
    def near(self, keys: Mapping[str, str]) -> list[PersonAlias]:
        """The aliases with any of `keys` (field name -> value; an empty value matches nothing), in
        pk order, their people fetched. One raw statement, not a filter of ORed Qs: the ORM took ten
        times as long to build and compile that query as the database took to answer it (~0.4 ms),
        and a search tries it on each run of words that may be a name (issue 18)."""
        if self.query.has_filters():
            raise TypeError("near() reads the whole table: call it on PersonAlias.objects, unfiltered")
        if not any(keys.values()):
            return []
        meta, quote = self.model._meta, connections[self.db].ops.quote_name
        columns = ", ".join(quote(f.column) for f in meta.concrete_fields)
        wanted = " OR ".join(f"{quote(meta.get_field(name).column)} = %s" for name in keys)
        sql = f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {wanted} ORDER BY {quote(meta.pk.column)}"
        # An empty value becomes NULL, which equals nothing (not even an alias with an empty key).
        aliases = list(self.raw(sql, [value or None for value in keys.values()]))
        prefetch_related_objects(aliases, "person")
        return aliases


class Person(models.Model):
    """One real person, however the articles spell them. `not_a_person` is an admin's verdict
    that this name (and its aliases) is a place, organisation or noise: later ingests drop it.
    `name_is_custom`: an editor chose the name, so imports and merges do not re-pick it."""

    name = models.CharField(max_length=200, help_text="Canonical name, e.g. Bashar al-Assad.")
    slug = models.SlugField(max_length=100, unique=True)
    not_a_person = models.BooleanField(
        default=False, db_index=True, help_text="This name is not a person; ignore it on every ingest."
    )
    name_is_custom = models.BooleanField(
        "name chosen by an editor",
        default=False,
        help_text="Set when an editor changes the name: later imports and merges keep it. Untick to let "
        "Parallax pick the spelling again.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Person, self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("archive:person", args=[self.slug])


class PersonAlias(models.Model):
    """A spelling of a person's name. `key` is the normalised matching key computed by
    archive.ingest.namekeys (accents folded, particles and honorifics removed), unique
    so one spelling always resolves to one person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)
    # The key of the surname alone ("assad" for "Bashar al-Assad"), so a surname-only mention
    # or a first-name variant ("Ahmed"/"Ahmad Jarba") finds its person with one indexed lookup.
    surname_key = models.CharField(max_length=200, blank=True, default="", db_index=True)
    # archive.ingest.namekeys.sound_name_key of the name, and of its surname: the same person
    # spelt in another script ("Джон Керри" / "John Kerry") meets this alias by one indexed lookup.
    sound_key = models.CharField(max_length=200, blank=True, default="", db_index=True)
    surname_sound_key = models.CharField(max_length=200, blank=True, default="", db_index=True)

    objects = PersonAliasQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_sound_keys()
        super().save(*args, **kwargs)

    def fill_sound_keys(self) -> None:
        """Set the sound keys from the name (save() does; call it before a bulk_create)."""
        self.sound_key = sound_name_key(self.name)[:200]
        self.surname_sound_key = surname_sound_key(self.name)[:200]
