"""Writes started from the comparison: a draft action "prévue" for a service the peers render."""

from __future__ import annotations

from django.utils.translation import gettext as _

from arobase.actions.errors import ActionPermissionDenied
from arobase.actions.models import Action, ActionStatus
from arobase.actions.permissions import is_member_of
from arobase.actions.selectors import current_edition
from arobase.actions.services import ActionData, create_action
from arobase.referential.models import Service
from arobase.territories.models import Territory


class UnknownService(LookupError):
    """No service of that code in the edition actions are filed under today."""


def create_planned_action(*, actor, territory: Territory, service_code: str) -> Action:
    """A DRAFT action with status "prévue" of `territory`, filed under the service `service_code` of the current
    edition, for an approved member of the collectivité only (not even staff: it is the collectivité's plan).
    Raises `ActionPermissionDenied`, `UnknownService`, `ActionError`."""
    if not is_member_of(actor, territory):
        raise ActionPermissionDenied(_("Seuls les membres de la collectivité peuvent prévoir une action pour elle."))
    edition = current_edition()
    service = Service.objects.filter(edition=edition, code=service_code).first()
    if service is None:
        raise UnknownService(service_code)
    return create_action(
        actor=actor,
        owner=territory,
        edition=edition,
        data=ActionData(
            title=service.label[:200],
            summary=_("Action prévue, inspirée de ce que font des collectivités comparables. À compléter."),
            status=ActionStatus.PLANNED,
        ),
        services=[service],
        publish=False,
    )
