import pytest


@pytest.fixture
def amiens(db):
    from arobase.territories.factories import CommuneFactory, EpciFactory

    epci = EpciFactory(name="Amiens Métropole", code="248000531", siren="248000531")
    return CommuneFactory(name="Amiens", code="80021", siren="218000198", epci=epci)


@pytest.fixture
def brest(db):
    from arobase.territories.factories import CommuneFactory

    return CommuneFactory(name="Brest", code="29019", siren="212900195")
