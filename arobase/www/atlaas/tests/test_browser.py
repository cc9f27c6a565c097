"""The map page in headless Chromium: clusters (supercluster), accessibility, a keyboard-only run to an action page.
Tiles are blocked (no network in tests): markers and the list must work without them."""

import random
import re

import pytest
from playwright.sync_api import expect

from arobase.actions.tests.factories import ActionFactory, PlaceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_like(db):
    from arobase.actions.tests.factories import referential_2019
    from arobase.territories.tests.factories import CommuneFactory

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
    clusters = page.locator(".marker-cluster")
    assert clusters.count() >= 1
    assert page.locator("#atlaas-map").get_attribute("data-loaded") == "120"
    assert page.locator("#atlaas-list li").count() == 20
    # Every cluster is a focusable button named by its count, and the counts add up to all the actions.
    total = 0
    for i in range(clusters.count()):
        cluster = clusters.nth(i)
        assert cluster.get_attribute("role") == "button"
        assert cluster.get_attribute("tabindex") == "0"
        label = cluster.get_attribute("aria-label")
        assert re.fullmatch(r"Groupe de \d+ actions", label), label
        total += int(label.split()[2])
    total += page.locator(".atlaas-point").count()
    assert total == 120
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


def _zoom(page) -> int:
    return int(page.locator("#atlaas-map").get_attribute("data-zoom"))


def _wait_zoom_above(page, zoom: int) -> None:
    page.wait_for_function(f"+document.getElementById('atlaas-map').dataset.zoom > {zoom}")


def test_cluster_click_zooms_in_then_a_point_opens_its_popup(page, live_server, demo_like, assert_accessible):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    # Click clusters (each click zooms in where supercluster splits it) until single actions are drawn.
    for _ in range(12):
        if page.locator(".atlaas-point").count():
            break
        zoom = _zoom(page)
        page.locator(".marker-cluster").first.click()
        _wait_zoom_above(page, zoom)
    else:
        raise AssertionError("no single action after 12 clicks on clusters")
    point = page.locator(".atlaas-point").first
    # Named by the title of its action and its status (the title arrives just after the point is drawn).
    page.wait_for_function("!document.querySelector('.atlaas-point').getAttribute('aria-label').startsWith('Action ')")
    named = re.fullmatch(r"(Médiation numérique \d+) \((prévue|en cours|réalisée)\)", point.get_attribute("aria-label"))
    assert named, point.get_attribute("aria-label")
    point.click()
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert link.inner_text() == "Voir la fiche de l’action"
    action_id = int(re.fullmatch(r"/actions/(\d+)/", link.get_attribute("href")).group(1))
    action = next(a for a in demo_like if a.pk == action_id)
    assert page.locator(".leaflet-popup-content strong").inner_text() == action.title == named.group(1)
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer la fenêtre"
    assert_accessible(page)
    link.click()
    page.wait_for_url(f"**/actions/{action_id}/")


def test_list_follows_the_visible_area(page, live_server, demo_like):
    from arobase.actions.models import Place

    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    assert page.locator("#atlaas-count").inner_text().startswith("120 ")
    zoom = _zoom(page)
    page.locator(".marker-cluster").first.click()
    _wait_zoom_above(page, zoom)
    page.wait_for_function(
        "location.search.includes('bbox=') && document.getElementById('atlaas-list').getAttribute('aria-busy') === "
        "'false' && !document.getElementById('atlaas-count').textContent.startsWith('120 ')"
    )
    west, south, east, north = (float(v) for v in re.search(r"bbox=([^&]+)", page.url).group(1).split("%2C"))
    inside = Place.objects.filter(latitude__range=(south, north), longitude__range=(west, east)).count()
    assert 0 < inside < 120
    assert page.locator("#atlaas-count").inner_text().startswith(f"{inside} ")
    owners = {
        text.split("—")[1].split("·")[0].strip() for text in page.locator("#atlaas-list li .muted").all_inner_texts()
    }
    assert len(owners) == 1  # the four towns are far apart: one of them is in view


def test_keyboard_operates_clusters_and_points(page, live_server, demo_like):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    # Tab from the filters to the first marker of the map.
    page.locator(".atlaas-filters-box > summary").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.marker-cluster')"):
            break
    else:
        raise AssertionError("no cluster can be reached with the keyboard")
    # Enter (or Space) on a cluster zooms in and moves the focus to a marker where the cluster was.
    for step in range(12):
        if not page.evaluate("document.activeElement.matches('.marker-cluster')"):
            break
        zoom = _zoom(page)
        page.keyboard.press("Enter" if step % 2 == 0 else " ")
        _wait_zoom_above(page, zoom)
        assert page.evaluate("document.activeElement.hasAttribute('data-key')")
    else:
        raise AssertionError("still on a cluster after 12 key presses")
    assert page.evaluate("document.activeElement.matches('.atlaas-point')")
    # Enter on a point opens its popup and moves the focus to the link; Escape closes it and returns to the point.
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('.leaflet-popup-content a')")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.matches('.atlaas-point')")
    page.locator(".leaflet-popup").wait_for(state="detached")  # after its fade-out
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.matches('.leaflet-popup-content a')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/actions/*/")


def test_actions_at_the_same_place_are_listed_together(page, live_server, demo_like):
    same_place = []
    for i in range(3):
        action = ActionFactory(owner=demo_like[0].owner, published=True, title=f"Même lieu {i}")
        PlaceFactory(action=action, latitude=50.5, longitude=3.0)
        same_place.append(action)
    _block_tiles(page)
    page.goto("/atlaas/?bbox=2.999,50.499,3.001,50.501")
    group = page.locator(".marker-cluster[aria-label='Groupe de 3 actions']")
    group.wait_for()
    assert _zoom(page) > 16  # beyond the last zoom level of supercluster: grouped by place in map.js
    group.click()
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content li a').length === 3")
    hrefs = set(
        page.locator(".leaflet-popup-content li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    assert hrefs == {f"/actions/{a.pk}/" for a in same_place}


def _apply_filter(page, field: str, value: str) -> tuple[int, int]:
    """Choose one filter in the form, apply it, and return (points on the map, actions in the list)."""
    page.goto("/atlaas/")
    page.locator(".atlaas-filters-box > summary").click()
    control = page.locator(f"#id_{field}")
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(f"**{field}=*")
    page.wait_for_selector("#atlaas-map[data-loaded]", timeout=30_000)
    on_map = int(page.locator("#atlaas-map").get_attribute("data-loaded"))
    in_list = int(page.locator("#atlaas-count").inner_text().split()[0].replace("\u202f", "").replace("\xa0", ""))
    return on_map, in_list


def test_each_filter_applied_through_the_form_keeps_map_and_list_together(page, live_server, demo_like):
    from django.utils import timezone

    first = demo_like[0]
    service = first.services.get()
    expected = {
        "theme": (service.enjeu.theme.code, None),
        "enjeu": (service.enjeu.code, None),
        "service": (service.code, None),
        "status": ("ongoing", 120),
        "territory": (first.owner.code, 30),
        "region": (first.owner.region.code, 30),
        "year": (str(timezone.localdate().year), 120),
        "arobases": ("4", 0),  # no published result: no collectivité has 4 @
        "q": ("médiation", 120),
    }
    _block_tiles(page)
    for field, (value, count) in expected.items():
        on_map, in_list = _apply_filter(page, field, value)
        assert on_map == in_list, (field, on_map, in_list)
        if count is not None:
            assert on_map == count, (field, on_map)
        else:
            assert 0 < on_map < 120, (field, on_map)
        expect(page.locator("#atlaas-map-error")).not_to_be_visible()


def test_a_map_that_cannot_load_says_so_in_french(page, live_server, demo_like, assert_accessible):
    _block_tiles(page)
    page.goto("/atlaas/?status=fini")  # an unknown status: the list ignores it, the points API refuses it
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text().startswith("Les actions n’ont pas pu être chargées sur la carte")
    assert "Statut inconnu" in alert.inner_text()
    assert_accessible(page)


def test_popup_contrast_holds_while_it_opens_on_a_slow_machine(page, live_server, demo_like, assert_accessible):
    """The flaky axe failure replayed: Leaflet fades a popup in (opacity 0 → 1), and axe run before the end of the
    fade measured faint text. A slow machine is simulated by a 10-second fade: the popup must be opaque at once."""
    _block_tiles(page)

    def slow_fade(route):
        response = route.fetch()
        slower = ".leaflet-fade-anim .leaflet-popup { transition: opacity 10s linear; }"
        route.fulfill(response=response, body=response.text() + slower)

    page.route("**/vendor/leaflet/leaflet*.css", slow_fade)
    page.goto("/atlaas/?bbox=2.0,49.6,2.6,50.2")
    point = page.locator(".atlaas-point").first
    point.wait_for()
    point.click()
    page.locator(".leaflet-popup-content a").wait_for()
    assert_accessible(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.leaflet-popup')).opacity") == "1"


def test_map_speaks_french_has_a_legend_and_a_visible_focus(page, live_server, demo_like):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    prefix = page.locator(".leaflet-control-attribution a").first
    assert prefix.get_attribute("title") == "Une bibliothèque JavaScript pour les cartes interactives"
    legend = page.get_by_role("list", name="Légende de la carte")
    for status in ("prévue (cercle vide)", "en cours (demi-cercle plein)", "réalisée (cercle plein)"):
        assert f"action {status}" in legend.inner_text()
    # Status by fill, not by colour alone: an empty ring, a half-filled disc, a filled disc.
    fills = page.evaluate(
        "[0, 1, 2].map(n => getComputedStyle(document.querySelector('.atlaas-swatch-' + n)).backgroundImage)"
    )
    assert fills[1].startswith("linear-gradient") and fills[0] == fills[2] == "none"
    # The focus ring of a marker: a dark outline (#1a1a1a) over a white halo, at least 3:1 on any tile.
    page.locator(".atlaas-filters-box > summary").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.marker-cluster')"):
            break
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow]; })()"
    )
    assert style[:3] == ["solid", "3px", "rgb(26, 26, 26)"], style
    assert "rgb(255, 255, 255)" in style[3] and "8px" in style[3], style


def test_the_list_announces_its_count_only(page, live_server, demo_like):
    _block_tiles(page)
    page.goto("/atlaas/")
    page.wait_for_selector(".marker-cluster")
    assert page.locator("#atlaas-list").get_attribute("aria-live") is None
    zoom = _zoom(page)
    page.locator(".marker-cluster").first.click()
    _wait_zoom_above(page, zoom)
    status = page.locator("#atlaas-list-status")
    page.wait_for_function("document.getElementById('atlaas-list-status').textContent.includes('action')")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == page.locator("#atlaas-count").inner_text()
