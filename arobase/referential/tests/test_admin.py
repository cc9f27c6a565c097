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


def _changed_at(edition: ReferentialEdition):
    return ReferentialEdition.objects.get(pk=edition.pk).updated_at


def _inline_management(prefix: str, forms: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(forms),
        f"{prefix}-INITIAL_FORMS": str(forms),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_service_corrected_in_the_admin_marks_its_edition_changed(staff_client, edition_2019):
    service = Service.objects.get(edition=edition_2019, code="T2E2S01")
    before = _changed_at(edition_2019)
    response = staff_client.post(
        f"/gestion/referential/service/{service.pk}/change/",
        {"enjeu": service.enjeu_id, "label": "Médiation numérique", "description": "", "position": service.position},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.label == "Médiation numérique" and service.code == "T2E2S01"
    # The cached public mosaïque is keyed on the editions' `updated_at`: it follows the correction.
    assert _changed_at(edition_2019) > before


def test_a_service_corrected_in_an_inline_marks_its_edition_changed(staff_client, edition_2019):
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T2E2")
    services = list(enjeu.services.order_by("position", "code"))
    data = {"theme": enjeu.theme_id, "label": enjeu.label, "question": enjeu.question, "position": enjeu.position}
    data |= _inline_management("services", len(services))
    for index, service in enumerate(services):
        data |= {
            f"services-{index}-id": service.pk,
            f"services-{index}-enjeu": enjeu.pk,
            f"services-{index}-label": "Nouvel intitulé" if index == 0 else service.label,
            f"services-{index}-position": service.position,
        }
    before = _changed_at(edition_2019)
    response = staff_client.post(f"/gestion/referential/enjeu/{enjeu.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Service.objects.get(pk=services[0].pk).label == "Nouvel intitulé"
    assert [Service.objects.get(pk=s.pk).label for s in services[1:]] == [s.label for s in services[1:]]
    assert _changed_at(edition_2019) > before


def test_an_enjeu_added_in_the_admin_marks_its_edition_changed(staff_client, edition_2019):
    theme = Theme.objects.get(edition=edition_2019, code="T2")
    before = _changed_at(edition_2019)
    response = staff_client.post(
        "/gestion/referential/enjeu/add/",
        {"theme": theme.pk, "code": "T2E9", "label": "Nouvel enjeu", "question": "Que faire ?", "position": 9}
        | _inline_management("services", 0),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    enjeu = Enjeu.objects.get(edition=edition_2019, code="T2E9")
    assert enjeu.theme == theme and enjeu.question == "Que faire ?"
    assert _changed_at(edition_2019) > before


def test_a_mapping_edited_in_the_admin_marks_the_target_edition_changed(staff_client, edition_2019):
    edition_2020 = copy_edition(source=edition_2019, year=2020)
    mapping = ServiceMapping.objects.select_related("from_service").first()
    target = Service.objects.get(edition=edition_2020, code="T1E1S02")
    before = _changed_at(edition_2020)
    response = staff_client.post(
        f"/gestion/referential/servicemapping/{mapping.pk}/change/",
        {"from_service": mapping.from_service_id, "to_service": target.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ServiceMapping.objects.get(pk=mapping.pk).to_service == target
    assert _changed_at(edition_2020) > before


def test_a_mapping_to_an_older_edition_is_refused_and_changes_nothing(staff_client, edition_2019):
    edition_2020 = copy_edition(source=edition_2019, year=2020)
    mapping = ServiceMapping.objects.first()
    older = Service.objects.get(edition=edition_2019, code="T1E1S02")
    before = _changed_at(edition_2020)
    response = staff_client.post(
        f"/gestion/referential/servicemapping/{mapping.pk}/change/",
        {"from_service": mapping.from_service_id, "to_service": older.pk},
    )
    assert response.status_code == 200
    assert "plus récente" in response.content.decode()
    assert ServiceMapping.objects.get(pk=mapping.pk).to_service_id == mapping.to_service_id
    assert _changed_at(edition_2020) == before
