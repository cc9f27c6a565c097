import factory

from arobase.accounts.models import Capacity
from arobase.accounts.tests.factories import AffiliationFactory
from arobase.forum.models import Room, RoomKind


class EluAffiliationFactory(AffiliationFactory):
    capacity = Capacity.ELU


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    kind = RoomKind.THEME
    key = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Thème {n}")
