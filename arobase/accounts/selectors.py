"""Reads of accounts and affiliations, with bounded queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from arobase.accounts.models import LIVE_STATUSES, Affiliation, AffiliationRole, AffiliationStatus, User
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.rules import can_be_candidate
from arobase.territories.selectors import search_territories

JOIN_SEARCH_LIMIT = 20


def _approved_referent(territory_ref) -> Exists:
    return Exists(
        Affiliation.objects.filter(
            territory=territory_ref, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
        )
    )


def referent_of(territory: Territory) -> Affiliation | None:
    return (
        Affiliation.objects.filter(
            territory=territory, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
        )
        .select_related("user")
        .first()
    )


def has_referent(territory: Territory) -> bool:
    return Affiliation.objects.filter(
        territory=territory, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
    ).exists()


def live_affiliation(*, user: User, territory: Territory) -> Affiliation | None:
    return Affiliation.objects.filter(user=user, territory=territory, status__in=LIVE_STATUSES).first()


def user_has_live_affiliation(user: User) -> bool:
    return Affiliation.objects.filter(user=user, status__in=LIVE_STATUSES).exists()


def members_of(territory: Territory) -> QuerySet[Affiliation]:
    """Approved members of a collectivité, the référent first."""
    return (
        Affiliation.objects.filter(territory=territory, status=AffiliationStatus.APPROVED)
        .select_related("user")
        .order_by("-role", "user__last_name", "user__first_name")
    )


def requests_awaiting_referent(user: User) -> QuerySet[Affiliation]:
    """Pending contributor requests on the collectivités where the user is the approved référent."""
    referent_territories = Affiliation.objects.filter(
        user=user, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
    ).values("territory_id")
    return (
        Affiliation.objects.filter(
            territory_id__in=referent_territories,
            status=AffiliationStatus.PENDING,
            role=AffiliationRole.CONTRIBUTOR,
        )
        .exclude(user=user)
        .select_related("user", "territory")
        .order_by("requested_at")
    )


def requests_awaiting_staff() -> QuerySet[Affiliation]:
    """Pending requests only staff can decide: référent requests, and requests on collectivités without référent."""
    return (
        Affiliation.objects.filter(status=AffiliationStatus.PENDING)
        .filter(Q(role=AffiliationRole.REFERENT) | ~_approved_referent(OuterRef("territory")))
        .select_related("user", "territory")
        .order_by("requested_at")
    )


@dataclass
class Dashboard:
    memberships: list[Affiliation] = field(default_factory=list)
    pending: list[Affiliation] = field(default_factory=list)
    to_decide: list[Affiliation] = field(default_factory=list)
    staff_pending_count: int | None = None


def dashboard_for(user: User) -> Dashboard:
    """Everything the personal dashboard shows, in at most three queries whatever the number of affiliations."""
    dashboard = Dashboard()
    own = (
        Affiliation.objects.filter(user=user, status__in=LIVE_STATUSES)
        .select_related("territory")
        .order_by("territory__name")
    )
    for affiliation in own:
        if affiliation.status == AffiliationStatus.APPROVED:
            dashboard.memberships.append(affiliation)
        else:
            dashboard.pending.append(affiliation)
    if any(affiliation.role == AffiliationRole.REFERENT for affiliation in dashboard.memberships):
        dashboard.to_decide = list(requests_awaiting_referent(user))
    if user.is_staff:
        dashboard.staff_pending_count = requests_awaiting_staff().count()
    return dashboard


def joinable_territories(*, query: str, limit: int = JOIN_SEARCH_LIMIT) -> list[Territory]:
    """Collectivités one can join that match the query: communes, EPCI and foreign ones, never obsolete."""
    if not query.strip():
        return []
    candidate_kinds = [kind for kind in TerritoryKind.values if can_be_candidate(kind)]
    territories = search_territories(query=query).filter(kind__in=candidate_kinds, is_obsolete=False)
    return list(territories.select_related("departement")[:limit])


def jurors() -> QuerySet[User]:
    return User.objects.filter(is_juror=True).order_by("last_name", "first_name", "email")
