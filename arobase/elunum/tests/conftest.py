import pytest

from arobase.atlaas import search as atlaas_search
from arobase.elunum.tests.fixture_site import FixtureSite


@pytest.fixture
def fixture_site():
    site = FixtureSite()
    server = site.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def crawler_settings(settings):
    settings.CRAWLER_ALLOW_PRIVATE_NETWORKS = True
    settings.CRAWLER_MIN_DELAY_SECONDS = 0
    settings.CRAWLER_TIMEOUT_SECONDS = 0.5
    settings.CRAWLER_MAX_BYTES = 1024 * 1024
    return settings


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """The Atlaas keeps the SQLite vocabulary in memory, keyed by its row count and last id: a rolled-back test
    can leave the same key over other words."""
    atlaas_search._memory["key"] = None


def pytest_configure(config):
    config.addinivalue_line("markers", "redis: needs a Redis server (skipped unless REQUIRE_REDIS=1)")
