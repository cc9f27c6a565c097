import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arobase.core.spreadsheet import FORMULA_STARTS, SafeDictWriter, SafeWriter, neutralise


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","clic")', '\'=HYPERLINK("http://evil.example","clic")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-4.486", "-4.486"),
        ("+12", "+12"),
        ("-1e5", "-1e5"),
        ("Médiation = inclusion", "Médiation = inclusion"),
        ("", ""),
        (-4.486, -4.486),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise(value, written):
    assert neutralise(value) == written


@given(st.text())
def test_no_written_text_starts_a_formula(text):
    written = neutralise(text)
    try:
        float(written)
    except ValueError:
        assert not written.startswith(FORMULA_STARTS)


def test_writers_neutralise_every_cell_but_numbers():
    handle = io.StringIO()
    SafeWriter(handle).writerow(["=1+1", -3.5, "@x", "ok"])
    writer = SafeDictWriter(handle, fieldnames=["a", "b"])
    writer.writerow({"a": "+cmd", "b": "-12.5"})
    assert list(csv.reader(io.StringIO(handle.getvalue()))) == [["'=1+1", "-3.5", "'@x", "ok"], ["'+cmd", "-12.5"]]


def test_every_csv_the_platform_writes_goes_through_the_safe_writers():
    root = Path(__file__).resolve().parents[2]
    direct = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and path.name != "spreadsheet.py"
        and re.search(r"\bcsv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]  # fmt: skip
    assert direct == [], "write CSV with arobase.core.spreadsheet.SafeWriter or SafeDictWriter"
