import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing strength is not under test here; PBKDF2 would make every login take a quarter of a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
