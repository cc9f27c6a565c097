"""The open-data files follow publications in the background: one export enqueued after a publication, at most
one per interval, a follow-up at the end of the interval when the backend can defer tasks; the page says when the
files were produced."""

import csv
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.actions.tests.factories import ActionFactory
from arobase.atlaas import opendata, tasks


@pytest.fixture
def contributor(amiens):
    return AffiliationFactory(territory=amiens).user


def exported_titles() -> list[str]:
    path = opendata.output_dir() / opendata.CSV_NAME
    return [row["titre"] for row in csv.DictReader(path.open(encoding="utf-8"))] if path.exists() else []


def publish(client, action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/actions/{action.pk}/publier/")
    assert response.status_code == 302


def test_a_publication_regenerates_the_files_at_most_once_per_interval(
    client, contributor, amiens, services, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    first = ActionFactory(owner=amiens, title="Fablab solidaire")
    second = ActionFactory(owner=amiens, title="Guichet numérique")

    publish(client, first, django_capture_on_commit_callbacks)
    assert exported_titles() == ["Fablab solidaire"]

    publish(client, second, django_capture_on_commit_callbacks)
    assert exported_titles() == ["Fablab solidaire"]  # within the interval: no second export

    tasks.cache.delete(tasks.EXPORTED_KEY)  # the interval is over
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(owner=amiens, published=True, title="Tiers-lieu")
    assert sorted(exported_titles()) == ["Fablab solidaire", "Guichet numérique", "Tiers-lieu"]


def test_a_deferring_backend_gets_one_follow_up_export_at_the_end_of_the_interval(
    settings, amiens, services, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.ATLAAS_OPENDATA_EXPORT_INTERVAL = 300
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(owner=amiens)  # a draft: not in the open data
        for _ in range(3):
            ActionFactory(owner=amiens, published=True)
    enqueued = default_task_backend.results
    assert [result.task.name for result in enqueued] == ["export_opendata", "export_opendata"]
    assert enqueued[0].task.run_after is None
    assert enqueued[1].task.run_after >= before + timedelta(seconds=300)


def test_page_says_when_the_files_were_produced_and_shows_statuses_in_french(client, amiens, services):
    ActionFactory(owner=amiens, published=True, status="ongoing")
    page = client.get("/atlaas/donnees/").content.decode()
    assert "pas encore été produits" in page
    opendata.export_opendata()
    produced = timezone.localtime(opendata.available_files()[0]["modified"])
    page = client.get("/atlaas/donnees/").content.decode()
    assert f"Fichiers produits le {produced.day} " in page and produced.strftime("%H:%M") in page
    assert "<td><code>ongoing</code></td><td>en cours</td>" in page
    row = next(csv.DictReader((opendata.output_dir() / opendata.CSV_NAME).open(encoding="utf-8")))
    assert (row["statut"], row["statut_libelle"]) == ("ongoing", "en cours")
