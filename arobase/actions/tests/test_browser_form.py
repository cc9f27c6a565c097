"""The action form in headless Chromium: axe-core, and a place's point picked on the map."""

import pytest
from django.conf import settings
from django.test import Client

from arobase.accounts.factories import AffiliationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in_page(page, live_server):
    from arobase.actions.factories import referential_2019

    referential_2019()
    user = AffiliationFactory().user
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )
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
