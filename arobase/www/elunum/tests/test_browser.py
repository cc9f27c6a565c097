"""Elunum's pages in headless Chromium: keyboard search, accessibility (axe-core), reflow at 320 px."""

import pytest
from playwright.sync_api import expect

from arobase.elunum import search
from arobase.elunum.tests.factories import PageFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus(db):
    source = SourceFactory(name="Ville de Test", url_prefix="https://ville-test.fr/")
    pages = [
        PageFactory(
            source=source,
            url=f"https://ville-test.fr/p{i}",
            title=f"Médiation numérique {i}",
            text="Des ateliers de médiation numérique chaque semaine.",
            published_at="2026-03-01",
        )
        for i in range(3)
    ]
    search.index_pages([p.pk for p in pages])
    return source


def test_search_by_keyboard_and_accessibility(page, corpus, assert_accessible):
    page.goto("/elunum/")
    assert_accessible(page)
    page.keyboard.press("Tab")  # skip link
    page.get_by_label("Rechercher dans les sources de confiance et l'Atlaas").fill("mediation")
    page.keyboard.press("Enter")
    page.wait_for_selector("#elunum-count")
    assert page.locator(".elunum-group").count() == 1
    assert page.locator(".excerpt mark").first.inner_text().lower() == "médiation"
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_sources_page_accessibility(page, corpus, assert_accessible):
    page.goto("/elunum/sources/")
    expect(page.get_by_role("cell", name="Ville de Test")).to_be_visible()
    assert_accessible(page)
