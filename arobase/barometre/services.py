"""Writes of the baromètre: staff compute a draft edition of a label year, review it, then freeze it.

- `compute_edition` recomputes the draft of the year in place (or creates it). When the year already has a frozen
  edition and no draft, it refuses (`AlreadyFrozen`) unless staff explicitly start a new edition
  (`new_edition=True`): the frozen edition stays public until the new one is frozen in its turn.
- `freeze_edition` freezes the draft: from then on its figures never change, and it is the one the public sees.

`actor` is the staff member doing it; None only for the command line, run by the operators of the platform.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from arobase.accounts.models import User
from arobase.barometre import errors, selectors
from arobase.barometre.models import Edition, EditionStatus
from arobase.mosaic.selectors import UnknownLabelYear


def _check_staff(actor: User | None) -> None:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise errors.NotAllowed


def compute_edition(*, year: int, actor: User | None, new_edition: bool = False) -> Edition:
    """Compute (or recompute) the draft edition of label `year` from the published actions."""
    _check_staff(actor)
    try:
        figures = selectors.compute_figures(year)
    except UnknownLabelYear as error:
        raise errors.UnknownYear from error
    with transaction.atomic():
        draft = Edition.objects.select_for_update().filter(year=year, status=EditionStatus.DRAFT).first()
        if draft is None:
            if not new_edition and Edition.objects.filter(year=year, status=EditionStatus.FROZEN).exists():
                raise errors.AlreadyFrozen
            draft = Edition(year=year)
        draft.figures = figures
        draft.computed_at = timezone.now()
        draft.computed_by = actor
        draft.save()
    return draft


def freeze_edition(*, year: int, actor: User | None) -> Edition:
    """Freeze and publish the draft edition of label `year`."""
    _check_staff(actor)
    with transaction.atomic():
        draft = Edition.objects.select_for_update().filter(year=year, status=EditionStatus.DRAFT).first()
        if draft is None:
            raise errors.NoDraft
        draft.status = EditionStatus.FROZEN
        draft.frozen_at = timezone.now()
        draft.frozen_by = actor
        draft.save()
    return draft
