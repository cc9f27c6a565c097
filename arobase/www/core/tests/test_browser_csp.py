"""The Content-Security-Policy in headless Chromium: no violation on the pages that run scripts (the Atlaas map,
the action form with its place picker, the htmx live search)."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.actions.tests.factories import ActionFactory, PlaceFactory, referential_2019
from arobase.www.tests.browser import assert_no_violation, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_atlaas_map(watched_page, amiens):
    referential_2019()
    for i in range(5):
        PlaceFactory(
            action=ActionFactory(owner=amiens, published=True, title=f"Action {i}"),
            latitude=49.89 + i / 100,
            longitude=2.29,
        )
    page = watched_page
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster, .atlaas-point")
    page.wait_for_selector(".leaflet-tile-loaded")
    assert_no_violation(page)


def test_the_action_form_and_its_place_picker(watched_page, live_server):
    referential_2019()
    page = watched_page
    sign_in(page, live_server, AffiliationFactory().user)
    page.goto("/actions/nouvelle/")
    page.get_by_role("button", name="Ajouter un lieu").click()
    page.get_by_role("button", name="Choisir le point sur une carte").last.click()
    page.wait_for_selector(".leaflet-tile-loaded")
    page.locator("input[id$='-address']").last.fill("8 boulevard")  # htmx address suggestions
    page.wait_for_selector("[data-citycode]")
    assert_no_violation(page)


def test_the_htmx_live_search(watched_page, amiens):
    page = watched_page
    page.goto("/territoires/")
    page.locator("#id_q").fill("amie")
    page.wait_for_selector("#territory-results a:has-text('Amiens')")
    assert "q=amie" in page.url  # pushed by htmx: the request went through it, not a page load
    assert_no_violation(page)
