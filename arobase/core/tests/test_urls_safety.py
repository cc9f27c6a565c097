import pytest
from django.test import RequestFactory

from arobase.core.urls_safety import safe_next_url


@pytest.mark.parametrize(
    "target",
    ["https://evil.invalid/", "//evil.invalid", "///evil.invalid", "http:evil.invalid", "javascript:alert(1)", ""],
)
def test_off_site_or_empty_next_gives_the_default(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next_url(request, "/defaut/") == "/defaut/"


def test_next_on_this_site_is_kept_from_post_or_get():
    assert safe_next_url(RequestFactory().post("/", {"next": "/actions/"}), "/") == "/actions/"
    assert safe_next_url(RequestFactory().get("/", {"next": "/actions/?page=2"}), "/") == "/actions/?page=2"
    assert safe_next_url(RequestFactory().get("/", {"next": "http://testserver/a/"}), "/") == "http://testserver/a/"
