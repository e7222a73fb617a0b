"""CSV cells that a spreadsheet cannot run: the one home of the formula-injection rule.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (OWASP, "CSV Injection"). Every CSV writer passes its cells through
`neutralise_cell`, which prefixes such a cell with an apostrophe (OWASP's rule). So that a Parallax
export still restores the original text, a cell that already starts with apostrophes before one of
those characters gets one more, and `restore_cell` takes exactly one away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = "=+-@\t\r"
_ESCAPED = re.compile(rf"'*[{re.escape(FORMULA_STARTS)}]")


def neutralise_cell(value: object) -> object:
    """`value` as it is safe to write to a CSV cell (anything not a string is left as it is)."""
    if isinstance(value, str) and _ESCAPED.match(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable[object]) -> list[object]:
    return [neutralise_cell(value) for value in values]


def restore_cell(value: str) -> str:
    """The original text of a cell written by `neutralise_cell`."""
    if value.startswith("'") and _ESCAPED.match(value, 1):
        return value[1:]
    return value
