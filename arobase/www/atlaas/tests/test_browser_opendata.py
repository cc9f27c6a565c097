"""The open-data page with its files produced: accessible, and readable at 320 px without horizontal scrolling."""

from arobase.actions.tests.factories import ActionFactory
from arobase.atlaas import opendata


def test_open_data_page_is_accessible_and_reflows(page, assert_accessible, amiens, services):
    ActionFactory(owner=amiens, published=True)
    opendata.export_opendata()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/atlaas/donnees/")
    assert page.get_by_text("Fichiers produits le").is_visible()
    assert page.get_by_role("table").get_by_role("cell", name="en cours").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
