"""django-axes locks the pair (account, client address): attacks from one address, and from behind the proxy."""

import functools
import json
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings

from arobase.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory, activate_totp

WRONG = "Mauvais mot de passe 1!"
LOCKED = "Compte temporairement bloqué"
TOWN_HALL = "203.0.113.10"
PROXY = "10.0.0.2"


def login(client, email, password, **headers):
    return client.post("/compte/login/", {"login": email, "password": password}, **headers)


def fail_five_times(client, email, **headers):
    for _attempt in range(4):
        assert LOCKED not in login(client, email, WRONG, **headers).content.decode()
    login(client, email, WRONG, **headers)  # the fifth failure locks


@pytest.mark.django_db
def test_five_failures_lock_that_account_not_a_colleague_at_the_same_address(client):
    victim, colleague = UserFactory(), UserFactory()
    fail_five_times(client, victim.email, REMOTE_ADDR=TOWN_HALL)

    response = login(client, victim.email, DEFAULT_PASSWORD, REMOTE_ADDR=TOWN_HALL)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = login(client, colleague.email, DEFAULT_PASSWORD, REMOTE_ADDR=TOWN_HALL)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


@pytest.mark.django_db
def test_an_attacker_elsewhere_does_not_lock_the_account_owner_out(client):
    victim = UserFactory()
    fail_five_times(client, victim.email, REMOTE_ADDR="198.51.100.66")
    response = login(client, victim.email, DEFAULT_PASSWORD, REMOTE_ADDR=TOWN_HALL)
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_account_is_recorded_lowercased_and_case_changes_do_not_escape_the_lock(client):
    victim = UserFactory(email="elu@mairie.example.org")
    spellings = ["elu@mairie.example.org", "Elu@Mairie.example.org", "ELU@MAIRIE.EXAMPLE.ORG", "eLu@mairie.example.org"]
    for email in [*spellings, "elu@mairie.example.org"]:
        login(client, email, WRONG, REMOTE_ADDR=TOWN_HALL)
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "elu@mairie.example.org"
    assert attempt.ip_address == TOWN_HALL
    assert attempt.failures_since_start == 5
    assert LOCKED in login(client, victim.email.upper(), DEFAULT_PASSWORD, REMOTE_ADDR=TOWN_HALL).content.decode()


@functools.cache
def _settings_for(proxy_count: int) -> dict:
    """The AXES_IPWARE_* settings the settings module derives from the AXES_PROXY_COUNT environment variable."""
    names = ["AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_ORDER", "IPWARE_STRICT"]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env={"DJANGO_SETTINGS_MODULE": "arobase.settings", "AXES_PROXY_COUNT": str(proxy_count), "PATH": ""},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = json.loads(output)
    values["AXES_IPWARE_META_PRECEDENCE_ORDER"] = tuple(values["AXES_IPWARE_META_PRECEDENCE_ORDER"])
    return values


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in _settings_for(1).items():
        setattr(settings, name, value)


@pytest.mark.django_db
def test_behind_the_proxy_two_clients_are_told_apart(client, behind_one_proxy):
    victim = UserFactory()
    fail_five_times(client, victim.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"

    response = login(client, victim.email, DEFAULT_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=TOWN_HALL)
    assert response.status_code == 302


@pytest.mark.django_db
def test_behind_the_proxy_a_forged_forwarded_for_does_not_escape_the_lock(client, behind_one_proxy):
    """The proxy appends the real address; whatever the client wrote before it is ignored."""
    victim = UserFactory()
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        login(client, victim.email, WRONG, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{forged}, 198.51.100.66")
    response = login(
        client, victim.email, DEFAULT_PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.66"
    )
    assert LOCKED in response.content.decode()


def test_without_proxy_the_forwarded_for_header_is_ignored():
    assert _settings_for(0)["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("REMOTE_ADDR",)


@pytest.mark.django_db
def test_staff_unlock_a_locked_pair_from_the_admin(client):
    victim = UserFactory()
    fail_five_times(client, victim.email, REMOTE_ADDR=TOWN_HALL)
    attempt = AccessAttempt.objects.get()

    staff = StaffFactory(is_superuser=True)
    activate_totp(staff)
    admin_client = type(client)()
    admin_client.force_login(staff)
    listing = admin_client.get("/gestion/axes/accessattempt/?locked_out=yes")
    assert listing.status_code == 200
    assert victim.email in listing.content.decode()
    response = admin_client.post(
        "/gestion/axes/accessattempt/", {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True
    )
    assert "1 connexion débloquée." in response.content.decode()
    assert not AccessAttempt.objects.exists()

    assert login(client, victim.email, DEFAULT_PASSWORD, REMOTE_ADDR=TOWN_HALL).status_code == 302
