"""Who may do what in the label. Each function answers one question."""

from __future__ import annotations

from arobase.accounts.permissions import is_member_of, is_referent_of, is_staff
from arobase.label.errors import LabelNotAllowed


def can_manage_campaigns(user) -> bool:
    return is_staff(user)


def can_view_candidacy(user, territory) -> bool:
    """Staff and the approved members (référent, contributors) of the collectivité."""
    return is_staff(user) or is_member_of(user, territory)


def can_edit_candidacy(user, territory) -> bool:
    """Open, fill in and validate the dossier: the référent, or staff."""
    return is_staff(user) or is_referent_of(user, territory)


def can_request_membership(user, territory) -> bool:
    return is_staff(user) or is_referent_of(user, territory)


def can_decide_membership(user) -> bool:
    return is_staff(user)


def can_record_decision(user) -> bool:
    return is_staff(user)


def check_staff(actor, *, refusal: str) -> None:
    """Raise `LabelNotAllowed(refusal)` unless `actor` is staff (campaigns, jury, publication are theirs)."""
    if not is_staff(actor):
        raise LabelNotAllowed(refusal)
