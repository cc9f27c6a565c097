import pytest

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
