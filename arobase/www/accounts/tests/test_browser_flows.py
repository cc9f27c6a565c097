"""End-to-end flows in headless Chromium: registration with email confirmation, then joining a collectivité."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from arobase.accounts.models import Affiliation, AffiliationStatus, User
from arobase.territories.tests.factories import CommuneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mairie-de-Picardie-2026!"


def _register(page, live_server, email):
    page.goto("/compte/signup/")
    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label(re.compile(r"^Nom\s:")).fill("Dupont")  # the required marker follows
    page.get_by_label("Courriel").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url(re.compile(r"/compte/confirm-email/$"))
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(live_server.url + link[link.index("/compte/") :])
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(re.compile(r"/compte/tableau-de-bord/$"))


def test_registration_with_email_confirmation_lands_on_the_dashboard(page, live_server, assert_accessible):
    page.goto("/compte/signup/")
    assert_accessible(page)
    _register(page, live_server, "claire.dupont@example.org")
    assert User.objects.get(email="claire.dupont@example.org").emailaddress_set.get().verified
    assert_accessible(page)


def test_weak_password_is_refused_with_a_french_message(page):
    page.goto("/compte/signup/")
    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label(re.compile(r"^Nom\s:")).fill("Dupont")  # the required marker follows
    page.get_by_label("Courriel").fill("faible@example.org")
    page.locator("input[name=password1]").fill("motdepasse")
    page.locator("input[name=password2]").fill("motdepasse")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("au moins 12 caractères").first).to_be_visible()
    assert not User.objects.filter(email="faible@example.org").exists()


def test_a_new_user_asks_to_join_a_commune_found_by_search(page, live_server, assert_accessible):
    amiens = CommuneFactory(code="80021", name="Amiens", population=133_000)
    CommuneFactory(code="80001", name="Abbeville", population=22_000)
    _register(page, live_server, "agent@amiens.example.org")

    page.goto("/compte/rejoindre/")
    assert_accessible(page)
    page.get_by_label(re.compile("Nom, code postal ou code INSEE")).fill("amiens")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Rejoindre Amiens (80)").click()
    page.wait_for_url(re.compile(r"/compte/rejoindre/commune/80021/$"))
    assert_accessible(page)
    page.get_by_label("Agent de la collectivité").check()
    page.get_by_label("Ville", exact=True).check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url(re.compile(r"/compte/tableau-de-bord/$"))
    expect(page.get_by_text("Votre demande a été envoyée").first).to_be_visible()

    affiliation = Affiliation.objects.get(user__email="agent@amiens.example.org")
    assert affiliation.territory == amiens
    assert affiliation.status == AffiliationStatus.PENDING
    assert affiliation.capacity == "agent"
    assert_accessible(page)


def test_the_join_search_is_usable_with_the_keyboard_alone(page, live_server):
    CommuneFactory(code="80021", name="Amiens", population=133_000)
    _register(page, live_server, "clavier@example.org")
    page.goto("/compte/rejoindre/")
    page.get_by_label(re.compile("Nom, code postal ou code INSEE")).focus()
    page.keyboard.type("amiens")
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Rejoindre Amiens (80)")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compte/rejoindre/commune/80021/$"))
