"""Staff and jurors must use TOTP; the login flow asks for the code once an authenticator exists."""

import pytest
from allauth.mfa.models import Authenticator

from arobase.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    JurorFactory,
    StaffFactory,
    UserFactory,
    activate_totp,
    current_totp_code,
)

ACTIVATE_URL = "/compte/2fa/totp/activate/"
DASHBOARD_URL = "/compte/tableau-de-bord/"


def login(client, user):
    return client.post("/compte/login/", {"login": user.email, "password": DEFAULT_PASSWORD})


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [StaffFactory, JurorFactory])
def test_staff_and_jurors_without_totp_are_sent_to_the_activation_page(client, factory):
    user = factory()
    client.force_login(user)
    for url in (DASHBOARD_URL, "/compte/rejoindre/", "/compte/equipe/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == ACTIVATE_URL


@pytest.mark.django_db
def test_staff_without_totp_can_set_it_up_and_then_gets_through(client):
    user = StaffFactory()
    assert login(client, user).url == DASHBOARD_URL
    assert client.get(DASHBOARD_URL).url == ACTIVATE_URL

    # Just signed in: the activation page shows the QR code and the secret without asking for the password again.
    page = client.get(ACTIVATE_URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert "la double authentification est obligatoire" in content
    secret = client.session["mfa.totp.secret"]
    assert secret in content

    response = client.post(ACTIVATE_URL, {"code": "000000" if current_totp_code(secret) != "000000" else "111111"})
    assert response.status_code == 200
    assert "Code incorrect." in response.content.decode()
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    response = client.post(ACTIVATE_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(DASHBOARD_URL).status_code == 200


@pytest.mark.django_db
def test_staff_without_totp_can_log_out(client):
    user = StaffFactory()
    client.force_login(user)
    assert client.get("/compte/logout/").status_code == 200
    response = client.post("/compte/logout/")
    assert response.status_code == 302
    assert response.url != ACTIVATE_URL
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_with_totp_is_not_redirected(client):
    user = StaffFactory()
    activate_totp(user)
    client.force_login(user)
    assert client.get(DASHBOARD_URL).status_code == 200


@pytest.mark.django_db
def test_ordinary_user_is_never_redirected(client):
    user = UserFactory()
    client.force_login(user)
    for url in (DASHBOARD_URL, "/compte/rejoindre/", "/compte/2fa/"):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_login_asks_for_the_totp_code_and_accepts_a_real_one(client):
    user = UserFactory()
    secret = activate_totp(user)
    response = login(client, user)
    assert response.status_code == 302
    assert response.url == "/compte/2fa/authenticate/"
    # Password alone does not log in.
    assert "_auth_user_id" not in client.session
    assert client.get(DASHBOARD_URL).status_code == 302

    page = client.get("/compte/2fa/authenticate/")
    assert "Authentification à deux facteurs" in page.content.decode()
    response = client.post("/compte/2fa/authenticate/", {"code": "abcdef"})
    assert response.status_code == 200
    assert "Code incorrect." in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post("/compte/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert response.url == DASHBOARD_URL
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(DASHBOARD_URL).status_code == 200


@pytest.mark.django_db
def test_staff_login_with_totp_reaches_the_dashboard(client):
    user = StaffFactory()
    secret = activate_totp(user)
    assert login(client, user).url == "/compte/2fa/authenticate/"
    response = client.post("/compte/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert response.url == DASHBOARD_URL
    assert client.get(DASHBOARD_URL).status_code == 200


def test_independent_totp_computation_matches_rfc_6238_vector(monkeypatch):
    # RFC 6238 appendix B: secret "12345678901234567890", T = 59 s -> 94287082 (8 digits) -> 287082 (6 digits).
    import base64
    import time

    secret = base64.b32encode(b"12345678901234567890").decode()
    monkeypatch.setattr(time, "time", lambda: 59)
    assert current_totp_code(secret) == "287082"
