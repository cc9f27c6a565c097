"""Who may do what with actions. Each function answers one question, in at most one query.

- the approved members (référent and contributors) of the owner collectivité edit its actions;
- members of a partner collectivité (shared action) see it but do not edit it;
- staff moderate (unpublish) and may edit any action; members of the owner collectivité also withdraw
  (unpublish) their actions and delete their drafts;
- only published actions are public; editors and staff also see drafts and unpublished ones;
- the history is read by editors and staff, and written by nobody (only the services record it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from arobase.accounts.models import Affiliation, AffiliationStatus
from arobase.accounts.permissions import is_member_of

if TYPE_CHECKING:
    from arobase.actions.models import Action
    from arobase.territories.models import Territory


def _is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_moderator(user) -> bool:
    return _is_active(user) and bool(user.is_staff)


def approved_territory_ids(user) -> set[int]:
    """Ids of the collectivités the person is an approved member of (référent or contributor)."""
    if not _is_active(user):
        return set()
    return set(
        Affiliation.objects.filter(user=user, status=AffiliationStatus.APPROVED).values_list("territory_id", flat=True)
    )


def can_create_action_for(user, territory: Territory) -> bool:
    return is_moderator(user) or is_member_of(user, territory)


def can_edit_action(user, action: Action) -> bool:
    """Members of the owner collectivité and staff; never the partners of a shared action."""
    return is_moderator(user) or is_member_of(user, action.owner_id)


def can_view_action(user, action: Action) -> bool:
    return action.is_published or can_edit_action(user, action)


def can_moderate_action(user, action: Action | None = None) -> bool:
    return is_moderator(user)


def can_unpublish_action(user, action: Action) -> bool:
    """Staff (moderation) and the members of the owner collectivité (withdrawal)."""
    return can_edit_action(user, action)


def can_view_history(user, action: Action) -> bool:
    return can_edit_action(user, action)
