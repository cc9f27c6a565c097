"""The palmarès CSV cannot carry a formula into a spreadsheet (names of foreign collectivités and mentions are
typed by people)."""

import csv
import io

from arobase.label.tests.factories import YEAR, add_result, make_campaign
from arobase.territories.tests.factories import CommuneFactory


def test_palmares_csv_neutralises_formulas(client, edition_2019):
    label_campaign = make_campaign(edition_2019, state="closed", published="past")
    hostile = CommuneFactory(name='=HYPERLINK("http://evil.example";"Gagné")', code="99999")
    add_result(hostile, YEAR, 3, campaign=label_campaign, mentions=["@SUM(A1)"])

    response = client.get(f"/label/palmares/{YEAR}/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example";"Gagné")' in cells and "'@SUM(A1)" in cells
    assert rows[1][0] == str(YEAR) and rows[1][6] == "3"  # numbers stay numbers
