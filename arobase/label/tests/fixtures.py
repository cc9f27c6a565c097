"""Label fixtures that the page tests in arobase/www/label/ need too (registered in the root conftest); the
referential is the root `edition_2019`."""

import pytest

from arobase.accounts.tests.factories import (
    AffiliationFactory,
    ReferentAffiliationFactory,
)
from arobase.label.tests.factories import confirm_membership, eligible_action, make_campaign
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture
def label_campaign(edition_2019):
    return make_campaign(edition_2019)


@pytest.fixture
def label_region(db):
    return RegionFactory(code="32", name="Hauts-de-France")


@pytest.fixture
def label_somme(label_region):
    return DepartementFactory(code="80", name="Somme", region=label_region)


@pytest.fixture
def label_commune_a(label_somme):
    return CommuneFactory(
        name="Amiens",
        code="80021",
        population=133000,
        label_category="ville",
        departement=label_somme,
        region=label_somme.region,
    )


@pytest.fixture
def label_commune_b(label_somme):
    return CommuneFactory(
        name="Abbeville",
        code="80001",
        population=23000,
        label_category="ville",
        departement=label_somme,
        region=label_somme.region,
    )


@pytest.fixture
def label_epci(db):
    return EpciFactory(name="Amiens Métropole", code="248000531", population=180000, label_category="territoire")


@pytest.fixture
def label_referent_a(label_commune_a):
    return ReferentAffiliationFactory(territory=label_commune_a).user


@pytest.fixture
def label_contributor_a(label_commune_a):
    return AffiliationFactory(territory=label_commune_a).user


@pytest.fixture
def label_referent_b(label_commune_b):
    return ReferentAffiliationFactory(territory=label_commune_b).user


@pytest.fixture
def label_member_a(label_commune_a, edition_2019):
    confirm_membership(label_commune_a)
    eligible_action(label_commune_a)
    return label_commune_a
