import pytest


@pytest.fixture(autouse=True)
def _static_geocoder(settings):
    settings.GEOCODER = "arobase.actions.geocoding.StaticGeocoder"


@pytest.fixture
def edition_2019(db):
    from arobase.actions.factories import referential_2019

    return referential_2019()


@pytest.fixture
def services(edition_2019):
    from arobase.referential.models import Service

    return {service.code: service for service in Service.objects.filter(edition=edition_2019)}


@pytest.fixture
def amiens(db):
    from arobase.territories.factories import CommuneFactory, EpciFactory

    epci = EpciFactory(name="Amiens Métropole", code="248000531", siren="248000531")
    return CommuneFactory(name="Amiens", code="80021", siren="218000198", epci=epci)


@pytest.fixture
def brest(db):
    from arobase.territories.factories import CommuneFactory

    return CommuneFactory(name="Brest", code="29019", siren="212900195")
