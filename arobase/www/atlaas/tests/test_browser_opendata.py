"""The open-data page with its files produced: accessible, and readable at 320 px without horizontal scrolling."""

from playwright.sync_api import expect

from arobase.actions.tests.factories import ActionFactory
from arobase.atlaas import opendata


def test_open_data_page_is_accessible_and_reflows(page, assert_accessible, amiens, services):
    ActionFactory(owner=amiens, published=True)
    opendata.export_opendata()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/atlaas/donnees/")
    expect(page.get_by_text("Fichiers produits le")).to_be_visible()
    expect(page.get_by_role("table").get_by_role("cell", name="en cours")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
