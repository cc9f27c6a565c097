"""The number of SQL queries of list pages and selectors does not grow with the number of actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from arobase.actions import selectors
from arobase.actions.tests.factories import ActionFactory, login

pytestmark = pytest.mark.django_db


def make_actions(n, amiens):
    for i in range(n):
        ActionFactory(owner=amiens, published=i % 3 != 0, shared_with=[amiens.epci] if i % 2 else [])


def count_queries(function):
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


@pytest.mark.parametrize("n", [3, 30])
def test_my_actions_page(n, client, amiens_contributor, amiens, edition_2019, django_assert_max_num_queries):
    make_actions(n, amiens)
    login(client, amiens_contributor)
    client.get(reverse("actions:mine"))  # warm caches (session, content types)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("actions:mine"))
    assert response.status_code == 200


def test_my_actions_page_is_flat(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    make_actions(3, amiens)
    client.get(reverse("actions:mine"))
    few = count_queries(lambda: client.get(reverse("actions:mine")))
    make_actions(27, amiens)
    many = count_queries(lambda: client.get(reverse("actions:mine")))
    assert few == many


def test_published_actions_of_territory_is_flat(amiens, edition_2019):
    def read():
        for action in selectors.published_actions_of_territory(amiens.epci):
            _ = [s.code for s in action.services.all()], [t.name for t in action.shared_with.all()], action.owner.name

    make_actions(3, amiens)
    few = count_queries(read)
    make_actions(27, amiens)
    many = count_queries(read)
    assert few == many <= 3


def test_action_page_is_flat(client, amiens, edition_2019):
    from arobase.actions.tests.factories import ActorFactory, PlaceFactory

    action = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=action)
    ActorFactory(action=action)
    client.get(action.get_absolute_url())
    few = count_queries(lambda: client.get(action.get_absolute_url()))
    for _ in range(10):
        PlaceFactory(action=action)
        ActorFactory(action=action)
    assert count_queries(lambda: client.get(action.get_absolute_url())) == few
