"""Helpers of the browser tests of the pages (the fixtures `page`, `watched_page`... are in the root conftest)."""

import base64
import re
import time

from django.conf import settings
from django.test import Client

from arobase.accounts.tests.factories import DEFAULT_PASSWORD, current_totp_code

# A 1×1 PNG standing in for the map tiles (no network in tests), so that images are loaded and checked too.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def assert_no_violation(page):
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []


def wait_until(page, expression: str, *, timeout: float = 10.0) -> None:
    """Waits until the JavaScript `expression` is truthy in `page`. Unlike Playwright's `wait_for_function`, whose
    polling evaluates a string with `eval` and is blocked by the site's CSP, each check is a plain `evaluate`."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)


def log_in(page, email: str, *, totp_secret: str | None = None) -> None:
    """Signs in through the login page as a person types it (with the second factor when `totp_secret` is given)
    and waits for the dashboard."""
    page.goto("/compte/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button").last.click()
    if totp_secret is not None:
        page.wait_for_url(re.compile(r"/compte/2fa/authenticate/"))
        page.locator("input[name=code]").fill(current_totp_code(totp_secret))
        page.locator("main form button").first.click()
    page.wait_for_url(re.compile(r"/compte/tableau-de-bord/$"))


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
