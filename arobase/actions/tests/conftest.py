import pytest

from arobase.accounts.tests.factories import AffiliationFactory, ReferentAffiliationFactory
from arobase.actions.tests.factories import image_bytes
from arobase.referential.services import copy_edition
from arobase.territories.tests.factories import CommuneFactory, EpciFactory


@pytest.fixture
def edition_2020(edition_2019):

    return copy_edition(source=edition_2019, year=2020)


@pytest.fixture
def commune(db):

    return CommuneFactory(name="Amiens", epci=EpciFactory(name="Amiens Métropole"))


@pytest.fixture
def other_commune(db):

    return CommuneFactory(name="Brest")


@pytest.fixture
def contributor(commune):

    return AffiliationFactory(territory=commune).user


@pytest.fixture
def referent(commune):

    return ReferentAffiliationFactory(territory=commune).user


@pytest.fixture
def other_contributor(other_commune):

    return AffiliationFactory(territory=other_commune).user


@pytest.fixture
def jpeg_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")

    return make
