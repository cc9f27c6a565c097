"""The map page in headless Chromium: clusters, accessibility, a keyboard-only run to an action page.
Tiles are blocked (no network in tests): markers and the list must work without them."""

import random

import pytest

from arobase.actions.factories import ActionFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_like(db):
    from arobase.actions.factories import referential_2019
    from arobase.territories.factories import CommuneFactory

    referential_2019()
    rng = random.Random(7)
    towns = [
        CommuneFactory(name=name, code=code)
        for name, code in (("Amiens", "80021"), ("Brest", "29019"), ("Lyon", "69123"), ("Toulouse", "31555"))
    ]
    centres = [(49.89, 2.29), (48.39, -4.49), (45.76, 4.83), (43.60, 1.44)]
    actions = []
    for i in range(120):
        town = i % 4
        action = ActionFactory(owner=towns[town], published=True, title=f"Médiation numérique {i}")
        lat, lon = centres[town]
        PlaceFactory(action=action, latitude=lat + rng.uniform(-0.2, 0.2), longitude=lon + rng.uniform(-0.2, 0.2))
        actions.append(action)
    return actions


def _block_tiles(page):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())


def test_map_clusters_and_accessibility(page, live_server, demo_like, assert_accessible):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster", timeout=10_000)
    assert page.locator(".marker-cluster").count() >= 1
    assert page.locator("#atlaas-map").get_attribute("data-loaded") == "120"
    assert page.locator("#atlaas-list li").count() == 20
    assert_accessible(page)
    page.goto("/atlaas/recherche/?q=mediation")
    assert page.locator("mark").count() >= 1
    assert_accessible(page)
    for path in ("/atlaas/collectivites/", "/atlaas/acteurs/", "/atlaas/donnees/"):
        page.goto(path)
        assert_accessible(page)


def test_keyboard_only_filters_list_to_action(page, live_server, demo_like):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    # Open the filters and choose a status with the keyboard only.
    summary = page.locator(".atlaas-filters-box > summary")
    summary.focus()
    page.keyboard.press("Enter")
    page.locator("#id_q").focus()
    page.keyboard.type("médiation 7")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=*")
    assert "q=m%C3%A9diation+7" in page.url or "q=médiation+7" in page.url
    # Tab until the first link of the list, then follow it.
    first_link = page.locator("#atlaas-list li a").first
    title = first_link.inner_text()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#atlaas-list') !== null"):
            break
    else:
        raise AssertionError("the list cannot be reached with the keyboard")
    assert page.evaluate("document.activeElement.textContent").strip() == title.strip()
    page.keyboard.press("Enter")
    page.wait_for_url("**/actions/*/")
    assert title.strip() in page.locator("h1").inner_text()
