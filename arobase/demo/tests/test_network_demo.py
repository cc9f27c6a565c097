import pytest

from arobase.demo.network_demo import generate_network_demo
from arobase.network import selectors
from arobase.territories.tests.factories import CommuneFactory
from arobase.timeline.models import Milestone

pytestmark = pytest.mark.django_db


def test_network_demo_is_published_and_idempotent(edition_2019):
    CommuneFactory(code="80021", name="Amiens")
    CommuneFactory(code="29019", name="Brest")
    assert generate_network_demo() == 10
    assert generate_network_demo() == 0
    assert selectors.published_articles().count() == 3
    assert selectors.national_day().kind == "journee_nationale"
    assert Milestone.objects.filter(territory__code="80021", status="published").count() == 2
