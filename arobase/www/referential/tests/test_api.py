"""GET /api/v1/referential/{year}."""

import pytest
from django.test import Client

from arobase.referential.models import Service
from arobase.referential.services import copy_edition, update_service

pytestmark = pytest.mark.django_db


def test_edition_shape(client, edition_2019, data_2019, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = client.get("/api/v1/referential/2019")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["year", "themes"]
    assert body["year"] == 2019
    assert len(body["themes"]) == 4
    theme = body["themes"][0]
    assert set(theme) == {"code", "label", "enjeux"}
    enjeu = theme["enjeux"][0]
    assert set(enjeu) == {"code", "label", "question", "services"}
    assert set(enjeu["services"][0]) == {"code", "label"}
    assert sum(len(e["services"]) for t in body["themes"] for e in t["enjeux"]) == 138
    # Exactly the data file, in its order, without the file's extra keys.
    expected = {
        "year": 2019,
        "themes": [
            {
                "code": t["code"],
                "label": t["label"],
                "enjeux": [
                    {
                        "code": e["code"],
                        "label": e["label"],
                        "question": e["question"],
                        "services": [{"code": s["code"], "label": s["label"]} for s in e["services"]],
                    }
                    for e in t["enjeux"]
                ],
            }
            for t in data_2019["themes"]
        ],
    }
    assert body == expected


def test_query_count_does_not_depend_on_size(client, edition_2019, django_assert_num_queries):
    edition = copy_edition(source=edition_2019, year=2020)
    edition.status = "published"
    edition.save()
    with django_assert_num_queries(4):
        assert client.get("/api/v1/referential/2020").status_code == 200


def test_unknown_year_is_a_404_in_french(client, db):
    response = client.get("/api/v1/referential/1990")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune édition du référentiel pour l'année 1990."}


def test_draft_editions_are_for_staff_only(staff_client, edition_2019):
    edition = copy_edition(source=edition_2019, year=2020)
    update_service(service=Service.objects.get(edition=edition, code="T1E1S01"), label="Révisé")
    assert Client().get("/api/v1/referential/2020").status_code == 404
    response = staff_client.get("/api/v1/referential/2020")
    assert response.status_code == 200
    assert response.json()["themes"][0]["enjeux"][0]["services"][0]["label"] == "Révisé"
