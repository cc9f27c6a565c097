"""No server error on any input: the inputs that gave 500s to fuzzing, on the pages and the API."""

import pytest

from arobase.actions.tests.factories import ActionFactory, PlaceFactory
from arobase.label.tests.factories import YEAR, add_result, make_campaign

ODD_QUERIES = ["%", "(", "*", "[]", "\x00", "😀", '"', "-", "a AND", "NOT", "'"]
HUGE_PAGES = ["99999999999999999999", "9223372036854775807", "9223372036854775808"]

SEARCHABLE_PAGES = ["/atlaas/", "/atlaas/liste/", "/atlaas/recherche/", "/atlaas/acteurs/", "/atlaas/collectivites/",
                    "/territoires/"]  # fmt: skip
SEARCHABLE_API = ["/api/v1/actions", "/api/v1/territories", "/api/v1/map/points"]


@pytest.fixture
def published(amiens, edition_2019):
    action = ActionFactory(published=True, owner=amiens, title="Médiation numérique")
    PlaceFactory(action=action)
    add_result(amiens, YEAR, 3, campaign=make_campaign(edition_2019, state="closed", published="past"))
    return action


@pytest.mark.parametrize("q", ODD_QUERIES)
@pytest.mark.parametrize("url", SEARCHABLE_PAGES)
def test_odd_search_text_on_pages(client, published, url, q):
    assert client.get(url, {"q": q}).status_code == 200


@pytest.mark.parametrize("q", ODD_QUERIES)
@pytest.mark.parametrize("url", SEARCHABLE_API)
def test_odd_search_text_on_the_api(client, published, url, q):
    response = client.get(url, {"q": q})
    if q == "\x00":
        assert response.status_code == 422
        assert response.json()["detail"][0]["msg"] == "« q » contient un caractère non admis."
    else:
        assert response.status_code == 200
        if url != "/api/v1/territories":  # territory search ignores punctuation and lists every collectivité
            assert response.json()["count"] == 0


def test_punctuation_only_search_finds_nothing_and_words_still_find(client, published):
    assert client.get("/api/v1/actions", {"q": "%"}).json()["results"] == []
    assert [a["id"] for a in client.get("/api/v1/actions", {"q": "médiation %"}).json()["results"]] == [published.pk]


@pytest.mark.parametrize("page", HUGE_PAGES)
def test_huge_page_numbers_on_the_api_give_an_empty_page(client, published, amiens, page):
    for url in ("/api/v1/actions", "/api/v1/territories", f"/api/v1/palmares/{YEAR}"):
        response = client.get(url, {"page": page})
        assert response.status_code == 200, url
        body = response.json()
        assert body["results"] == [] and body["next"] is None and body["count"] >= 1, url


@pytest.mark.parametrize("page", HUGE_PAGES)
def test_huge_page_numbers_on_pages_show_the_last_page(client, published, amiens, page):
    urls = ["/atlaas/", "/atlaas/liste/", "/atlaas/recherche/", "/atlaas/collectivites/", "/atlaas/acteurs/",
            f"/label/palmares/{YEAR}/", amiens.get_absolute_url(), "/territoires/?q=amiens"]  # fmt: skip
    for url in urls:
        response = client.get(url, {"page": page})
        assert response.status_code == 200, url
    found = client.get("/atlaas/recherche/", {"q": "médiation", "page": page}).content.decode()
    assert published.get_absolute_url() in found
    assert "Amiens" in client.get(f"/label/palmares/{YEAR}/", {"page": page}).content.decode()


def test_invalid_parameters_get_french_messages(client, db):
    response = client.get("/api/v1/actions", {"page_size": "501", "page": "x"})
    assert response.status_code == 422
    messages = {tuple(error["loc"]): error["msg"] for error in response.json()["detail"]}
    assert messages == {
        ("query", "page"): "« page » doit être un nombre entier.",
        ("query", "page_size"): "« page_size » doit valoir au plus 500.",
    }
    response = client.get("/api/v1/territories/80021", {"kind": "canton"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("« kind » doit être l'une des valeurs")


def test_nul_in_a_path_is_rejected(client, db):
    assert client.get("/api/v1/territories/80%00021").status_code == 422


def test_openapi_documents_the_422_answers(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            if operation.get("parameters"):
                assert "422" in operation["responses"], path
    detail = document["components"]["schemas"]["ValidationErrorOut"]["properties"]["detail"]
    assert [branch["type"] for branch in detail["anyOf"]] == ["string", "array"]


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names its schemas by class name: two routers each declaring a `SourceOut` made one
    overwrite the other, and the document described the wrong fields for one of the endpoints."""
    import importlib
    import inspect
    import pkgutil

    from ninja import Schema

    import arobase.www

    owners: dict[str, list[str]] = {}
    for module_info in pkgutil.walk_packages(arobase.www.__path__, "arobase.www."):
        if not module_info.name.endswith(".api") or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, Schema) and value.__module__ == module.__name__:
                owners.setdefault(name, []).append(module.__name__)
    assert {name: modules for name, modules in owners.items() if len(modules) > 1} == {}


def test_a_byte_order_mark_alone_is_a_blank_filter(client, db):
    """The document's blank pattern (`^\\s*$`) is read with JavaScript's \\s, which includes U+FEFF: a filter made of
    it filters nothing, as an empty one does, instead of being refused."""
    assert client.get("/api/v1/territories", {"kind": "\ufeff"}).status_code == 200
    assert client.get("/api/v1/elunum/search", {"q": "wifi", "type": "\ufeff"}).status_code == 200
