"""Django glue for /compare/sources/: the articles a search matches, and per-outlet figures over them
(coverage by month, people mentioned and quoted, distinctive words), bounded and cached.

Split from archive/views/coverage.py. Ticking every outlet once cost 19 s at 5,000 articles (a 500
with `q=the`): each outlet read 300 whole bodies for its distinctive words. Now at most
MAX_OUTLETS are compared (the page says which were left out), the texts for words are shared out
from one total, and each result is cached under a key that changes when articles do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Max, Q, QuerySet

from archive import figures
from archive.compare.coverage import distinctive_words, quoted_counts
from archive.compare.quotes import QuoteRef
from archive.ingest.domains import looks_like_host, registered_domain
from archive.ingest.sources import is_edition, same_outlet
from archive.ingest.textrules import fold, site_key
from archive.models import Article, BoilerplateLine, Mention, Quote, Source
from archive.searching import search_article_ids

# Outlets shown when none are chosen, and the most compared at once: past a dozen columns the page
# stops being readable, and each outlet costs its share of the word counting below.
DEFAULT_OUTLETS = 3
MAX_OUTLETS = 8
# The outlet picker lists this many outlets as checkboxes, most matches for the query first (with
# 500 outlets a checkbox each was a wall); any other is found by name (PICKER_FOUND at most).
PICKER_OUTLETS = 12
PICKER_FOUND = 50
PEOPLE_PER_OUTLET = 10
# The most recent matching articles read for distinctive words: up to WORDS_SAMPLE per outlet and
# WORDS_TOTAL over all of them, each cut to WORDS_CHARS (counting words was nearly all of the 19 s;
# 1,200 texts of 3,000 characters take about a second on the benchmark machine).
WORDS_SAMPLE = 300
WORDS_TOTAL = 1200
WORDS_CHARS = 3000
# Matching articles taken from the search (best first) when the comparison is over a search.
SEARCH_LIMIT = 5000
# How long a cached comparison is kept. Its key changes when articles, mentions or quotes are
# added or removed; an edit that changes no count shows within this time.
CACHE_SECONDS = 600


# How long a process keeps the outlets' name keys it read (named_in): a new or removed outlet is seen
# at once (the key holds their count and last id), a renamed one or a new alias within this time.
NAME_INDEX_SECONDS = 60


def named_in(text: str) -> list[tuple[Source, str]]:
    """The outlets a search's words name, each with the query's other words: the whole query, or two
    or more of its words side by side, are an outlet's name or one of its aliases (case, accents,
    punctuation and a leading "the" either side aside). "moscow times" names The Moscow Times with
    nothing else; "Moscow Times Lavrov" names it with "Lavrov". A reader typing an outlet's name as
    words finds the articles holding those words, not the outlet's articles: the search page offers
    the outlet's (with the other words, when there are some)."""
    tokens = re.findall(r'"[^"]*"?|[^\s"]+', text)  # words, and "quoted phrases" kept whole
    words = [len(token.strip('"').split()) for token in tokens]
    runs = [
        (i, j)
        for i in range(len(tokens))
        for j in range(i + 1, len(tokens) + 1)
        if sum(words[i:j]) >= 2 or j - i == len(tokens)
    ]
    index = _name_index()
    named: dict[int, tuple[int, int]] = {}
    for i, j in sorted(runs, key=lambda r: (r[0] - r[1], r[0])):  # the longest run of a name first
        for pk in index.get(_name_key(" ".join(t.strip('"') for t in tokens[i:j])), ()):
            named.setdefault(pk, (i, j))
    found = Source.objects.in_bulk(list(named)) if named else {}
    return [
        (found[pk], " ".join(tokens[:i] + tokens[j:]))
        for pk, (i, j) in sorted(
            named.items(), key=lambda item: found[item[0]].name if item[0] in found else ""
        )
        if pk in found
    ]


def _name_index() -> dict[str, tuple[int, ...]]:
    """{name key: the ids of the outlets with that name or alias}, cached (NAME_INDEX_SECONDS)."""
    version = Source.objects.aggregate(n=Count("id"), last=Max("id"))
    key = f"outlets:name-index:{version['n']}:{version['last']}"
    index = cache.get(key)
    if index is None:
        found: dict[str, list[int]] = {}
        for pk, name, aliases in Source.objects.values_list("pk", "name", "aliases"):
            for name_key in {_name_key(n) for n in (name, *aliases) if isinstance(n, str)} - {""}:
                found.setdefault(name_key, []).append(pk)
        index = {name_key: tuple(ids) for name_key, ids in found.items()}
        cache.set(key, index, NAME_INDEX_SECONDS)
    return index


def _name_key(name: str) -> str:
    """`name` folded (textrules.fold: accents and scripts to ASCII) to the key textrules.site_key
    gives, without a leading "the"."""
    words = fold(name).split()
    if len(words) > 1 and site_key(words[0]) == "the":
        words = words[1:]
    return site_key(" ".join(words))


def matching_articles(query: str) -> QuerySet[Article]:
    articles = Article.objects.originals()
    if not query.strip():
        return articles
    ids = search_article_ids(query, limit=SEARCH_LIMIT)
    if ids is None:  # search unavailable: the database's substring match is slower but right
        return articles.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return articles.filter(pk__in=ids)


def match_counts(query: str, *, version: tuple | None = None) -> dict[int, int]:
    """Outlet id -> how many of the articles matching `query` it published (originals only; over
    a search, its first SEARCH_LIMIT matches). Cached like the comparison."""

    def count() -> dict[int, int]:
        rows = matching_articles(query).exclude(source=None).values("source").annotate(n=Count("id"))
        return dict(rows.order_by().values_list("source", "n"))

    return figures.cached("outlet-matches", count, query, version=version, seconds=CACHE_SECONDS)


def picker(
    query: str, chosen: Sequence[Source], find: str = "", *, version: tuple | None = None
) -> list[Source]:
    """The outlets the picker offers, each with `matches` (its articles matching `query`): the
    chosen ones, then those whose name holds `find` or, without `find`, the PICKER_OUTLETS with most
    matches; most matches first, A-Z among equals."""
    counts = match_counts(query, version=version)
    if find:
        offered = list(Source.objects.filter(name__icontains=find).order_by("name")[:PICKER_FOUND])
    else:
        top = sorted(counts, key=lambda pk: (-counts[pk], pk))[:PICKER_OUTLETS]
        offered = list(Source.objects.filter(pk__in=top))
    outlets = list({outlet.pk: outlet for outlet in (*chosen, *offered)}.values())
    for outlet in outlets:
        outlet.matches = counts.get(outlet.pk, 0)
    return sorted(outlets, key=lambda outlet: (-outlet.matches, outlet.name.casefold()))


def busiest_outlets(articles: QuerySet[Article], n: int) -> list[Source]:
    counts = articles.exclude(source=None).values("source").annotate(n=Count("id")).order_by("-n")[:n]
    by_id = Source.objects.in_bulk([row["source"] for row in counts])
    return [by_id[row["source"]] for row in counts]


def within_budget(chosen: Sequence[Source]) -> tuple[list[Source], str | None]:
    """The outlets to compare (the first MAX_OUTLETS chosen), and a notice when some were left out."""
    if len(chosen) <= MAX_OUTLETS:
        return list(chosen), None
    left = ", ".join(s.name for s in chosen[MAX_OUTLETS:])
    return list(chosen[:MAX_OUTLETS]), (
        f"Comparing the first {MAX_OUTLETS} of the {len(chosen)} outlets ticked (most articles first); "
        f"left out: {left}."
    )


def compare_outlets(
    query: str, chosen: Sequence[Source], *, version: tuple | None = None
) -> tuple[list[Source], str | None, list[dict]]:
    """(outlets compared, a notice when some ticked were left out, their profiles): per outlet,
    matching articles over time, people it mentions and quotes, distinctive words. With none
    chosen, the busiest outlets of the search. Cached per query, outlets and state of the archive,
    the search included (it was most of a cached page's time with `q=the`)."""

    def compare() -> tuple[list[Source], str | None, list[dict]]:
        matching = matching_articles(query)
        compared, notice = within_budget(chosen or busiest_outlets(matching, DEFAULT_OUTLETS))
        return compared, notice, _profiles(matching, compared)

    key = (query, [o.pk for o in chosen])
    return figures.cached("outlets", compare, *key, version=version, seconds=CACHE_SECONDS)


def _profiles(articles: QuerySet[Article], outlets: Sequence[Source]) -> list[dict]:
    profiles, texts = [], {}
    per_outlet = max(1, min(WORDS_SAMPLE, WORDS_TOTAL // max(1, len(outlets))))
    for outlet in outlets:
        mine = articles.filter(source=outlet)
        months = list(mine.values_list("published_date").annotate(n=Count("id")).order_by("published_date"))
        people = Mention.objects.filter(article__in=mine, person__not_a_person=False).people_ranked(
            "person__name", "person__slug", "person_id"
        )[:PEOPLE_PER_OUTLET]
        # Plain rows, not Quote and Person instances: an outlet may have thousands of quotes.
        quotes = Quote.objects.filter(article__in=mine).values_list(
            "article_id", "speaker", "person_id", "person__name"
        )
        refs = [QuoteRef(article, "", speaker, person) for article, speaker, person, _ in quotes]
        names = {person: name for _, _, person, name in quotes if person}
        texts[outlet.name] = _sample_texts(mine, per_outlet)
        profiles.append(
            {
                "outlet": outlet,
                "total": sum(n for _, n in months),
                "undated": sum(n for day, n in months if day is None),
                "months": months,
                "people": list(people),
                "quoted": [q for q in quoted_counts(refs, names) if q.name != "Unattributed"][
                    :PEOPLE_PER_OUTLET
                ],
            }
        )
    words = distinctive_words(texts) if len(texts) > 1 else {}
    for profile in profiles:
        profile["words"] = words.get(profile["outlet"].name, ())
    return profiles


def _sample_texts(articles: QuerySet[Article], n: int) -> list[str]:
    rows = articles.order_by(F("published_date").desc(nulls_last=True), "-id").values_list("title", "body")
    return [f"{title}\n{body[:WORDS_CHARS]}" for title, body in rows[:n]]


# --- outlet identity at import -------------------------------------------------------------------


def outlet_of_domain(name: str, url: str) -> Source | None:
    """The outlet already known on the page's registered domain that the page's stated `name` belongs
    to: any such outlet when the name is only a web address, else one whose name it is or an edition
    of ("Example Ryazan" of "Example"). Two stations naming themselves apart stay two outlets. An
    outlet known by an edition's name takes the parent's name when the parent's page names itself
    (the edition's name stays as an alias): the outlet of a domain is named without a qualifier."""
    domain = registered_domain(url)
    if not domain:
        return None
    on_domain = [s for s in Source.objects.exclude(domains=[]).order_by("pk") if domain in _domains(s)]
    if looks_like_host(name):
        return on_domain[0] if on_domain else None
    found = next((s for s in on_domain if same_outlet(name, (s.name, *s.aliases))), None)
    if found is not None and is_edition(found.name, name):
        found.aliases = _union([found.name], found.aliases, besides=name)
        found.name = name
        found.save(update_fields=["name", "aliases"])
    return found


def learn_domain(source: Source | None, url: str) -> None:
    """Record the page's registered domain on its outlet, so later pages from its hosts join it."""
    domain = registered_domain(url) if url else ""
    if source is None or not domain or domain in _domains(source):
        return
    source.domains = [*source.domains, domain]
    source.save(update_fields=["domains"])


def is_known_on(source: Source, url: str) -> bool:
    """Whether the outlet has published on the registered domain of `url` (as its pages showed)."""
    return bool(url) and registered_domain(url) in _domains(source)


def _domains(source: Source) -> set[str]:
    return {registered_domain(d) for d in source.domains if d}


# --- merging outlets (the admin's "Merge selected outlets") --------------------------------------


def outlet_to_keep(outlets: Iterable[Source]) -> Source:
    """Of outlets about to be merged, the one with most articles (the oldest on a tie): the name
    most of the archive already shows."""
    counted = Source.objects.filter(pk__in=[o.pk for o in outlets]).annotate(n=Count("articles"))
    return counted.order_by("-n", "pk").first()


def merge_outlets(target: Source, others: Iterable[Source]) -> Source:
    """Fold `others` into `target`: their articles (and the mentions that carry an article's outlet)
    move to it, their names become its aliases, their domains, patterns and learned page noise join
    its own, their stories' outlet counts follow, then they are deleted. One transaction.

    The articles move with one UPDATE, which sends no post_save; saving `target` afterwards does
    (archive.signals re-indexes every article of a saved outlet), so the moved articles reach the
    search index under their new outlet after the commit."""
    with transaction.atomic():
        for other in others:
            if other.pk == target.pk:
                continue
            # ArticleQuerySet.update moves their mentions' outlet too and refreshes their stories'
            # outlet counts (the only thing about a story an outlet changes).
            Article.objects.filter(source=other).update(source=target)
            _move_noise(other, target)
            target.aliases = _union(target.aliases, [other.name, *other.aliases], besides=target.name)
            target.domains = _union(target.domains, other.domains)
            target.patterns = _union(target.patterns, other.patterns)
            other.delete()
        target.save()
    return target


def _move_noise(other: Source, target: Source) -> None:
    """Lines learned as page noise of `other` become `target`'s (one row per line and outlet)."""
    known = set(BoilerplateLine.objects.filter(source=target).values_list("digest", flat=True))
    other.boilerplate_lines.exclude(digest__in=known).update(source=target)


def _union(first: Sequence[str], second: Sequence[str], *, besides: str = "") -> list[str]:
    """`first` then the values of `second` it lacks (case-folded), none equal to `besides`."""
    seen = {besides.casefold()} if besides else set()
    kept = []
    for value in (*first, *second):
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept
