"""Writes of the timeline: members pin milestones of their collectivité, staff moderate them."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts.models import User
from arobase.accounts.permissions import can_contribute_to, is_staff
from arobase.actions import images
from arobase.notifications.services import notify
from arobase.territories.models import Territory
from arobase.timeline import rules
from arobase.timeline.errors import TimelineError, TimelinePermissionDenied
from arobase.timeline.models import Milestone, MilestoneStatus, Precision, Track

FIRST_YEAR = 1990


def pin_milestone(
    *,
    actor: User,
    territory: Territory,
    date: datetime.date,
    precision: str,
    title: str,
    source_text: str,
    body: str = "",
    source_url: str = "",
    image=None,
    image_credit: str = "",
    image_alt: str = "",
    today: datetime.date | None = None,
) -> Milestone:
    """A member of ``territory`` (or staff) proposes one of its milestones; it waits for moderation."""
    if not can_contribute_to(actor, territory):
        raise TimelinePermissionDenied(_("Vous n'êtes pas membre de cette collectivité."))
    if precision not in Precision.values:
        raise TimelineError(_("Précision de date inconnue."), field="precision")
    today = today or timezone.localdate()
    if not date.year >= FIRST_YEAR or date > today:
        raise TimelineError(
            _("La date doit être comprise entre %(first)s et aujourd'hui.") % {"first": FIRST_YEAR}, field="date"
        )
    if not title.strip():
        raise TimelineError(_("Indiquez un titre."), field="title")
    if not source_text.strip():
        raise TimelineError(_("Indiquez la source de ce repère."), field="source_text")
    stored_image = None
    if image:
        if not image_alt.strip():
            raise TimelineError(_("Décrivez l'image pour les personnes qui ne la voient pas."), field="image_alt")
        if not image_credit.strip():
            raise TimelineError(_("Indiquez le crédit de l'image."), field="image_credit")
        try:
            stored_image = images.reencode(image)
        except images.ImageRejected as error:
            raise TimelineError(str(error), field="image") from error
    milestone = Milestone(
        date=rules.normalised_date(date, precision),
        precision=precision,
        track=Track.COLLECTIVITES,
        title=title.strip(),
        body=body.strip(),
        source_text=source_text.strip(),
        source_url=source_url.strip(),
        territory=territory,
        image_credit=image_credit.strip() if stored_image else "",
        image_alt=image_alt.strip() if stored_image else "",
        proposed_by=actor,
    )
    if stored_image:
        milestone.image.save(stored_image.name, stored_image, save=False)
    milestone.save()
    return milestone


@transaction.atomic
def moderate_milestone(*, actor: User, milestone: Milestone, publish: bool, reason: str = "") -> Milestone:
    """Staff publish a proposed milestone, or refuse it with a reason kept for the proposer."""
    if not is_staff(actor):
        raise TimelinePermissionDenied(_("Seule l'équipe Villes Internet modère les repères."))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.status != MilestoneStatus.PROPOSED:
        raise TimelineError(_("Ce repère a déjà été modéré."))
    if not publish and not reason.strip():
        raise TimelineError(_("Indiquez le motif du refus."), field="reason")
    milestone.status = MilestoneStatus.PUBLISHED if publish else MilestoneStatus.REFUSED
    milestone.refusal_reason = "" if publish else reason.strip()
    milestone.moderated_by = actor
    milestone.moderated_at = timezone.now()
    milestone.save()
    transaction.on_commit(lambda: _notify_proposer(milestone))
    return milestone


def _notify_proposer(milestone: Milestone) -> None:
    if milestone.proposed_by is None:
        return
    if milestone.status == MilestoneStatus.PUBLISHED:
        title = _("Votre repère « %(title)s » est publié dans l'histoire de l'Internet citoyen")
    else:
        title = _("Votre repère « %(title)s » n'a pas été retenu")
    notify(
        user=milestone.proposed_by,
        kind="moderation",
        title=title % {"title": milestone.title},
        url=reverse("timeline:timeline"),
        body=milestone.refusal_reason,
    )
