"""The comparison and bilan pages in headless Chromium: axe-core, keyboard, reflow at 320 px."""

import pytest
from playwright.sync_api import expect

from arobase.actions.models import Action, ActionStatus
from arobase.bilan.models import BilanRequest
from arobase.peers.tests.factories import YEAR
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reflows(page) -> bool:
    page.set_viewport_size({"width": 320, "height": 800})
    return page.evaluate("document.documentElement.scrollWidth <= 320")


def test_compare_and_similar_pages_are_accessible(page, world, assert_accessible):
    base = f"/territoires/commune/{world.village.code}"
    page.goto(f"{base}/")
    page.get_by_role("link", name="Se comparer aux collectivités équivalentes").click()
    page.wait_for_url(f"**{base}/se-comparer/")
    assert page.get_by_role("heading", level=1).inner_text() == "Se comparer : Mon Village"
    assert "16 collectivités comparables" in page.get_by_role("status").first.inner_text()
    expect(page.get_by_role("img", name="Graphique : couverture de chaque enjeu")).to_be_visible()
    assert_accessible(page)
    # Criteria changed with the keyboard only.
    page.get_by_label("Région").select_option("32")
    page.get_by_label("Population minimale").fill("2000")
    page.get_by_label("Population maximale").focus()
    page.keyboard.type("3499")
    page.keyboard.press("Enter")
    page.wait_for_url("**population_min=2000**")
    assert "5 collectivités comparables" in page.content()
    assert reflows(page)
    assert_accessible(page)
    page.goto(f"{base}/qui-me-ressemblent/?annee={YEAR}")
    expect(page.get_by_role("cell", name="50 %").first).to_be_visible()
    assert_accessible(page)


def test_a_member_plans_an_action_with_the_keyboard(page, live_server, world, village_member, assert_accessible):
    sign_in(page, live_server, village_member)
    page.goto(f"/territoires/commune/{world.village.code}/se-comparer/?annee={YEAR}")
    button = page.get_by_role("button", name="Prévoir une action").first
    assert_accessible(page)
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/modifier/")
    action = Action.objects.get(owner=world.village, status=ActionStatus.PLANNED)
    assert not action.is_published


def test_bilan_pages_are_accessible(page, live_server, world, staff, assert_accessible):
    base = f"/territoires/commune/{world.village.code}/bilan"
    page.goto(f"{base}/?annee={YEAR}")
    expect(page.get_by_role("heading", name="Comparaison avec les pairs")).to_be_visible()
    assert_accessible(page)
    assert reflows(page)
    pending = BilanRequest.objects.create(territory=world.village, year=YEAR, key="x", progress=30)
    page.goto(f"{base}/pdf/{pending.pk}/")
    expect(page.get_by_role("progressbar")).to_be_visible()
    assert_accessible(page)
    sign_in(page, live_server, staff)
    page.goto(f"{base}/commentaires/")
    assert_accessible(page)
    page.get_by_label("Commentaire").first.fill("Un regard d'expert.")
    page.get_by_role("button", name="Enregistrer le commentaire « synthèse »").click()
    page.wait_for_load_state()
    assert "Commentaire enregistré" in page.content()
