"""The action form in headless Chromium: axe-core, and a place's point picked on the map."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in_page(page, live_server):
    from arobase.actions.tests.factories import referential_2019

    referential_2019()
    user = AffiliationFactory().user
    sign_in(page, live_server, user)
    return page


def test_the_action_form_is_accessible_and_a_place_can_be_picked_on_the_map(logged_in_page, assert_accessible):
    page = logged_in_page
    page.goto("/actions/nouvelle/")
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter un lieu").click()
    toggle = page.get_by_role("button", name="Choisir le point sur une carte").last
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    map_box = page.locator(".place-picker-map:visible").last
    map_box.click(position={"x": 120, "y": 90})
    latitude = page.locator("input[id$='-latitude']").last.input_value()
    longitude = page.locator("input[id$='-longitude']").last.input_value()
    # The map opens on France: the point picked is somewhere around it.
    assert 35 < float(latitude) < 56 and -10 < float(longitude) < 15
    assert page.locator("input[id$='-geocoding_source']").last.input_value() == "manual"


def test_the_place_picker_works_from_the_keyboard_and_speaks_french(logged_in_page):
    page = logged_in_page
    page.goto("/actions/nouvelle/")
    page.get_by_role("button", name="Ajouter un lieu").click()
    toggle = page.get_by_role("button", name="Choisir le point sur une carte").last
    toggle.focus()
    page.keyboard.press("Enter")
    map_box = page.get_by_role("application", name="Carte pour placer le lieu").last
    hint = page.locator(f"#{map_box.get_attribute('aria-describedby')}")
    assert "Entrée pour placer le point au centre" in hint.inner_text()
    assert page.locator(".leaflet-control-zoom-in").last.get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").last.get_attribute("title") == "Zoom arrière"
    # Tab to the map, move it with the arrows, place the point at its centre with Enter.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('place-picker-map')"):
            break
    else:
        raise AssertionError("the map cannot be reached with the keyboard")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    latitude = float(page.locator("input[id$='-latitude']").last.input_value())
    longitude = float(page.locator("input[id$='-longitude']").last.input_value())
    assert 35 < latitude < 56 and -10 < longitude < 15
    assert page.locator("input[id$='-geocoding_source']").last.input_value() == "manual"
    announced = page.get_by_role("status").filter(has_text="Point placé").last
    assert announced.inner_text().startswith("Point placé : latitude")
    assert page.locator(".leaflet-marker-icon").last.get_attribute("alt") == "Lieu choisi"
