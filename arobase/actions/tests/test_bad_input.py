"""Bad input gets a clear French message and nothing is half-saved."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from arobase.actions import services
from arobase.actions.errors import ActionError
from arobase.actions.images import ImageRejected, reencode
from arobase.actions.models import Action, ActionImage, ActionLink, Place
from arobase.actions.services import ActionData, ImageData, LinkData, PlaceData
from arobase.actions.tests.factories import ActionFactory, image_bytes

pytestmark = pytest.mark.django_db

DATA = ActionData(title="Espace public numérique", summary="Des ateliers pour tous.")
PHP = b"<?php system($_GET['cmd']); ?>"


class HugeUpload:
    """A 50 MB upload that must be refused without being read."""

    name = "enorme.jpg"
    size = 50 * 1024 * 1024

    def read(self, *args):
        raise AssertionError("a 50 MB upload must not be read")

    seek = read
    chunks = read


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(os.path.join(d, f) for d, _, files in os.walk(root) for f in files) if os.path.exists(root) else []


def assert_nothing_saved(settings):
    assert not Action.objects.exists()
    assert not ActionLink.objects.exists() and not Place.objects.exists() and not ActionImage.objects.exists()
    assert not Action.history.exists() and not ActionLink.history.exists()
    assert media_files(settings) == []


def create(amiens_contributor, amiens, **kwargs):
    kwargs.setdefault("services", ["T1E1S01"])
    kwargs.setdefault("links", [LinkData(url="https://example.org")])
    return services.create_action(actor=amiens_contributor, owner=amiens, data=kwargs.pop("data", DATA), **kwargs)


def test_php_renamed_jpg_is_refused(amiens_contributor, amiens, edition_2019, settings, jpeg_upload):
    php = SimpleUploadedFile("photo.jpg", PHP, content_type="image/jpeg")
    with pytest.raises(ActionError, match="n'est pas une image valide") as error:
        create(
            amiens_contributor,
            amiens,
            images=[ImageData(alt_text="Une photo", file=jpeg_upload()), ImageData(alt_text="Pirate", file=php)],
        )
    assert error.value.field == "images" and error.value.index == 1
    assert_nothing_saved(settings)


def test_php_polyglot_after_jpeg_header_is_refused():
    with pytest.raises(ImageRejected):
        reencode(SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0" + PHP))


def test_50_mb_image_is_refused_without_reading_it(amiens_contributor, amiens, edition_2019, settings):
    with pytest.raises(ActionError, match="taille maximale est de 5") as error:
        create(amiens_contributor, amiens, images=[ImageData(alt_text="Très grande", file=HugeUpload())])
    assert "50,0" in str(error.value) or "50.0" in str(error.value)
    assert_nothing_saved(settings)


def test_image_failing_after_others_were_stored_leaves_no_file(
    amiens_contributor, amiens, edition_2019, settings, jpeg_upload, monkeypatch
):
    """A failure while writing (after an image file is stored) rolls back the rows and removes the file."""
    original = ActionImage.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ActionImage, "save", failing_save)
    with pytest.raises(RuntimeError):
        create(
            amiens_contributor,
            amiens,
            images=[ImageData(alt_text="Un", file=jpeg_upload()), ImageData(alt_text="Deux", file=jpeg_upload())],
        )
    assert_nothing_saved(settings)


def test_alt_text_is_mandatory(amiens_contributor, amiens, edition_2019, settings, jpeg_upload):
    with pytest.raises(ActionError, match="texte alternatif est obligatoire"):
        create(amiens_contributor, amiens, images=[ImageData(alt_text="  ", file=jpeg_upload())])
    assert_nothing_saved(settings)


def test_ban_unreachable(amiens_contributor, amiens, edition_2019, settings):
    settings.GEOCODER = "arobase.actions.geocoding.UnavailableGeocoder"
    with pytest.raises(ActionError, match="indisponible") as error:
        create(amiens_contributor, amiens, places=[PlaceData(address="8 Boulevard du Port", city="Amiens")])
    assert "latitude" in str(error.value)
    assert_nothing_saved(settings)
    # The fallback: coordinates typed by hand.
    action = create(
        amiens_contributor,
        amiens,
        places=[PlaceData(address="8 Boulevard du Port", city="Amiens", latitude=49.9, longitude=2.29)],
    )
    assert action.places.get().geocoding_source == "manual"


def test_unknown_address(amiens_contributor, amiens, edition_2019, settings):
    with pytest.raises(ActionError, match="introuvable dans la Base adresse nationale"):
        create(amiens_contributor, amiens, places=[PlaceData(address="12 rue qui n'existe pas", city="Nulle-Part")])
    assert_nothing_saved(settings)


def test_service_of_another_edition(amiens_contributor, amiens, edition_2019, edition_2020, settings):
    from arobase.referential.models import Service

    service_2020 = Service.objects.get(edition=edition_2020, code="T1E1S01")  # same code, another year
    with pytest.raises(ActionError, match="appartient au référentiel 2020, pas au référentiel 2019"):
        create(amiens_contributor, amiens, services=[service_2020], edition=edition_2019)
    assert_nothing_saved(settings)


def test_service_code_only_in_another_edition(amiens_contributor, amiens, edition_2019, edition_2020, settings):
    from arobase.referential.models import Enjeu, Service

    Service.objects.create(enjeu=Enjeu.objects.filter(edition=edition_2020).first(), code="T9Z9S99", label="Nouveau")
    with pytest.raises(ActionError, match="T9Z9S99 appartient au référentiel 2020"):
        create(amiens_contributor, amiens, services=["T9Z9S99"], edition=edition_2019)
    assert_nothing_saved(settings)


def test_unknown_service_and_no_service(amiens_contributor, amiens, edition_2019, settings):
    with pytest.raises(ActionError, match="Service inconnu dans le référentiel 2019 : XX"):
        create(amiens_contributor, amiens, services=["XX"])
    with pytest.raises(ActionError, match="au moins un service"):
        create(amiens_contributor, amiens, services=[])
    assert_nothing_saved(settings)


def test_end_before_start(amiens_contributor, amiens, edition_2019, settings):
    from datetime import date

    data = ActionData(title="A", summary="B", start_date=date(2020, 5, 1), end_date=date(2020, 4, 1))
    with pytest.raises(ActionError, match="date de fin doit être postérieure"):
        create(amiens_contributor, amiens, data=data)
    assert_nothing_saved(settings)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"data": ActionData(title=" ", summary="B")}, "titre"),
        ({"data": ActionData(title="A", summary="")}, "Résumez"),
        ({"data": ActionData(title="A", summary="B", status="cancelled")}, "Statut inconnu"),
        ({"links": [LinkData(url="javascript:alert(1)")]}, "adresse web valide"),
        ({"places": [PlaceData(latitude=120.0, longitude=2.0)]}, "coordonnées impossibles"),
        ({"places": [PlaceData(latitude=45.0)]}, "latitude et la longitude"),
    ],
)
def test_other_bad_input(kwargs, message, amiens_contributor, amiens, edition_2019, settings):
    with pytest.raises(ActionError, match=message):
        create(amiens_contributor, amiens, **kwargs)
    assert_nothing_saved(settings)


def test_failed_update_changes_nothing(amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    ActionLink.objects.create(action=action, url="https://old.example.org")
    before = (action.title, action.last_activity_at, action.history.count(), list(action.links.values_list("url")))
    with pytest.raises(ActionError):
        services.update_action(
            actor=amiens_contributor,
            action=action,
            data=ActionData(title="Nouveau", summary="R"),
            links=[],
            places=[PlaceData(address="adresse indisponible")],
        )
    action.refresh_from_db()
    assert (
        action.title,
        action.last_activity_at,
        action.history.count(),
        list(action.links.values_list("url")),
    ) == before


# --- Images: content checks and re-encoding ----------------------------------------------------------------


def test_image_is_reencoded_without_metadata_and_resized():
    exif = Image.Exif()
    exif[0x010F] = "Appareil secret"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS
    upload = SimpleUploadedFile("IMG_0001.JPG", image_bytes(size=(3000, 1500), exif=exif.tobytes()))
    result = reencode(upload)
    assert result.name == "image.jpg"
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 2000
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.parametrize(("fmt", "expected"), [("PNG", "PNG"), ("WEBP", "WEBP"), ("GIF", "PNG")])
def test_other_formats(fmt, expected):
    result = reencode(SimpleUploadedFile("x.bin", image_bytes(fmt=fmt)))
    with Image.open(io.BytesIO(result.read())) as image:
        assert image.format == expected


def test_refused_formats_and_truncated_images():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    with pytest.raises(ImageRejected):
        reencode(SimpleUploadedFile("x.jpg", buffer.getvalue()))
    with pytest.raises(ImageRejected):
        reencode(SimpleUploadedFile("x.jpg", image_bytes()[:200]))
    with pytest.raises(ImageRejected):
        reencode(SimpleUploadedFile("x.jpg", b""))


def test_stored_image_has_a_random_name(amiens_contributor, amiens, edition_2019, jpeg_upload):
    action = create(
        amiens_contributor,
        amiens,
        images=[ImageData(alt_text="Atelier", credit="Mairie", file=jpeg_upload(name="../../etc/passwd.jpg"))],
    )
    image = action.images.get()
    assert image.file.name.startswith("actions/") and "passwd" not in image.file.name
    assert image.file.name.endswith(".jpg") and image.width == 64
