import pytest

from arobase.accounts.tests.factories import (
    AffiliationFactory,
    ReferentAffiliationFactory,
)
from arobase.territories.tests.factories import CommuneFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing strength is not under test here; PBKDF2 would make every login take a quarter of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def commune_a(db):
    return CommuneFactory(name="Amiens", code="80021", population=133000, label_category="ville")


@pytest.fixture
def commune_b(db):
    return CommuneFactory(name="Bourges", code="18033", population=64000, label_category="ville")


@pytest.fixture
def referent_a(commune_a):
    return ReferentAffiliationFactory(territory=commune_a).user


@pytest.fixture
def contributor_a(commune_a):
    return AffiliationFactory(territory=commune_a).user


@pytest.fixture
def referent_b(commune_b):
    return ReferentAffiliationFactory(territory=commune_b).user
