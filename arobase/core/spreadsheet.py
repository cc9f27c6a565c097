"""CSV files that are safe to open in a spreadsheet. Every CSV the platform writes goes through these writers.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula (tab and carriage return can hide
such a start), so a title `=HYPERLINK(...)` typed by anyone would run on the computer of whoever opens the file
(OWASP "CSV injection"). Such a text cell is written with a leading apostrophe, which spreadsheets show as text;
numbers (`-4.48`) are left as they are.
"""

from __future__ import annotations

import csv
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise(value: Any) -> Any:
    """The value to write in a cell: text that a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose cells go through `neutralise`."""

    def __init__(self, handle, **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])


class SafeDictWriter(csv.DictWriter):
    """`csv.DictWriter` whose cells go through `neutralise`."""

    def writerow(self, rowdict):
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})
