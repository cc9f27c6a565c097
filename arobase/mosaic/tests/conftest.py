from datetime import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def edition_2019(db):
    from arobase.actions.factories import referential_2019

    return referential_2019()


@pytest.fixture
def services(edition_2019):
    """The services of the 2019 edition by code."""
    from arobase.referential.models import Service

    return {service.code: service for service in Service.objects.filter(edition=edition_2019)}


@pytest.fixture
def commune(db):
    from arobase.territories.factories import CommuneFactory, EpciFactory

    return CommuneFactory(name="Amiens", code="80021", epci=EpciFactory(name="Amiens Métropole", code="248000531"))


@pytest.fixture
def other_commune(db):
    from arobase.territories.factories import CommuneFactory

    return CommuneFactory(name="Brest", code="29019")


def local(year: int, month: int = 6, day: int = 15, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())
