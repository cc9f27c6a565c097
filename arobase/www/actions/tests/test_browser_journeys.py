"""Journeys through the pages in headless Chromium: a draft of a published action, withdrawing an action,
deleting a draft, and the error summary after a failed submit (action form and sign-up form)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, PlaceFactory
from arobase.www.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member(page, live_server):
    from arobase.actions.tests.factories import referential_2019

    referential_2019()
    affiliation = AffiliationFactory()
    sign_in(page, live_server, affiliation.user)
    return affiliation


def public_title(action) -> str:
    return Client().get(action.get_absolute_url()).content.decode()


def test_a_draft_of_a_published_action_stays_private_until_published(page, member, assert_accessible):
    action = ActionFactory(owner=member.territory, published=True, title="Titre publié")
    PlaceFactory(action=action, latitude=48.1, longitude=-1.6)
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Modifier", exact=True).click()
    expect(page.get_by_text("Vous modifiez une action publiée")).to_be_visible()
    page.get_by_label("Titre").fill("Titre en brouillon")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Le brouillon des modifications est enregistré")).to_be_visible()
    assert "Titre en brouillon" not in public_title(action) and "Titre publié" in public_title(action)

    page.get_by_role("link", name="Modifier", exact=True).click()
    expect(page.get_by_text("Vous modifiez un brouillon ; la version publiée reste visible")).to_be_visible()
    assert page.get_by_label("Titre").input_value() == "Titre en brouillon"
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Publier les modifications").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Titre en brouillon"
    assert "Titre en brouillon" in public_title(action)


def test_a_member_withdraws_an_action_and_deletes_a_draft(page, member, assert_accessible):
    action = ActionFactory(owner=member.territory, published=True, title="Wifi public")
    draft = ActionFactory(owner=member.territory, title="Aperçu oublié")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name="Dépublier").click()
    assert_accessible(page)
    page.get_by_label("Motif de la dépublication").fill("Service arrêté en juin.")
    page.get_by_role("button", name="Dépublier").click()
    expect(page.get_by_text("par un membre de la collectivité")).to_be_visible()
    assert Client().get(action.get_absolute_url()).status_code == 404

    page.goto("/actions/")
    page.get_by_role("link", name="Supprimer — Aperçu oublié").click()
    assert_accessible(page)
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text("Le brouillon « Aperçu oublié » est supprimé.")).to_be_visible()
    assert not Action.objects.filter(pk=draft.pk).exists()


def test_after_a_failed_submit_the_error_summary_has_the_focus(page, member, assert_accessible):
    page.goto("/actions/nouvelle/")
    assert page.locator("#id_title").get_attribute("aria-required") == "true"
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("node => node === document.activeElement")
    summary.get_by_role("link", name="Titre : Ce champ est obligatoire.").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert_accessible(page)


def test_the_sign_up_form_shows_its_error_summary_with_the_focus(page, live_server, assert_accessible):
    page.goto("/compte/signup/")
    expect(page.get_by_text("Les champs marqués d'un astérisque (*) sont obligatoires.").first).to_be_visible()
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_last_name").fill("Martin")
    page.locator("#id_email").fill("nouvelle@example.org")
    page.locator("#id_password1").fill("Un-mot-de-passe-solide-2026")
    page.locator("#id_password2").fill("Un-autre-mot-de-passe-2026")
    page.get_by_role("button", name="Créer mon compte").click()
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("node => node === document.activeElement")
    assert "Vous devez saisir deux fois le même mot de passe" in summary.inner_text()
    assert_accessible(page)
