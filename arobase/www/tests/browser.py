"""Helpers of the browser tests of the pages (the fixtures `page`, `watched_page`... are in the root conftest)."""

import base64

# A 1×1 PNG standing in for the map tiles (no network in tests), so that images are loaded and checked too.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def assert_no_violation(page):
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []
