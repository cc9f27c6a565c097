import pytest
from django.core import mail
from django.test import Client

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, User
from arobase.accounts.tests.factories import AffiliationFactory, ReferentAffiliationFactory, UserFactory
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_client(client, plain_user):
    client.force_login(plain_user)
    return client


# --- joining ---------------------------------------------------------------------------------------------------


def test_join_search_works_without_javascript(user_client, accounts_commune_a):
    DepartementFactory(name="Somme Amiénoise")
    CommuneFactory(name="Amiens-Vieux", is_obsolete=True)
    response = user_client.get("/compte/rejoindre/", {"q": "amiens"})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_q">' in content
    assert 'href="/compte/rejoindre/commune/80021/"' in content
    assert "Rejoindre Amiens (80)" in content
    assert [territory.pk for territory in response.context["results"]] == [accounts_commune_a.pk]


def test_join_search_htmx_returns_only_the_results(user_client, accounts_commune_a):
    response = user_client.get("/compte/rejoindre/", {"q": "amiens"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert 'href="/compte/rejoindre/commune/80021/"' in content


def test_join_search_without_results(user_client):
    response = user_client.get("/compte/rejoindre/", {"q": "zzzz"})
    assert "Aucune collectivité ne correspond à « zzzz »" in response.content.decode()


def test_join_form_and_submit_for_a_collectivite_without_referent(user_client, plain_user, accounts_commune_a, staff):
    page = user_client.get("/compte/rejoindre/commune/80021/")
    content = page.content.decode()
    assert page.status_code == 200
    assert "pas encore de référent" in content
    assert 'name="capacity"' in content and 'name="message"' in content
    assert 'name="label_category"' not in content  # Amiens already declared "ville"
    assert "<legend>" in content  # radio buttons grouped with a legend

    response = user_client.post(
        "/compte/rejoindre/commune/80021/", {"capacity": "elu", "message": "Adjointe au numérique"}
    )
    assert response.status_code == 302 and response.url == "/compte/tableau-de-bord/"
    affiliation = Affiliation.objects.get(user=plain_user)
    assert (affiliation.role, affiliation.capacity, affiliation.status) == ("referent", "elu", "pending")
    assert mail.outbox[0].to == [staff.email]
    dashboard = user_client.get(response.url).content.decode()
    assert "Votre demande a été envoyée" in dashboard
    assert "Mes demandes en attente" in dashboard


def test_join_form_errors_are_french_and_linked(user_client, plain_user, accounts_commune_a):
    response = user_client.post("/compte/rejoindre/commune/80021/", {"capacity": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in content
    assert 'id="id_capacity_error"' in content
    assert 'aria-describedby="id_capacity_error"' in content
    assert not Affiliation.objects.exists()


def test_commune_without_category_asks_ville_or_village(user_client, plain_user):
    commune = CommuneFactory(label_category="")
    url = f"/compte/rejoindre/commune/{commune.code}/"
    content = user_client.get(url).content.decode()
    assert 'name="label_category"' in content
    assert 'value="ville"' in content and 'value="village"' in content and 'value="territoire"' not in content
    response = user_client.post(url, {"capacity": "agent"})
    assert response.status_code == 200
    assert not Affiliation.objects.exists()
    response = user_client.post(url, {"capacity": "agent", "label_category": "village"})
    assert response.status_code == 302
    assert Affiliation.objects.get().declared_label_category == "village"


def test_epci_is_not_asked_for_a_category(user_client):
    epci = EpciFactory(label_category="")
    url = f"/compte/rejoindre/epci/{epci.code}/"
    assert 'name="label_category"' not in user_client.get(url).content.decode()
    assert user_client.post(url, {"capacity": "agent"}).status_code == 302
    assert Affiliation.objects.get().declared_label_category == "territoire"


def test_departement_cannot_be_chosen(user_client):
    departement = DepartementFactory()
    url = f"/compte/rejoindre/departement/{departement.code}/"
    for response in (user_client.get(url), user_client.post(url, {"capacity": "agent"})):
        assert "Les départements et les régions ne peuvent pas participer au label" in response.content.decode()
        assert 'name="capacity"' not in response.content.decode()
    assert not Affiliation.objects.exists()


def test_obsolete_commune_cannot_be_chosen(user_client):
    commune = CommuneFactory(is_obsolete=True)
    response = user_client.post(f"/compte/rejoindre/commune/{commune.code}/", {"capacity": "agent"})
    assert "n&#x27;existe plus" in response.content.decode()
    assert not Affiliation.objects.exists()


def test_unknown_collectivite_is_404(user_client):
    assert user_client.get("/compte/rejoindre/commune/00000/").status_code == 404


def test_duplicate_request_gets_a_clear_message(user_client, plain_user, accounts_commune_a):
    user_client.post("/compte/rejoindre/commune/80021/", {"capacity": "agent"})
    response = user_client.post("/compte/rejoindre/commune/80021/", {"capacity": "elu"})
    assert "déjà une demande en cours" in response.content.decode()
    assert Affiliation.objects.count() == 1


def test_juror_is_told_they_cannot_join(client, juror, accounts_commune_a):
    client.force_login(juror)
    response = client.get("/compte/rejoindre/commune/80021/")
    assert response.status_code == 403
    assert "Les membres du jury ne peuvent appartenir à aucune collectivité." in response.content.decode()
    assert "membres du jury" in client.get("/compte/rejoindre/").content.decode()


def test_csrf_is_enforced_on_writes(plain_user, accounts_commune_a):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(plain_user)
    response = csrf_client.post("/compte/rejoindre/commune/80021/", {"capacity": "agent"})
    assert response.status_code == 403
    assert not Affiliation.objects.exists()


# --- dashboard -------------------------------------------------------------------------------------------------


def test_dashboard_of_a_referent(client, accounts_commune_a, accounts_referent_a):
    ReferentAffiliationFactory(user=accounts_referent_a, territory=CommuneFactory(name="Corbie"))
    AffiliationFactory(
        user=accounts_referent_a, territory=CommuneFactory(name="Doullens"), status=AffiliationStatus.PENDING
    )
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING, message="Bonjour !")
    client.force_login(accounts_referent_a)
    content = client.get("/compte/tableau-de-bord/").content.decode()
    assert "Mes collectivités" in content and "Amiens" in content and "Corbie" in content
    assert "Mes demandes en attente" in content and "Doullens" in content
    assert "Demandes à examiner" in content and "Bonjour !" in content
    assert f'action="/compte/demandes/{pending.pk}/accepter/"' in content
    assert f'action="/compte/demandes/{pending.pk}/refuser/"' in content
    assert "csrfmiddlewaretoken" in content
    assert 'href="/compte/2fa/"' in content
    assert 'href="/compte/rejoindre/"' in content
    assert "Pages de l&#x27;équipe" not in content


def test_dashboard_of_staff_links_to_staff_pages(client, staff, accounts_commune_a):
    AffiliationFactory(territory=accounts_commune_a, role=AffiliationRole.REFERENT, status=AffiliationStatus.PENDING)
    client.force_login(staff)
    content = client.get("/compte/tableau-de-bord/").content.decode()
    assert 'href="/compte/equipe/"' in content
    assert "1 demande à examiner" in content


def test_referent_approves_from_the_dashboard(client, accounts_commune_a, accounts_referent_a):
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    client.force_login(accounts_referent_a)
    response = client.post(f"/compte/demandes/{pending.pk}/accepter/", follow=True)
    assert response.redirect_chain[-1][0] == "/compte/tableau-de-bord/"
    assert "a rejoint Amiens" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == AffiliationStatus.APPROVED


def test_deciding_twice_shows_a_message(client, accounts_commune_a, accounts_referent_a):
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    client.force_login(accounts_referent_a)
    client.post(f"/compte/demandes/{pending.pk}/refuser/")
    response = client.post(f"/compte/demandes/{pending.pk}/accepter/", follow=True)
    assert "déjà été traitée" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == AffiliationStatus.REJECTED


def test_withdraw_a_pending_request(client, plain_user, accounts_commune_a):
    affiliation = AffiliationFactory(user=plain_user, territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    client.force_login(plain_user)
    response = client.post(f"/compte/rattachements/{affiliation.pk}/quitter/", follow=True)
    assert "Votre demande pour Amiens est retirée." in response.content.decode()
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.LEFT


def _dashboard_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        response = client.get("/compte/tableau-de-bord/")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("count", [1, 12])
def test_dashboard_queries_do_not_grow_with_affiliations(client, django_assert_max_num_queries, count):
    user = UserFactory(is_staff=True)
    from arobase.accounts.tests.factories import activate_totp

    activate_totp(user)
    for _index in range(count):
        territory = CommuneFactory()
        ReferentAffiliationFactory(user=user, territory=territory)
        AffiliationFactory(territory=territory, status=AffiliationStatus.PENDING)
        AffiliationFactory(user=user, status=AffiliationStatus.PENDING)
    client.force_login(user)
    # session + user + TOTP check (middleware) + own affiliations + requests to decide + staff count
    # + label panel (open campaigns, candidacies, last published results)
    response = _dashboard_queries(client, django_assert_max_num_queries, 12)
    assert len(response.context["dashboard"].memberships) == count
    assert len(response.context["dashboard"].to_decide) == count


# --- staff pages ----------------------------------------------------------------------------------------------


def test_staff_request_list_and_approval_returns_to_the_list(client, staff, accounts_commune_a):
    pending = AffiliationFactory(
        territory=accounts_commune_a, role=AffiliationRole.REFERENT, status=AffiliationStatus.PENDING, capacity="elu"
    )
    client.force_login(staff)
    content = client.get("/compte/equipe/demandes/").content.decode()
    assert "Demande de référent" in content and pending.user.email in content
    response = client.post(f"/compte/demandes/{pending.pk}/accepter/", {"next": "/compte/equipe/demandes/"})
    assert response.url == "/compte/equipe/demandes/"
    pending.refresh_from_db()
    assert pending.status == AffiliationStatus.APPROVED and pending.role == AffiliationRole.REFERENT


def test_next_parameter_cannot_redirect_elsewhere(client, staff, accounts_commune_a):
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    client.force_login(staff)
    response = client.post(f"/compte/demandes/{pending.pk}/refuser/", {"next": "https://evil.example/"})
    assert response.url == "/compte/tableau-de-bord/"


def test_staff_add_a_foreign_collectivite(client, staff):
    client.force_login(staff)
    assert client.get("/compte/equipe/collectivites-etrangeres/ajouter/").status_code == 200
    response = client.post(
        "/compte/equipe/collectivites-etrangeres/ajouter/",
        {"name": "Liège", "country": "be", "population": "195000", "label_category": "ville"},
        follow=True,
    )
    territory = Territory.objects.get(kind=TerritoryKind.FOREIGN)
    assert (territory.code, territory.country, territory.population) == ("X00001", "BE", 195000)
    assert "hors concours" in response.content.decode()


def test_staff_foreign_form_errors(client, staff):
    client.force_login(staff)
    response = client.post(
        "/compte/equipe/collectivites-etrangeres/ajouter/", {"name": "Lyon", "country": "FR", "label_category": "ville"}
    )
    assert "Une collectivité française se trouve déjà dans la liste officielle." in response.content.decode()
    response = client.post(
        "/compte/equipe/collectivites-etrangeres/ajouter/", {"name": "X", "country": "B1", "label_category": "ville"}
    )
    assert "Saisissez le code à deux lettres du pays" in response.content.decode()
    assert not Territory.objects.filter(kind=TerritoryKind.FOREIGN).exists()


def test_staff_jury_page(client, staff, accounts_commune_a, accounts_contributor_a):
    candidate = UserFactory()
    client.force_login(staff)
    response = client.post("/compte/equipe/jury/", {"email": candidate.email.upper()}, follow=True)
    assert f"{candidate} est membre du jury." in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.is_juror

    response = client.post("/compte/equipe/jury/", {"email": accounts_contributor_a.email})
    assert "un membre du jury ne peut appartenir à aucune collectivité" in response.content.decode()
    assert not User.objects.get(pk=accounts_contributor_a.pk).is_juror

    response = client.post("/compte/equipe/jury/", {"email": "inconnu@example.org"})
    assert "Aucun compte n&#x27;utilise cette adresse" in response.content.decode()

    response = client.post(f"/compte/equipe/jury/{candidate.pk}/", {"is_juror": "0"}, follow=True)
    assert "ne fait plus partie du jury" in response.content.decode()
    candidate.refresh_from_db()
    assert not candidate.is_juror


def test_staff_reassign_referent_page(client, staff, accounts_commune_a, accounts_referent_a, accounts_contributor_a):
    client.force_login(staff)
    url = f"/compte/equipe/collectivites/{accounts_commune_a.pk}/membres/"
    content = client.get(url).content.decode()
    assert accounts_contributor_a.email in content and accounts_referent_a.email in content
    target = Affiliation.objects.get(user=accounts_contributor_a)
    response = client.post(url, {"affiliation": target.pk}, follow=True)
    assert "est désormais référent d&#x27;Amiens" in response.content.decode()
    target.refresh_from_db()
    assert target.role == AffiliationRole.REFERENT


def test_staff_home_search_links_to_members(client, staff, accounts_commune_a):
    client.force_login(staff)
    content = client.get("/compte/equipe/", {"q": "amiens"}).content.decode()
    assert f'href="/compte/equipe/collectivites/{accounts_commune_a.pk}/membres/"' in content


def test_admin_refuses_juror_flag_for_a_member(client, accounts_commune_a, accounts_contributor_a):
    from arobase.accounts.tests.factories import activate_totp

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    activate_totp(admin_user)
    client.force_login(admin_user)
    assert client.get("/gestion/accounts/user/add/").status_code == 200
    url = f"/gestion/accounts/user/{accounts_contributor_a.pk}/change/"
    assert client.get(url).status_code == 200
    data = {
        "email": accounts_contributor_a.email,
        "first_name": "A",
        "last_name": "B",
        "is_active": "on",
        "is_juror": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "un membre du jury ne peut appartenir à aucune collectivité" in response.content.decode()
    accounts_contributor_a.refresh_from_db()
    assert not accounts_contributor_a.is_juror


def test_dashboard_lists_actions_about_to_drop_out_with_a_one_step_confirmation(client):
    from datetime import datetime

    from django.utils import timezone

    from arobase.actions.rules import next_label_year
    from arobase.actions.tests.factories import ActionFactory

    contributor = AffiliationFactory().user
    # Last updated in year N-2 for the label N being prepared: it counts for N, not for N+1.
    old_year = next_label_year(timezone.localdate()) - 2
    stamp = datetime(old_year, 6, 1, tzinfo=timezone.get_current_timezone())
    action = ActionFactory(
        owner=contributor.affiliations.get().territory,
        published=True,
        published_at=stamp,
        last_activity_at=stamp,
        title="Portail famille",
    )
    client.force_login(contributor)
    html = client.get("/compte/tableau-de-bord/").content.decode()
    assert "Actions sur le point de ne plus compter" in html
    assert "Portail famille" in html
    assert f"/actions/{action.pk}/confirmer/" in html

    client.post(f"/actions/{action.pk}/confirmer/")
    action.refresh_from_db()
    assert action.last_activity_at > stamp
    assert "Actions sur le point de ne plus compter" not in client.get("/compte/tableau-de-bord/").content.decode()
