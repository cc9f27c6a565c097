import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arobase.actions.tests.factories import ActionFactory
from arobase.elunum import search
from arobase.elunum.models import DailySearchCount
from arobase.elunum.tests.factories import PageFactory, SourceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/elunum/search"


@pytest.fixture
def corpus(amiens, services):
    ministry = SourceFactory(name="DINUM", kind="ministere", url_prefix="https://numerique.gouv.fr/")
    pages = [
        PageFactory(
            source=ministry,
            url=f"https://numerique.gouv.fr/inclusion-{i}",
            title=f"Inclusion numérique {i}",
            text="Les conseillers numériques et l'inclusion.",
            published_at="2026-01-01",
        )
        for i in range(25)
    ]
    search.index_pages([page.pk for page in pages])
    action = ActionFactory(owner=amiens, published=True, title="Inclusion numérique à Amiens", summary="Ateliers.")
    return pages, action


def test_shape_and_pagination(client, corpus):
    pages, action = corpus
    answer = client.get(URL, {"q": "inclusion"}).json()
    assert answer["count"] == 26
    assert len(answer["results"]) == 20
    assert answer["next"].endswith("page=2") and "q=inclusion" in answer["next"]
    result = next(r for r in answer["results"] if r["type"] == "page")
    assert set(result) == {"type", "url", "title", "excerpt", "published_at", "source"}
    assert result["source"] == {"name": "DINUM", "kind": "ministere", "host": "numerique.gouv.fr"}
    assert result["published_at"] == "2026-01-01"
    second = client.get(answer["next"]).json()
    assert second["next"] is None and len(second["results"]) == 6
    urls = {r["url"] for r in answer["results"] + second["results"]}
    assert f"http://testserver/actions/{action.pk}/" in urls and len(urls) == 26
    assert DailySearchCount.objects.get().count == 2


def test_blank_parameters_filter_nothing_and_filters_apply(client, corpus):
    blank = client.get(URL, {"q": "inclusion", "kind": "", "region": "", "type": "", "page": ""}).json()
    assert blank["count"] == 26
    assert client.get(URL, {"q": "inclusion", "type": "action"}).json()["count"] == 1
    assert client.get(URL, {"q": "inclusion", "kind": "ministere"}).json()["count"] == 25
    assert client.get(URL, {"q": "inclusion", "type": "page", "kind": "presse"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"kind": "blog"}, "kind"),
        ({"type": "video"}, "type"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "10" * 20}, "page"),
        ({"q": "x" * 501}, "q"),
        ({"region": "\x00"}, "region"),
    ],
)
def test_bad_values_answer_422_in_french(client, params, name):
    response = client.get(URL, {"q": "inclusion", **params})
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == name and "«" in detail["msg"]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(q=st.text(max_size=60))
def test_never_a_server_error_on_any_query(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code in (200, 422)


@pytest.mark.parametrize("q", ["\x00", "😀 wifi", "'; DROP TABLE", "NEAR(a b)", '"unbalanced', "-", "*"])
def test_odd_queries(client, corpus, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_no_cookie_is_set_and_nothing_personal_is_stored(client, corpus):
    response = client.get(URL, {"q": "inclusion"})
    assert not response.cookies
    assert list(DailySearchCount.objects.values_list("count", flat=True)) == [1]
