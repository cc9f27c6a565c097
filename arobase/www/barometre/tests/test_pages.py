"""The baromètre pages, CSV files and API, through the URLs a visitor or a program uses."""

import csv
import io
import json

import pytest
from frictionless import Resource, Schema, validate

from arobase.accounts.tests.factories import StaffFactory, UserFactory, activate_totp
from arobase.actions.tests.factories import ActionFactory
from arobase.barometre import services as editions
from arobase.barometre.models import Computation, Edition, EditionStatus
from arobase.barometre.tables import TABLES
from arobase.barometre.tests.factories import YEAR, add_result, expected_by_service, make_campaign, national_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(services):
    return national_dataset(services)


@pytest.fixture
def frozen(dataset):
    staff = StaffFactory()
    editions.compute_edition(year=YEAR, actor=staff)
    return editions.freeze_edition(year=YEAR, actor=staff)


def test_the_latest_edition_page(client, frozen, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/barometre/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Baromètre des services publics numériques locaux {YEAR}" in page
    assert "Édition figée le" in page and "Comment ces chiffres sont calculés" in page
    assert "<title>Finistère (29) : 7 collectivités avec au moins une action éligible</title>" in page
    assert "<title>Oise (60) : moins de 5 collectivités (non diffusé)</title>" in page
    assert "Somme (80) : moins de 5" in page  # hidden with Oise, or Oise = région − Somme
    assert page.count('class="chart"') == 6 and page.count("<table>") == 8
    assert f"/barometre/{YEAR}/regions.csv" in page and f"/barometre/{YEAR}/regions.schema.json" in page
    assert client.get(f"/barometre/{YEAR}/").status_code == 200


def test_no_edition_yet(client, dataset):
    editions.compute_edition(year=YEAR, actor=None)  # a draft is never public
    response = client.get("/barometre/")
    assert (
        response.status_code == 200 and "Aucune édition du baromètre n'est encore publiée" in response.content.decode()
    )
    assert client.get(f"/barometre/{YEAR}/").status_code == 404
    assert client.get(f"/barometre/{YEAR}/regions.csv").status_code == 404
    assert client.get(f"/api/v1/barometre/{YEAR}").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/barometre/1990/",
        "/barometre/99999999999/",
        "/barometre/1990/regions.csv",
        "/barometre/{year}/autre.csv",
        "/barometre/99999999999/regions.schema.json",
        "/api/v1/barometre/99999999999",
    ],
)
def test_unknown_addresses(client, frozen, path):
    assert client.get(path.format(year=YEAR)).status_code == 404


@pytest.mark.parametrize("slug", list(TABLES))
def test_every_csv_follows_its_table_schema(client, frozen, tmp_path, slug):
    response = client.get(f"/barometre/{YEAR}/{slug}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    (tmp_path / "table.csv").write_bytes(response.content)
    schema = Schema.from_descriptor(json.loads(client.get(f"/barometre/{YEAR}/{slug}.schema.json").content))
    report = validate(Resource(path="table.csv", basepath=str(tmp_path), schema=schema))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_departements_csv_hides_small_cells(client, frozen):
    rows = {
        row["code"]: row
        for row in csv.DictReader(io.StringIO(client.get(f"/barometre/{YEAR}/departements.csv").content.decode()))
    }
    assert (
        rows["29"]["collectivites"] == "7" and rows["60"]["collectivites"] == "" and rows["80"]["collectivites"] == ""
    )


def test_api_shape_and_figures_from_the_actions(client, frozen):
    data = client.get(f"/api/v1/barometre/{YEAR}").json()
    assert set(data) == {"year", "frozen_at", "collectivites", "actions", "services", "enjeux", "strata", "regions"}
    assert data["year"] == YEAR and data["collectivites"] == 16 and data["actions"] == 31
    expected = {code: cell for code, cell in expected_by_service().items() if cell[0] >= 5}
    assert {row["code"]: (row["collectivites"], row["actions"]) for row in data["services"]} == expected
    assert all(set(row) == {"code", "collectivites", "actions"} for row in data["services"] + data["enjeux"])
    assert {row["code"]: row["collectivites"] for row in data["regions"]} == {"32": 9, "53": 7}
    assert all(set(row) == {"label", "population_min", "population_max", "collectivites"} for row in data["strata"])
    assert all(row["collectivites"] >= 5 for row in data["strata"] + data["services"] + data["enjeux"])
    listing = client.get("/api/v1/barometre").json()
    assert listing["count"] == 1 and listing["next"] is None and listing["results"][0]["year"] == YEAR


def test_api_404_in_french(client, frozen):
    response = client.get("/api/v1/barometre/1990")
    assert response.status_code == 404 and response.json() == {"detail": "Aucun baromètre publié pour cette année."}
    assert client.get("/api/v1/barometre/abc").status_code == 422


def test_results_before_the_ceremony_are_absent_from_page_api_and_csv(client, dataset):
    """The attack: a campaign whose results are published by staff but whose ceremony is ahead, then compute."""
    secret = make_campaign(YEAR, public=False)
    for town in dataset["towns"]:
        add_result(town, YEAR, 5, campaign=secret)
    staff = StaffFactory()
    editions.compute_edition(year=YEAR, actor=staff)
    edition = editions.freeze_edition(year=YEAR, actor=staff)
    assert edition.figures["labelled"]["collectivites"] is None

    page = client.get(f"/barometre/{YEAR}/").content.decode()
    assert "moins de 5 ou palmarès non publié" in page and '<th scope="row">5</th><td>non diffusé</td>' in page
    for slug in ("departements", "arobases", "evolution"):
        text = client.get(f"/barometre/{YEAR}/{slug}.csv").content.decode()
        for row in csv.DictReader(io.StringIO(text)):
            assert row.get("labellisees", "") in ("", "0") and row.get(
                "collectivites" if slug == "arobases" else "labellisees", ""
            ) in ("", "0")
    assert "labelled" not in json.dumps(client.get(f"/api/v1/barometre/{YEAR}").json())


def test_staff_compute_and_freeze_in_the_admin(client, dataset, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/gestion/barometre/edition/add/", {"year": YEAR})
    assert response.status_code in (302, 403) and not Edition.objects.exists() and not Computation.objects.exists()
    assert client.get("/gestion/barometre/edition/calculs/").status_code in (302, 403)

    staff = StaffFactory(is_superuser=True)
    activate_totp(staff)
    client.force_login(staff)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/gestion/barometre/edition/add/", {"year": YEAR}, follow=True)
    page = response.content.decode()
    assert f"{YEAR} : calcul lancé en arrière-plan" in page
    # Queued, not yet run: the list shows its progress and polls for the next.
    assert 'data-hx-get="/gestion/barometre/edition/calculs/"' in page and "en attente" in page
    assert "manage.py db_worker" in page and not Edition.objects.exists()

    # Asking again while it waits queues nothing more.
    with django_capture_on_commit_callbacks() as again:
        page = client.post("/gestion/barometre/edition/add/", {"year": YEAR}, follow=True).content.decode()
    assert again == [] and "déjà en attente (0 %) ; il n&#x27;est pas relancé" in page

    callbacks[0]()  # the worker runs it
    fragment = client.get("/gestion/barometre/edition/calculs/").content.decode()
    draft = Edition.objects.get()
    assert "data-hx-get" not in fragment  # finished: the polling stops
    assert f'href="/gestion/barometre/edition/{draft.pk}/change/"' in fragment and "Relire le brouillon" in fragment
    assert draft.status == EditionStatus.DRAFT and draft.figures["collectivites"] == 16

    client.post("/gestion/barometre/edition/", {"action": "freeze", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == EditionStatus.FROZEN and draft.frozen_at is not None

    # Recomputing a frozen year is refused at once, with the reason, and queues nothing.
    with django_capture_on_commit_callbacks() as refused:
        page = client.post(
            "/gestion/barometre/edition/", {"action": "recompute", "_selected_action": [draft.pk]}, follow=True
        ).content.decode()
    assert refused == [] and "Le baromètre de cette année est figé" in page
    assert Computation.objects.count() == 1


def test_a_failed_computation_shows_why_in_the_admin(client, dataset, django_capture_on_commit_callbacks):
    staff = StaffFactory(is_superuser=True)
    activate_totp(staff)
    client.force_login(staff)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post("/gestion/barometre/edition/add/", {"year": YEAR})
    staff.is_staff = False
    staff.save()
    callbacks[0]()
    staff.is_staff = True
    staff.save()
    page = client.get("/gestion/barometre/edition/").content.decode()
    assert "échec" in page and "Seule l&#x27;équipe de l&#x27;association peut calculer" in page
    assert "data-hx-get" not in page


def test_a_new_frozen_edition_replaces_the_page_even_for_signed_in_visitors(client, frozen, dataset):
    client.force_login(UserFactory())
    assert "<dd>31</dd>" in client.get("/barometre/").content.decode()
    ActionFactory(owner=dataset["towns"][0], published=True)
    editions.compute_edition(year=YEAR, actor=None, new_edition=True)
    assert "<dd>31</dd>" in client.get("/barometre/").content.decode()  # the draft is not public
    editions.freeze_edition(year=YEAR, actor=None)
    assert "<dd>32</dd>" in client.get("/barometre/").content.decode()
