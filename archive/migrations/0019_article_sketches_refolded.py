"""Duplicate detection's fingerprint and sketch keys computed again for articles in the scripts whose
folding changed with 0018 (Greek to Arabic: Unidecode's mark for a Cyrillic soft sign or an Arabic
hamza is no longer a word break). A re-upload of such an article is then still found as the same text
or a near copy of the stored one, instead of being stored twice.
"""

import re

from django.db import migrations

from archive.ingest.dedup import sketch_body

# The scripts archive.ingest.textrules spells without Unidecode's marks (Greek to Arabic).
_REFOLDED = re.compile("[\u0370-\u07ff]")
BATCH = 500


def resketch(apps, schema_editor):
    Article, ShingleKey = apps.get_model("archive", "Article"), apps.get_model("archive", "ShingleKey")
    changed = []
    for article in Article.objects.only("id", "body", "fingerprint", "shingles").iterator(BATCH):
        if not _REFOLDED.search(article.body or ""):
            continue
        sketch = sketch_body(article.body)
        if sketch.fingerprint != article.fingerprint or list(sketch.keys) != list(article.shingles or []):
            # A new row without the body: holding every changed article's body would take the
            # archive's Russian and Arabic text into memory at once.
            changed.append(Article(id=article.id, fingerprint=sketch.fingerprint, shingles=list(sketch.keys)))
    for start in range(0, len(changed), BATCH):
        batch = changed[start : start + BATCH]
        Article.objects.bulk_update(batch, ["fingerprint", "shingles"])
        ShingleKey.objects.filter(article_id__in=[a.id for a in batch]).delete()
        ShingleKey.objects.bulk_create(ShingleKey(article_id=a.id, key=k) for a in batch for k in a.shingles)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0018_person_alias_keys_refolded"),
    ]

    operations = [migrations.RunPython(resketch, migrations.RunPython.noop, elidable=True)]
