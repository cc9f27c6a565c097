import pytest

from arobase.accounts.tests.factories import (
    AffiliationFactory,
    ReferentAffiliationFactory,
)
from arobase.actions.tests.factories import referential_2019
from arobase.label.tests.factories import confirm_membership, eligible_action, make_campaign
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition(db):
    return referential_2019()


@pytest.fixture
def campaign(edition):
    return make_campaign(edition)


@pytest.fixture
def region(db):
    return RegionFactory(code="32", name="Hauts-de-France")


@pytest.fixture
def somme(region):
    return DepartementFactory(code="80", name="Somme", region=region)


@pytest.fixture
def commune_a(somme):
    return CommuneFactory(
        name="Amiens", code="80021", population=133000, label_category="ville", departement=somme, region=somme.region
    )


@pytest.fixture
def commune_b(somme):
    return CommuneFactory(
        name="Abbeville", code="80001", population=23000, label_category="ville", departement=somme, region=somme.region
    )


@pytest.fixture
def epci(db):
    return EpciFactory(name="Amiens Métropole", code="248000531", population=180000, label_category="territoire")


@pytest.fixture
def referent_a(commune_a):
    return ReferentAffiliationFactory(territory=commune_a).user


@pytest.fixture
def contributor_a(commune_a):
    return AffiliationFactory(territory=commune_a).user


@pytest.fixture
def referent_b(commune_b):
    return ReferentAffiliationFactory(territory=commune_b).user


@pytest.fixture
def member_a(commune_a, edition):
    confirm_membership(commune_a)
    eligible_action(commune_a)
    return commune_a
