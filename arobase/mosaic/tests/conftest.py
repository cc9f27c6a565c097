from datetime import datetime

import pytest
from django.utils import timezone


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
