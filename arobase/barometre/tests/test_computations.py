"""The baromètre computed in the background: refusals at once, one computation per year, progress recorded at each
step, failures recorded with their French message, and a computation whose worker died abandoned."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from arobase.accounts.tests.factories import StaffFactory, UserFactory
from arobase.barometre import errors, selectors
from arobase.barometre import services as editions
from arobase.barometre.models import Computation, ComputationStatus, Edition, EditionStatus
from arobase.barometre.tests.factories import YEAR, national_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(services):
    return national_dataset(services)


def test_a_requested_computation_records_its_progress_and_ends_with_the_draft(
    dataset, monkeypatch, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    seen = []
    compute_figures = selectors.compute_figures

    def watched(year, *, progress=None, **kwargs):
        def spy(percent, step):
            progress(percent, step)
            seen.append(Computation.objects.values_list("status", "progress", "step").get())

        return compute_figures(year, progress=spy, **kwargs)

    monkeypatch.setattr(selectors, "compute_figures", watched)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        computation, queued = editions.request_computation(year=YEAR, actor=staff)
    assert queued and len(callbacks) == 1

    # What the admin read while it ran: the row moved forward at every step.
    assert {status for status, _progress, _step in seen} == {ComputationStatus.RUNNING}
    percents = [percent for _status, percent, _step in seen]
    assert percents == sorted(percents) and len(set(percents)) == len(percents) and percents[-1] < 100
    assert seen[0][2] == f"Lecture des actions éligibles au label {YEAR}"
    assert any(step.startswith("Évolution : année") for *_rest, step in seen)

    computation.refresh_from_db()
    draft = Edition.objects.get(year=YEAR, status=EditionStatus.DRAFT)
    assert (computation.status, computation.progress, computation.edition) == (ComputationStatus.DONE, 100, draft)
    assert computation.finished_at is not None and computation.error == ""
    assert draft.computed_by == staff
    assert draft.figures == compute_figures(YEAR)


def test_refusals_come_at_once_and_queue_nothing(dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(errors.NotAllowed):
            editions.request_computation(year=YEAR, actor=UserFactory())
        with pytest.raises(errors.UnknownYear):
            editions.request_computation(year=1990, actor=staff)
        editions.compute_edition(year=YEAR, actor=staff)
        editions.freeze_edition(year=YEAR, actor=staff)
        with pytest.raises(errors.AlreadyFrozen):
            editions.request_computation(year=YEAR, actor=staff)
    assert callbacks == [] and not Computation.objects.exists()
    # A new edition of a frozen year is asked for explicitly.
    computation, queued = editions.request_computation(year=YEAR, actor=staff, new_edition=True)
    assert queued and computation.new_edition


def test_a_second_request_gets_the_computation_already_queued(dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        first, first_queued = editions.request_computation(year=YEAR, actor=staff)
        second, second_queued = editions.request_computation(year=YEAR, actor=StaffFactory())
    assert (first_queued, second_queued) == (True, False)
    assert second == first and len(callbacks) == 1
    assert Computation.objects.count() == 1


def test_the_draft_is_not_frozen_while_a_computation_runs(dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    editions.compute_edition(year=YEAR, actor=staff)
    with django_capture_on_commit_callbacks() as callbacks:
        editions.request_computation(year=YEAR, actor=staff)
    with pytest.raises(errors.ComputationRunning):
        editions.freeze_edition(year=YEAR, actor=staff)
    assert not Edition.objects.filter(status=EditionStatus.FROZEN).exists()
    callbacks[0]()  # the worker runs it
    assert editions.freeze_edition(year=YEAR, actor=staff).is_frozen


def test_a_computation_whose_worker_died_is_abandoned(dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        lost, _queued = editions.request_computation(year=YEAR, actor=staff)
    Computation.objects.filter(pk=lost.pk).update(
        status=ComputationStatus.RUNNING, updated_at=timezone.now() - editions.STALE_AFTER - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        fresh, queued = editions.request_computation(year=YEAR, actor=staff)
    lost.refresh_from_db()
    assert queued and fresh != lost
    assert lost.status == ComputationStatus.FAILED and lost.error == editions.INTERRUPTED
    fresh.refresh_from_db()
    assert fresh.status == ComputationStatus.DONE
    # The task of the abandoned one, if its worker comes back, does nothing.
    assert editions.run_computation(computation_id=lost.pk) is None
    callbacks[0]()
    assert Computation.objects.filter(status=ComputationStatus.DONE).count() == 1


def test_a_refusal_while_queued_is_recorded_and_changes_nothing(dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        computation, _queued = editions.request_computation(year=YEAR, actor=staff)
    staff.is_staff = False  # left the team before the worker ran it
    staff.save()
    callbacks[0]()
    computation.refresh_from_db()
    assert computation.status == ComputationStatus.FAILED
    assert computation.error == errors.NotAllowed.message
    assert not Edition.objects.exists()


def test_an_unexpected_failure_is_recorded_and_logged(dataset, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def broken(year, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(selectors, "compute_figures", broken)
    with django_capture_on_commit_callbacks() as callbacks:
        computation, _queued = editions.request_computation(year=YEAR, actor=StaffFactory())
    callbacks[0]()  # the task fails: its backend records it, as it does for any task
    assert "Baromètre computation" in caplog.text and "disk full" in caplog.text
    computation.refresh_from_db()
    assert computation.status == ComputationStatus.FAILED and computation.error == editions.UNEXPECTED_FAILURE
    assert computation.finished_at is not None
    # Nothing is stuck: staff can ask again.
    assert editions.request_computation(year=YEAR, actor=StaffFactory())[1]


def test_the_command_shows_the_steps_when_asked(dataset, capsys):
    call_command("compute_barometre", str(YEAR), verbosity=2)
    out = capsys.readouterr().out
    assert f"  5 % Lecture des actions éligibles au label {YEAR}" in out
    assert " 97 % Enregistrement du brouillon" in out
