"""The baromètre computed in the background (Django Tasks API; `db_worker` runs it, tests run it at once)."""

from django_tasks import task


@task()
def compute_edition_in_background(computation_id: int) -> None:
    # Imported here: `services` queues this task, so it imports this module first.
    from arobase.barometre import services

    services.run_computation(computation_id=computation_id)
