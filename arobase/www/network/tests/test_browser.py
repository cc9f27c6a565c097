"""The signed-in pages of the network in Chromium: axe-core, 320 px reflow, and proposing an article with the
keyboard only."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory, activate_totp
from arobase.actions.tests.factories import referential_2019
from arobase.network.models import Article, Status
from arobase.network.tests.factories import ArticleFactory, EventFactory
from arobase.timeline.models import Milestone
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, assert_accessible, url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_member_forms_are_accessible_and_an_article_is_proposed_by_keyboard(page, live_server, assert_accessible):
    referential_2019()
    affiliation = AffiliationFactory()
    sign_in(page, live_server, affiliation.user)
    for url in ("/evenements/proposer/", "/histoire/epingler/", "/articles/proposer/"):
        _check(page, assert_accessible, url)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_label("Titre").focus()
    page.keyboard.type("Un tiers-lieu numérique")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Le texte de l'article.")
    page.get_by_role("button", name="Enregistrer").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/*-un-tiers-lieu-numerique/")
    article = Article.objects.get()
    assert article.status == Status.PROPOSED and article.proposed_by == affiliation.user


def test_moderation_queues_are_accessible(page, live_server, assert_accessible):
    staff = StaffFactory()
    activate_totp(staff)
    proposer = AffiliationFactory()
    ArticleFactory(status=Status.PROPOSED, published_at=None, proposed_by=proposer.user, territory=proposer.territory)
    EventFactory(status=Status.PROPOSED, proposed_by=proposer.user, territory=proposer.territory)
    Milestone.objects.create(
        date="2010-01-01",
        track="collectivites",
        title="Repère proposé",
        source_text="Journal",
        territory=proposer.territory,
        proposed_by=proposer.user,
    )
    sign_in(page, live_server, staff)
    for url in ("/reseau/moderation/", "/histoire/moderation/"):
        _check(page, assert_accessible, url)
