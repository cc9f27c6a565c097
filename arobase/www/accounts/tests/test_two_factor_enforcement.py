"""Every way in ends with the second factor for staff, superusers and jurors: attacks on the control."""

import re

import pytest
from allauth.account.authentication import get_authentication_records
from django.core import mail
from django.test import RequestFactory

from arobase.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    JurorFactory,
    StaffFactory,
    UserFactory,
    activate_totp,
    current_totp_code,
)
from arobase.actions.tests.factories import ActionFactory

LOGIN_URL = "/compte/login/"
MFA_URL = "/compte/2fa/authenticate/"
STAFF_PAGES = [
    "/compte/equipe/",
    "/compte/equipe/jury/",
    "/gestion/",
    "/gestion/accounts/user/",
    "/label/campagnes/",
    "/label/adhesions/",
    "/label/jury/",
]


def _login_with_password_alone(client, user) -> bool:
    """Django's own `login()` after checking the password: what any other way in would do."""
    return client.login(request=RequestFactory().post("/"), email=user.email, password=DEFAULT_PASSWORD)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff_with_totp(db):
    user = StaffFactory()
    return user, activate_totp(user)


@pytest.mark.django_db
def test_admin_login_page_hands_over_to_the_site_login(client):
    response = client.get("/gestion/login/?next=/gestion/accounts/user/")
    assert response.status_code == 302
    assert response.url == "/compte/login/?next=/gestion/accounts/user/"
    # Unauthenticated admin pages end there too.
    response = client.get("/gestion/", follow=True)
    assert response.redirect_chain[-1][0] == "/compte/login/?next=/gestion/"


def test_password_posted_to_the_admin_login_signs_nobody_in(client, staff_with_totp):
    staff, _ = staff_with_totp
    response = client.post("/gestion/login/?next=/gestion/", {"username": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    assert not _signed_in(client)
    for url in STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith((LOGIN_URL, "/gestion/login/")), url


@pytest.mark.parametrize(
    "make_user",
    [
        StaffFactory,
        JurorFactory,
        lambda: UserFactory(is_superuser=True),
        lambda: StaffFactory(is_superuser=True),
    ],
    ids=["staff", "juror", "superuser", "staff-superuser"],
)
def test_a_session_signed_in_with_the_password_alone_is_signed_out(client, db, make_user):
    """Any other way into `login()` (here Django's own `client.login`) records no second factor."""
    user = make_user()
    activate_totp(user)
    assert _login_with_password_alone(client, user)
    for url in [*STAFF_PAGES, "/compte/tableau-de-bord/", "/compte/2fa/recovery-codes/", "/compte/2fa/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{LOGIN_URL}?next={url}", url
        assert not _signed_in(client)
        assert _login_with_password_alone(client, user)


def test_a_password_only_session_cannot_unpublish_an_action(client, staff_with_totp):
    staff, _ = staff_with_totp
    action = ActionFactory(published=True)
    _login_with_password_alone(client, staff)
    response = client.post(f"/actions/{action.pk}/depublier/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
    action.refresh_from_db()
    assert action.is_published


def test_a_password_only_session_cannot_see_the_deliberation(client, staff_with_totp):
    staff, _ = staff_with_totp
    _login_with_password_alone(client, staff)
    response = client.get("/label/jury/2027/deliberation/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_site_login_with_the_code_records_it_and_opens_staff_pages_and_the_admin(client, staff_with_totp):
    staff, secret = staff_with_totp
    response = client.get("/gestion/login/?next=/gestion/")
    response = client.post(response.url, {"login": staff.email, "password": DEFAULT_PASSWORD})
    assert response.url == MFA_URL
    assert not _signed_in(client)
    response = client.post(MFA_URL, {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert response.url == "/gestion/"
    methods = [record["method"] for record in client.session["account_authentication_methods"]]
    assert methods == ["password", "mfa"]
    assert client.get("/gestion/").status_code == 200
    assert client.get("/compte/equipe/").status_code == 200


def test_a_signed_in_non_staff_person_gets_a_403_from_the_admin_not_a_loop(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/gestion/", follow=True)
    assert response.status_code == 403


def test_password_reset_does_not_sign_staff_in_without_the_code(client, staff_with_totp):
    staff, secret = staff_with_totp
    client.post("/compte/password/reset/", {"email": staff.email})
    link = re.search(r"https?://\S+(/compte/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    response = client.get(link)
    new_password = "Une toute nouvelle phrase 2026 !"
    response = client.post(response.url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert not _signed_in(client)
    assert client.get("/compte/equipe/").status_code == 302

    response = client.post(LOGIN_URL, {"login": staff.email, "password": new_password})
    assert response.url == MFA_URL
    assert not _signed_in(client)


def test_staff_without_totp_yet_is_sent_to_set_it_up_and_the_setup_counts_as_passing_it(client, db):
    staff = StaffFactory()
    response = client.post(LOGIN_URL, {"login": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.get("/compte/equipe/").url == "/compte/2fa/totp/activate/"
    client.get("/compte/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/compte/2fa/totp/activate/", {"code": current_totp_code(secret)})
    assert response.status_code == 302
    records = get_authentication_records(_request_with_session(client), staff)
    assert [record["method"] for record in records] == ["password", "mfa"]
    assert client.get("/compte/equipe/").status_code == 200


def _request_with_session(client):
    request = RequestFactory().get("/")
    request.session = client.session
    return request
