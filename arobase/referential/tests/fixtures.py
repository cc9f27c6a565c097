"""Referential fixtures that the page and API tests in arobase/www/referential/ need too (registered in the root
conftest); the 2019 edition itself is the root `edition_2019`."""

import json

import pytest

from arobase.accounts.tests.factories import StaffFactory
from arobase.referential.tests.factories import DATA_FILE


@pytest.fixture
def data_2019() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def staff_client(client, db):
    """A client logged in as a superuser with TOTP set up (required of staff)."""
    from allauth.mfa.models import Authenticator

    user = StaffFactory(is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
