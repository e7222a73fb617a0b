"""A story's articles as compare values, for the story page and the story API alike: which articles
a story page compares, each as a compare.coverage.ArticleView (people, spellings, resolved quotes),
how each outlet frames the story (against the archive's word counts, cached per archive version),
what can be aligned across the outlets' languages, and the outlets that published in the story's
days without covering it. Glue: reads rows, never a request."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from archive import figures
from archive.compare.alignment import Alignment, align
from archive.compare.coverage import (
    UNKNOWN_OUTLET,
    ArticleView,
    Comparison,
    PersonCount,
    compare,
    coverage_window,
    outlet_coverage,
)
from archive.compare.framing import OutletFraming, frame_story, prior_counts
from archive.compare.quotes import QuoteRef
from archive.models import Article, Mention, Quote, Source, Story

# A story page compares at most this many articles (the earliest): beyond a dozen columns the page stops
# being readable and sentence matching grows with the square of the sentences.
STORY_PAGE_ARTICLES = 12
# Articles read for the framing prior (compare.framing: the archive's word counts), newest first, and
# the fewest uses a term needs to be kept in it (rarer ones fall back to the prior's unseen share).
PRIOR_ARTICLES = 300
PRIOR_MIN_COUNT = 2


def story_articles(story: Story) -> QuerySet[Article]:
    """The articles a story page compares: the first STORY_PAGE_ARTICLES published."""
    first = story.articles.order_by(F("published_date").asc(nulls_last=True), "published_time", "id")
    return Article.objects.filter(pk__in=list(first.values_list("pk", flat=True)[:STORY_PAGE_ARTICLES]))


def article_views(articles: QuerySet[Article]) -> list[ArticleView]:
    """Compare values for `articles`, with their people (canonical names) and resolved quotes."""
    mentions = Mention.objects.filter(person__not_a_person=False).select_related("person")
    rows = articles.select_related("source").prefetch_related(
        Prefetch("mentions", queryset=mentions),
        Prefetch("quotes", queryset=Quote.objects.select_related("person")),
    )
    views = []
    for a in rows:
        people = tuple(
            PersonCount(m.person.name, m.count, m.person_id, m.person.slug) for m in a.mentions.all()
        )
        forms = {m.person.name: tuple(m.forms or (m.person.name,)) for m in a.mentions.all()}
        quotes = tuple(QuoteRef(a.pk, q.text, q.speaker, q.person_id, q.position) for q in a.quotes.all())
        names = {q.person_id: q.person.name for q in a.quotes.all() if q.person_id}
        views.append(
            ArticleView(
                article_id=a.pk,
                title=a.title,
                source=a.source.name if a.source else UNKNOWN_OUTLET,
                source_id=a.source_id,
                body=a.body,
                published_date=a.published_date,
                published_time=a.published_time,
                credit=a.credit,
                url=a.url,
                people=people,
                quotes=quotes,
                person_names=names,
                language=a.language,
                name_forms=forms,
            )
        )
    return views


def story_framing(views: list[ArticleView]) -> tuple[OutletFraming, ...]:
    """How each outlet frames the story, against the archive's word counts (cached per version)."""
    coverage = outlet_coverage(views)
    if len(coverage) < 2:
        return ()
    return frame_story(coverage, figures.cached("framing-prior", _prior))


def _prior() -> dict[str, float]:
    bodies = Article.objects.order_by("-id").values_list("body", flat=True)[:PRIOR_ARTICLES]
    return {t: float(n) for t, n in prior_counts(bodies).items() if n >= PRIOR_MIN_COUNT}


@dataclass(frozen=True)
class StoryComparison:
    """A story's articles set side by side: what the story page and the story API both show."""

    comparison: Comparison
    framing: tuple[OutletFraming, ...]
    alignment: Alignment  # what can be aligned whatever the articles' languages


def load_story(story: Story) -> StoryComparison:
    """The story's first STORY_PAGE_ARTICLES articles compared, framed and aligned."""
    views = article_views(story_articles(story))
    return StoryComparison(compare(views), story_framing(views), align(views))


def not_covered_by(story: Story) -> list[Source]:
    """Outlets with an article dated within the story's days (compare.coverage.coverage_window)
    and none in the story, nor a near-copy of one of its articles (copies_of), A-Z. One probe of the
    (source, published_date) index per outlet."""
    window = coverage_window(story.first_published, story.last_published)
    if window is None:
        return []
    publishing = Article.objects.filter(source=OuterRef("pk"), published_date__range=window)
    covered = Article.objects.filter(story=story, source__isnull=False).values("source")
    copied = Article.objects.filter(duplicate_of__story=story, source__isnull=False).values("source")
    outlets = Source.objects.filter(Exists(publishing)).exclude(pk__in=covered).exclude(pk__in=copied)
    return list(outlets.order_by("name"))


def copies_of(story: Story) -> list[Article]:
    """The near-copies of the story's articles (the same wire story on another site) that are not in
    the story themselves, by outlet: they are not compared side by side, but their outlets did carry
    the story. (Clustering puts a near-copy in its original's story; one stored since, or taken out,
    is not.)"""
    copies = (
        Article.objects.filter(duplicate_of__story=story)
        .exclude(story=story)
        .select_related("source", "duplicate_of__source")
    )
    return list(copies.order_by("source__name", "pk"))
