"""The timeline and the network pages in Chromium: axe-core, keyboard, 320 px reflow, and vis-timeline under the
site's real CSP (no violation, no console error)."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.network.models import EventKind
from arobase.network.tests.factories import ArticleFactory, EventFactory
from arobase.timeline.models import Milestone
from arobase.www.tests.browser import assert_no_violation, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_reflows(page):
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_timeline_with_vis_under_the_csp_and_by_keyboard(watched_page):
    # Other transactional tests empty the database, the milestones seeded by the migration included: seed them again.
    import_module("arobase.timeline.migrations.0002_seed_grandes_etapes").seed(django_apps, None)
    page = watched_page
    page.goto("/histoire/")
    page.wait_for_selector("#frise .vis-item")
    assert_no_violation(page)
    frise = page.locator("#frise")
    frise.focus()
    axis = "Array.from(document.querySelectorAll('#frise .vis-time-axis .vis-text')).map(e => e.textContent).join()"
    before = page.evaluate(axis)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("+")
    wait_until(page, f"({axis}) !== {before!r}")
    after = page.evaluate(axis)
    assert after != before
    # The axis is redrawn before the milestones that left the window are taken out of the page: a Tab pressed in
    # between lands on one of them, whose removal drops the focus. Let the redraw finish (two frames).
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # Tab reaches the milestones drawn on the frise; Enter leads to their line of the list.
    page.keyboard.press("Tab")
    wait_until(page, "document.activeElement.classList.contains('vis-box')", timeout=3)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('timeline-entry')")
    assert_no_violation(page)


def test_timeline_pages_are_accessible_and_reflow(page, assert_accessible):
    territory = AffiliationFactory().territory
    Milestone.objects.create(
        date=datetime.date(2012, 1, 1),
        track="collectivites",
        title="Premier budget participatif en ligne",
        source_text="Délibération",
        territory=territory,
        status="published",
    )
    for url in ("/histoire/?track=&territory=", f"/histoire/integrer/{territory.code}/"):
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        assert_accessible(page)
        _assert_reflows(page)


def test_network_pages_are_accessible_and_reflow(page, assert_accessible):
    article = ArticleFactory(body="## Un intertitre\n\nDu **texte**.")
    event = EventFactory(kind=EventKind.JOURNEE_NATIONALE, title="Journée nationale des Villes Internet")
    for url in (
        "/articles/?theme=&region=&kind=",
        article.get_absolute_url(),
        "/evenements/",
        event.get_absolute_url(),
        "/journee-nationale/",
    ):
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        assert_accessible(page)
        _assert_reflows(page)
