# ruff: noqa: E501  (the invented articles below are prose: one paragraph a line)
"""Invented articles for the story hard cases (text written for these tests): the same two ministers at
two meetings a week apart, reported by different outlets in different words, and a wire copy."""

from __future__ import annotations

VALLETTA_TITLE_A = "Petrova and Haddad agree joint sea rescue fleet at Valletta talks"
VALLETTA_BODY_A = """VALLETTA — Foreign ministers Anna Petrova and Omar Haddad agreed on Thursday to pool coastguard vessels into a joint rescue fleet for the central Mediterranean, after 1,240 migrants drowned off Lampedusa this summer.

The fleet of fourteen patrol boats will be based in Valletta's Grand Harbour and funded for three years from a 310 million euro budget, the two ministers said after six hours of talks at the Auberge de Castille.

"No boat in distress will be left waiting for a flag to answer it," Petrova told reporters in the Maltese capital.

Haddad said the first vessels would sail in November. Aid groups welcomed the rescue fleet but asked for more helicopters."""

VALLETTA_TITLE_B = "Malta hosts pact on shared lifeboat service"
VALLETTA_BODY_B = """Two governments will run their lifeboats as one service in the waters between Libya and Sicily, under a pact sealed in Valletta on Thursday evening with Malta's prime minister Joseph Farrugia as host.

Fourteen cutters operating from the Grand Harbour will cost 310 million euros over three years. The deal follows the deaths of 1,240 people off Lampedusa since June.

"No boat in distress will be left waiting for a flag to answer it," Anna Petrova said at the Auberge de Castille.

Charities praised the pact but want aircraft as well. Farrugia expects the first cutters at sea in November."""

VALLETTA_WIRE_TITLE = "Ministers launch Mediterranean rescue fleet after Lampedusa deaths"
VALLETTA_WIRE_LEDE = """A joint rescue fleet will patrol the central Mediterranean from November, two foreign ministers said on Thursday in Malta, responding to the drowning of 1,240 migrants off Lampedusa this summer."""

TUNIS_TITLE = "Petrova and Haddad fail to agree on migrant rescue plan"
TUNIS_BODY = """TUNIS — Foreign ministers Anna Petrova and Omar Haddad failed on Friday to agree how to share the rescue of migrants crossing the central Mediterranean, as the number of drownings kept rising.

The two ministers disagreed over which coastguard should answer distress calls in international waters and over who should pay for patrol boats, officials said after four hours of talks.

"We want a rescue plan before the winter, but every coastguard must carry its share," Haddad told reporters after the talks.

Petrova said the two ministers would meet again to discuss a joint fleet. Aid groups said the migrants could not wait for the ministers to agree."""


def wire_copy(body: str, lede: str) -> str:
    """The body with its first paragraph replaced, as an outlet rewrites an agency story's lede."""
    return "\n\n".join([lede, *body.split("\n\n")[1:]])
