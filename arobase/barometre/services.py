"""Writes of the baromètre: staff compute a draft edition of a label year, review it, then freeze it.

- `compute_edition` recomputes the draft of the year in place (or creates it). When the year already has a frozen
  edition and no draft, it refuses (`AlreadyFrozen`) unless staff explicitly start a new edition
  (`new_edition=True`): the frozen edition stays public until the new one is frozen in its turn.
- `freeze_edition` freezes the draft: from then on its figures never change, and it is the one the public sees.
- `request_computation` is what staff do in the admin: the same computation, run in the background
  (`tasks.compute_edition_in_background` → `run_computation`), with its progress recorded on a `Computation`. Its
  refusals (not staff, unknown year, frozen year) come at once, before anything is queued; a second request for a
  year already being computed gets the running computation back instead of a second one.

`actor` is the staff member doing it; None only for the command line, run by the operators of the platform.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from arobase.accounts.models import User
from arobase.barometre import errors, selectors
from arobase.barometre.models import ACTIVE_STATUSES, Computation, ComputationStatus, Edition, EditionStatus
from arobase.barometre.tasks import compute_edition_in_background
from arobase.mosaic.selectors import UnknownLabelYear, label_years

logger = logging.getLogger(__name__)

# A computation takes seconds and records its progress at every step: one silent for this long lost its worker.
STALE_AFTER = timedelta(minutes=30)
UNEXPECTED_FAILURE = "Le calcul a échoué de façon inattendue ; l'équipe technique est prévenue. Relancez-le plus tard."
INTERRUPTED = (
    "Le calcul ne progressait plus depuis 30 minutes (processus d'arrière-plan arrêté ?) : il a été abandonné."
)


def _check_staff(actor: User | None) -> None:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise errors.NotAllowed


def _refuse_a_frozen_year(*, year: int, new_edition: bool) -> None:
    """A year whose edition is frozen, and has no draft, is recomputed only as an explicit new edition."""
    if new_edition or Edition.objects.filter(year=year, status=EditionStatus.DRAFT).exists():
        return
    if Edition.objects.filter(year=year, status=EditionStatus.FROZEN).exists():
        raise errors.AlreadyFrozen


def compute_edition(
    *, year: int, actor: User | None, new_edition: bool = False, progress: selectors.Progress | None = None
) -> Edition:
    """Compute (or recompute) the draft edition of label `year` from the published actions."""
    _check_staff(actor)
    try:
        figures = selectors.compute_figures(year, progress=progress)
    except UnknownLabelYear as error:
        raise errors.UnknownYear from error
    if progress is not None:
        progress(97, "Enregistrement du brouillon")
    with transaction.atomic():
        draft = Edition.objects.select_for_update().filter(year=year, status=EditionStatus.DRAFT).first()
        if draft is None:
            _refuse_a_frozen_year(year=year, new_edition=new_edition)
            draft = Edition(year=year)
        draft.figures = figures
        draft.computed_at = timezone.now()
        draft.computed_by = actor
        draft.save()
    return draft


def freeze_edition(*, year: int, actor: User | None) -> Edition:
    """Freeze and publish the draft edition of label `year`."""
    _check_staff(actor)
    _abandon_stale_computations(year=year)
    if Computation.objects.filter(year=year, status__in=ACTIVE_STATUSES).exists():
        # Its figures would replace the draft under review a moment later, or fail on the frozen year.
        raise errors.ComputationRunning
    with transaction.atomic():
        draft = Edition.objects.select_for_update().filter(year=year, status=EditionStatus.DRAFT).first()
        if draft is None:
            raise errors.NoDraft
        draft.status = EditionStatus.FROZEN
        draft.frozen_at = timezone.now()
        draft.frozen_by = actor
        draft.save()
    return draft


def request_computation(*, year: int, actor: User, new_edition: bool = False) -> tuple[Computation, bool]:
    """Queue the computation of the draft edition of label `year`; returns it and whether it was queued now (False:
    the one already pending or running for that year). Refusals are raised at once and queue nothing."""
    _check_staff(actor)
    try:
        label_years().edition_id_for(year)
    except UnknownLabelYear as error:
        raise errors.UnknownYear from error
    _refuse_a_frozen_year(year=year, new_edition=new_edition)
    _abandon_stale_computations(year=year)
    active = Computation.objects.filter(year=year, status__in=ACTIVE_STATUSES).first()
    if active is not None:
        return active, False
    try:
        with transaction.atomic():
            computation = Computation.objects.create(year=year, new_edition=new_edition, requested_by=actor)
    except IntegrityError:
        # Another request for the same year won the race (one active computation per year, by constraint).
        return Computation.objects.get(year=year, status__in=ACTIVE_STATUSES), False
    transaction.on_commit(lambda: compute_edition_in_background.enqueue(computation.pk))
    return computation, True


def _abandon_stale_computations(*, year: int) -> None:
    Computation.objects.filter(
        year=year, status__in=ACTIVE_STATUSES, updated_at__lt=timezone.now() - STALE_AFTER
    ).update(status=ComputationStatus.FAILED, error=INTERRUPTED, finished_at=timezone.now(), updated_at=timezone.now())


def _record(computation: Computation, **fields) -> None:
    # An UPDATE of its own, outside any transaction of the computation, so the admin sees it at once.
    fields["updated_at"] = timezone.now()
    Computation.objects.filter(pk=computation.pk).update(**fields)
    for name, value in fields.items():
        setattr(computation, name, value)


def run_computation(*, computation_id: int) -> Computation | None:
    """Run a queued computation (the background task), recording its progress and its outcome. A computation no
    longer pending (already run, or abandoned as stale) is left alone."""
    claimed = Computation.objects.filter(pk=computation_id, status=ComputationStatus.PENDING).update(
        status=ComputationStatus.RUNNING, progress=1, step="Démarrage", updated_at=timezone.now()
    )
    if not claimed:
        return None
    computation = Computation.objects.select_related("requested_by").get(pk=computation_id)

    def progress(percent: int, step: str) -> None:
        _record(computation, progress=percent, step=step)

    try:
        edition = compute_edition(
            year=computation.year,
            actor=computation.requested_by,
            new_edition=computation.new_edition,
            progress=progress,
        )
    except errors.BarometreError as error:
        _record(computation, status=ComputationStatus.FAILED, error=str(error), finished_at=timezone.now())
        return computation
    except Exception:
        logger.exception("Baromètre computation %s failed", computation_id)
        _record(computation, status=ComputationStatus.FAILED, error=UNEXPECTED_FAILURE, finished_at=timezone.now())
        raise
    _record(
        computation,
        status=ComputationStatus.DONE,
        progress=100,
        step="Brouillon enregistré",
        edition=edition,
        finished_at=timezone.now(),
    )
    return computation
