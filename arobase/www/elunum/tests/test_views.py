import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arobase.accounts.tests.factories import StaffFactory, UserFactory, activate_totp
from arobase.elunum import search
from arobase.elunum.models import Source, SourceStatus
from arobase.elunum.tests.factories import PageFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    sources = [SourceFactory(name=f"Ville {i}", url_prefix=f"https://ville{i}.fr/") for i in range(3)]
    pages = [
        PageFactory(
            source=sources[i % 3],
            url=f"https://ville{i % 3}.fr/p{i}",
            title=f"Wi-Fi public {i}",
            text="Le <wifi> public & gratuit de la médiathèque.",
        )
        for i in range(30)
    ]
    search.index_pages([p.pk for p in pages])
    return sources


def test_search_page_groups_by_host_highlights_and_needs_no_cookie(client, corpus, django_assert_max_num_queries):
    form = {"q": "wifi", "kind": "", "region": "", "type": "", "periode": ""}  # what the form sends
    with django_assert_max_num_queries(12):
        response = client.get("/elunum/", form)
    assert response.status_code == 200 and not response.cookies
    html = response.content.decode()
    assert html.count('class="elunum-group"') == 3
    assert "<mark>Wi</mark>" in html or "<mark>Wi-Fi</mark>" in html or "<mark>wifi</mark>" in html
    assert "&lt;<mark>wifi</mark>&gt;" in html
    assert 'rel="next"' in html and "page=2" in html
    assert '<link rel="search" type="application/opensearchdescription+xml"' in html
    assert "sources de confiance" in html


def test_search_page_with_bad_values_still_answers(client, corpus):
    for params in ({"q": "wifi", "kind": "blog"}, {"q": "\x00"}, {"q": "wifi", "page": "999999999999"}, {"q": ""}):
        assert client.get("/elunum/", params).status_code == 200


def test_sources_page_lists_approved_sources_with_bounded_queries(client, corpus, django_assert_max_num_queries):
    SourceFactory(name="Candidate cachée", status=SourceStatus.CANDIDATE)
    with django_assert_max_num_queries(6):
        response = client.get("/elunum/sources/", {"kind": ""})
    html = response.content.decode()
    assert "Ville 0" in html and "Candidate cachée" not in html


def test_opensearch_description(client):
    response = client.get("/elunum/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert 'template="http://testserver/elunum/?q={searchTerms}"' in response.content.decode()


def test_suggest_requires_a_signed_in_member(client):
    data = {"url": "https://asso.example.fr/", "name": "Asso", "kind": "association"}
    response = client.post("/elunum/sources/proposer/", data)
    assert response.status_code == 302 and "/compte/" in response["Location"]
    assert not Source.objects.exists()
    member = UserFactory()
    client.force_login(member)
    response = client.post("/elunum/sources/proposer/", data)
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.status == SourceStatus.CANDIDATE and source.suggested_by == member
    response = client.post("/elunum/sources/proposer/", data)
    assert response.status_code == 400 and "déjà connue" in response.content.decode()
    response = client.post("/elunum/sources/proposer/", {"url": "pas une adresse", "name": "", "kind": "x"})
    assert response.status_code == 400 and Source.objects.count() == 1


def test_staff_pages_refuse_members_and_anonymous(client):
    source = SourceFactory(status=SourceStatus.CANDIDATE)
    for url in ("/elunum/gestion/", "/elunum/gestion/export.csv", f"/elunum/gestion/{source.pk}/"):
        assert client.get(url).status_code == 302
    assert client.post(f"/elunum/gestion/{source.pk}/approuver/").status_code == 302
    client.force_login(UserFactory())
    for url in ("/elunum/gestion/", "/elunum/gestion/export.csv", f"/elunum/gestion/{source.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/elunum/gestion/{source.pk}/approuver/").status_code == 403
    csv = SimpleUploadedFile("s.csv", b"url,name,kind\nhttps://x.fr,X,presse\n", content_type="text/csv")
    assert client.post("/elunum/gestion/", {"file": csv}).status_code == 403
    source.refresh_from_db()
    assert source.status == SourceStatus.CANDIDATE and Source.objects.count() == 1


def test_staff_approve_suspend_import_export_and_health(client):
    staff = StaffFactory()
    activate_totp(staff)
    client.force_login(staff)
    source = SourceFactory(status=SourceStatus.CANDIDATE)
    assert client.post(f"/elunum/gestion/{source.pk}/approuver/").status_code == 302
    source.refresh_from_db()
    assert source.status == SourceStatus.APPROVED and source.status_changed_by == staff
    assert client.post(f"/elunum/gestion/{source.pk}/effacer/").status_code == 403
    assert client.post("/elunum/gestion/999999/suspendre/").status_code == 404
    bad = SimpleUploadedFile("s.csv", b"url,name,kind\nhttps://x.fr,X,blog\n", content_type="text/csv")
    response = client.post("/elunum/gestion/", {"file": bad, "skip_errors": ""})
    assert response.status_code == 400 and "ligne 2" in response.content.decode()
    good = SimpleUploadedFile("s.csv", "url,name,kind\nhttps://x.fr,Élan,presse\n".encode(), content_type="text/csv")
    assert client.post("/elunum/gestion/", {"file": good}).status_code == 200
    assert Source.objects.filter(name="Élan").exists()
    export = client.get("/elunum/gestion/export.csv")
    assert export.content.decode().splitlines()[0] == "url,name,kind,territory,status"
    health = client.get(f"/elunum/gestion/{source.pk}/")
    assert health.status_code == 200 and "Pages indexées" in health.content.decode()
    assert io.StringIO(export.content.decode()).read().count("\n") == 3
