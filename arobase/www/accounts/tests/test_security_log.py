"""The security log: who (account id), from where (client address), what and on which path; nothing more."""

import logging

import pytest

from arobase.accounts.security_log import masked_email
from arobase.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    StaffFactory,
    UserFactory,
    activate_totp,
    current_totp_code,
)

WRONG_PASSWORD = "Mauvais mot de passe 1!"
CLIENT = "203.0.113.10"


def security_events(caplog) -> list[dict]:
    return [record.security_fields for record in caplog.records if record.name == "arobase.security"]


def assert_no_secret_in_the_log(caplog, *secrets):
    text = "\n".join(record.getMessage() for record in caplog.records if record.name == "arobase.security")
    for secret in secrets:
        assert secret not in text


@pytest.fixture
def caplog(caplog):
    caplog.set_level(logging.INFO, logger="arobase.security")
    return caplog


@pytest.mark.django_db
def test_a_login_failure_is_logged_with_the_account_id_and_address_but_no_password_nor_email(client, caplog):
    user = UserFactory(email="camille.martin@mairie.example.org")
    client.post("/compte/login/", {"login": user.email, "password": WRONG_PASSWORD}, REMOTE_ADDR=CLIENT)
    [event] = security_events(caplog)
    assert event["event"] == "login_failed"
    assert event["user_id"] == user.pk
    assert event["ip"] == CLIENT
    assert event["path"] == "/compte/login/"
    assert event["account"] == "c***@mairie.example.org"
    assert_no_secret_in_the_log(caplog, WRONG_PASSWORD, user.email, "camille")


@pytest.mark.django_db
def test_a_login_failure_on_an_unknown_address_is_logged_masked(client, caplog):
    client.post("/compte/login/", {"login": "inconnu@example.org", "password": WRONG_PASSWORD}, REMOTE_ADDR=CLIENT)
    [event] = security_events(caplog)
    assert event["user_id"] == "-"
    assert event["account"] == "i***@example.org"


@pytest.mark.django_db
def test_a_lockout_is_logged(client, caplog):
    user = UserFactory()
    for _attempt in range(5):
        client.post("/compte/login/", {"login": user.email, "password": WRONG_PASSWORD}, REMOTE_ADDR=CLIENT)
    lockouts = [event for event in security_events(caplog) if event["event"] == "lockout"]
    assert len(lockouts) == 1
    assert lockouts[0]["user_id"] == user.pk
    assert lockouts[0]["ip"] == CLIENT


@pytest.mark.django_db
def test_a_wrong_second_factor_code_is_logged_without_the_code(client, caplog):
    user = StaffFactory()
    secret = activate_totp(user)
    client.post("/compte/login/", {"login": user.email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=CLIENT)
    wrong = "000000" if current_totp_code(secret) != "000000" else "111111"
    client.post("/compte/2fa/authenticate/", {"code": wrong}, REMOTE_ADDR=CLIENT)
    [event] = [event for event in security_events(caplog) if event["event"] == "second_factor_failed"]
    assert event["user_id"] == user.pk
    assert event["ip"] == CLIENT
    assert_no_secret_in_the_log(caplog, wrong, secret)


@pytest.mark.django_db
def test_a_refusal_is_logged_once_without_traceback(client, caplog):
    user = UserFactory()
    client.force_login(user)
    caplog.set_level(logging.WARNING, logger="django.request")
    response = client.get("/compte/equipe/", REMOTE_ADDR=CLIENT)
    assert response.status_code == 403

    [event] = security_events(caplog)
    assert event == {
        "event": "permission_denied",
        "user_id": user.pk,
        "ip": CLIENT,
        "path": "/compte/equipe/",
        "method": "GET",
    }
    for record in caplog.records:
        assert record.exc_info is None, record.getMessage()
        assert record.levelno < logging.ERROR


@pytest.mark.django_db
def test_the_django_request_logger_drops_the_traceback_of_a_403(client, caplog):
    """Through the logging configuration of settings.py (the filter on `django.request`)."""
    from django.conf import settings

    assert "no_403_traceback" in settings.LOGGING["loggers"]["django.request"]["filters"]
    handler_records = []

    class Keep(logging.Handler):
        def emit(self, record):
            handler_records.append(record)

    handler = Keep()
    logging.getLogger("django.request").addHandler(handler)
    try:
        client.force_login(UserFactory())
        client.get("/compte/equipe/")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    [record] = handler_records
    assert record.status_code == 403
    assert record.exc_info is None


@pytest.mark.django_db
def test_an_anonymous_csrf_refusal_is_logged_without_user(client, caplog):
    client_csrf = type(client)(enforce_csrf_checks=True)
    response = client_csrf.post("/compte/login/", {"login": "x@example.org", "password": "x"}, REMOTE_ADDR=CLIENT)
    assert response.status_code == 403
    event = security_events(caplog)[-1]
    assert event["event"] == "permission_denied"
    assert event["user_id"] == "-"
    assert event["path"] == "/compte/login/"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("camille.martin@example.org", "c***@example.org"),
        ("Camille@Example.org", "c***@example.org"),
        ("sans-arobase", "***"),
        ("", "-"),
        (None, "-"),
        ("@example.org", "***@example.org"),
    ],
)
def test_masked_email(value, masked):
    assert masked_email(value) == masked
