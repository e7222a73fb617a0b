"""A small made-up archive for the browse page tests: two outlets, a story they share, people,
quotes, an undated article and a duplicate. All text here is invented for the tests."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from archive.models import Article, Mention, Person, PersonAlias, Quote, Source, Story


@dataclass(frozen=True)
class SampleArchive:
    harbour: Source
    ledger: Source
    story: Story
    petrova: Person
    haddad: Person
    lindqvist: Person
    talks: Article  # Harbour Times, in the story, names all three
    talks_ledger: Article  # Evening Ledger, same story
    followup: Article  # Harbour Times, March, shares two people with `talks`
    undated: Article
    duplicate: Article


def _article(source: Source, title: str, body: str, day: dt.date | None, people, **kw) -> Article:
    n = Article.objects.count() + 1
    article = Article.objects.create(
        source=source,
        title=title,
        body=body,
        raw_text=body,
        fingerprint=f"browse-{n}",
        published_date=day,
        **kw,
    )
    for person, count, forms in people:
        Mention.objects.create(article=article, person=person, count=count, forms=forms)
    return article


def build_sample_archive() -> SampleArchive:
    harbour = Source.objects.create(name="Harbour Times", aliases=["HT"], domains=["harbourtimes.example"])
    ledger = Source.objects.create(name="Evening Ledger")
    petrova = Person.objects.create(name="Anna Petrova")
    haddad = Person.objects.create(name="Omar Haddad")
    lindqvist = Person.objects.create(name="Eva Lindqvist")
    PersonAlias.objects.create(person=haddad, name="Omar al-Haddad", key="omar haddad")
    story = Story.objects.create(
        title="Harbour talks in Lisbon",
        first_published=dt.date(2014, 1, 13),
        last_published=dt.date(2014, 1, 14),
    )
    talks = _article(
        harbour,
        "Harbour talks open in Lisbon",
        "LISBON: Foreign minister Anna Petrova met Omar al-Haddad on Monday.\n\n"
        'Petrova said the talks were "a first step". Haddad agreed.\n\n'
        "Eva Lindqvist, the mediator, spoke last.",
        dt.date(2014, 1, 13),
        [
            (petrova, 2, ["Anna Petrova", "Petrova"]),
            (haddad, 2, ["Omar al-Haddad", "Haddad"]),
            (lindqvist, 1, ["Eva Lindqvist"]),
        ],
        story=story,
        credit="HT staff and agencies",
        dateline="LISBON",
        url="https://harbourtimes.example/2014/01/talks",
        provenance={"published": "date line under the title", "source": "uploader", "title": "first line"},
        review_fields=["credit"],
    )
    talks_ledger = _article(
        ledger,
        "Ministers sit down in Lisbon",
        "Anna Petrova and Omar Haddad sat down in Lisbon.",
        dt.date(2014, 1, 14),
        [(petrova, 1, ["Anna Petrova"]), (haddad, 1, ["Omar Haddad"])],
        story=story,
    )
    followup = _article(
        harbour,
        "Second round of harbour talks",
        "Anna Petrova and Omar Haddad meet again in March.",
        dt.date(2014, 3, 2),
        [(petrova, 1, ["Anna Petrova"]), (haddad, 1, ["Omar Haddad"])],
    )
    undated = _article(
        ledger,
        "Profile: the mediator",
        "Eva Lindqvist has mediated for twenty years.",
        None,
        [(lindqvist, 1, ["Eva Lindqvist"])],
        review_fields=["published"],
    )
    duplicate = _article(
        ledger,
        "Harbour talks open in Lisbon (wire copy)",
        "LISBON: Foreign minister Anna Petrova met Omar al-Haddad on Monday.",
        dt.date(2014, 1, 13),
        [(petrova, 1, ["Anna Petrova"])],
        duplicate_of=talks,
    )
    Quote.objects.create(article=talks, person=petrova, speaker="Petrova", text="a first step", position=80)
    Quote.objects.create(
        article=talks_ledger, person=petrova, speaker="Petrova", text="the first step of many", position=10
    )
    return SampleArchive(
        harbour, ledger, story, petrova, haddad, lindqvist, talks, talks_ledger, followup, undated, duplicate
    )


def text_of(html: str) -> str:
    """The visible words of an HTML fragment, tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
