"""Actions fixtures that the page tests in arobase/www/actions/ need too (registered in the root conftest); the
communes are the root `amiens` and `brest`."""

import pytest

from arobase.accounts.tests.factories import AffiliationFactory, ReferentAffiliationFactory
from arobase.actions.tests.factories import image_bytes
from arobase.referential.services import copy_edition


@pytest.fixture
def edition_2020(edition_2019):

    return copy_edition(source=edition_2019, year=2020)


@pytest.fixture
def amiens_contributor(amiens):

    return AffiliationFactory(territory=amiens).user


@pytest.fixture
def amiens_referent(amiens):

    return ReferentAffiliationFactory(territory=amiens).user


@pytest.fixture
def brest_contributor(brest):

    return AffiliationFactory(territory=brest).user


@pytest.fixture
def jpeg_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="photo.jpg", **kwargs):
        return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")

    return make
