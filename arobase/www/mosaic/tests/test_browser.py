"""The public collectivité page with its mosaïque, and a public action page, in headless Chromium with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from arobase.actions.models import ActionStatus
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(amiens, brest, services):
    lit = ActionFactory(
        owner=amiens,
        published=True,
        title="Espace public numérique",
        services=[services["T3E2S01"], services["T1E1S01"]],
        shared_with=[amiens.epci],
    )
    PlaceFactory(action=lit)
    ActorFactory(action=lit, contact_consent=True)
    ActionFactory(
        owner=amiens, published=True, title="Portail citoyen", status=ActionStatus.DONE, services=[services["T1E2S01"]]
    )
    ActionFactory(owner=brest, published=True, title="Ateliers numériques à Brest", services=[services["T1E1S02"]])
    return lit


def test_public_territory_page_with_its_mosaic_is_accessible(page, amiens, published, assert_accessible):
    page.goto(f"/territoires/commune/{amiens.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Amiens"
    expect(page.get_by_role("heading", name=re.compile("^Mosaïque du label"))).to_be_visible()
    expect(page.get_by_role("link", name="Espace public numérique")).to_be_visible()
    # One compact grid: a cell per service, readable on one screen.
    cells = page.locator(".mosaic-grid details.mosaic-cell")
    assert cells.count() == 138 and page.locator(".mosaic-grid details.mosaic-cell.is-lit").count() == 3
    assert page.locator(".mosaic-grid").bounding_box()["height"] < 1000
    lit = page.locator(".mosaic-grid details.mosaic-cell.is-lit").first
    assert lit.bounding_box()["width"] < 40  # a small square: its service is named in visually hidden text
    assert lit.locator("summary").text_content().strip().startswith("✓ Des actions de sensibilisation")
    assert_accessible(page)

    # Keyboard: cells follow one another with Tab and open with Enter, showing the service and its examples.
    lit.locator("summary").focus()
    page.keyboard.press("Enter")
    assert lit.get_attribute("open") is not None
    assert "Des actions de sensibilisation" in lit.inner_text() and "allumé" in lit.inner_text()
    assert "1 action éligible" in lit.inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Exemples d'autres collectivités"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    assert page.locator(".mosaic-grid details.mosaic-cell[open]").count() == 2
    assert_accessible(page)

    # The table alternative opens from its summary; a weak enjeu lists its unlit services.
    page.get_by_text("Voir la mosaïque sous forme de tableau").click()
    table = page.get_by_role("table", name=re.compile("^Mosaïque d'Amiens"))
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(138)
    page.locator(".mosaic-weak summary", has_text="Identité, droits et liberté").click()
    expect(page.locator(".mosaic-weak a[href*='/mosaique/services/T1E1S02/']")).to_be_visible()

    # In print: the grid alone, its symbols kept, on one page (A4 at 96 dpi is about 1,120 px high).
    page.emulate_media(media="print")
    expect(page.locator(".mosaic-grid")).to_be_visible()
    for hidden_in_print in (".mosaic-weak", ".mosaic-table", ".mosaic-year-form"):
        expect(page.locator(hidden_in_print)).not_to_be_visible()
    expect(lit.locator(".mosaic-cell-details")).not_to_be_visible()
    assert page.locator(".mosaic-grid").bounding_box()["height"] < 1120
    page.emulate_media(media="screen")

    # Reflow at 320 px: nothing wider than the screen, even with a cell open.
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Another label year through the selector (works without JavaScript: a GET form).
    page.get_by_label("Année du label").select_option("2021")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url(re.compile(r"annee=2021"))
    expect(page.get_by_role("heading", name="Mosaïque du label 2021")).to_be_visible()
    assert page.locator(".mosaic-grid .mosaic-cell.is-lit").count() == 0

    # An unlit service leads to actions of other collectivités, loaded on their own page.
    page.goto(f"/territoires/commune/{amiens.code}/")
    unlit = page.locator(".mosaic-cell.is-unlit", has=page.locator('a[href*="/mosaique/services/T1E1S02/"]'))
    unlit.locator("summary").click()
    unlit.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/mosaique/services/T1E1S02/\?exclude=80021"))
    expect(page.get_by_role("link", name="Ateliers numériques à Brest")).to_be_visible()
    assert_accessible(page)


def test_public_action_page_is_accessible(page, published, assert_accessible):
    page.goto(published.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Espace public numérique"
    assert_accessible(page)
