"""Who may do what on a collectivité or an affiliation. Each function answers one question, cheaply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus

if TYPE_CHECKING:
    from arobase.territories.models import Territory


def is_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_referent_of(user, territory: Territory) -> bool:
    if not user.is_authenticated:
        return False
    return Affiliation.objects.filter(
        user=user, territory=territory, role=AffiliationRole.REFERENT, status=AffiliationStatus.APPROVED
    ).exists()


def is_member_of(user, territory: Territory | int) -> bool:
    """An approved member (référent or contributor) of the collectivité (or of the collectivité with this id). A
    deactivated account is a member of nothing, as it is staff of nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    territory_id = getattr(territory, "pk", territory)
    return Affiliation.objects.filter(user=user, territory_id=territory_id, status=AffiliationStatus.APPROVED).exists()


def can_contribute_to(user, territory: Territory) -> bool:
    """Publish and edit content (actions...) for the collectivité."""
    return is_staff(user) or is_member_of(user, territory)


def can_manage_territory(user, territory: Territory) -> bool:
    """Act in the name of the collectivité (validate its candidacy, approve members)."""
    return is_staff(user) or is_referent_of(user, territory)


def can_request_affiliation(user) -> bool:
    """Any signed-in person except jury members, who may belong to no collectivité."""
    return bool(user.is_authenticated and user.is_active and not user.is_juror)


def can_decide_affiliation(user, affiliation: Affiliation) -> bool:
    """Staff decide every request; the référent decides the contributor requests of their collectivité.

    A référent request (collectivité without référent) is decided by staff only.
    """
    if is_staff(user):
        return True
    if affiliation.role != AffiliationRole.CONTRIBUTOR or affiliation.user_id == user.pk:
        return False
    return is_referent_of(user, affiliation.territory)


def can_leave_affiliation(user, affiliation: Affiliation) -> bool:
    """Only the person themselves ends their attachment or withdraws their request."""
    return bool(user.is_authenticated and affiliation.user_id == user.pk)


def can_reassign_referent(user, territory: Territory | None = None) -> bool:
    return is_staff(user)


def can_hand_over_referent(user, territory: Territory) -> bool:
    """The référent hands their role over to another member before leaving (staff may reassign it anyway)."""
    return is_staff(user) or is_referent_of(user, territory)


def can_add_foreign_territory(user) -> bool:
    return is_staff(user)


def can_set_juror(user) -> bool:
    return is_staff(user)
