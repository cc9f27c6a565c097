"""The action form's input: required fields marked, map centre, big and huge images, phones, bidi controls."""

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from arobase.actions.models import Action, Actor
from arobase.actions.tests.factories import image_bytes, login, payload

pytestmark = pytest.mark.django_db


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header announces `width` × `height` pixels (a decompression bomb as Pillow sees it)."""
    data = bytearray(image_bytes("PNG", size=(2, 2)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def test_required_fields_are_marked_and_explained(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    body = client.get(reverse("actions:create")).content.decode()
    assert (
        "Les champs marqués d&#x27;un astérisque (*) sont obligatoires" in body
        or "Les champs marqués d'un astérisque (*) sont obligatoires" in body
    )
    assert '<label for="id_title">Titre\xa0: <span class="required-marker" aria-hidden="true">*</span></label>' in body
    assert 'name="title" maxlength="200" required aria-required="true" id="id_title"' in body
    assert '<label for="id_what_was_done">Ce qui a été fait\xa0:</label>' in body  # optional: no marker


def test_the_place_picker_opens_on_the_collectivite(client, amiens_contributor, amiens, edition_2019):
    amiens.latitude, amiens.longitude = 49.894, 2.2957
    amiens.save()
    login(client, amiens_contributor)
    body = client.get(reverse("actions:create")).content.decode()
    assert 'data-center-lat="49.894000" data-center-lon="2.295700"' in body


def test_a_50_mb_image_gets_one_clear_message(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    big = SimpleUploadedFile("grande.jpg", image_bytes() + b"\0" * (50 * 1024 * 1024), content_type="image/jpeg")
    response = client.post(
        reverse("actions:create"),
        payload(amiens, edition_2019, **{"images-0-alt_text": "Affiche", "images-0-upload": big}),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert body.count("la taille maximale est de") == 2  # in the summary and next to the field
    assert "Choisissez un fichier image" not in body
    assert "1 erreur" in body
    assert not Action.objects.exists()


def test_a_huge_image_is_too_large_not_invalid(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    bomb = SimpleUploadedFile("immense.png", png_claiming(30_000, 30_000), content_type="image/png")
    response = client.post(
        reverse("actions:create"),
        payload(amiens, edition_2019, **{"images-0-alt_text": "Carte", "images-0-upload": bomb}),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "est trop grande" in body and "pas une image valide" not in body
    assert not Action.objects.exists()


@pytest.mark.parametrize("phone", ["12345", "01 23 45", "+33 1 23", "appelez-nous"])
def test_invalid_phones_are_refused(client, amiens_contributor, amiens, edition_2019, phone):
    login(client, amiens_contributor)
    response = client.post(reverse("actions:create"), payload(amiens, edition_2019, **{"actors-0-phone": phone}))
    assert response.status_code == 400
    assert "numéro de téléphone n&#x27;est pas valide" in response.content.decode()
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01.23.45.67.89", "01 23 45 67 89"),
        ("+33 (0)6 12 34 56 78", "+33 6 12 34 56 78"),
        ("+32 2 123 45 67", "+3221234567"),
        ("", ""),
    ],
)
def test_valid_phones_are_kept_readable(client, amiens_contributor, amiens, edition_2019, typed, stored):
    login(client, amiens_contributor)
    response = client.post(reverse("actions:create"), payload(amiens, edition_2019, **{"actors-0-phone": typed}))
    assert response.status_code == 302
    assert Actor.objects.get().phone == stored


def test_bidi_controls_are_removed_from_text(client, amiens_contributor, amiens, edition_2019):
    login(client, amiens_contributor)
    data = payload(
        amiens,
        edition_2019,
        title="Atelier\u202e numérique\u2066",
        summary="\u202aRésumé\u202c ici",
        **{"actors-0-name": "Média\u2067thèque\u2069", "places-0-label": "Mai\u202drie"},
    )
    assert client.post(reverse("actions:create"), data).status_code == 302
    action = Action.objects.get()
    assert (action.title, action.summary) == ("Atelier numérique", "Résumé ici")
    assert action.actors.get().name == "Médiathèque" and action.places.get().label == "Mairie"
