"""What the network tells people through the notifications centre: the proposer of an article or event learns the
moderation decision, and the members of a région learn of a new event there."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from arobase.accounts.models import AffiliationStatus, User
from arobase.network.models import Article, Event, Status
from arobase.notifications.services import notify, notify_many
from arobase.territories.models import TerritoryKind


def notify_moderation(item: Article | Event) -> None:
    """The proposer hears of the decision; a refusal carries its reason."""
    if item.proposed_by is None:
        return
    if item.status == Status.PUBLISHED:
        title = _("Votre proposition « %(title)s » est publiée") % {"title": item.title}
        url, body = item.get_absolute_url(), ""
    else:
        title = _("Votre proposition « %(title)s » n'a pas été retenue") % {"title": item.title}
        url, body = reverse("network:my_proposals"), item.refusal_reason
    notify(user=item.proposed_by, kind="moderation", title=title, url=url, body=body)


def region_members(event: Event):
    """People with an approved, current attachment to a collectivité of the event's région."""
    territory = event.territory
    region_id = territory.pk if territory.kind == TerritoryKind.REGION else territory.region_id
    if region_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True,
        affiliations__status=AffiliationStatus.APPROVED,
        affiliations__ended_at__isnull=True,
        affiliations__territory__region_id=region_id,
    ).distinct()


def notify_event_in_region(event: Event) -> None:
    title = _("Nouvel événement dans votre région : %(title)s") % {"title": event.title}
    members = region_members(event).exclude(pk=event.proposed_by_id)
    notify_many(users=members, kind="event_region", title=title, url=event.get_absolute_url())
