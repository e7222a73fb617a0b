"""Another Parallax process for the cross-process story index tests (tests/test_story_index_processes.py).

Run as a script with PARALLAX_DATA_DIR pointing at a folder: it uses the SQLite database there, which
the test's other processes share. It reads one Python line per line of stdin, runs it here (with the
helpers below in scope) and answers with one JSON line: {"value": ...} or {"error": "..."}. A line that
is an expression answers its value; a statement answers null.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "DEBUG": "true",
        "PARALLAX_NER": "false",
        "PARALLAX_INDEX_ON_SAVE": "false",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from archive.compare.stories import ArticleSignature  # noqa: E402
from archive.importing import reextraction  # noqa: E402
from archive.models import Article, Source  # noqa: E402
from archive.stories import clustering, synced_index  # noqa: E402

DAY = dt.date(2014, 3, 4)


def migrate() -> None:
    call_command("migrate", verbosity=0)


def ingest(title: str, body: str, *, raw_text: str | None = None) -> int:
    """Store an article and run the ingest hook in one transaction, as the importer does."""
    with transaction.atomic():
        source, _ = Source.objects.get_or_create(name="Harbour Times")
        article = Article.objects.create(
            title=title,
            body=body,
            raw_text=raw_text or body,
            fingerprint=f"process-test-{Article.objects.count()}-{len(body)}",
            published_date=DAY,
            source=source,
        )
        clustering.on_article_ingested(article)
        return article.pk


def story_of(pk: int) -> int | None:
    return Article.objects.values_list("story_id", flat=True).get(pk=pk)


def indexed(pk: int) -> bool:
    return pk in synced_index.current()


def candidates_for(terms: dict[str, float]) -> list[int]:
    """The candidates this process's index gives an unseen article with these terms on DAY."""
    return synced_index.current().candidates(ArticleSignature(-1, terms, published=DAY))


def delete(pk: int) -> None:
    Article.objects.get(pk=pk).delete()


def mark_duplicate(pk: int, of: int) -> None:
    with transaction.atomic():
        article = Article.objects.get(pk=pk)
        article.duplicate_of_id = of
        article.save()


def reextract(pk: int) -> str:
    """Re-run extraction on the article's raw text; the new title."""
    [result] = reextraction.reextract(Article.objects.filter(pk=pk).select_related("source"))
    assert result.status == "updated", result.error
    return Article.objects.get(pk=pk).title


def main() -> None:
    for line in sys.stdin:
        try:
            try:
                value = eval(line, globals())  # noqa: S307  (a test's own line)
            except SyntaxError:
                exec(line, globals())  # noqa: S102
                value = None
            answer = {"value": value}
        except Exception:  # noqa: BLE001  (reported to the test, which fails with it)
            answer = {"error": traceback.format_exc()}
        print(json.dumps(answer, default=str), flush=True)


if __name__ == "__main__":
    main()
