import io

import pytest
from PIL import Image


@pytest.fixture
def edition_2020(edition_2019):
    from arobase.referential.services import copy_edition

    return copy_edition(source=edition_2019, year=2020)


@pytest.fixture
def commune(db):
    from arobase.territories.factories import CommuneFactory, EpciFactory

    return CommuneFactory(name="Amiens", epci=EpciFactory(name="Amiens Métropole"))


@pytest.fixture
def other_commune(db):
    from arobase.territories.factories import CommuneFactory

    return CommuneFactory(name="Brest")


@pytest.fixture
def contributor(commune):
    from arobase.accounts.factories import AffiliationFactory

    return AffiliationFactory(territory=commune).user


@pytest.fixture
def referent(commune):
    from arobase.accounts.factories import ReferentAffiliationFactory

    return ReferentAffiliationFactory(territory=commune).user


@pytest.fixture
def other_contributor(other_commune):
    from arobase.accounts.factories import AffiliationFactory

    return AffiliationFactory(territory=other_commune).user


@pytest.fixture
def staff(db):
    from allauth.mfa.models import Authenticator

    from arobase.accounts.factories import StaffFactory

    user = StaffFactory()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def image_bytes(fmt: str = "JPEG", size=(64, 48), color=(200, 30, 30), **save_options) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


@pytest.fixture
def jpeg_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")

    return make


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
