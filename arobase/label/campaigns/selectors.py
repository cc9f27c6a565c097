"""Reads of the campaigns and of the memberships that let a collectivité be a candidate in a campaign's year."""

from __future__ import annotations

from django.db.models import QuerySet

from arobase.label.models import Campaign, Membership
from arobase.territories.models import Territory


def campaign_by_year(year: int) -> Campaign | None:
    return Campaign.objects.select_related("edition").filter(year=year).first()


def public_campaigns() -> list[Campaign]:
    return list(Campaign.objects.order_by("-year"))


def membership_for(territory: Territory, year: int) -> Membership | None:
    """The live membership (requested or confirmed) of that year, else the last refused one."""
    memberships = list(Membership.objects.filter(territory=territory, year=year).order_by("-requested_at"))
    for membership in memberships:
        if membership.status != "refused":
            return membership
    return memberships[0] if memberships else None


def memberships_to_decide() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(status="requested")
        .select_related("territory", "requested_by")
        .order_by("requested_at")
    )
