"""The printed bilan: the examples of the first gaps only, and where to find the others."""

import pytest
from django.utils.html import escape

from arobase.bilan import pdf
from arobase.bilan.selectors import build_bilan
from arobase.peers.tests.factories import YEAR

pytestmark = pytest.mark.django_db


def test_the_printed_bilan_gives_examples_for_the_first_gaps_and_links_to_the_others(world, monkeypatch, settings):
    settings.SITE_URL = "https://label.example.org/"
    document = build_bilan(territory=world.village, year=YEAR)
    assert len(document.gaps) == 2 and all(actions for _gap, actions in document.gaps)
    full = pdf.bilan_html(document)
    assert full.count("Exemples d'actions de pairs") == 2
    assert "premiers services" not in full

    monkeypatch.setattr(pdf, "PRINTED_GAPS_WITH_EXAMPLES", 1)
    printed = pdf.bilan_html(document)
    assert printed.count("Exemples d'actions de pairs") == 1
    first_gap, second_gap = (f"<h3>{escape(gap.name)}</h3>" for gap, _actions in document.gaps)
    assert printed.index(first_gap) < printed.index("Exemples d'actions de pairs") < printed.index(second_gap)
    link = f"https://label.example.org/territoires/commune/{world.village.code}/se-comparer/?annee={YEAR}"
    assert f'href="{link}"' in printed
    assert pdf.render_pdf(printed).startswith(b"%PDF")
