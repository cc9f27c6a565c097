"""Every allauth page renders inside our layout, in French; registration end to end; axes lockout."""

import re

import pytest
from django.core import mail

from arobase.accounts.models import User
from arobase.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory, activate_totp

SITE_MARKER = "Aller au contenu"  # skip link of base.html
ENGLISH_LEAKS = ["Sign In", "Sign Up", "Password", "Forgot", "Two-Factor", "Authenticator", "Menu:", "Email"]


def assert_site_page_in_french(response):
    assert response.status_code == 200
    content = response.content.decode()
    assert SITE_MARKER in content
    assert '<html lang="fr">' in content
    main = content.split('<main id="contenu"', 1)[1].split("</main>", 1)[0]
    for leak in ENGLISH_LEAKS:
        assert leak not in re.sub(r"<[^>]+>", " ", main), leak
    return content


def login(client, user, password=DEFAULT_PASSWORD):
    return client.post("/compte/login/", {"login": user.email, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/compte/login/", "Connexion"),
        ("/compte/signup/", "Créer un compte"),
        ("/compte/password/reset/", "Réinitialisation du mot de passe"),
        ("/compte/password/reset/done/", "Réinitialisation du mot de passe"),
        ("/compte/confirm-email/", "Vérifiez votre adresse e-mail"),
        ("/compte/confirm-email/cle-invalide/", "Confirmer l'adresse e-mail"),
        ("/compte/password/reset/key/1-set-password/", "Mauvais jeton"),
    ],
)
def test_anonymous_allauth_pages(client, url, expected):
    content = assert_site_page_in_french(client.get(url))
    assert expected in content.replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/compte/2fa/", "Authentification à deux facteurs"),
        ("/compte/2fa/totp/activate/", "Code de l'authentificateur"),
        ("/compte/password/change/", "Modifier le mot de passe"),
        ("/compte/email/", "Adresses e-mail"),
        ("/compte/logout/", "Se déconnecter"),
        ("/compte/reauthenticate/", "Confirmer l'accès"),
    ],
)
def test_signed_in_allauth_pages(client, url, expected):
    user = UserFactory()
    login(client, user)
    # MFA pages ask for the password again (allauth reauthentication).
    client.post("/compte/reauthenticate/", {"password": DEFAULT_PASSWORD})
    content = assert_site_page_in_french(client.get(url))
    assert expected in content.replace("&#x27;", "'")


@pytest.mark.django_db
def test_reauthentication_page_protects_mfa_settings_once_the_login_is_not_recent(client):
    user = UserFactory()
    login(client, user)
    # Right after the login that asked for it, the password is not asked again.
    assert client.get("/compte/2fa/totp/activate/").status_code == 200
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= 3600
    session.save()
    response = client.get("/compte/2fa/totp/activate/")
    assert response.url.startswith("/compte/reauthenticate/")
    content = assert_site_page_in_french(client.get(response.url))
    assert "Confirmer l'accès" in content.replace("&#x27;", "'")


@pytest.mark.django_db
def test_mfa_pages_when_totp_is_active(client):
    user = UserFactory()
    activate_totp(user)
    response = login(client, user)
    assert response.url == "/compte/2fa/authenticate/"
    assert "Authentification à deux facteurs" in assert_site_page_in_french(client.get("/compte/2fa/authenticate/"))


@pytest.mark.django_db
def test_form_errors_are_in_french_and_linked_to_the_field(client):
    user = UserFactory()
    response = login(client, user, password="mauvais mot de passe")
    content = assert_site_page_in_french(response)
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in content


@pytest.mark.django_db
def test_registration_end_to_end(client):
    response = client.post(
        "/compte/signup/",
        {
            "first_name": "Camille",
            "last_name": "Durand",
            "email": "camille.durand@example.org",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response.url == "/compte/confirm-email/"
    assert_site_page_in_french(client.get(response.url))
    user = User.objects.get(email="camille.durand@example.org")
    assert (user.first_name, user.last_name) == ("Camille", "Durand")
    # Not logged in before the address is verified.
    assert client.get("/compte/tableau-de-bord/").status_code == 302

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["camille.durand@example.org"]
    assert email.subject.startswith("[Villes Internet] ")
    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/[^/\s]+/)", email.body).group(1)

    confirm_page = client.get(link)
    content = assert_site_page_in_french(confirm_page)
    assert "camille.durand@example.org" in content
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == "/compte/tableau-de-bord/"
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == user
    assert user.emailaddress_set.get().verified


@pytest.mark.django_db
def test_lockout_after_five_failed_logins_even_with_the_right_password(client):
    user = UserFactory()
    for _attempt in range(4):
        response = login(client, user, password="Mauvais mot de passe 1!")
        assert "Compte temporairement bloqué" not in response.content.decode()
    login(client, user, password="Mauvais mot de passe 1!")  # the fifth failure locks
    response = login(client, user)  # the sixth attempt, with the right password
    content = response.content.decode()
    assert response.status_code in (403, 429)
    assert "Compte temporairement bloqué" in content
    assert "Après 5 tentatives de connexion infructueuses" in content
    assert "15 minutes" in content
    assert 'href="/compte/password/reset/"' in content
    assert SITE_MARKER in content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_failures_then_success_logs_in(client):
    user = UserFactory()
    for _attempt in range(4):
        login(client, user, password="Mauvais mot de passe 1!")
    response = login(client, user)
    assert response.status_code == 302
    assert response.url == "/compte/tableau-de-bord/"


@pytest.mark.django_db
def test_mfa_management_pages_with_totp_and_recovery_codes(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    from arobase.accounts.tests.factories import current_totp_code

    user = UserFactory()
    secret = activate_totp(user)
    RecoveryCodes.activate(user)
    login(client, user)
    client.post("/compte/2fa/authenticate/", {"code": current_totp_code(secret)})
    client.post("/compte/reauthenticate/", {"password": DEFAULT_PASSWORD})
    for url, expected in [
        ("/compte/2fa/", "Codes de récupération"),
        ("/compte/2fa/recovery-codes/", "Codes de récupération"),
        ("/compte/2fa/recovery-codes/generate/", "Codes de récupération"),
        ("/compte/2fa/totp/deactivate/", "Désactiver"),
        ("/compte/2fa/reauthenticate/", "Confirmer l'accès"),
    ]:
        content = assert_site_page_in_french(client.get(url))
        assert expected in content.replace("&#x27;", "'"), url
