"""The #elunum space and the notifications pages in headless Chromium: axe-core, keyboard, 320 px."""

import re

import pytest
from playwright.sync_api import expect

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.forum import services
from arobase.forum.models import Post, Thread
from arobase.forum.tests.factories import EluAffiliationFactory, RoomFactory
from arobase.notifications.models import Notification
from arobase.notifications.tokens import unsubscribe_token
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_elu_reads_and_answers_a_thread_with_the_keyboard(page, live_server, assert_accessible):
    author = EluAffiliationFactory(user__first_name="Anne", user__last_name="Bertin").user
    reader = EluAffiliationFactory(user__first_name="Paul", user__last_name="Caron").user
    room = RoomFactory(name="Vivre ensemble")
    thread = services.start_thread(actor=author, room=room, title="Tiers-lieux ruraux", body="Vos **retours** ?")
    sign_in(page, live_server, reader)
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto("/espace-elus/")
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("link", name="Vivre ensemble").click()
    page.wait_for_url(re.compile(r"/espace-elus/salons/\d+/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Tiers-lieux ruraux").click()
    page.wait_for_url(re.compile(r"/espace-elus/discussions/\d+/$"))
    assert_accessible(page)

    page.get_by_label("Votre réponse").focus()
    page.keyboard.type("Nous en avons ouvert deux, merci @Anne Bertin")
    # Tab past the mentions list to the button and press Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Publier"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#message-\d+$"))
    expect(page.get_by_text("Nous en avons ouvert deux")).to_be_visible()
    assert_accessible(page)
    post = Post.objects.filter(thread=thread).latest("id")
    assert list(post.mentions.all()) == [author]
    assert Notification.objects.filter(user=author, kind="forum_mention").exists()


def test_a_non_elu_sees_the_explanation_page(page, live_server, assert_accessible):
    agent = AffiliationFactory().user
    room = RoomFactory()
    services.start_thread(actor=EluAffiliationFactory().user, room=room, title="Sujet confidentiel", body="Texte")
    sign_in(page, live_server, agent)
    response = page.goto(f"/espace-elus/discussions/{Thread.objects.get().pk}/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Espace réservé aux élus")).to_be_visible()
    assert "Sujet confidentiel" not in page.content()
    assert_accessible(page)


def test_notifications_and_preferences_pages(page, live_server, assert_accessible):
    user = EluAffiliationFactory().user
    Notification.objects.create(user=user, kind="moderation", title="Votre article est publié", url="/")
    sign_in(page, live_server, user)
    page.goto("/espace-elus/")
    page.locator(".notification-count").wait_for()
    assert page.locator(".notification-count").inner_text().startswith("1")
    page.goto("/compte/notifications/")
    assert_accessible(page)
    page.goto("/compte/notifications/preferences/")
    assert_accessible(page)
    page.get_by_role("group", name=re.compile("Modération de ce que j'ai proposé")).get_by_label(
        "Pas de courriel"
    ).check()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.get_by_text("Vos préférences de notification sont enregistrées.")).to_be_visible()
    assert user.notification_preferences.get(kind="moderation").delivery == "none"


def test_the_unsubscribe_confirmation_page(page, live_server, assert_accessible):
    user = EluAffiliationFactory().user
    page.goto(f"/compte/notifications/desabonnement/{unsubscribe_token(user_id=user.pk, kind='forum_reply')}/")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer le désabonnement").click()
    expect(page.get_by_role("heading", name="Désabonnement enregistré")).to_be_visible()
    assert user.notification_preferences.get(kind="forum_reply").delivery == "none"
