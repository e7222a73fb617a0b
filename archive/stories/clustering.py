"""Django glue for compare coverage: put a newly ingested (or edited) article into a story, store its
quotes, re-cluster the archive, and the editor's story operations (merge, move out, lock).

The importer calls on_article_ingested() after each article is stored with its mentions. The decisions
live in archive.compare (plain Python); this module reads and writes the rows around them. Candidates
come from the process's synced story index (synced_index.py), which follows every process's changes;
story membership is always read fresh from the database, so admin merges in another process count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from archive.compare import quotes as quote_text
from archive.compare.stories import (
    ArticleSignature,
    StoryIndex,
    StorySpan,
    TitleCandidate,
    choose_story,
    cluster,
    story_span,
    story_title,
)
from archive.models import Article, Mention, PersonAlias, Quote, Story, StoryIndexChange
from archive.stories import synced_index

Kind = StoryIndexChange.Kind


@dataclass(frozen=True)
class ReclusterResult:
    articles: int
    stories: int
    locked_kept: int
    moved: int


def reset_index() -> None:
    """Forget the in-memory index (tests; after a database is replaced)."""
    synced_index.reset()


def on_article_ingested(article: Article, *, reconsider: bool = False) -> None:
    """Compute the article's cluster terms, assign it to a story (unless it has one) and store its
    quotes. With `reconsider` (an editor changed its text or date) an article in a story that is not
    locked moves to the story it now fits best, or to a story of its own when none fits. The stories it
    leaves and joins get their span and title again; the change is logged for every process's index."""
    article.cluster_terms = synced_index.article_terms(article)
    article.save(update_fields=["cluster_terms"])
    people = synced_index.people([article.pk]).get(article.pk, {})
    sig = ArticleSignature(
        article.pk, article.cluster_terms, people, article.published_date, language=article.language
    )
    old = article.story
    with synced_index.using() as index:
        kind = Kind.REPLACED if article.pk in index else Kind.ADDED
        if old is None or (reconsider and not old.locked):
            article.story = _choose_or_create_story(sig, index, old)
    if article.story != old:
        article.save(update_fields=["story"])
    for story in {old, article.story} - {None}:
        refresh_story(story)
    store_quotes(article)
    synced_index.record([article.pk], kind, signature=sig)


def forget(article: Article) -> None:
    """An article deleted, or now marked a duplicate: no longer a candidate in any process."""
    synced_index.record([article.pk], Kind.REMOVED)


def _choose_or_create_story(sig: ArticleSignature, index: StoryIndex, current: Story | None) -> Story:
    """The story `sig` fits best; else `current` when the article is alone in it, else a new story."""
    ids = index.candidates(sig)
    # originals only: a candidate may have been marked a duplicate since it was indexed here
    rows = Article.objects.originals().filter(pk__in=ids, story__isnull=False)
    candidates = list(synced_index.signatures(rows))
    stories = Story.objects.filter(pk__in={c.story_id for c in candidates})
    spans = {s.pk: StorySpan(s.first_published, s.last_published) for s in stories}
    choice = choose_story(sig, candidates, index.idf, spans, index.n_docs)
    if choice.story_id is not None:
        return Story.objects.get(pk=choice.story_id)
    if current is not None and not current.articles.exclude(pk=sig.article_id).exists():
        return current
    title = Article.objects.filter(pk=sig.article_id).values_list("title", flat=True).first() or ""
    return Story.objects.create(title=title[:300] or "Untitled story")


def refresh_story(story: Story) -> Story:
    """Recompute a story's date span, outlet count and (unless an editor set it) its title; delete it
    when empty."""
    members = list(story.articles.values_list("id", "title", "published_date"))
    if not members:
        story.delete()
        return story
    span = story_span(m[2] for m in members)
    story.first_published, story.last_published = span.first, span.last
    if not story.title_is_custom:
        story.title = story_title([TitleCandidate(*m) for m in members])
    story.save()
    Story.objects.filter(pk=story.pk).refresh_outlet_counts()
    story.refresh_from_db(fields=["outlet_count"])
    return story


def store_quotes(article: Article) -> list[Quote]:
    """Replace the article's quotes with those extracted from its body, speakers resolved to people."""
    spellings = _spellings(article)
    found = quote_text.extract_quotes(article.body, spellings, article.language)
    rows = [
        Quote(
            article=article,
            text=q.text,
            speaker=q.speaker[:200],
            person_id=quote_text.match_speaker(q.speaker, spellings) if q.speaker else None,
            position=q.position,
        )
        for q in found
    ]
    Quote.objects.filter(article=article).delete()
    return Quote.objects.bulk_create(rows)


def _spellings(article: Article) -> dict[str, int]:
    """Every spelling of every person the article mentions -> person id."""
    out: dict[str, int] = {}
    mentions = Mention.objects.filter(article=article, person__not_a_person=False).select_related("person")
    person_ids = []
    for mention in mentions:
        person_ids.append(mention.person_id)
        out[mention.person.name] = mention.person_id
        for form in mention.forms or ():
            out.setdefault(form, mention.person_id)
    for name, person_id in PersonAlias.objects.filter(person_id__in=person_ids).values_list(
        "name", "person_id"
    ):
        out.setdefault(name, person_id)
    return out


def recluster_all(progress: Callable[[int, int], None] | None = None) -> ReclusterResult:
    """Re-cluster the whole archive. Locked stories keep their articles and nobody joins them; existing
    stories are reused where most of their articles stay together, so custom titles survive."""
    reset_index()
    with transaction.atomic():
        locked = set(Story.objects.filter(locked=True).values_list("pk", flat=True))
        sigs = list(synced_index.signatures(Article.objects.originals()))
        fixed = {s.article_id: s.story_id for s in sigs if s.story_id in locked}
        groups = cluster(sigs, fixed)
        current = {s.article_id: s.story_id for s in sigs}
        members: dict[int, list[int]] = defaultdict(list)
        for article_id, group in groups.items():
            if article_id not in fixed:
                members[group].append(article_id)
        story_of = _reuse_stories(members, current, locked)
        moved, touched = 0, set()
        for n, (group, ids) in enumerate(members.items(), 1):
            story_id = story_of[group]
            changed = [pk for pk in ids if current[pk] != story_id]
            if changed:
                touched |= {story_id, *(current[pk] for pk in changed)}
                for article in Article.objects.filter(pk__in=changed):
                    article.story_id = story_id
                    article.save(update_fields=["story"])  # through save(): the search index follows
            moved += len(changed)
            if progress:
                progress(n, len(members))
        touched |= _follow_originals()
        for story in Story.objects.filter(pk__in=touched - {None} - locked):
            refresh_story(story)
        Story.objects.filter(locked=False, articles__isnull=True).delete()
    return ReclusterResult(len(sigs), Story.objects.count(), len(locked), moved)


def _reuse_stories(
    members: dict[int, list[int]], current: dict[int, int | None], locked: set[int]
) -> dict[int, int]:
    """Map each new group to the unlocked story most of its articles are in now (each story used once),
    or to a new story."""
    votes = []
    for group, ids in members.items():
        counts: dict[int, int] = defaultdict(int)
        for pk in ids:
            if current[pk] is not None and current[pk] not in locked:
                counts[current[pk]] += 1
        votes += [(n, group, story_id) for story_id, n in counts.items()]
    votes.sort(reverse=True)
    story_of: dict[int, int] = {}
    used: set[int] = set()
    for _, group, story_id in votes:
        if group not in story_of and story_id not in used:
            story_of[group], _ = story_id, used.add(story_id)
    for group, ids in members.items():
        if group not in story_of:
            first = Article.objects.only("title").get(pk=ids[0])
            story_of[group] = Story.objects.create(title=first.title[:300] or "Untitled story").pk
    return story_of


def _follow_originals() -> set[int | None]:
    """A recorded duplicate belongs to its original's story. Returns the stories that changed."""
    touched: set[int | None] = set()
    for article in Article.objects.filter(duplicate_of__isnull=False).select_related("duplicate_of"):
        if article.story_id != article.duplicate_of.story_id:
            touched |= {article.story_id, article.duplicate_of.story_id}
            article.story_id = article.duplicate_of.story_id
            article.save(update_fields=["story"])
    return touched


def merge_stories(target: Story, others: Iterable[Story]) -> Story:
    """Move the articles of `others` into `target`, delete them, and lock `target` so re-clustering
    keeps the editor's decision."""
    with transaction.atomic():
        for other in others:
            if other.pk == target.pk:
                continue
            for article in other.articles.all():
                article.story = target
                article.save(update_fields=["story"])
            other.delete()
        target.locked = True
        target.save()
        return refresh_story(target)


def move_out(article: Article) -> Story:
    """Take `article` out of its story into a story of its own, locked so re-clustering respects it."""
    with transaction.atomic():
        old = article.story
        story = Story.objects.create(title=article.title[:300] or "Untitled story", locked=True)
        article.story = story
        article.save(update_fields=["story"])
        if old is not None:
            refresh_story(old)
        return refresh_story(story)
