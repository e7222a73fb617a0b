"""Django glue for compare coverage: put a newly ingested article into a story, extract its quotes.

The importer calls on_article_ingested() after each article is stored. Built in the compare issue."""

from __future__ import annotations


def on_article_ingested(article) -> None:
    """Assign `article` to a story and store its quotes (no-op until compare coverage is built)."""
