"""Second-factor codes: a handful of wrong codes per account, then a wait; each code serves once."""

import time

import pytest
from django.core.cache import cache

from arobase.accounts.models import UsedTotpStep
from arobase.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, activate_totp, current_totp_code

LOGIN_URL = "/compte/login/"
MFA_URL = "/compte/2fa/authenticate/"
THROTTLED = "Trop de codes incorrects. Par sécurité, attendez quelques minutes avant de réessayer."
ALREADY_USED = "Ce code a déjà servi. Saisissez le code suivant affiché par votre application."


class Clock:
    """`time.time()` held still a few seconds into a 30-second TOTP step, moved on by the test."""

    def __init__(self):
        self.now = (int(time.time()) // 30) * 30 + 5.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(time, "time", clock)
    return clock


@pytest.fixture
def staff_with_totp(db):
    user = StaffFactory()
    return user, activate_totp(user)


def _wrong_code(secret: str) -> str:
    return "000000" if current_totp_code(secret) != "000000" else "111111"


def _password_step(client, user):
    response = client.post(LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert response.url == MFA_URL


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_five_wrong_codes_even_the_right_one_waits(client, clock, staff_with_totp):
    staff, secret = staff_with_totp
    _password_step(client, staff)
    for _attempt in range(5):
        response = client.post(MFA_URL, {"code": _wrong_code(secret)})
        assert "Code incorrect." in response.content.decode()
    response = client.post(MFA_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 200
    assert THROTTLED in response.content.decode()
    assert not _signed_in(client)

    clock.advance(4 * 60)
    response = client.post(MFA_URL, {"code": current_totp_code(secret)})
    assert THROTTLED in response.content.decode()
    assert not _signed_in(client)

    clock.advance(61)  # five minutes after the first wrong code
    response = client.post(MFA_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_limit_is_per_account_whatever_the_session(client_factory, clock, staff_with_totp):
    staff, secret = staff_with_totp
    for _attempt in range(5):
        attacker = client_factory()
        _password_step(attacker, staff)
        attacker.post(MFA_URL, {"code": _wrong_code(secret)})
    attacker = client_factory()
    _password_step(attacker, staff)
    response = attacker.post(MFA_URL, {"code": current_totp_code(secret)})
    assert THROTTLED in response.content.decode()
    assert not _signed_in(attacker)


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_a_code_serves_one_login_only_even_on_another_app_server(client_factory, clock, staff_with_totp):
    staff, secret = staff_with_totp
    code = current_totp_code(secret)
    first = client_factory()
    _password_step(first, staff)
    assert first.post(MFA_URL, {"code": code}).status_code == 302
    assert _signed_in(first)

    # Another app server with its own cache (the default local-memory cache is per process).
    cache.clear()
    clock.advance(10)  # still the same 30-second step: the code is still "valid"
    second = client_factory()
    _password_step(second, staff)
    response = second.post(MFA_URL, {"code": code})
    assert response.status_code == 200
    assert ALREADY_USED in response.content.decode()
    assert not _signed_in(second)

    clock.advance(30)  # the next code is accepted
    response = second.post(MFA_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert _signed_in(second)
    assert UsedTotpStep.objects.filter(user=staff).count() == 1


def test_an_older_code_is_refused_once_a_newer_one_was_used(clock, staff_with_totp):
    from arobase.accounts.one_time_codes import claim_totp_code

    staff, secret = staff_with_totp
    authenticator = staff.authenticator_set.get(type="totp")
    older = current_totp_code(secret)
    clock.advance(30)
    assert claim_totp_code(authenticator=authenticator, code=current_totp_code(secret))
    clock.advance(-30)
    assert not claim_totp_code(authenticator=authenticator, code=older)
    assert not claim_totp_code(authenticator=authenticator, code="12345")
