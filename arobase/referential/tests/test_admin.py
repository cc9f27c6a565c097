"""Staff correct labels and questions in /gestion/."""

import pytest

from arobase.referential.models import EditionStatus, Enjeu, ReferentialEdition, Service, ServiceMapping, Theme
from arobase.referential.services import copy_edition

pytestmark = pytest.mark.django_db


def test_pages_render(staff_client, edition_2019):
    copy_edition(source=edition_2019, year=2020)
    theme = Theme.objects.get(edition=edition_2019, code="T2")
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T2E2")
    service = Service.objects.get(edition=edition_2019, code="T2E2S01")
    mapping = ServiceMapping.objects.first()
    urls = [
        "/gestion/referential/referentialedition/",
        f"/gestion/referential/referentialedition/{edition_2019.pk}/change/",
        "/gestion/referential/theme/",
        f"/gestion/referential/theme/{theme.pk}/change/",
        "/gestion/referential/enjeu/",
        f"/gestion/referential/enjeu/{enjeu.pk}/change/",
        "/gestion/referential/enjeu/add/",
        "/gestion/referential/service/",
        f"/gestion/referential/service/{service.pk}/change/",
        "/gestion/referential/service/add/",
        "/gestion/referential/servicemapping/",
        f"/gestion/referential/servicemapping/{mapping.pk}/change/",
    ]
    for url in urls:
        assert staff_client.get(url).status_code == 200, url


def test_staff_corrects_a_question(staff_client, edition_2019):
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T2E2")
    question = "Comment le numérique renforce-t-il la cohésion sociale ?"
    response = staff_client.post(
        f"/gestion/referential/enjeu/{enjeu.pk}/change/",
        {
            "theme": enjeu.theme_id,
            "label": enjeu.label,
            "question": question,
            "position": enjeu.position,
            "services-TOTAL_FORMS": "0",
            "services-INITIAL_FORMS": "0",
            "services-MIN_NUM_FORMS": "0",
            "services-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enjeu.refresh_from_db()
    assert enjeu.question == question
    assert enjeu.code == "T2E2"


def test_staff_cannot_reuse_a_code(staff_client, edition_2019):
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T1E2")
    response = staff_client.post(
        "/gestion/referential/service/add/",
        {"enjeu": enjeu.pk, "code": "T1E1S01", "label": "Doublon", "description": "", "position": 9},
    )
    assert response.status_code == 200
    assert "déjà utilisé" in response.content.decode()
    assert Service.objects.filter(code="T1E1S01").count() == 1


def test_copy_and_publish_actions(staff_client, edition_2019):
    url = "/gestion/referential/referentialedition/"
    response = staff_client.post(url, {"action": "copy_for_next_year", "_selected_action": [edition_2019.pk]})
    assert response.status_code == 302
    edition = ReferentialEdition.objects.get(year=2020)
    assert edition.status == EditionStatus.DRAFT and edition.copied_from == edition_2019
    assert Service.objects.filter(edition=edition).count() == 138

    response = staff_client.post(url, {"action": "publish", "_selected_action": [edition.pk]})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PUBLISHED
