import pytest

from arobase.territories.tests.factories import CommuneFactory, EpciFactory


@pytest.fixture
def commune(db):

    return CommuneFactory(name="Amiens", code="80021", epci=EpciFactory(name="Amiens Métropole", code="248000531"))


@pytest.fixture
def other_commune(db):

    return CommuneFactory(name="Brest", code="29019")
