"""A person's own data: the JSON export (/compte/mes-donnees/) and the deletion of the account (/compte/supprimer/)."""

import json

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessLog
from django.core import mail

from arobase.accounts.errors import NotAllowed
from arobase.accounts.models import Affiliation, User
from arobase.accounts.tests.factories import (
    DEFAULT_PASSWORD,
    AffiliationFactory,
    ReferentAffiliationFactory,
    UserFactory,
    activate_totp,
    current_totp_code,
)
from arobase.actions import services as action_services
from arobase.actions.models import Action, Actor
from arobase.label import personal_data
from arobase.label.models import JuryMember

pytestmark = pytest.mark.django_db

MY_DATA = "/compte/mes-donnees/"
DOWNLOAD = "/compte/mes-donnees/telecharger/"
DELETE = "/compte/supprimer/"


@pytest.fixture
def action_by_contributor(accounts_contributor_a, accounts_commune_a, services):
    accounts_contributor_a.first_name, accounts_contributor_a.last_name = "Aline", "Durand"
    accounts_contributor_a.save()
    data = action_services.ActionData(title="Wifi public", summary="Un wifi gratuit dans les salles municipales.")
    action = action_services.create_action(
        actor=accounts_contributor_a,
        owner=accounts_commune_a,
        data=data,
        services=[next(iter(services.values()))],
        actors=[
            action_services.ActorData(
                name="Aline Durand",
                kind="person",
                email=accounts_contributor_a.email,
                phone="0102030405",
                role="Cheffe de projet",
            )
        ],
    )
    return action


def _export(client, user) -> dict:
    client.force_login(user)
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-villes-internet-')
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


# --- Export ----------------------------------------------------------------------------------------------------


def test_export_needs_a_signed_in_person(client):
    for url in (MY_DATA, DOWNLOAD, DELETE):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_page_explains_and_offers_the_download(client, plain_user):
    client.force_login(plain_user)
    content = client.get(MY_DATA).content.decode()
    assert "Mes données personnelles" in content and f'href="{DOWNLOAD}"' in content
    assert "jamais son secret" in content


def test_export_holds_everything_about_the_person_and_no_secret(
    client, action_by_contributor, accounts_contributor_a, accounts_referent_a, accounts_commune_a
):
    secret = activate_totp(accounts_contributor_a)
    AccessLog.objects.create(username=accounts_contributor_a.email, ip_address="192.0.2.7", user_agent="Firefox")
    AccessLog.objects.create(username=accounts_referent_a.email, ip_address="192.0.2.99", user_agent="Autre")

    data = _export(client, accounts_contributor_a)

    assert data["profile"]["email"] == accounts_contributor_a.email and data["profile"]["last_name"] == "Durand"
    assert [(a["territory__name"], a["status"]) for a in data["affiliations"]] == [("Amiens", "approved")]
    assert [a["title"] for a in data["actions_created"]] == ["Wifi public"]
    assert [(a["name"], a["email"], a["phone"]) for a in data["actor_records"]] == [
        ("Aline Durand", accounts_contributor_a.email, "01 02 03 04 05")
    ]
    assert data["two_factor"] == {"totp": True, "recovery_codes": False}
    # Axes records the login of the download itself too.
    assert "192.0.2.7" in [login["ip_address"] for login in data["logins"]]
    assert data["jury"] == {"seats": [], "conflicts_of_interest": [], "proposals": []}
    body = json.dumps(data)
    assert secret not in body and accounts_contributor_a.password not in body
    assert accounts_referent_a.email not in body and "192.0.2.99" not in body


# --- Deletion --------------------------------------------------------------------------------------------------


def _state():
    return (User.objects.count(), Affiliation.objects.count(), Actor.objects.filter(email__contains="@").count())


def test_deleting_the_account_keeps_the_actions_and_removes_the_name(
    client, action_by_contributor, accounts_contributor_a, accounts_referent_a, accounts_commune_a
):
    action = action_by_contributor
    action_services.update_action(
        actor=accounts_contributor_a,
        action=action,
        data=action_services.ActionData(title="Wifi public gratuit", summary=action.summary),
    )
    client.force_login(accounts_contributor_a)
    page = client.get(DELETE).content.decode()
    assert "Supprimer définitivement mon compte" in page and 'name="otp_code"' not in page

    response = client.post(DELETE, {"password": DEFAULT_PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session  # signed out
    assert not User.objects.filter(email=accounts_contributor_a.email).exists()
    action = Action.objects.get(pk=action.pk)
    assert action.owner == accounts_commune_a and action.title == "Wifi public gratuit" and action.created_by is None
    assert not action.history.filter(history_user_id=accounts_contributor_a.pk).exists()
    assert not action.history.filter(created_by_id=accounts_contributor_a.pk).exists()
    actor = action.actors.get()
    assert (actor.name, actor.email, actor.phone) == (personal_data.ANONYMOUS_ACTOR_NAME, "", "")
    assert not Actor.history.filter(email=accounts_contributor_a.email).exists()
    assert not Actor.history.filter(name="Aline Durand").exists()
    # The action's history, seen by the référent of the collectivité, no longer names the person.
    client.force_login(accounts_referent_a)
    history = client.get(f"/actions/{action.pk}/historique/").content.decode()
    assert "Durand" not in history and accounts_contributor_a.email not in history
    assert "Wifi public gratuit" in history


def test_wrong_or_empty_password_changes_nothing(client, action_by_contributor, accounts_contributor_a):
    client.force_login(accounts_contributor_a)
    before = _state()
    for password in ("pas le bon mot de passe", ""):
        response = client.post(DELETE, {"password": password})
        assert response.status_code == 400
        content = response.content.decode()
        assert "Mot de passe incorrect" in content or "Saisissez votre mot de passe" in content
    assert _state() == before and User.objects.filter(pk=accounts_contributor_a.pk).exists()


def test_second_factor_is_required_when_set_up(client, accounts_contributor_a):
    secret = activate_totp(accounts_contributor_a)
    client.force_login(accounts_contributor_a)
    assert 'name="otp_code"' in client.get(DELETE).content.decode()
    for code in ("", "000000", "abcdef"):
        response = client.post(DELETE, {"password": DEFAULT_PASSWORD, "otp_code": code})
        assert response.status_code == 400, code
    assert User.objects.filter(pk=accounts_contributor_a.pk).exists()
    assert Authenticator.objects.filter(user=accounts_contributor_a).exists()

    response = client.post(DELETE, {"password": DEFAULT_PASSWORD, "otp_code": current_totp_code(secret)})
    assert response.status_code == 302 and not User.objects.filter(pk=accounts_contributor_a.pk).exists()


def test_nobody_deletes_someone_else(client, accounts_contributor_a, accounts_referent_a):
    with pytest.raises(NotAllowed):
        personal_data.delete_account(actor=accounts_referent_a, user=accounts_contributor_a, password=DEFAULT_PASSWORD)
    with pytest.raises(NotAllowed):
        personal_data.export_personal_data(actor=accounts_referent_a, user=accounts_contributor_a)
    # Through the page, the form only ever concerns the signed-in person: the victim's password (the same as the
    # attacker's here) or an id in the query deletes the attacker at most, never the victim.
    accounts_contributor_a.set_password("Le mot de passe de la victime 2026")
    accounts_contributor_a.save()
    client.force_login(accounts_referent_a)
    response = client.post(
        f"{DELETE}?user={accounts_contributor_a.pk}",
        {"password": "Le mot de passe de la victime 2026", "user": accounts_contributor_a.pk},
    )
    assert response.status_code == 400
    assert (
        User.objects.filter(pk=accounts_contributor_a.pk).exists()
        and User.objects.filter(pk=accounts_referent_a.pk).exists()
    )


def test_sole_referent_with_members_must_hand_over_first(client, accounts_referent_a, accounts_contributor_a):
    client.force_login(accounts_referent_a)
    page = client.get(DELETE).content.decode()
    assert "seul référent de Amiens" in page and "Supprimer définitivement" not in page
    response = client.post(DELETE, {"password": DEFAULT_PASSWORD})
    assert response.status_code == 400 and "seul référent de Amiens" in response.content.decode()
    assert User.objects.filter(pk=accounts_referent_a.pk).exists()
    assert Affiliation.objects.filter(user=accounts_referent_a).exists()


def test_sole_referent_alone_leaves_and_staff_are_told(
    client, accounts_commune_b, staff, django_capture_on_commit_callbacks
):
    referent = ReferentAffiliationFactory(territory=accounts_commune_b).user
    client.force_login(referent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302 and not User.objects.filter(pk=referent.pk).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [staff.email]
    assert "Bourges" in mail.outbox[0].subject and "Bourges" in mail.outbox[0].body


def test_contributor_leaving_tells_nobody(client, accounts_contributor_a, staff, django_capture_on_commit_callbacks):
    client.force_login(accounts_contributor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(DELETE, {"password": DEFAULT_PASSWORD})
    assert not User.objects.filter(pk=accounts_contributor_a.pk).exists() and not mail.outbox


def test_juror_who_sat_on_a_jury_is_sent_to_staff(client, juror, edition_2019):
    from arobase.label.tests.factories import make_campaign

    JuryMember.objects.create(campaign=make_campaign(edition_2019, state="closed"), user=juror)
    client.force_login(juror)
    response = client.post(DELETE, {"password": DEFAULT_PASSWORD, "otp_code": "123456"})
    assert response.status_code == 400 and "siégé dans un jury" in response.content.decode()
    assert User.objects.filter(pk=juror.pk).exists()


def test_other_people_stay(client, accounts_contributor_a):
    other = UserFactory()
    AffiliationFactory(user=other, territory=accounts_contributor_a.affiliations.get().territory)
    client.force_login(accounts_contributor_a)
    client.post(DELETE, {"password": DEFAULT_PASSWORD})
    assert User.objects.filter(pk=other.pk).exists() and Affiliation.objects.filter(user=other).exists()


def test_guessing_the_password_is_locked_out_like_a_login(client, accounts_contributor_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client.force_login(accounts_contributor_a)
    for attempt in range(3):
        response = client.post(DELETE, {"password": f"essai {attempt}"})
        assert User.objects.filter(pk=accounts_contributor_a.pk).exists()
    response = client.post(DELETE, {"password": DEFAULT_PASSWORD})
    assert response.status_code in (400, 403, 429)
    assert User.objects.filter(pk=accounts_contributor_a.pk).exists()
