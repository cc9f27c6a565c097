"""The baromètre page in Chromium: axe-core, keyboard, and reflow at 320 px."""

import pytest
from playwright.sync_api import expect

from arobase.barometre import services as editions
from arobase.barometre.tests.factories import YEAR, national_dataset


@pytest.fixture
def frozen(services):
    national_dataset(services)
    editions.compute_edition(year=YEAR, actor=None)
    return editions.freeze_edition(year=YEAR, actor=None)


def test_barometre_page_is_accessible_by_keyboard_and_reflows(page, assert_accessible, frozen):
    page.goto("/")
    page.get_by_role("link", name="Baromètre", exact=True).click()
    page.wait_for_url("**/barometre/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == f"Baromètre des services publics numériques locaux {YEAR}"
    )
    expect(page.get_by_role("img", name="Carte de France par département")).to_be_visible()
    expect(
        page.get_by_role("table", name="Collectivités, actions éligibles et collectivités labellisées par département")
    ).to_be_visible()
    assert_accessible(page)

    # Keyboard: the method link moves the focus target, the scrollable tables take the focus, a CSV link is reachable.
    page.get_by_role("link", name="Comment ces chiffres sont calculés").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#methode")
    page.get_by_role("link", name=f"Label {YEAR}").focus()
    for _step in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('role') || document.activeElement.tagName")
    assert focused in ("region", "A")
    csv_link = page.get_by_role("link", name="Télécharger ce tableau (CSV)").first
    csv_link.focus()
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("departements.csv")

    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/barometre/{YEAR}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)


def test_empty_barometre_page_is_accessible(page, assert_accessible, db):
    page.goto("/barometre/")
    expect(page.get_by_text("Aucune édition du baromètre n'est encore publiée")).to_be_visible()
    assert_accessible(page)
