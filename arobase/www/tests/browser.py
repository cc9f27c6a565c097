"""Helpers of the browser tests of the pages (the fixtures `page`, `watched_page`... are in the root conftest)."""

import base64

from django.conf import settings
from django.test import Client

# A 1×1 PNG standing in for the map tiles (no network in tests), so that images are loaded and checked too.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def assert_no_violation(page):
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []


def sign_in(page, live_server, user) -> None:
    """Give the browser the session cookie of `user`, signed in without the login form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
