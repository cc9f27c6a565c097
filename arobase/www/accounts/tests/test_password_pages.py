"""The signup and password-change pages refuse weak and guessable passwords with the rules' French messages."""

import pytest

from arobase.accounts.models import User
from arobase.accounts.tests.factories import (
    AUDIT_PASSWORDS,
    CNIL_RULE_MESSAGE,
    COMMON_MESSAGE,
    DEFAULT_PASSWORD,
    PERSONAL_MESSAGE,
    REPEATED_MESSAGE,
    UserFactory,
)


@pytest.mark.django_db
def test_signup_refuses_a_weak_password_with_the_french_message(client):
    response = client.post(
        "/compte/signup/",
        {
            "first_name": "Camille",
            "last_name": "Durand",
            "email": "camille@example.org",
            "password1": "Motdepasse1",
            "password2": "Motdepasse1",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert CNIL_RULE_MESSAGE in content
    assert 'aria-invalid="true"' in content
    assert not User.objects.filter(email="camille@example.org").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        *((password, COMMON_MESSAGE) for password in AUDIT_PASSWORDS[:2]),
        *((password, REPEATED_MESSAGE) for password in AUDIT_PASSWORDS[2:]),
    ],
)
@pytest.mark.django_db
def test_signup_refuses_the_audit_passwords_with_a_french_message(client, password, message):
    response = client.post(
        "/compte/signup/",
        {
            "first_name": "Claire",
            "last_name": "Dupont",
            "email": "claire@example.org",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not User.objects.filter(email="claire@example.org").exists()


@pytest.mark.django_db
def test_signup_refuses_a_password_built_from_the_names_typed_in_the_form(client):
    password = "Claire.Dupont2026!"
    response = client.post(
        "/compte/signup/",
        {
            "first_name": "Claire",
            "last_name": "Dupont",
            "email": "cd@example.org",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert PERSONAL_MESSAGE in response.content.decode()
    assert not User.objects.filter(email="cd@example.org").exists()


@pytest.mark.django_db
def test_signup_with_a_good_password_still_works(client):
    password = "Mairie-de-Picardie-2026!"
    response = client.post(
        "/compte/signup/",
        {
            "first_name": "Claire",
            "last_name": "Dupont",
            "email": "claire@example.org",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="claire@example.org").exists()


@pytest.mark.django_db
def test_password_change_refuses_the_persons_own_name(client):
    user = UserFactory(first_name="Camille", last_name="Martin", email="cmartin@example.org")
    client.force_login(user)
    response = client.post(
        "/compte/password/change/",
        {"oldpassword": DEFAULT_PASSWORD, "password1": "Camille-Martin-1990!", "password2": "Camille-Martin-1990!"},
    )
    assert response.status_code == 200
    assert PERSONAL_MESSAGE in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)
