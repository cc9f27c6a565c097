"""Accounts fixtures that the page tests in arobase/www/accounts/ need too (registered in the root conftest)."""

import pytest

from arobase.accounts.tests.factories import (
    AffiliationFactory,
    ReferentAffiliationFactory,
)
from arobase.territories.tests.factories import CommuneFactory


@pytest.fixture
def accounts_commune_a(db):
    return CommuneFactory(name="Amiens", code="80021", population=133000, label_category="ville")


@pytest.fixture
def accounts_commune_b(db):
    return CommuneFactory(name="Bourges", code="18033", population=64000, label_category="ville")


@pytest.fixture
def accounts_referent_a(accounts_commune_a):
    return ReferentAffiliationFactory(territory=accounts_commune_a).user


@pytest.fixture
def accounts_contributor_a(accounts_commune_a):
    return AffiliationFactory(territory=accounts_commune_a).user


@pytest.fixture
def accounts_referent_b(accounts_commune_b):
    return ReferentAffiliationFactory(territory=accounts_commune_b).user
