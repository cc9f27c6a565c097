"""Signing up again with an address that has an account: an email says so, the page reveals nothing."""

import pytest
from django.core import mail

from arobase.accounts.models import User
from arobase.accounts.tests.factories import UserFactory

PASSWORD = "Mairie-de-Picardie-2026!"


def _sign_up(client, email):
    return client.post(
        "/compte/signup/",
        {"first_name": "Claire", "last_name": "Dupont", "email": email, "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )


def _visible_text(response) -> str:
    content = response.content.decode().replace("&#x27;", "'")
    return content[content.index("<main") :]


@pytest.mark.django_db
def test_the_existing_account_gets_an_email_saying_what_happened(client):
    UserFactory(email="deja@example.org")
    response = _sign_up(client, "deja@example.org")
    assert response.status_code == 200
    assert User.objects.filter(email="deja@example.org").count() == 1

    [message] = mail.outbox
    assert message.to == ["deja@example.org"]
    assert message.subject == "[Villes Internet] Vous avez déjà un compte"
    assert "avec l'adresse deja@example.org" in message.body
    assert "Cette adresse a déjà un compte : aucun nouveau compte n'a été créé." in message.body
    assert "/compte/password/reset/" in message.body
    assert "/compte/login/" in message.body
    assert "ignorez ce message" in message.body

    page = _visible_text(response)
    assert "Vérifiez votre adresse e-mail" in page
    assert "Si cette adresse a déjà un compte, le message vous l'indique" in page


@pytest.mark.django_db
def test_the_page_is_the_same_for_a_new_and_an_existing_address(client):
    UserFactory(email="deja@example.org")
    existing = _visible_text(_sign_up(client, "deja@example.org")).replace("deja@example.org", "ADDRESS")
    new = _visible_text(
        type(client)().post(
            "/compte/signup/",
            {
                "first_name": "Claire",
                "last_name": "Dupont",
                "email": "nouvelle@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            follow=True,
        )
    ).replace("nouvelle@example.org", "ADDRESS")
    assert existing == new
    assert User.objects.filter(email="nouvelle@example.org").exists()
    assert [message.to for message in mail.outbox] == [["deja@example.org"], ["nouvelle@example.org"]]
