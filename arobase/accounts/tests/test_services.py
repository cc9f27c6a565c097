import pytest
from django.core import mail

from arobase.accounts import permissions, selectors, services
from arobase.accounts.errors import NotAllowed, RuleViolation
from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, Capacity
from arobase.accounts.tests.factories import AffiliationFactory, ReferentAffiliationFactory, UserFactory
from arobase.territories.models import Territory, TerritoryKind
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory

pytestmark = pytest.mark.django_db


def request(user, territory, **kwargs):
    kwargs.setdefault("capacity", Capacity.AGENT)
    return services.request_affiliation(user=user, territory=territory, **kwargs)


# --- request_affiliation ---------------------------------------------------------------------------------------


def test_first_request_on_a_collectivite_without_referent_is_a_referent_request_sent_to_staff(
    staff, accounts_commune_a
):
    user = UserFactory()
    affiliation = request(user, accounts_commune_a, message="Je suis la DGS.")
    assert affiliation.role == AffiliationRole.REFERENT
    assert affiliation.status == AffiliationStatus.PENDING
    assert affiliation.message == "Je suis la DGS."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert "Amiens" in mail.outbox[0].subject
    assert "demande à rejoindre Amiens" in mail.outbox[0].body
    assert "/compte/equipe/demandes/" in mail.outbox[0].body


def test_request_on_a_collectivite_with_referent_is_a_contributor_request_sent_to_the_referent(
    staff, accounts_commune_a, accounts_referent_a
):
    affiliation = request(UserFactory(), accounts_commune_a, capacity=Capacity.MEDIATEUR)
    assert affiliation.role == AffiliationRole.CONTRIBUTOR
    assert [message.to for message in mail.outbox] == [[accounts_referent_a.email]]
    assert "Médiateur ou médiatrice numérique" in mail.outbox[0].body


def test_juror_cannot_request(juror, accounts_commune_a):
    with pytest.raises(RuleViolation, match="membres du jury"):
        request(juror, accounts_commune_a)
    assert not Affiliation.objects.exists()


@pytest.mark.parametrize("factory", [DepartementFactory, RegionFactory])
def test_departements_and_regions_can_never_be_chosen(factory):
    with pytest.raises(RuleViolation, match="départements et les régions ne peuvent pas participer"):
        request(UserFactory(), factory())
    assert not Affiliation.objects.exists()


def test_obsolete_territory_cannot_be_chosen():
    with pytest.raises(RuleViolation, match="n'existe plus"):
        request(UserFactory(), CommuneFactory(is_obsolete=True, label_category="ville"))


def test_one_live_request_per_person_and_collectivite(accounts_commune_a):
    user = UserFactory()
    request(user, accounts_commune_a)
    with pytest.raises(RuleViolation, match="déjà une demande en cours"):
        request(user, accounts_commune_a)
    assert Affiliation.objects.count() == 1


def test_a_refused_or_ended_request_can_be_made_again(staff, accounts_commune_a):
    user = UserFactory()
    first = request(user, accounts_commune_a)
    services.reject_affiliation(actor=staff, affiliation=first)
    second = request(user, accounts_commune_a)
    services.leave_affiliation(actor=user, affiliation=second)
    assert request(user, accounts_commune_a).status == AffiliationStatus.PENDING
    assert Affiliation.objects.filter(user=user).count() == 3


def test_a_person_may_belong_to_several_collectivites(accounts_commune_a, accounts_commune_b):
    user = UserFactory()
    request(user, accounts_commune_a)
    request(user, accounts_commune_b)
    assert Affiliation.objects.filter(user=user).count() == 2


def test_unknown_capacity_is_refused(accounts_commune_a):
    with pytest.raises(RuleViolation):
        request(UserFactory(), accounts_commune_a, capacity="maire-adjoint")


def test_commune_without_category_requires_ville_or_village():
    commune = CommuneFactory(label_category="")
    with pytest.raises(RuleViolation, match="Ville ou comme Village"):
        request(UserFactory(), commune)
    with pytest.raises(RuleViolation):
        request(UserFactory(), commune, label_category="territoire")
    affiliation = request(UserFactory(), commune, label_category="village")
    assert affiliation.declared_label_category == "village"
    commune.refresh_from_db()
    assert commune.label_category == ""  # applied when the request is approved


def test_category_is_applied_on_approval_and_not_asked_again(staff):
    commune = CommuneFactory(label_category="")
    affiliation = request(UserFactory(), commune, label_category="village")
    services.approve_affiliation(actor=staff, affiliation=affiliation)
    commune.refresh_from_db()
    assert commune.label_category == "village"
    assert services.label_category_to_declare(commune) == ()
    later = request(UserFactory(), commune, label_category="ville")  # ignored: already declared
    assert later.declared_label_category == ""
    services.approve_affiliation(actor=staff, affiliation=later)
    commune.refresh_from_db()
    assert commune.label_category == "village"


def test_epci_is_automatically_a_territoire(staff):
    epci = EpciFactory(label_category="")
    assert services.label_category_to_declare(epci) == ()
    affiliation = request(UserFactory(), epci)
    assert affiliation.declared_label_category == "territoire"
    services.approve_affiliation(actor=staff, affiliation=affiliation)
    epci.refresh_from_db()
    assert epci.label_category == "territoire"


def test_too_long_message_is_refused(accounts_commune_a):
    with pytest.raises(RuleViolation, match="trop long"):
        request(UserFactory(), accounts_commune_a, message="x" * 2001)


# --- decisions -------------------------------------------------------------------------------------------------


def test_staff_confirm_a_referent_request_and_other_referent_requests_become_contributor_requests(
    staff, accounts_commune_a
):
    first, second = request(UserFactory(), accounts_commune_a), request(UserFactory(), accounts_commune_a)
    mail.outbox.clear()
    services.approve_affiliation(actor=staff, affiliation=first, note="Bienvenue")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.role, first.decided_by, first.decision_note) == (
        AffiliationStatus.APPROVED,
        AffiliationRole.REFERENT,
        staff,
        "Bienvenue",
    )
    assert first.decided_at is not None
    assert (second.status, second.role) == (AffiliationStatus.PENDING, AffiliationRole.CONTRIBUTOR)
    assert list(selectors.requests_awaiting_referent(first.user)) == [second]
    assert mail.outbox[0].to == [first.user.email]
    assert "vous êtes désormais le référent d'Amiens" in mail.outbox[0].body
    assert "Bienvenue" in mail.outbox[0].body


def test_only_staff_decide_a_referent_request(accounts_commune_a, accounts_referent_b):
    affiliation = request(UserFactory(), accounts_commune_a)
    for actor in (accounts_referent_b, UserFactory(), affiliation.user):
        with pytest.raises(NotAllowed):
            services.approve_affiliation(actor=actor, affiliation=affiliation)
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.PENDING


def test_referent_approves_and_rejects_requests_for_their_collectivite(accounts_commune_a, accounts_referent_a):
    one, two = request(UserFactory(), accounts_commune_a), request(UserFactory(), accounts_commune_a)
    mail.outbox.clear()
    services.approve_affiliation(actor=accounts_referent_a, affiliation=one)
    services.reject_affiliation(actor=accounts_referent_a, affiliation=two, note="Nous ne vous connaissons pas.")
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == AffiliationStatus.APPROVED and one.decided_by == accounts_referent_a
    assert two.status == AffiliationStatus.REJECTED and two.decision_note == "Nous ne vous connaissons pas."
    assert [message.to for message in mail.outbox] == [[one.user.email], [two.user.email]]
    assert "est acceptée" in mail.outbox[0].body
    assert "n'a pas été acceptée" in mail.outbox[1].body
    assert "Nous ne vous connaissons pas." in mail.outbox[1].body
    assert permissions.is_member_of(one.user, accounts_commune_a)
    assert permissions.can_contribute_to(one.user, accounts_commune_a)
    assert not permissions.can_manage_territory(one.user, accounts_commune_a)


def test_a_decided_request_cannot_be_decided_again(staff, accounts_commune_a):
    affiliation = request(UserFactory(), accounts_commune_a)
    services.reject_affiliation(actor=staff, affiliation=affiliation)
    with pytest.raises(RuleViolation, match="déjà été traitée"):
        services.approve_affiliation(actor=staff, affiliation=affiliation)


def test_a_referent_request_cannot_be_approved_when_a_referent_exists(staff, accounts_commune_a):
    affiliation = AffiliationFactory(
        territory=accounts_commune_a, role=AffiliationRole.REFERENT, status=AffiliationStatus.PENDING
    )
    ReferentAffiliationFactory(territory=accounts_commune_a)
    with pytest.raises(RuleViolation, match="déjà un référent"):
        services.approve_affiliation(actor=staff, affiliation=affiliation)


def test_requests_of_a_collectivite_whose_referent_left_go_to_staff(staff, accounts_commune_a, accounts_referent_a):
    pending = request(UserFactory(), accounts_commune_a)
    referent_affiliation = Affiliation.objects.get(user=accounts_referent_a)
    services.leave_affiliation(actor=accounts_referent_a, affiliation=referent_affiliation)
    assert list(selectors.requests_awaiting_staff()) == [pending]
    with pytest.raises(NotAllowed):
        services.approve_affiliation(actor=accounts_referent_a, affiliation=pending)
    services.approve_affiliation(actor=staff, affiliation=pending)


# --- leave, reassign ------------------------------------------------------------------------------------------


def test_referent_leaves_and_the_next_request_is_a_referent_request(accounts_commune_a, accounts_referent_a):
    affiliation = Affiliation.objects.get(user=accounts_referent_a)
    services.leave_affiliation(actor=accounts_referent_a, affiliation=affiliation)
    affiliation.refresh_from_db()
    assert affiliation.status == AffiliationStatus.LEFT and affiliation.ended_at is not None
    assert not selectors.has_referent(accounts_commune_a)
    assert request(UserFactory(), accounts_commune_a).role == AffiliationRole.REFERENT


def test_nobody_else_can_end_an_affiliation(staff, accounts_commune_a, accounts_referent_a, accounts_contributor_a):
    affiliation = Affiliation.objects.get(user=accounts_contributor_a)
    for actor in (staff, accounts_referent_a, UserFactory()):
        with pytest.raises(NotAllowed):
            services.leave_affiliation(actor=actor, affiliation=affiliation)
    services.leave_affiliation(actor=accounts_contributor_a, affiliation=affiliation)
    with pytest.raises(RuleViolation, match="déjà terminé"):
        services.leave_affiliation(actor=accounts_contributor_a, affiliation=affiliation)


def test_staff_reassign_the_referent_role(staff, accounts_commune_a, accounts_referent_a, accounts_contributor_a):
    target = Affiliation.objects.get(user=accounts_contributor_a)
    services.reassign_referent(actor=staff, affiliation=target)
    assert selectors.referent_of(accounts_commune_a).user == accounts_contributor_a
    assert Affiliation.objects.get(user=accounts_referent_a).role == AffiliationRole.CONTRIBUTOR
    assert mail.outbox[-1].to == [accounts_contributor_a.email]
    with pytest.raises(RuleViolation, match="déjà le référent"):
        services.reassign_referent(actor=staff, affiliation=target)


def test_reassign_needs_an_approved_member(staff, accounts_commune_a):
    pending = request(UserFactory(), accounts_commune_a)
    with pytest.raises(RuleViolation, match="membre accepté"):
        services.reassign_referent(actor=staff, affiliation=pending)


def test_reassign_to_a_member_of_a_collectivite_without_referent(staff, accounts_commune_a, accounts_contributor_a):
    services.reassign_referent(actor=staff, affiliation=Affiliation.objects.get(user=accounts_contributor_a))
    assert selectors.referent_of(accounts_commune_a).user == accounts_contributor_a


def test_only_staff_reassign(accounts_commune_a, accounts_referent_a, accounts_contributor_a):
    target = Affiliation.objects.get(user=accounts_contributor_a)
    with pytest.raises(NotAllowed):
        services.reassign_referent(actor=accounts_referent_a, affiliation=target)
    assert selectors.referent_of(accounts_commune_a).user == accounts_referent_a


# --- staff: foreign collectivités, jury ----------------------------------------------------------------------


def test_staff_add_foreign_collectivites_with_generated_codes(staff):
    first = services.create_foreign_territory(
        actor=staff, name="Liège", country="be", label_category="ville", population=195000
    )
    second = services.create_foreign_territory(actor=staff, name="Genève", country="CH", label_category="ville")
    assert (first.kind, first.code, first.country, first.population) == (TerritoryKind.FOREIGN, "X00001", "BE", 195000)
    assert second.code == "X00002" and second.population is None
    assert first.is_foreign
    # A foreign collectivité can be joined like any other.
    assert request(UserFactory(), first).role == AffiliationRole.REFERENT


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "", "country": "BE", "label_category": "ville"}, "nom"),
        ({"name": "Liège", "country": "Belgique", "label_category": "ville"}, "code ISO"),
        ({"name": "Liège", "country": "FR", "label_category": "ville"}, "française"),
        ({"name": "Liège", "country": "BE", "label_category": "metropole"}, "catégorie"),
        ({"name": "Liège", "country": "BE", "label_category": "ville", "population": -1}, "négative"),
    ],
)
def test_foreign_collectivite_rules(staff, fields, message):
    with pytest.raises(RuleViolation, match=message):
        services.create_foreign_territory(actor=staff, **fields)
    assert not Territory.objects.filter(kind=TerritoryKind.FOREIGN).exists()


def test_set_juror(staff):
    user = UserFactory()
    services.set_juror(actor=staff, user=user, is_juror=True)
    user.refresh_from_db()
    assert user.is_juror and user.requires_two_factor
    services.set_juror(actor=staff, user=user, is_juror=False)
    user.refresh_from_db()
    assert not user.is_juror


@pytest.mark.parametrize("status", [AffiliationStatus.APPROVED, AffiliationStatus.PENDING])
def test_a_member_or_applicant_cannot_become_a_juror(staff, status):
    affiliation = AffiliationFactory(status=status)
    with pytest.raises(RuleViolation, match="membre du jury ne peut appartenir"):
        services.set_juror(actor=staff, user=affiliation.user, is_juror=True)
    affiliation.user.refresh_from_db()
    assert not affiliation.user.is_juror


def test_a_former_member_can_become_a_juror(staff):
    affiliation = AffiliationFactory(status=AffiliationStatus.LEFT)
    services.set_juror(actor=staff, user=affiliation.user, is_juror=True)
    affiliation.user.refresh_from_db()
    assert affiliation.user.is_juror
