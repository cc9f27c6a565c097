import os
import shutil

import pytest
from hypothesis import settings as hypothesis_settings

from arobase.www.tests.browser import TILE

# Fixtures of one app that tests elsewhere need too (page tests live in arobase/www/, beside the pages): each
# module is registered here, the only place pytest allows it; tests import helpers from factories.py, never fixtures.
pytest_plugins = [
    "arobase.forum.tests.fixtures",
    "arobase.label.tests.fixtures",
    "arobase.accounts.tests.fixtures",
    "arobase.actions.tests.fixtures",
    "arobase.demo.tests.fixtures",
    "arobase.peers.tests.fixtures",
    "arobase.referential.tests.fixtures",
    "arobase.territories.tests.fixtures",
]

# Shared, noisy machines: a property-based test fails on a wrong answer, never on a slow example.
hypothesis_settings.register_profile("arobase", deadline=None)
hypothesis_settings.load_profile("arobase")

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def _isolated_cache_and_media(settings, tmp_path):
    """Each test gets an empty cache and its own media and open-data folders."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ATLAAS_OPENDATA_DIR = tmp_path / "opendata"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in: for a user with TOTP, password and code.

    Staff and jurors whose session did not pass TOTP are signed out by the two-factor middleware; tests of that
    control sign in through the real pages or `client.login()`.
    """
    from django.test import Client

    from arobase.accounts.tests.factories import record_second_factor

    force_login = Client.force_login

    def force_login_with_second_factor(client, user, backend=None):
        force_login(client, user, backend)
        if user.requires_two_factor:
            record_second_factor(client, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Background tasks run at once, in the test (whatever the configured backend)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _static_geocoder(settings):
    """No test reaches the national address API: a fixed list of addresses stands in for it."""
    settings.GEOCODER = "arobase.actions.geocoding.StaticGeocoder"


@pytest.fixture
def edition_2019(db):
    """The 2019 referential (4 themes, 16 enjeux, 138 services), loaded once per database and reused."""
    from arobase.actions.tests.factories import referential_2019

    return referential_2019()


@pytest.fixture
def services(edition_2019):
    """The services of the 2019 edition by code."""
    from arobase.referential.models import Service

    return {service.code: service for service in Service.objects.filter(edition=edition_2019)}


@pytest.fixture
def amiens(db):
    """Amiens (80021) in its EPCI, Amiens Métropole: a commune with real codes for API and Atlaas tests."""
    from arobase.territories.tests.factories import CommuneFactory, EpciFactory

    epci = EpciFactory(name="Amiens Métropole", code="248000531", siren="248000531")
    return CommuneFactory(name="Amiens", code="80021", siren="218000198", epci=epci)


@pytest.fixture
def brest(db):
    from arobase.territories.tests.factories import CommuneFactory

    return CommuneFactory(name="Brest", code="29019", siren="212900195")


@pytest.fixture
def staff(db):
    """A staff member who has set up TOTP (required of staff)."""
    from arobase.accounts.tests.factories import StaffFactory, activate_totp

    user = StaffFactory()
    activate_totp(user)
    return user


@pytest.fixture
def juror(db):
    """A jury member who has set up TOTP (required of jurors)."""
    from arobase.accounts.tests.factories import JurorFactory, activate_totp

    user = JurorFactory()
    activate_totp(user)
    return user


@pytest.fixture
def plain_user(db):
    """A signed-up person attached to no collectivité."""
    from arobase.accounts.tests.factories import UserFactory

    return UserFactory()


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped where it is missing unless REQUIRE_BROWSER=1 (CI)."""
    path = _chromium_path()
    if not path:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (REQUIRE_BROWSER=1) but was not found: apt-get install chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are
    # still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    # Test steps evaluate strings in the page (wait_for_function, axe-core), which the site's CSP forbids; the CSP
    # itself is checked in a context of its own (`watched_page`, arobase/www/core/tests/test_browser_csp.py).
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def watched_page(chromium, live_server):
    """A page under the site's real CSP (the `page` fixture bypasses it), recording violations (the browser's
    event) and console errors."""
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', (event) => window.__violations.push("
        "event.violatedDirective + ' ' + event.blockedURI));"
    )
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(body=TILE, content_type="image/png"))
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def _navigation_race(error) -> bool:
    """True for the errors of a script run while the page swaps documents."""
    message = str(error)
    return "Execution context was destroyed" in message or "reading 'documentElement'" in message


@pytest.fixture
def assert_accessible():
    """Runs axe-core on the current page and fails on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    axe = Axe()

    def check(page):
        results = None
        for attempt in range(3):
            # A click that navigates returns before the new document exists; axe needs a loaded one.
            page.wait_for_load_state("load")
            try:
                results = axe.run(page)
                break
            except PlaywrightError as error:
                if attempt == 2 or not _navigation_race(error):
                    raise
        violations = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
        )
        assert not violations, f"axe-core violations on {page.url}:\n{details}"

    return check
