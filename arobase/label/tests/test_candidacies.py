"""Candidacies: opening, saving with optimistic locking, validation into a snapshot the jury judges."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from arobase.label.candidacies import services as candidacy_services
from arobase.label.errors import LabelError, LabelNotAllowed, StaleCandidacy
from arobase.label.models import Candidacy, CandidacySnapshot
from arobase.label.tests.factories import confirm_membership, eligible_action, make_campaign
from arobase.referential.models import Service

pytestmark = pytest.mark.django_db


def test_open_requires_membership(label_referent_a, label_commune_a, label_campaign):
    eligible_action(label_commune_a)
    with pytest.raises(LabelError, match="demandez l'adhésion"):
        candidacy_services.open_candidacy(actor=label_referent_a, campaign=label_campaign, territory=label_commune_a)
    assert not Candidacy.objects.exists()


def test_open_requires_an_eligible_action(label_referent_a, label_commune_a, label_campaign):
    confirm_membership(label_commune_a)
    with pytest.raises(LabelError, match="Aucune action éligible"):
        candidacy_services.open_candidacy(actor=label_referent_a, campaign=label_campaign, territory=label_commune_a)


def test_open_refused_before_opening(label_referent_a, label_member_a, edition_2019):
    label_campaign = make_campaign(edition_2019, state="preparation")
    with pytest.raises(LabelError, match="pas encore ouverte"):
        candidacy_services.open_candidacy(actor=label_referent_a, campaign=label_campaign, territory=label_member_a)


@pytest.mark.parametrize("role", ["anonymous", "contributor", "other_referent", "juror"])
def test_open_and_validate_refused_to_others(
    role, label_member_a, label_campaign, label_contributor_a, label_referent_b, juror, label_referent_a
):
    actor = {
        "anonymous": AnonymousUser(),
        "contributor": label_contributor_a,
        "other_referent": label_referent_b,
        "juror": juror,
    }[role]
    with pytest.raises(LabelNotAllowed):
        candidacy_services.open_candidacy(actor=actor, campaign=label_campaign, territory=label_member_a)
    assert not Candidacy.objects.exists()
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    with pytest.raises(LabelNotAllowed):
        candidacy_services.validate_candidacy(actor=actor, candidacy=candidacy, version=candidacy.version)
    assert not CandidacySnapshot.objects.exists()
    candidacy.refresh_from_db()
    assert (candidacy.status, candidacy.version) == ("draft", 1)


def test_staff_may_open_and_validate(staff, label_member_a, label_campaign):
    candidacy = candidacy_services.open_candidacy(actor=staff, campaign=label_campaign, territory=label_member_a)
    snapshot = candidacy_services.validate_candidacy(actor=staff, candidacy=candidacy, version=1)
    assert snapshot.number == 1 and snapshot.validated_by == staff


def test_validation_freezes_a_snapshot(label_referent_a, label_member_a, label_campaign):
    action = label_member_a.owned_actions.get()
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    snapshot = candidacy_services.validate_candidacy(
        actor=label_referent_a, candidacy=candidacy, version=candidacy.version
    )
    assert candidacy.status == "validated"
    (frozen_action,) = snapshot.data["actions"]
    assert (frozen_action["id"], frozen_action["title"], frozen_action["summary"]) == (
        action.pk,
        action.title,
        action.summary,
    )
    assert snapshot.data["facts"]["eligible_actions"] == 1
    assert snapshot.data["mosaic"]["territory"] == label_member_a.code
    frozen = snapshot.data

    action.title = "Un autre titre"
    action.status = "planned"  # no longer eligible
    action.save()
    eligible_action(label_member_a)
    snapshot.refresh_from_db()
    assert snapshot.data == frozen
    assert snapshot.data["actions"][0]["title"] != "Un autre titre"


def test_revalidation_creates_a_new_snapshot_the_jury_judges_the_last(label_referent_a, label_member_a, label_campaign):
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=candidacy.version)
    eligible_action(label_member_a)
    second = candidacy_services.validate_candidacy(
        actor=label_referent_a, candidacy=candidacy, version=candidacy.version
    )
    assert second.number == 2 and second.data["facts"]["eligible_actions"] == 2
    assert candidacy.snapshots.first() == second


def test_optimistic_locking_refuses_a_stale_save(label_referent_a, staff, label_epci, label_campaign):
    confirm_membership(label_epci)
    eligible_action(label_epci)
    from arobase.accounts.tests.factories import ReferentAffiliationFactory

    referent = ReferentAffiliationFactory(territory=label_epci).user
    candidacy = candidacy_services.open_candidacy(actor=referent, campaign=label_campaign, territory=label_epci)
    read_by_referent = candidacy.version
    read_by_staff = candidacy.version
    candidacy_services.save_candidacy(
        actor=staff,
        candidacy=Candidacy.objects.get(pk=candidacy.pk),
        version=read_by_staff,
        answers={"open_data": True},
    )
    with pytest.raises(StaleCandidacy, match="modifié par quelqu'un d'autre"):
        candidacy_services.save_candidacy(
            actor=referent,
            candidacy=Candidacy.objects.get(pk=candidacy.pk),
            version=read_by_referent,
            answers={"sdtan": True},
        )
    candidacy.refresh_from_db()
    assert candidacy.questionnaire["open_data"] is True and candidacy.questionnaire["sdtan"] is False
    assert candidacy.version == 2
    with pytest.raises(StaleCandidacy):
        candidacy_services.validate_candidacy(actor=referent, candidacy=candidacy, version=read_by_referent)
    assert not CandidacySnapshot.objects.exists()


def test_questionnaire_is_for_territories_only(label_referent_a, label_member_a, label_campaign):
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    with pytest.raises(LabelError, match="territoires"):
        candidacy_services.save_candidacy(
            actor=label_referent_a, candidacy=candidacy, version=1, answers={"sdtan": True}
        )


def test_epci_snapshot_keeps_answers_and_warnings(label_epci, staff, label_campaign):
    confirm_membership(label_epci)
    # An explicit service unrelated to public/private partnerships (T3E3S08): the factory's default depends on
    # the primary key, which PostgreSQL does not reset between tests.
    eligible_action(label_epci, services=[Service.objects.get(edition=label_campaign.edition, code="T1E1S01")])
    candidacy = candidacy_services.open_candidacy(actor=staff, campaign=label_campaign, territory=label_epci)
    snapshot = candidacy_services.validate_candidacy(
        actor=staff, candidacy=candidacy, version=1, answers={"public_private": True}
    )
    assert snapshot.data["questionnaire"]["public_private"] is True
    assert snapshot.data["facts"]["epci_questionnaire_yes"] == 1
    assert any("partenariats public/privé" in warning for warning in snapshot.data["warnings"])


def test_read_only_after_the_deadline(label_referent_a, label_member_a, label_campaign):
    candidacy = candidacy_services.open_candidacy(
        actor=label_referent_a, campaign=label_campaign, territory=label_member_a
    )
    candidacy_services.validate_candidacy(actor=label_referent_a, candidacy=candidacy, version=1)
    later = label_campaign.candidacy_deadline + timedelta(minutes=1)
    with pytest.raises(LabelError, match="lecture seule"):
        candidacy_services.validate_candidacy(
            actor=label_referent_a, candidacy=candidacy, version=candidacy.version, now=later
        )
    with pytest.raises(LabelError, match="lecture seule"):
        candidacy_services.save_candidacy(
            actor=label_referent_a, candidacy=candidacy, version=candidacy.version, now=later
        )
    assert candidacy.snapshots.count() == 1
