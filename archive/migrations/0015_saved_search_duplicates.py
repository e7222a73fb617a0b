"""Before a user may keep one saved search per question (0016's constraint): fold each user's
duplicate rows into the oldest. The kept row takes the daily alerts if any copy had them, the latest
digest mark (nothing e-mailed already is sent again) and the latest look (last_seen_at); the copies'
digest records move to it."""

from django.db import migrations
from django.db.models import Count


def fold_duplicates(apps, schema_editor):
    SavedSearch = apps.get_model("archive", "SavedSearch")
    DigestSent = apps.get_model("archive", "DigestSent")
    repeated = (
        SavedSearch.objects.values("user_id", "query_string")
        .annotate(copies=Count("pk"))
        .filter(copies__gt=1)
    )
    for group in repeated:
        kept, *copies = SavedSearch.objects.filter(
            user_id=group["user_id"], query_string=group["query_string"]
        ).order_by("created_at", "pk")
        for copy in copies:
            if copy.alerts != "none":
                kept.alerts = copy.alerts
            kept.digest_mark = max(kept.digest_mark, copy.digest_mark)
            kept.last_seen_at = max(kept.last_seen_at, copy.last_seen_at)
        DigestSent.objects.filter(saved_search__in=copies).update(saved_search=kept)
        SavedSearch.objects.filter(pk__in=[copy.pk for copy in copies]).delete()
        kept.save(update_fields=["alerts", "digest_mark", "last_seen_at"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0014_article_people")]

    # Nothing to undo: the copies were the same question.
    operations = [migrations.RunPython(fold_duplicates, migrations.RunPython.noop)]
