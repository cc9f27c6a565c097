"""Memberships: staff are emailed when a collectivité asks, the référent when it is confirmed; each formula is
explained where one chooses it."""

from html import unescape

import pytest
from django.core import mail

from arobase.accounts.tests.factories import StaffFactory, activate_totp
from arobase.label.models import Membership
from arobase.label.tests.factories import YEAR

pytestmark = pytest.mark.django_db

REQUEST = "/label/adhesion/commune/80021/"


def _login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def test_staff_are_told_of_a_request_and_the_referent_of_the_confirmation(
    client, label_commune_a, label_referent_a, staff
):
    other_staff = StaffFactory(email="equipe2@villes-internet.test")
    activate_totp(other_staff)
    StaffFactory(email="parti@villes-internet.test", is_active=False)
    _login(client, label_referent_a)
    assert client.post(REQUEST, {"year": YEAR, "level": "praemium"}).status_code == 302
    (request_mail,) = mail.outbox
    assert sorted(request_mail.to) == sorted([staff.email, other_staff.email])  # the staff accounts, no fixed address
    assert f"Demande d'adhésion : Amiens ({YEAR})" in request_mail.subject
    assert f"demande l'adhésion d'Amiens pour le label {YEAR}, formule praemium" in request_mail.body
    assert "/label/adhesions/" in request_mail.body and "&#x27;" not in request_mail.body

    mail.outbox.clear()
    _login(client, staff)
    membership = Membership.objects.get()
    client.post(f"/label/adhesions/{membership.pk}/decision/", {"decision": "confirm"})
    (confirmed,) = mail.outbox
    assert confirmed.to == [label_referent_a.email]
    assert f"L'adhésion d'Amiens pour le label {YEAR} (formule praemium) est confirmée" in confirmed.body

    # Deciding again (a second click) sends nothing more.
    mail.outbox.clear()
    client.post(f"/label/adhesions/{membership.pk}/decision/", {"decision": "confirm"})
    assert mail.outbox == []


def test_a_refused_or_invalid_request_mails_nobody(
    client, label_commune_a, label_referent_a, label_contributor_a, staff
):
    _login(client, label_referent_a)
    client.post(REQUEST, {"year": YEAR, "level": ""})  # no formula chosen
    client.post(REQUEST, {"year": YEAR, "level": "platine"})
    _login(client, label_contributor_a)
    client.post(REQUEST, {"year": YEAR, "level": "simple"})
    assert mail.outbox == [] and not Membership.objects.exists()
    _login(client, label_referent_a)
    client.post(REQUEST, {"year": YEAR, "level": "simple"})
    mail.outbox.clear()
    _login(client, staff)
    client.post(f"/label/adhesions/{Membership.objects.get().pk}/decision/", {"decision": "refuse"})
    assert mail.outbox == []


def test_each_formula_is_explained_where_one_chooses(client, label_commune_a, label_referent_a):
    _login(client, label_referent_a)
    page = unescape(client.get(REQUEST).content.decode())
    assert "Simple : adhésion à l'association Villes Internet, qui ouvre l'accès au label" in page
    assert "Praemium : tout ce qu'offre l'adhésion simple, avec en plus un diagnostic complet" in page
    assert "www.villes-internet.net" in page
