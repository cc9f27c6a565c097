import pytest

from arobase.timeline.tests.seeds import reseed_timeline


@pytest.fixture(autouse=True)
def _timeline_seeds(db):
    reseed_timeline()
