"""Person alias keys spelt again with the folding of session 7 (archive.ingest.textrules.transliterate):
Unidecode's mark for the Cyrillic soft and hard signs and the Arabic hamza and ain is no longer a word
break, so "Ольга" keys as "olga", not "ol ga", and meets the Latin "Olga". Keys stored before it would
miss every exact look-up of the new spelling.

An alias whose new key another alias already holds: of the same person, it is a second spelling of one
key and keeps its old key (its spelling stays on the person's page; the other alias answers the key);
of another person, it keeps its old key too (two people are merged only by an editor).
The sound keys, which fold too, are recomputed for every alias.
"""

from django.db import migrations

from archive.ingest.namekeys import name_key, sound_name_key, surname_key, surname_sound_key

BATCH = 2000


def refold_keys(apps, schema_editor):
    PersonAlias = apps.get_model("archive", "PersonAlias")
    holders = dict(PersonAlias.objects.values_list("key", "person_id"))
    changed = []
    fields = ("id", "name", "key", "surname_key", "sound_key", "surname_sound_key", "person_id")
    for alias in PersonAlias.objects.only(*fields).iterator(BATCH):
        new = {
            "key": name_key(alias.name)[:200] or alias.key,
            "surname_key": surname_key(alias.name)[:200] if alias.surname_key else "",
            "sound_key": sound_name_key(alias.name)[:200],
            "surname_sound_key": surname_sound_key(alias.name)[:200],
        }
        if new["key"] != alias.key:
            holder = holders.get(new["key"])
            if holder is not None:
                new["key"] = alias.key
            else:  # (a key given up here stays taken: one UPDATE may not pass a key between rows)
                holders[new["key"]] = alias.person_id
        if any(getattr(alias, field) != value for field, value in new.items()):
            for field, value in new.items():
                setattr(alias, field, value)
            changed.append(alias)
    PersonAlias.objects.bulk_update(changed, ["key", "surname_key", "sound_key", "surname_sound_key"], BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0017_person_name_is_custom"),
    ]

    operations = [migrations.RunPython(refold_keys, migrations.RunPython.noop, elidable=True)]
