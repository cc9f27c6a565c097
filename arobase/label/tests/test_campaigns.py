"""Campaigns (calendar, mentions) and memberships: who may write them and what is refused."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from arobase.label.campaigns import services as campaign_services
from arobase.label.errors import LabelError, LabelNotAllowed
from arobase.label.models import Campaign, Membership
from arobase.label.tests.factories import YEAR

pytestmark = pytest.mark.django_db


def _campaign_args(edition_2019, **overrides):
    now = timezone.now()
    values = {
        "year": YEAR,
        "opens_on": timezone.localdate(now),
        "candidacy_deadline": now + timedelta(days=60),
        "jury_meeting_on": timezone.localdate(now) + timedelta(days=70),
        "ceremony_at": now + timedelta(days=100),
        "edition": edition_2019,
        "mentions": ["Écoles Internet", "Santé"],
    }
    values.update(overrides)
    return values


# --- campaigns -------------------------------------------------------------------------------------------


def test_staff_creates_a_campaign_with_its_mentions(staff, edition_2019):
    label_campaign = campaign_services.create_campaign(actor=staff, **_campaign_args(edition_2019))
    assert label_campaign.state == "open"
    assert [(m.code, m.label) for m in label_campaign.mentions.all()] == [
        ("ecoles-internet", "Écoles Internet"),
        ("sante", "Santé"),
    ]


@pytest.mark.parametrize("role", ["anonymous", "plain", "referent", "juror"])
def test_only_staff_create_campaigns(role, edition_2019, plain_user, label_referent_a, juror):
    actor = {"anonymous": AnonymousUser(), "plain": plain_user, "referent": label_referent_a, "juror": juror}[role]
    with pytest.raises(LabelNotAllowed):
        campaign_services.create_campaign(actor=actor, **_campaign_args(edition_2019))
    assert not Campaign.objects.exists()


def test_campaign_dates_must_be_in_order(staff, edition_2019):
    now = timezone.now()
    with pytest.raises(LabelError, match="cérémonie"):
        campaign_services.create_campaign(
            actor=staff, **_campaign_args(edition_2019, ceremony_at=now + timedelta(days=65))
        )


def test_update_campaign_replaces_mentions(staff, edition_2019):
    label_campaign = campaign_services.create_campaign(actor=staff, **_campaign_args(edition_2019))
    args = _campaign_args(edition_2019, mentions=["Santé", "Internet solidaire"])
    args.pop("year")
    campaign_services.update_campaign(actor=staff, campaign=label_campaign, **args)
    assert [m.label for m in label_campaign.mentions.all()] == ["Santé", "Internet solidaire"]


# --- memberships -----------------------------------------------------------------------------------------


def test_referent_requests_and_staff_confirms(label_referent_a, staff, label_commune_a):
    membership = campaign_services.request_membership(
        actor=label_referent_a, territory=label_commune_a, year=YEAR, level="praemium"
    )
    assert membership.status == "requested"
    with pytest.raises(LabelError):
        campaign_services.request_membership(
            actor=label_referent_a, territory=label_commune_a, year=YEAR, level="simple"
        )
    campaign_services.decide_membership(actor=staff, membership=membership, confirm=True)
    assert membership.status == "confirmed" and membership.decided_by == staff


@pytest.mark.parametrize("role", ["anonymous", "contributor", "other_referent", "juror"])
def test_membership_request_refused_to_others(role, label_commune_a, label_contributor_a, label_referent_b, juror):
    actor = {
        "anonymous": AnonymousUser(),
        "contributor": label_contributor_a,
        "other_referent": label_referent_b,
        "juror": juror,
    }[role]
    with pytest.raises(LabelNotAllowed):
        campaign_services.request_membership(actor=actor, territory=label_commune_a, year=YEAR, level="simple")
    assert not Membership.objects.exists()


def test_only_staff_confirm_memberships(label_referent_a, label_commune_a, juror):
    membership = campaign_services.request_membership(
        actor=label_referent_a, territory=label_commune_a, year=YEAR, level="simple"
    )
    for actor in (label_referent_a, juror):
        with pytest.raises(LabelNotAllowed):
            campaign_services.decide_membership(actor=actor, membership=membership, confirm=True)
    membership.refresh_from_db()
    assert membership.status == "requested"
