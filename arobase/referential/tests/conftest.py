import json
from pathlib import Path

import pytest
from django.conf import settings

from arobase.accounts.tests.factories import StaffFactory
from arobase.referential.services import load_referential

DATA_FILE = Path(settings.BASE_DIR) / "data" / "referential" / "2019.json"


@pytest.fixture
def data_2019() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def write_data(tmp_path):
    """Write a referential structure to a temporary file and return its path."""

    def write(data: dict, name: str = "edition.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def edition_2019(db):

    return load_referential(path=DATA_FILE)


@pytest.fixture
def staff_client(client, db):
    """A client logged in as a superuser with TOTP set up (required of staff)."""
    from allauth.mfa.models import Authenticator

    user = StaffFactory(is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client
