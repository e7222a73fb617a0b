"""The queries behind the browse pages: counts over time, rankings, co-occurrence, similar articles.

Small functions over QuerySets so the views stay short and the compare pages can reuse them.
Counts include duplicates (a wire story carried by two outlets is coverage by both); lists of
"latest" articles show originals only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower, Substr, Upper

from archive.models import Article, Mention, Person, Quote, Source, Story

# How many similar-article candidates (ranked by shared people) are re-ranked by date closeness:
# enough to find close dates among people who appear everywhere, few enough that reading their
# dates stays one small query.
SIMILAR_CANDIDATES = 200
# Similar articles must share at least this many people; one shared name (often a head of state)
# links half the archive.
SIMILAR_MIN_SHARED = 2


def newest_first(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Newest dated articles first, undated ones last on every database."""
    return articles.order_by(
        F("published_date").desc(nulls_last=True), F("published_time").desc(nulls_last=True), "-id"
    )


def latest_originals(limit: int) -> QuerySet[Article]:
    """The `limit` newest articles that are not duplicates.

    The date of the 3*limit-th newest article is read off the date index first, and only the
    articles from that day on are sorted and checked for duplicates in Python: filtering on
    `duplicate_of IS NULL` in SQL made SQLite walk the foreign-key index over the whole table
    and sort it (0.4 s at 100,000 articles). Falls back to the plain query when that window holds
    too few originals.
    """
    dated = Article.objects.filter(published_date__isnull=False).order_by("-published_date")
    cutoff = dated.values_list("published_date", flat=True)[limit * 3 - 1 : limit * 3].first()
    if cutoff is not None:
        recent = newest_first(Article.objects.filter(published_date__gte=cutoff))
        ids = [pk for pk, dup in recent.values_list("pk", "duplicate_of_id") if dup is None][:limit]
        if len(ids) == limit:
            return newest_first(Article.objects.filter(pk__in=ids))
    return newest_first(Article.objects.originals())[:limit]


def for_listing(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Fetch what the article list item shows (outlet, named people) in three queries, not N."""
    people = Mention.objects.select_related("person").filter(person__not_a_person=False)
    return articles.select_related("source").prefetch_related(Prefetch("mentions", queryset=people))


class _Counted:
    """A sequence whose length is already known, for Paginator: counting the people in a ranking
    would group every mention once more just to count the groups. `pick` maps each item of a slice
    (a ranking row to its person id)."""

    def __init__(self, items: QuerySet, count: int, pick: Callable | None = None) -> None:
        self.items, self._count, self._pick = items, count, pick

    def count(self) -> int:
        return self._count

    def __getitem__(self, key):
        found = self.items[key]
        return [self._pick(item) for item in found] if self._pick and isinstance(key, slice) else found


def newest_ids(articles: QuerySet[Article], *, count: int | None = None) -> Sequence[int]:
    """The ids of `articles`, newest first, for a Paginator (archive.views.paging.article_page);
    pass `count` when it is known more cheaply than by counting `articles`.

    Ids are sorted, and only a page's rows read (listed()): sorting whole rows made SQLite carry
    every matching article's body through the sort (a person named in 5,000 articles)."""
    ids = newest_first(articles).values_list("pk", flat=True)
    return ids if count is None else _Counted(ids, count)


def listed(ids: Iterable[int]) -> list[Article]:
    """The articles with these ids, in that order, ready for the list item."""
    ids = list(ids)
    found = for_listing(Article.objects.filter(pk__in=ids)).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def day_counts(articles: QuerySet[Article]) -> list[tuple[dt.date, int]]:
    """(date, article count) for the dated articles, oldest first. Grouping by the indexed date
    itself reads the index (25 ms at 100,000 articles on SQLite); truncating to months in SQL
    called a function per row (450 ms), so months and years are summed in Python from this."""
    rows = (
        articles.filter(published_date__isnull=False)
        .values("published_date")
        .annotate(n=Count("pk"))
        .order_by("published_date")
    )
    return [(row["published_date"], row["n"]) for row in rows]


def month_counts(articles: QuerySet[Article]) -> list[tuple[dt.date, int]]:
    """(first day of month, article count) for the dated articles, oldest first."""
    months: dict[dt.date, int] = {}
    for day, n in day_counts(articles):
        key = day.replace(day=1)
        months[key] = months.get(key, 0) + n
    return list(months.items())


def year_counts(articles: QuerySet[Article]) -> list[tuple[int, int]]:
    years: dict[int, int] = {}
    for day, n in day_counts(articles):
        years[day.year] = years.get(day.year, 0) + n
    return list(years.items())


def months_of_year(articles: QuerySet[Article], year: int) -> list[tuple[int, int]]:
    """(month number, article count) for all twelve months of `year`, zeros included."""
    counts = [0] * 13
    for day, n in day_counts(articles.filter(published_date__year=year)):
        counts[day.month] += n
    return [(month, counts[month]) for month in range(1, 13)]


def _next_month(year: int, month: int) -> dt.date | None:
    """The first day of the following month; None after December 9999."""
    if (year, month) == (dt.MAXYEAR, 12):
        return None
    return dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)


def in_month(articles: QuerySet[Article], year: int, month: int) -> QuerySet[Article]:
    """Articles dated in that month, as a date range so the date index is used."""
    articles = articles.filter(published_date__gte=dt.date(year, month, 1))
    following = _next_month(year, month)
    return articles if following is None else articles.filter(published_date__lt=following)


def neighbour_months(
    articles: QuerySet[Article], year: int, month: int
) -> tuple[dt.date | None, dt.date | None]:
    """The first day of the nearest earlier and later months that have articles (None at the ends)."""
    earlier = articles.filter(published_date__lt=dt.date(year, month, 1)).order_by("-published_date")
    following = _next_month(year, month)
    later = articles.filter(published_date__gte=following).order_by("published_date") if following else None
    found = [
        qs.values_list("published_date", flat=True).first() if qs is not None else None
        for qs in (earlier, later)
    ]
    return tuple(day.replace(day=1) if day else None for day in found)


def unknown_outlet_articles(totals: Person, outlets: list[Source]) -> int:
    """How many of a person's articles (person_totals) have no outlet: one mention per article and
    person, so the articles no outlet's count (outlets_for_person) takes in."""
    return max(totals.article_count - sum(o.article_count for o in outlets), 0)


def sources_with_counts() -> QuerySet[Source]:
    """Every source with `article_count`, how many of them are undated (`undated_count`) and the span
    of the dated ones (`first_date`, `last_date`), biggest first."""
    return Source.objects.annotate(
        article_count=Count("articles"),
        undated_count=Count("articles", filter=Q(articles__published_date__isnull=True)),
        first_date=Min("articles__published_date"),
        last_date=Max("articles__published_date"),
    ).order_by("-article_count", Lower("name"))


def _real_mentions(articles: QuerySet[Article] | None = None) -> QuerySet[Mention]:
    """Mentions of real people (within `articles` when given). NOT IN over the few not-a-person
    rows keeps the rankings on the (person, count) index instead of joining every mention to Person."""
    not_people = Person.objects.filter(not_a_person=True).values("pk")
    mentions = Mention.objects.exclude(person_id__in=not_people)
    if articles is not None:
        mentions = mentions.filter(article__in=articles)
    return mentions


def mention_totals(articles: QuerySet[Article] | None = None) -> QuerySet:
    """Rows {"person": id, "mention_count", "article_count"} for every real person named (in
    `articles`), in the one order of lists of people (MentionQuerySet.people_ranked)."""
    return _real_mentions(articles).people_ranked("person")


def people_in_order(person_ids: Iterable[int]) -> list[Person]:
    """The Person rows for `person_ids`, in that order, in one query."""
    ids = list(person_ids)
    found = Person.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def with_counts(people: Iterable[Person]) -> list[Person]:
    """Set `mention_count`, `article_count` and `outlet_count` on a page of people, in one query
    that reads only the mention index (outlets from Mention.source, not the articles' rows)."""
    people = list(people)
    rows = (
        Mention.objects.filter(person__in=[person.pk for person in people])
        .values("person")
        .annotate(m=Sum("count"), a=Count("id"), o=Count("source", distinct=True))
        .order_by()
    )
    counts = {row["person"]: row for row in rows}
    for person in people:
        row = counts.get(person.pk, {})
        person.mention_count, person.article_count = row.get("m", 0), row.get("a", 0)
        person.outlet_count = row.get("o", 0)
    return people


def named_people() -> QuerySet[Person]:
    """Real people named in at least one article (an A–Z list leaves out names nobody uses)."""
    return Person.objects.real().filter(Exists(Mention.objects.filter(person=OuterRef("pk"))))


def initials() -> set[str]:
    """The upper-case first letters of real people's names, for an A–Z index."""
    names = named_people().annotate(initial=Upper(Substr("name", 1, 1)))
    # order_by() clears Person's default ordering, which would otherwise make DISTINCT per name.
    return set(names.order_by().values_list("initial", flat=True).distinct())


def people_ids(*, sort: str, letter: str) -> Sequence[int]:
    """The ids of the people list, A–Z (`sort="name"`) or named in most articles first, optionally only
    names starting with `letter`, for a Paginator (archive.views.paging.people_page)."""
    people = named_people()
    people = people.filter(name__istartswith=letter) if letter else people
    if sort == "name":
        return people.order_by("name", "pk").values_list("pk", flat=True)
    rows = mention_totals()
    if letter:  # a subquery, not a join: the join made SQLite read every mention row (4.6 s)
        rows = rows.filter(person__in=Person.objects.filter(name__istartswith=letter).values("pk"))
    return _Counted(rows, people.count(), pick=lambda row: row["person"])


def person_totals(person: Person) -> Person:
    """`person` with mention, article and outlet counts (zeros when no article names them)."""
    return with_counts([person])[0]


def most_named(articles: QuerySet[Article] | None = None, limit: int = 10) -> list[Person]:
    """The real people named in most articles (of `articles`), then most mentioned, with
    `mention_count` and `article_count`."""
    rows = list(mention_totals(articles)[:limit])
    people = people_in_order(row["person"] for row in rows)
    for person, row in zip(people, rows, strict=True):
        person.mention_count, person.article_count = row["mention_count"], row["article_count"]
    return people


def most_quoted(articles: QuerySet[Article], limit: int = 10) -> list[Person]:
    """People with `quote_count`: how many quotes in `articles` are attributed to them. Counted on
    the quote rows of those articles, not over every person's quotes."""
    quotes = Quote.objects.filter(article__in=articles, person__not_a_person=False)
    return _ranked(quotes.values("person").annotate(quote_count=Count("id")), "quote_count", limit)


def _ranked(rows: QuerySet, count: str, limit: int) -> list[Person]:
    """The first `limit` people of `rows` (grouped by "person", annotated with `count`), highest
    count first and A–Z among equals, each Person with that count set."""
    rows = list(rows.order_by(f"-{count}", "person__name")[:limit])
    people = people_in_order(row["person"] for row in rows)
    for person, row in zip(people, rows, strict=True):
        setattr(person, count, row[count])
    return people


def leading_stories(limit: int = 6) -> list[Story]:
    """The stories most outlets covered (at least two), then the newest, with their `article_count`;
    the newest stories when no story has two outlets yet. Read off the stored outlet counts: only the
    chosen few stories' articles are counted."""
    several = Story.objects.filter(outlet_count__gte=2)
    stories = several if several.exists() else Story.objects.with_articles()
    chosen = list(stories.coverage_first().values_list("pk", flat=True)[:limit])
    counted = Story.objects.filter(pk__in=chosen).annotate(article_count=Count("articles"))
    return list(counted.coverage_first())


def outlets_for_person(person: Person) -> list[Source]:
    """Sources that mention `person`, with `article_count` (their articles naming them), most first.
    Counted on the mention index (Mention.source) alone; grouping Source rows in the join carried
    every outlet column through a sort of all the person's mentions (0.11 s for 49,000)."""
    rows = Mention.objects.filter(person=person, source__isnull=False).values("source")
    counts = dict(rows.annotate(n=Count("id")).values_list("source", "n"))
    outlets = list(Source.objects.filter(pk__in=counts))
    for outlet in outlets:
        outlet.article_count = counts[outlet.pk]
    return sorted(outlets, key=lambda outlet: (-outlet.article_count, outlet.name))


def mentioned_with(person: Person, limit: int = 12) -> list[Person]:
    """People named in the same articles as `person`, with `shared_count` (articles in common).
    One mention per article and person, so counting mention rows counts articles; the mentions are
    found by article id alone, never reading the articles' rows."""
    articles = Mention.objects.filter(person=person).values("article_id")
    others = Mention.objects.filter(article_id__in=articles, person__not_a_person=False)
    others = others.exclude(person=person)
    return _ranked(others.values("person").annotate(shared_count=Count("id")), "shared_count", limit)


def spellings(person: Person) -> list[tuple[str, int]]:
    """Every spelling of `person` seen in articles, with how many articles used it, most used first;
    stored aliases never seen in an article text are listed with 0."""
    seen: Counter[str] = Counter()
    for forms in Mention.objects.filter(person=person).values_list("forms", flat=True):
        seen.update(set(forms or ()))
    for alias in person.aliases.values_list("name", flat=True):
        seen.setdefault(alias, 0)
    return sorted(seen.items(), key=lambda item: (-item[1], item[0].lower()))


def quotes_by(person: Person) -> QuerySet[Quote]:
    return (
        Quote.objects.filter(person=person)
        .select_related("article__source")
        .order_by(F("article__published_date").asc(nulls_last=True), "article_id", "position")
    )


def story_siblings(article: Article) -> QuerySet[Article]:
    """Other articles of the same story (other coverage of the event), oldest first."""
    if article.story_id is None:
        return Article.objects.none()
    return (
        Article.objects.filter(story_id=article.story_id)
        .exclude(pk=article.pk)
        .select_related("source")
        .order_by(F("published_date").asc(nulls_last=True), "id")
    )


def similar_articles(article: Article, limit: int = 5) -> list[Article]:
    """Articles outside this one's story that share the most people with it, nearer dates first.

    Each result has `shared_count`. Shared people are counted on the mention table alone; grouping
    the article rows themselves (bodies included) took 0.36 s at 100,000 articles. The best
    SIMILAR_CANDIDATES are re-ranked by date closeness in Python, then `limit` are fetched.
    """
    people = list(article.mentions.filter(person__not_a_person=False).values_list("person_id", flat=True))
    if len(people) < SIMILAR_MIN_SHARED:
        return []
    # Its story's articles, its near-copies and the article it copies are listed apart already.
    listed = [*story_siblings(article).values_list("pk", flat=True), article.pk, article.duplicate_of_id]
    listed += article.duplicates.values_list("pk", flat=True)
    rows = (
        Mention.objects.filter(person__in=people)
        .exclude(article_id__in=[pk for pk in listed if pk])
        .values("article")
        .annotate(shared=Count("id"))
        .filter(shared__gte=SIMILAR_MIN_SHARED)
        .order_by("-shared", "-article")[:SIMILAR_CANDIDATES]
    )
    shared = {row["article"]: row["shared"] for row in rows}
    dates = dict(Article.objects.filter(pk__in=shared).values_list("pk", "published_date"))

    def rank(pk: int) -> tuple[int, int]:
        day = dates.get(pk)
        if article.published_date is None or day is None:
            return -shared[pk], 10**6
        return -shared[pk], abs((article.published_date - day).days)

    best = sorted(dates, key=rank)[:limit]
    found = Article.objects.select_related("source").in_bulk(best)
    result = [found[pk] for pk in best]
    for other in result:
        other.shared_count = shared[other.pk]
    return result


def originals_of(article_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """{id: (the original's id, its outlet's name or "")} of those articles stored as a near-copy of
    another (the same wire story on another site, a truncated copy)."""
    rows = Article.objects.filter(pk__in=list(article_ids), duplicate_of__isnull=False).values_list(
        "pk", "duplicate_of", "duplicate_of__source__name"
    )
    return {pk: (original, outlet or "") for pk, original, outlet in rows}


def stories_with_coverage(story_ids: set[int]) -> set[int]:
    """Those of the stories that hold more than one article: only they have other coverage to show."""
    if not story_ids:
        return set()
    counts = (
        Article.objects.filter(story__in=story_ids).values("story").annotate(n=Count("id")).filter(n__gt=1)
    )
    return {row["story"] for row in counts}
