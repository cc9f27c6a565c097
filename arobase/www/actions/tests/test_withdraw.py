"""Members withdraw their actions (unpublish with a reason) and delete their drafts; outsiders cannot."""

import pytest
from django.urls import reverse

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, PlaceFactory, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_member(amiens):
    from arobase.accounts.tests.factories import AffiliationFactory

    return AffiliationFactory(territory=amiens.epci).user


def test_member_unpublishes_with_a_reason_kept_in_the_history(client, amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True, title="Wifi public")
    login(client, amiens_contributor)
    page = client.get(action.get_absolute_url()).content.decode()
    assert reverse("actions:unpublish", args=[action.pk]) in page

    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": ""})
    assert response.status_code == 400 and "motif" in response.content.decode()
    action.refresh_from_db()
    assert action.is_published

    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Service arrêté en juin."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_unpublished and action.unpublished_by == amiens_contributor
    assert action.history.first().history_change_reason == "Dépubliée : Service arrêté en juin."
    page = client.get(action.get_absolute_url()).content.decode()
    assert "par un membre de la collectivité" in page and "Service arrêté en juin." in page
    history = client.get(reverse("actions:history", args=[action.pk])).content.decode()
    assert "Service arrêté en juin." in history
    client.logout()
    assert client.get(action.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "brest_contributor", "partner_member"])
def test_outsiders_cannot_unpublish(who, request, client, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True, shared_with=[amiens.epci])
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    records = action.history.count()
    response = client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Non"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.is_published and action.history.count() == records


def test_unpublishing_leaves_a_validated_candidacy_snapshot_unchanged(client, amiens, edition_2019):
    from arobase.accounts.tests.factories import ReferentAffiliationFactory
    from arobase.label.candidacies import services as candidacy_services
    from arobase.label.models import CandidacySnapshot
    from arobase.label.tests.factories import confirm_membership, make_campaign

    amiens_referent = ReferentAffiliationFactory(territory=amiens).user
    action = ActionFactory(owner=amiens, published=True, title="Guichet en ligne")
    confirm_membership(amiens)
    campaign = make_campaign(edition_2019)
    candidacy = candidacy_services.open_candidacy(actor=amiens_referent, campaign=campaign, territory=amiens)
    snapshot = candidacy_services.validate_candidacy(
        actor=amiens_referent, candidacy=candidacy, version=candidacy.version
    )
    frozen = snapshot.data
    assert [(frozen_action["id"], frozen_action["title"]) for frozen_action in frozen["actions"]] == [
        (action.pk, "Guichet en ligne")
    ]

    login(client, amiens_referent)
    client.post(reverse("actions:unpublish", args=[action.pk]), {"reason": "Remplacé par un autre service."})
    action.refresh_from_db()
    assert action.is_unpublished
    assert CandidacySnapshot.objects.get(pk=snapshot.pk).data == frozen


def test_member_deletes_a_draft_after_confirmation(client, amiens_contributor, amiens, edition_2019):
    draft = ActionFactory(owner=amiens, title="Aperçu oublié")
    PlaceFactory(action=draft)
    login(client, amiens_contributor)
    mine = client.get(reverse("actions:mine")).content.decode()
    assert reverse("actions:delete", args=[draft.pk]) in mine
    confirmation = client.get(reverse("actions:delete", args=[draft.pk]))
    assert confirmation.status_code == 200 and "Supprimer définitivement" in confirmation.content.decode()
    assert Action.objects.filter(pk=draft.pk).exists()

    response = client.post(reverse("actions:delete", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("actions:mine")
    assert not Action.objects.filter(pk=draft.pk).exists()
    deletion = Action.history.filter(id=draft.pk).first()
    assert deletion.history_type == "-" and deletion.history_user == amiens_contributor


def test_published_actions_are_not_deleted(client, amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    login(client, amiens_contributor)
    response = client.post(reverse("actions:delete", args=[action.pk]))
    assert response.status_code == 400 and "dépubliez" in response.content.decode()
    assert Action.objects.filter(pk=action.pk, is_published=True).exists()


@pytest.mark.parametrize("who", ["anonymous", "brest_contributor", "partner_member"])
def test_outsiders_cannot_delete_a_draft(who, request, client, amiens, edition_2019):
    draft = ActionFactory(owner=amiens, shared_with=[amiens.epci])
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    assert client.post(reverse("actions:delete", args=[draft.pk])).status_code == 404
    assert Action.objects.filter(pk=draft.pk).exists()
