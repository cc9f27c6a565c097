from io import StringIO

import pytest
from django.core.management import call_command

from arobase.forum.models import Post, Room, RoomKind, Thread
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_the_command_creates_rooms_and_demo_threads_once(edition_2019, elu, other_elu):
    RegionFactory(name="Hauts-de-France", code="32")
    call_command("ensure_forum_rooms", demo=True, stdout=StringIO())
    regions = Territory.objects.filter(kind=TerritoryKind.REGION).count()
    assert Room.objects.filter(kind=RoomKind.THEME).count() == 4
    assert Room.objects.filter(kind=RoomKind.REGION).count() == regions
    assert Room.objects.filter(name="Hauts-de-France").exists()
    assert Thread.objects.count() == 3
    assert Post.objects.count() == 8
    assert Thread.objects.filter(kind="ideas").exists()
    call_command("ensure_forum_rooms", demo=True, stdout=StringIO())
    assert Room.objects.count() == 4 + regions and Thread.objects.count() == 3


def test_without_elus_no_demo_thread_is_invented(edition_2019):
    call_command("ensure_forum_rooms", demo=True, stdout=StringIO())
    assert Room.objects.count() == 4
    assert not Thread.objects.exists()
