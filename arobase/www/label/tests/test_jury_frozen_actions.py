"""The jury reads each action of a dossier as its validated version froze it, never its live page."""

import pytest

from arobase.actions.models import Action
from arobase.label.candidacies import services as candidacy_services
from arobase.label.models import CandidacySnapshot
from arobase.label.tests.factories import (
    YEAR,
    confirm_membership,
    eligible_action,
    make_campaign,
    seat,
    validated_candidacy,
)

pytestmark = pytest.mark.django_db

DOSSIER = f"/label/jury/{YEAR}/dossier/commune/80021/"


@pytest.fixture
def closed(edition_2019):
    return make_campaign(edition_2019, state="closed")


@pytest.fixture
def frozen(closed, label_commune_a, juror):
    action = eligible_action(
        label_commune_a, title="Portail citoyen", summary="Démarches en ligne.", results="3 000 comptes ouverts."
    )
    candidacy = validated_candidacy(closed, label_commune_a)
    seat(closed, juror)
    return action, candidacy


def test_validation_freezes_the_content_of_each_action(edition_2019, label_commune_a, label_referent_a):
    label_campaign = make_campaign(edition_2019)
    confirm_membership(label_commune_a)
    action = eligible_action(label_commune_a, title="Portail citoyen", summary="Démarches en ligne.")
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_commune_a
    )
    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=candidacy.version)
    (frozen,) = CandidacySnapshot.objects.get(candidacy=candidacy).data["actions"]
    assert frozen["id"] == action.pk and frozen["title"] == "Portail citoyen"
    assert frozen["summary"] == "Démarches en ligne." and frozen["owner"] == "Amiens"
    assert frozen["services"] == [{"code": s.code, "label": s.label} for s in action.services.all()]


def test_the_dossier_links_to_the_frozen_action_which_outlives_later_edits(client, frozen, juror):
    action, _candidacy = frozen
    frozen_url = f"{DOSSIER}actions/{action.pk}/"
    client.force_login(juror)
    dossier = client.get(DOSSIER).content.decode()
    assert f'<a href="{frozen_url}">Portail citoyen</a>' in dossier
    assert f'href="{action.get_absolute_url()}"' not in dossier

    # The collectivité edits its action after the validation: the jury still reads what was transmitted.
    Action.objects.filter(pk=action.pk).update(title="Portail citoyen 2.0", summary="Tout a changé.")
    page = client.get(frozen_url).content.decode()
    assert "<h1>Portail citoyen</h1>" in page and "Démarches en ligne." in page and "3 000 comptes ouverts." in page
    assert "Tout a changé." not in page and "version n°1" in page


def test_frozen_actions_are_for_the_jury_of_that_dossier_only(
    client, frozen, label_commune_b, label_contributor_a, label_referent_a, plain_user
):
    action, _candidacy = frozen
    frozen_url = f"{DOSSIER}actions/{action.pk}/"
    for user in (label_contributor_a, label_referent_a, plain_user):
        client.force_login(user)
        assert client.get(frozen_url).status_code == 403
    client.logout()
    assert client.get(frozen_url).status_code == 302
    # An action that is not part of the transmitted version is not shown, even to the jury.
    other = eligible_action(label_commune_b, title="Ailleurs")
    client.force_login(frozen[1].campaign.jury_members.get().user)
    assert client.get(f"{DOSSIER}actions/{other.pk}/").status_code == 404
    assert client.get(f"{DOSSIER}actions/999999/").status_code == 404


def test_a_snapshot_from_before_frozen_content_shows_the_title_only(client, frozen, juror):
    action, candidacy = frozen
    snapshot = candidacy.snapshots.get()
    snapshot.data["actions"] = [{"id": action.pk, "title": "Portail citoyen"}]
    snapshot.save()
    client.force_login(juror)
    page = client.get(f"{DOSSIER}actions/{action.pk}/").content.decode()
    assert "<h1>Portail citoyen</h1>" in page and "gardé que le titre" in page
