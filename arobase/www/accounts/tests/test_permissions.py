"""Every write × every role: the expected outcome, and the database unchanged whenever the write is refused."""

from types import SimpleNamespace

import pytest

from arobase.accounts.models import Affiliation, AffiliationStatus, User
from arobase.accounts.permissions import can_contribute_to, is_member_of
from arobase.accounts.tests.factories import AffiliationFactory, ReferentAffiliationFactory, UserFactory
from arobase.actions.permissions import can_create_action_for
from arobase.territories.models import Territory

LOGIN = "login"
OK = "ok"
REFUSED = "refused"  # allowed to try, but a rule of the label says no (page with a French message)
HAND_OVER = "hand over"  # a référent with members leaving: sent back to the confirmation page, nothing changes


@pytest.fixture
def world(accounts_commune_a, accounts_commune_b, staff, juror, plain_user):
    accounts_referent_a = ReferentAffiliationFactory(territory=accounts_commune_a)
    accounts_contributor_a = AffiliationFactory(territory=accounts_commune_a)
    accounts_referent_b = ReferentAffiliationFactory(territory=accounts_commune_b)
    contributor_b = AffiliationFactory(territory=accounts_commune_b)
    return SimpleNamespace(
        territories={"A": accounts_commune_a, "B": accounts_commune_b},
        pending={
            "A": AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING),
            "B": AffiliationFactory(territory=accounts_commune_b, status=AffiliationStatus.PENDING),
        },
        contributors={"A": accounts_contributor_a, "B": contributor_b},
        referents={"A": accounts_referent_a, "B": accounts_referent_b},
        actors={
            "anonymous": None,
            "plain": plain_user,
            "contributor_A": accounts_contributor_a.user,
            "referent_A": accounts_referent_a.user,
            "juror": juror,
            "staff": staff,
        },
        candidate_juror=UserFactory(),
    )


def snapshot():
    return (
        list(Affiliation.objects.order_by("pk").values_list()),
        list(Territory.objects.order_by("pk").values_list("pk", "kind", "code", "label_category")),
        list(User.objects.order_by("pk").values_list("pk", "is_juror", "is_staff")),
    )


def do_join(client, world, actor, target):
    territory = world.territories[target]
    return client.post(f"/compte/rejoindre/{territory.kind}/{territory.code}/", {"capacity": "agent", "message": ""})


def do_approve(client, world, actor, target):
    return client.post(f"/compte/demandes/{world.pending[target].pk}/accepter/")


def do_reject(client, world, actor, target):
    return client.post(f"/compte/demandes/{world.pending[target].pk}/refuser/", {"note": "Non."})


def do_leave(client, world, actor, target):
    own = Affiliation.objects.filter(user=actor, territory=world.territories[target]).first() if actor else None
    affiliation = own or world.contributors[target]
    return client.post(f"/compte/rattachements/{affiliation.pk}/quitter/")


def do_hand_over(client, world, actor, target):
    own = Affiliation.objects.filter(user=actor, territory=world.territories[target]).first() if actor else None
    affiliation = own or world.referents[target]
    return client.post(
        f"/compte/rattachements/{affiliation.pk}/transmettre/", {"affiliation": world.contributors[target].pk}
    )


def do_reassign(client, world, actor, target):
    territory = world.territories[target]
    return client.post(
        f"/compte/equipe/collectivites/{territory.pk}/membres/", {"affiliation": world.contributors[target].pk}
    )


def do_add_foreign(client, world, actor, target):
    return client.post(
        "/compte/equipe/collectivites-etrangeres/ajouter/",
        {"name": "Liège", "country": "BE", "label_category": "ville"},
    )


def do_set_juror(client, world, actor, target):
    return client.post(f"/compte/equipe/jury/{world.candidate_juror.pk}/", {"is_juror": "1"})


def do_add_juror_by_email(client, world, actor, target):
    return client.post("/compte/equipe/jury/", {"email": world.candidate_juror.email})


STAFF_ONLY = {
    "anonymous": LOGIN,
    "plain": 403,
    "contributor_A": 403,
    "referent_A": 403,
    "juror": 403,
    "staff": OK,
}

CASES = [
    # (write, actor, target collectivité, expected)
    (do_join, "anonymous", "B", LOGIN),
    (do_join, "plain", "B", OK),
    (do_join, "contributor_A", "B", OK),  # one may belong to several collectivités
    (do_join, "referent_A", "B", OK),
    (do_join, "referent_A", "A", REFUSED),  # already a member
    (do_join, "contributor_A", "A", REFUSED),
    (do_join, "juror", "B", 403),
    (do_join, "staff", "B", OK),
    (do_leave, "anonymous", "B", LOGIN),
    (do_leave, "plain", "B", 403),
    (do_leave, "contributor_A", "B", 403),
    (do_leave, "referent_A", "B", 403),
    (do_leave, "referent_A", "A", HAND_OVER),  # their own collectivité, but it has members: hand over first
    (do_hand_over, "referent_A", "A", OK),
    (do_hand_over, "contributor_A", "A", 404),  # not a référent: nothing to hand over
    (do_hand_over, "referent_A", "B", 403),  # someone else's attachment
    (do_hand_over, "anonymous", "A", LOGIN),
    (do_leave, "contributor_A", "A", OK),
    (do_leave, "juror", "B", 403),
    (do_leave, "staff", "B", 403),  # nobody ends someone else's attachment
    (do_reassign, "referent_A", "A", 403),
]
for write in (do_approve, do_reject):
    CASES += [
        (write, "anonymous", "B", LOGIN),
        (write, "plain", "B", 403),
        (write, "contributor_A", "B", 403),
        (write, "contributor_A", "A", 403),
        (write, "referent_A", "B", 403),
        (write, "referent_A", "A", OK),
        (write, "juror", "B", 403),
        (write, "staff", "B", OK),
    ]
for write in (do_reassign, do_add_foreign, do_set_juror, do_add_juror_by_email):
    CASES += [(write, actor, "B", expected) for actor, expected in STAFF_ONLY.items()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("write", "actor_name", "target", "expected"),
    CASES,
    ids=[f"{case[0].__name__[3:]}-{case[1]}-on-{case[2]}-{case[3]}" for case in CASES],
)
def test_write_permissions(client, world, write, actor_name, target, expected):
    actor = world.actors[actor_name]
    if actor is not None:
        client.force_login(actor)
    before = snapshot()
    response = write(client, world, actor, target)
    after = snapshot()
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith("/compte/login/?next=")
        assert after == before
    elif expected in (403, 404):
        assert response.status_code == expected
        assert after == before
    elif expected == HAND_OVER:
        assert response.status_code == 302 and response.url.endswith("/quitter/")
        assert after == before
    elif expected == REFUSED:
        assert response.status_code == 200
        assert "déjà une demande en cours ou un rattachement" in response.content.decode()
        assert after == before
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert after != before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/compte/equipe/",
        "/compte/equipe/demandes/",
        "/compte/equipe/jury/",
        "/compte/equipe/collectivites-etrangeres/ajouter/",
        "staff_members",
    ],
)
@pytest.mark.parametrize("actor_name", ["anonymous", "plain", "contributor_A", "referent_A", "juror", "staff"])
def test_staff_pages_are_reserved_to_staff(client, world, url, actor_name):
    if url == "staff_members":
        url = f"/compte/equipe/collectivites/{world.territories['A'].pk}/membres/"
    actor = world.actors[actor_name]
    if actor is not None:
        client.force_login(actor)
    response = client.get(url)
    if actor is None:
        assert response.status_code == 302 and response.url.startswith("/compte/login/")
    elif actor_name == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/compte/tableau-de-bord/", "/compte/rejoindre/", "/compte/rejoindre/commune/80021/"])
def test_personal_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/compte/login/?next=")


@pytest.mark.django_db
def test_decisions_on_missing_requests_are_404(client, staff):
    client.force_login(staff)
    assert client.post("/compte/demandes/999999/accepter/").status_code == 404
    assert client.post("/compte/rattachements/999999/quitter/").status_code == 404


@pytest.mark.django_db
def test_writes_refuse_get(client, world):
    client.force_login(world.actors["referent_A"])
    assert client.get(f"/compte/demandes/{world.pending['A'].pk}/accepter/").status_code == 405
    assert world.pending["A"].status == AffiliationStatus.PENDING


def test_an_approved_member_is_a_member_by_collectivite_or_by_id(
    accounts_contributor_a, accounts_commune_a, accounts_commune_b
):
    assert is_member_of(accounts_contributor_a, accounts_commune_a) and is_member_of(
        accounts_contributor_a, accounts_commune_a.pk
    )
    assert not is_member_of(accounts_contributor_a, accounts_commune_b) and not is_member_of(
        accounts_contributor_a, accounts_commune_b.pk
    )


def test_a_deactivated_account_is_a_member_of_nothing(accounts_contributor_a, accounts_commune_a):
    accounts_contributor_a.is_active = False
    accounts_contributor_a.save()
    assert Affiliation.objects.get(user=accounts_contributor_a).status == AffiliationStatus.APPROVED
    assert not is_member_of(accounts_contributor_a, accounts_commune_a)
    assert not can_contribute_to(accounts_contributor_a, accounts_commune_a)
    assert not can_create_action_for(accounts_contributor_a, accounts_commune_a)


def test_a_pending_request_is_not_a_membership(accounts_commune_a):
    pending = AffiliationFactory(territory=accounts_commune_a, status=AffiliationStatus.PENDING)
    assert not is_member_of(pending.user, accounts_commune_a)
