import pytest

from arobase.territories.models import Territory
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/territories"


def test_list_format_and_fields(client, somme_territories):
    response = client.get(URL, {"q": "amien", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "results"}
    assert data["count"] == 3
    assert data["next"].startswith("http://testserver/api/v1/territories?") and "page=2" in data["next"]
    amiens = data["results"][0]
    assert amiens == {
        "code": "80021",
        "name": "Amiens",
        "kind": "commune",
        "population": 136449,
        "departement": "80",
        "region": "32",
        "epci": "248000531",
        "epci_type": None,
        "siren": "218000198",
        "postal_codes": ["80000", "80080", "80090"],
        "latitude": None,
        "longitude": None,
        "is_obsolete": False,
        "url": "http://testserver/territoires/commune/80021/",
    }
    assert data["results"][1]["code"] == "248000531" and data["results"][1]["epci_type"] == "CA"
    last = client.get(data["next"]).json()
    assert last["next"] is None and [t["code"] for t in last["results"]] == ["80256"]


def test_filters(client, somme_territories):
    assert [t["code"] for t in client.get(URL, {"q": "amien", "kind": "epci"}).json()["results"]] == ["248000531"]
    CommuneFactory(name="Amiens-Bis", departement=DepartementFactory(code="02"))
    results = client.get(URL, {"q": "amien", "departement": "80", "kind": "commune"}).json()["results"]
    assert [t["code"] for t in results] == ["80021", "80256"]
    assert client.get(URL, {"q": "80470"}).json()["results"][0]["code"] == "80256"


def test_bad_parameters_give_422(client):
    assert client.get(URL, {"kind": "planet"}).status_code == 422
    assert client.get(URL, {"page": 0}).status_code == 422
    assert client.get(URL, {"page_size": 100000}).status_code == 422


def test_list_query_count_is_constant(client, somme_territories, django_assert_num_queries):
    with django_assert_num_queries(2):  # count + page
        small = client.get(URL, {"q": "80"}).json()
    for index in range(20):
        CommuneFactory(
            departement=somme_territories["departement"], epci=somme_territories["epci"], name=f"Commune {index}"
        )
    with django_assert_num_queries(2):
        large = client.get(URL, {"q": "80"}).json()
    assert len(large["results"]) > len(small["results"])


def test_detail_of_a_commune(client, somme_territories):
    data = client.get(f"{URL}/80021").json()
    assert (data["name"], data["kind"], data["epci"], data["members"]) == ("Amiens", "commune", "248000531", None)


def test_detail_of_an_epci_lists_current_members_by_population(client, somme_territories, django_assert_num_queries):
    Territory.objects.filter(code="80256").update(is_obsolete=True)
    with django_assert_num_queries(3):  # territory, members, published label history
        data = client.get(f"{URL}/248000531").json()
    assert data["kind"] == "epci" and data["epci_type"] == "CA"
    assert data["members"] == ["80021", "80489"]
    assert (data["departement"], data["region"]) == ("80", "32")


def test_detail_of_departement_and_region_and_ambiguous_codes(client, somme_territories):
    assert client.get(f"{URL}/80").json()["kind"] == "departement"
    assert client.get(f"{URL}/32").json()["kind"] == "region"
    RegionFactory(code="11", name="Île-de-France")
    DepartementFactory(code="11", name="Aude")
    assert client.get(f"{URL}/11").json()["name"] == "Aude"
    assert client.get(f"{URL}/11", {"kind": "region"}).json()["name"] == "Île-de-France"
    assert client.get(f"{URL}/11", {"kind": "departement"}).json()["name"] == "Aude"


def test_obsolete_territories_stay_readable(client, somme_territories):
    Territory.objects.filter(code="80489").update(is_obsolete=True)
    assert client.get(f"{URL}/80489").json()["is_obsolete"] is True


def test_unknown_code_gives_a_french_404(client, somme_territories):
    response = client.get(f"{URL}/99999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucune collectivité ne porte le code « 99999 »."}
    assert client.get(f"{URL}/80021", {"kind": "epci"}).status_code == 404


def test_openapi_documents_the_code_preference(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/territories/{code}"]["get"]
    assert "commune > epci > departement > region" in operation["description"]


@pytest.mark.django_db
def test_detail_gains_the_published_label_history_only(client):
    from arobase.label.models import Result

    commune = CommuneFactory(code="35238", name="Rennes")
    Result.objects.create(territory=commune, year=2017, arobases=4, mentions=["Santé"], published=True)
    Result.objects.create(territory=commune, year=2012, arobases=3, published=False)
    body = client.get("/api/v1/territories/35238").json()
    assert body["label_history"] == [{"year": 2017, "arobases": 4, "mentions": ["Santé"]}]
