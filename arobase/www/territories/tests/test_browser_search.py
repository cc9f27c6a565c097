"""Territory search in headless Chromium: live results while typing, the page without JavaScript, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from arobase.territories.models import EpciType
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def territories():
    loire = DepartementFactory(code="42", name="Loire")
    somme = DepartementFactory(code="80", name="Somme")
    amiens_metropole = EpciFactory(
        code="248000531", name="CA Amiens Métropole", epci_type=EpciType.CA, population=180_000
    )
    CommuneFactory(code="42218", name="Saint-Étienne", population=172_000, departement=loire)
    CommuneFactory(code="76575", name="Saint-Étienne-du-Rouvray", population=28_000)
    CommuneFactory(code="59009", name="Villeneuve-d'Ascq", population=62_000)
    CommuneFactory(
        code="80021",
        name="Amiens",
        population=133_000,
        departement=somme,
        epci=amiens_metropole,
        postal_codes=" 80000 80080 80090 ",
    )
    return amiens_metropole


def test_live_search_while_typing_then_open_a_territory(page, territories, assert_accessible):
    page.goto("/territoires/")
    assert_accessible(page)
    page.get_by_label("Nom, code postal, code INSEE ou SIREN").type("saint etienne", delay=20)
    results = page.locator("#territory-results .results-list li")
    results.first.wait_for()
    assert results.count() == 2
    assert results.first.inner_text().startswith("Saint-Étienne")
    page.wait_for_function("document.querySelector('#results-status').textContent.includes('2 collectivités')")
    assert re.search(r"q=saint(\+|%20)etienne", page.url)  # the view can be shared
    assert_accessible(page)

    page.get_by_role("link", name="Saint-Étienne", exact=True).click()
    page.wait_for_url(re.compile(r"/territoires/commune/42218/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Saint-Étienne"
    assert_accessible(page)


def test_search_by_apostrophe_free_name_and_by_postal_code(page, territories):
    page.goto("/territoires/?q=villeneuve+d+ascq")
    assert page.locator("#territory-results .results-list li").first.inner_text().startswith("Villeneuve-d'Ascq")
    page.goto("/territoires/?q=80080")
    assert page.locator("#territory-results .results-list li").first.inner_text().startswith("Amiens")


def test_search_works_without_javascript(chromium, live_server, territories):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/territoires/")
    page.get_by_label("Nom, code postal, code INSEE ou SIREN").fill("amiens")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"q=amiens"))
    assert page.locator(".results-list li").first.inner_text().startswith("Amiens")
    context.close()


def test_epci_page_lists_its_member_communes(page, territories, assert_accessible):
    page.goto("/territoires/epci/248000531/")
    assert page.get_by_role("heading", level=1).inner_text() == "CA Amiens Métropole"
    expect(page.get_by_role("link", name=re.compile("^Amiens"))).to_be_visible()
    assert_accessible(page)


def test_live_search_titles_the_page_and_forgives_a_typo(page, territories, assert_accessible):
    CommuneFactory(code="59295", name="Hazebrouck", population=21_000)
    page.goto("/territoires/")
    assert page.title().startswith("Rechercher une collectivité · ")
    page.get_by_label("Nom, code postal, code INSEE ou SIREN").type("hazebrouk", delay=20)
    page.wait_for_function("document.title.startsWith('Rechercher une collectivité — « hazebrouk » · ')")
    results = page.locator("#territory-results .results-list li")
    results.first.wait_for()
    assert results.first.inner_text().startswith("Hazebrouck")
    assert_accessible(page)
