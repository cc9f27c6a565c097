import pytest

from arobase.accounts.tests.factories import StaffFactory, UserFactory, activate_totp
from arobase.referential.models import Service
from arobase.referential.services import copy_edition, update_service


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    activate_totp(staff)
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_staff_see_a_readable_diff_between_two_editions(staff_client, edition_2019):
    edition_2020 = copy_edition(source=edition_2019, year=2020)
    service = Service.objects.get(edition=edition_2020, code="T1E1S01")
    update_service(service=service, label="Sensibiliser à la sécurité numérique")
    html = staff_client.get("/referentiel/comparer/?de=2019&a=2020").content.decode()
    assert "1 service renommé" in html
    assert "<ins>Sensibiliser à la sécurité numérique</ins>" in html
    assert "service ajouté" not in html


@pytest.mark.django_db
def test_identical_editions_say_so(staff_client, edition_2019):
    copy_edition(source=edition_2019, year=2020)
    html = staff_client.get("/referentiel/comparer/").content.decode()
    assert "Aucune différence" in html


@pytest.mark.django_db
def test_the_diff_page_is_for_staff_only(client, edition_2019):
    client.force_login(UserFactory())
    response = client.get("/referentiel/comparer/")
    assert response.status_code == 302 and "/gestion/login/" in response["Location"]
