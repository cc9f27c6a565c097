"""A juror signs in (password + TOTP), reads a dossier and records a proposal, in headless Chromium with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from arobase.accounts.tests.factories import DEFAULT_PASSWORD, JurorFactory, activate_totp, current_totp_code
from arobase.actions.tests.factories import referential_2019
from arobase.label.models import JurorProposal
from arobase.label.tests.factories import YEAR, add_mentions, eligible_action, make_campaign, seat, validated_candidacy
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jury_at_work(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    edition_2019 = referential_2019()
    label_campaign = make_campaign(edition_2019, state="closed")
    add_mentions(label_campaign)
    label_region = RegionFactory(code="32", name="Hauts-de-France")
    label_somme = DepartementFactory(code="80", name="Somme", region=label_region)
    commune = CommuneFactory(
        name="Amiens",
        code="80021",
        population=133000,
        label_category="ville",
        departement=label_somme,
        region=label_region,
    )
    eligible_action(commune)
    validated_candidacy(label_campaign, commune)
    juror = JurorFactory()
    secret = activate_totp(juror)
    seat(label_campaign, juror)
    return juror, secret


def _sign_in(page, user, secret):
    page.goto("/compte/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button").last.click()
    page.wait_for_url(re.compile(r"/compte/2fa/authenticate/"))
    page.locator("input[name=code]").fill(current_totp_code(secret))
    page.locator("main form button").first.click()
    page.wait_for_url(re.compile(r"/compte/tableau-de-bord/"))


def test_juror_scores_a_dossier(page, jury_at_work, assert_accessible):
    juror, secret = jury_at_work
    _sign_in(page, juror, secret)

    page.goto(f"/label/jury/{YEAR}/")
    assert_accessible(page)
    page.get_by_role("link", name="Amiens").click()
    page.wait_for_url(re.compile(rf"/label/jury/{YEAR}/dossier/commune/80021/$"))
    assert "Plage autorisée par le règlement : de 1 à 4 @" in page.content()
    expect(page.get_by_role("table", name=re.compile("Détail du calcul"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Nombre d'@").select_option("3")
    page.get_by_label("Santé").check()
    page.get_by_label("Commentaire").fill("Dossier équilibré, actions bien documentées.")
    page.get_by_role("button", name="Enregistrer ma proposition").click()
    page.get_by_text("Votre proposition est enregistrée.").wait_for()
    assert_accessible(page)

    proposal = JurorProposal.objects.get()
    assert proposal.juror == juror and proposal.arobases == 3
    assert [mention.code for mention in proposal.mentions.all()] == ["sante"]

    page.get_by_label("Nombre d'@").select_option("4")
    page.get_by_role("button", name="Modifier ma proposition").click()
    page.get_by_text("Votre proposition est enregistrée.").wait_for()
    proposal.refresh_from_db()
    assert proposal.arobases == 4 and JurorProposal.objects.count() == 1
