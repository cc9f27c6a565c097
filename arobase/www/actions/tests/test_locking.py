"""Optimistic locking: two members edit the same action at once; the second save is refused, nothing is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from arobase.actions.tests.factories import ActionFactory, PlaceFactory, edit_payload, login, management

pytestmark = pytest.mark.django_db


def test_the_second_save_is_refused_and_shows_what_changed(amiens_contributor, amiens_referent, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True, title="Titre d'origine")
    PlaceFactory(action=action, label="Mairie", latitude=49.89, longitude=2.29)
    first, second = login(Client(), amiens_contributor), login(Client(), amiens_referent)
    url = reverse("actions:edit", args=[action.pk])
    for client in (first, second):
        page = client.get(url).content.decode()
        assert f'name="version" value="{action.version}"' in page
    version = str(action.version)

    # Both forms were shown with the same version and the same place.
    second_data = edit_payload(action, edition_2019, summary="Résumé du second, long à retaper.", version=version)
    # The first member changes the title and adds a place.
    data = edit_payload(
        action, edition_2019, title="Titre du premier", version=version, **management("places", total=2, initial=1)
    )
    data.update(
        {
            "places-1-label": "Médiathèque",
            "places-1-latitude": "49.9",
            "places-1-longitude": "2.3",
            "places-1-address": "",
            "places-1-postcode": "",
            "places-1-city": "",
            "places-1-citycode": "",
            "places-1-geocoding_source": "",
        }
    )
    assert first.post(url, data).status_code == 302

    # The second, from the same version, changes the summary.
    response = second.post(url, second_data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Quelqu&#x27;un d&#x27;autre a modifié cette action" in body
    assert "Titre d&#x27;origine" in body and "Titre du premier" in body  # what changed meanwhile
    assert "Lieu ajouté : Médiathèque" in body
    assert "Résumé du second, long à retaper." in body  # their input is kept
    action.refresh_from_db()
    assert action.title == "Titre du premier" and action.summary != "Résumé du second, long à retaper."
    assert sorted(action.places.values_list("label", flat=True)) == ["Mairie", "Médiathèque"]
    assert f'name="version" value="{action.version}"' in body  # after reading, saving again is possible


def test_an_edit_without_concurrent_change_is_saved(client, amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=action, latitude=49.89, longitude=2.29)
    login(client, amiens_contributor)
    url = reverse("actions:edit", args=[action.pk])
    response = client.post(url, edit_payload(action, edition_2019, title="Nouveau", version=str(action.version)))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Nouveau" and action.version == 2
