"""A fresh install shows a baromètre: load_initial_data generates the demo, then computes and freezes the edition of
the latest year with a public palmarès."""

from io import StringIO

from django.core.management import call_command

from arobase.barometre import selectors


def test_fresh_install_has_a_frozen_barometre(demo_territories, edition_2019, monkeypatch):
    monkeypatch.setenv("DEMO_DATA", "1")
    monkeypatch.setenv("DEMO_ACTIONS", "120")
    call_command("load_initial_data", stdout=StringIO())
    latest = selectors.latest_published_results_year()
    assert latest is not None
    frozen = selectors.public_edition(latest)
    assert frozen is not None and frozen.figures["year"] == latest


def test_latest_published_without_any_palmares(db):
    out = StringIO()
    call_command("compute_barometre", "--latest-published", "--freeze", stdout=out)
    assert "aucun palmarès publié" in out.getvalue()
    assert selectors.public_years() == []
