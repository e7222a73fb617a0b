"""The outlet comes from the uploader, the registry, or cues a reader would use, in that order."""

from __future__ import annotations

from archive.ingest.article import SourceRef
from archive.ingest.sources import find_source, is_outlet_line

BODY = "Lavrov told Reuters that the talks would go ahead."


def _find(lines, *, url="", credits=(), sources=(), hint=None, site_name=""):
    return find_source(
        lines=lines,
        body=BODY,
        url=url,
        credits=credits,
        site_name=site_name,
        sources=sources,
        source_hint=hint,
    )


def test_a_registry_domain_matches_the_pages_url():
    found = _find(
        [],
        url="https://www.gulfnews.example/world/1",
        sources=[SourceRef("Gulf News", domains=("gulfnews.example",))],
    )
    assert found.name == "Gulf News"
    assert "gulfnews.example" in found.how


def test_registry_initials_match_case_sensitively_in_a_credit():
    registry = [SourceRef("The BRICS Post", aliases=("TBP",))]
    assert _find([], credits=["TBP and Agencies"], sources=registry).name == "The BRICS Post"
    assert _find(["the tbp file format"], sources=registry) is None


def test_a_registry_pattern_identifies_the_outlet():
    registry = [SourceRef("Valley Courier", patterns=(r"^Send your news tips to the Courier",))]
    assert _find(["Send your news tips to the Courier newsdesk"], sources=registry).name == "Valley Courier"


def test_a_mere_mention_in_the_running_text_is_weak_evidence():
    found = _find([BODY], sources=[SourceRef("Reuters")])
    assert found.name == "Reuters" and found.weak


def test_an_outlet_line_names_an_unknown_outlet():
    assert _find(["Talks in Paris", "The Bayside Herald"]).name == "The Bayside Herald"
    assert is_outlet_line("The Moscow Times")
    assert not is_outlet_line("Lavrov, Kerry meet presses for Syrian ceasefire")


def test_an_appeal_names_the_outlet():
    assert _find(["Support The Moscow Times!"]).name == "The Moscow Times"
    assert _find(["A Message from Meduza:"]).name == "Meduza"


def test_the_site_name_and_then_the_domain_are_last_resorts():
    assert _find([], site_name="Harbour Gazette", url="https://hg.example/a").name == "Harbour Gazette"
    found = _find([], url="https://www.hg.example/a")
    assert (found.name, found.weak) == ("hg.example", True)


def test_the_uploader_wins_in_the_registrys_spelling():
    registry = [SourceRef("The National", aliases=("The National UAE",))]
    found = _find(["Support The Moscow Times!"], sources=registry, hint="the national uae")
    assert (found.name, found.how) == ("The National", "uploader")


def test_no_cue_means_no_source():
    assert _find(["Talks in Paris"]) is None
