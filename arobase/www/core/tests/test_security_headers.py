"""Security headers on every page, and which pages may be kept by the shared cache and the reverse proxy."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from arobase.accounts.tests.factories import AffiliationFactory
from arobase.actions.tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
PUBLIC_PAGES = ["/", "/label/palmares/", "/atlaas/", "/territoires/commune/80021/"]


def _directives(response) -> dict[str, str]:
    parts = (part.strip().partition(" ") for part in response["Content-Security-Policy"].split(";"))
    return {name: value.strip() for name, _space, value in parts}


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/compte/login/", "/territoires/?q=ami"])
def test_pages_carry_a_strict_content_security_policy_and_a_permissions_policy(client, amiens, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "https://tile.openstreetmap.org" in policy["img-src"].split()
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_the_tile_server_of_the_settings_is_allowed_for_images():
    from arobase.settings import _tile_origin

    assert _tile_origin("https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png") == "https://*.tiles.example.org"
    assert _tile_origin("https://tuiles.example.fr:8443/{z}/{x}/{y}.png") == "https://tuiles.example.fr:8443"


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: path.name)
def test_templates_have_no_inline_script_nor_handler_and_valid_htmx_attributes(template):
    source = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>: the CSP blocks it"
    assert not re.search(r"\son[a-z]+\s*=", source), "on*= handler: the CSP blocks it"
    assert not re.search(r"(?<![\w-])hx-[a-z-]+\s*=", source), "hx-* is not valid HTML: use data-hx-*"


def test_htmx_is_configured_not_to_evaluate_code(client):
    html = client.get("/").content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html


def test_anonymous_public_pages_are_shared_without_any_per_visitor_token(client, amiens):
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response["Cache-Control"] == "public, s-maxage=10", path
        assert "Cookie" in response["Vary"]
        assert not response.cookies, path
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html, path


def test_a_public_page_comes_from_the_cache_and_follows_the_actions(
    client, amiens, edition_2019, django_assert_max_num_queries
):
    client.get("/atlaas/")
    with django_assert_max_num_queries(4):  # only the versions it is keyed on
        assert client.get("/atlaas/").status_code == 200
    ActionFactory(owner=amiens, published=True, title="Un guichet numérique pour tous")
    assert "Un guichet numérique pour tous" in client.get("/atlaas/").content.decode()


def test_a_visitor_with_a_message_gets_their_own_page(client, amiens):
    person = AffiliationFactory(territory=amiens).user
    Client().get("/")  # the anonymous home page is in the cache
    client.force_login(person)
    client.post("/compte/logout/")
    response = client.get("/")  # anonymous again, with the message saying so
    assert 'class="messages"' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    assert 'class="messages"' not in Client().get("/").content.decode()


def test_every_page_of_a_signed_in_person_is_private_and_not_stored(client, amiens):
    person = AffiliationFactory(territory=amiens).user
    client.get("/")  # an anonymous copy in the cache must not be served to them
    client.force_login(person)
    for path in [*PUBLIC_PAGES, "/compte/tableau-de-bord/", "/actions/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "private, no-store", path
        assert "Cookie" in response["Vary"]
    html = client.get("/").content.decode()
    assert "Se déconnecter" in html and 'data-hx-headers=\'{"X-CSRFToken"' in html
    assert not [key for key in cache._cache if "public-page" in key and "core.views.home" not in key]


def test_a_cached_page_is_sent_compressed_once_and_reads_the_same(client, amiens):
    import gzip

    plain = client.get("/label/palmares/").content
    compressed = client.get("/label/palmares/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain
