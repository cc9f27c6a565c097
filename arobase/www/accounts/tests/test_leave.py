"""Leaving a collectivité: a confirmation page, then a POST; a référent with members hands the role over first."""

from html import unescape

import pytest

from arobase.accounts import selectors
from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus
from arobase.accounts.tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def _leave_url(affiliation):
    return f"/compte/rattachements/{affiliation.pk}/quitter/"


def test_a_contributor_confirms_before_leaving(client, accounts_commune_a, accounts_referent_a, accounts_contributor_a):
    affiliation = Affiliation.objects.get(user=accounts_contributor_a)
    client.force_login(accounts_contributor_a)
    dashboard = client.get("/compte/tableau-de-bord/").content.decode()
    assert f'<a href="{_leave_url(affiliation)}">Quitter Amiens</a>' in dashboard

    page = client.get(_leave_url(affiliation)).content.decode()
    assert "<h1>Quitter Amiens</h1>" in page and "Vous ne pourrez plus publier ni modifier les actions" in page
    assert '<button type="submit" class="button-danger">Quitter Amiens</button>' in page
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.APPROVED  # looking at the page changes nothing

    response = client.post(_leave_url(affiliation), follow=True)
    assert "Vous avez quitté Amiens." in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.LEFT
    assert client.get(_leave_url(affiliation)).status_code == 404  # already ended


def test_a_referent_with_members_must_hand_over_first(
    client, accounts_commune_a, accounts_referent_a, accounts_contributor_a
):
    own = Affiliation.objects.get(user=accounts_referent_a)
    client.force_login(accounts_referent_a)
    page = client.get(_leave_url(own)).content.decode()
    assert "Vous êtes le référent d'Amiens : transmettez d'abord ce rôle." in unescape(page)
    assert f'href="/compte/rattachements/{own.pk}/transmettre/"' in page and "button-danger" not in page

    # Posting anyway (a stale page, a forged request) is refused with the reason, and changes nothing.
    response = client.post(_leave_url(own), follow=True)
    assert "désignez d'abord un autre membre comme référent" in unescape(response.content.decode())
    own.refresh_from_db()
    assert own.status == AffiliationStatus.APPROVED and own.role == AffiliationRole.REFERENT

    # The hand-over page lists the other members; sending it without a choice says so and changes nothing.
    hand_over = f"/compte/rattachements/{own.pk}/transmettre/"
    page = client.get(hand_over).content.decode()
    assert "Transmettre le rôle de référent d'Amiens" in unescape(page) and str(accounts_contributor_a) in page
    response = client.post(hand_over, {"affiliation": ""})
    assert response.status_code == 200 and "Ce champ est obligatoire" in response.content.decode()
    assert selectors.referent_of(accounts_commune_a).user == accounts_referent_a

    response = client.post(
        hand_over, {"affiliation": Affiliation.objects.get(user=accounts_contributor_a).pk}, follow=True
    )
    assert "est désormais référent d&#x27;Amiens" in response.content.decode()
    assert selectors.referent_of(accounts_commune_a).user == accounts_contributor_a
    # Now a contributor, the former référent may leave.
    page = response.content.decode()
    assert "button-danger" in page
    client.post(_leave_url(own))
    own.refresh_from_db()
    assert own.status == AffiliationStatus.LEFT


def test_the_role_cannot_be_handed_to_someone_of_another_collectivite(
    client, accounts_commune_a, accounts_commune_b, accounts_referent_a, accounts_contributor_a, accounts_referent_b
):
    own = Affiliation.objects.get(user=accounts_referent_a)
    outsider = AffiliationFactory(territory=accounts_commune_b)
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    client.force_login(accounts_referent_a)
    for target in (outsider, pending, own):
        response = client.post(f"/compte/rattachements/{own.pk}/transmettre/", {"affiliation": target.pk})
        assert response.status_code == 200 and "Sélectionnez un choix valide" in response.content.decode()
    assert selectors.referent_of(accounts_commune_a).user == accounts_referent_a
    assert selectors.referent_of(accounts_commune_b).user == accounts_referent_b
    # Nor can someone hand over the role of another person's attachment.
    theirs = Affiliation.objects.get(user=accounts_referent_b)
    response = client.post(f"/compte/rattachements/{theirs.pk}/transmettre/", {"affiliation": outsider.pk})
    assert response.status_code == 403 and selectors.referent_of(accounts_commune_b).user == accounts_referent_b


def test_a_referent_alone_may_leave_after_confirming(client, accounts_commune_a, accounts_referent_a):
    own = Affiliation.objects.get(user=accounts_referent_a)
    client.force_login(accounts_referent_a)
    page = client.get(_leave_url(own)).content.decode()
    assert "Vous êtes son seul membre : la collectivité n'aura plus de référent" in unescape(page)
    client.post(_leave_url(own))
    own.refresh_from_db()
    assert own.status == AffiliationStatus.LEFT and not selectors.has_referent(accounts_commune_a)
