"""The jury's final decision within the allowed range, and the publication that turns decisions into results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arobase.label.campaigns import services as campaign_services
from arobase.label.candidacies import services as candidacy_services
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.jury import services as jury_services
from arobase.label.models import Campaign, JuryDecision
from arobase.label.tests.factories import YEAR, add_result, make_campaign

pytestmark = pytest.mark.django_db


def _validated(edition_2019, referent, territory, *, state="closed"):
    label_campaign = make_campaign(edition_2019, state="open")
    candidacy = candidacy_services.open_candidacy(actor=referent, campaign=label_campaign, territory=territory)
    candidacy_services.validate_candidacy(actor=referent, candidacy=candidacy, version=1)
    if state == "closed":
        now = timezone.now()
        Campaign.objects.filter(pk=label_campaign.pk).update(
            opens_on=timezone.localdate(now - timedelta(days=60)),
            candidacy_deadline=now - timedelta(days=1),
            ceremony_at=now + timedelta(days=30),
        )
        candidacy.refresh_from_db()
        candidacy.campaign.refresh_from_db()
    return candidacy


def test_decision_checked_against_the_allowed_range(staff, label_referent_a, label_member_a, edition_2019):
    add_result(label_member_a, YEAR - 1, 3)
    candidacy = _validated(edition_2019, label_referent_a, label_member_a)
    with pytest.raises(LabelError, match="au moins 3 @"):
        jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=2)
    with pytest.raises(LabelError, match="au plus 4 @"):
        jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=5)
    assert not JuryDecision.objects.exists()
    decision = jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=4, alert=True)
    assert (decision.arobases, decision.alert) == (4, True)


def test_decisions_only_by_staff_after_the_deadline(staff, juror, label_referent_a, label_member_a, edition_2019):
    candidacy = _validated(edition_2019, label_referent_a, label_member_a, state="open")
    with pytest.raises(LabelError, match="après la date limite"):
        jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=2)
    for actor in (juror, label_referent_a):
        with pytest.raises(LabelNotAllowed):
            jury_services.record_decision(actor=actor, candidacy=candidacy, arobases=2)
    assert not JuryDecision.objects.exists()


def test_publication_turns_decisions_into_results(staff, label_referent_a, label_member_a, edition_2019):
    candidacy = _validated(edition_2019, label_referent_a, label_member_a)
    label_campaign = candidacy.campaign
    label_campaign.mentions.create(code="sante", label="Santé")
    jury_services.record_decision(actor=staff, candidacy=candidacy, arobases=3, mention_codes=["sante"])
    assert campaign_services.publish_campaign(actor=staff, campaign=label_campaign) == 1
    result = label_member_a.label_results.get()
    assert (result.year, result.arobases, result.mentions, result.published) == (YEAR, 3, ["Santé"], True)
    label_campaign.refresh_from_db()
    assert label_campaign.state == "deliberated"  # published by staff, but the ceremony is still to come
