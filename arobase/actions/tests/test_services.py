"""Services: permissions for every role, moderation, confirmation, history."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from arobase.actions import services
from arobase.actions.errors import ActionError, ActionPermissionDenied
from arobase.actions.models import Action, ActionLink, GeocodingSource
from arobase.actions.services import ActionData, ActorData, LinkData, PlaceData
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory

pytestmark = pytest.mark.django_db

DATA = ActionData(title="Espace public numérique", summary="Des ateliers pour tous.", status="ongoing")


def snapshot(action):
    action.refresh_from_db()
    return (
        action.title,
        action.is_published,
        action.last_activity_at,
        action.history.count(),
        sorted(action.services.values_list("code", flat=True)),
        action.links.count(),
    )


def create(actor, owner, **kwargs):
    kwargs.setdefault("services", ["T1E1S01"])
    return services.create_action(actor=actor, owner=owner, data=DATA, **kwargs)


def test_contributor_creates_a_draft_in_their_commune(amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens, links=[LinkData(url="https://example.org", label="Site")])
    assert action.owner == amiens and action.edition == edition_2019 and action.created_by == amiens_contributor
    assert not action.is_published and action.last_activity_at is None and action.is_draft
    assert list(action.services.values_list("code", flat=True)) == ["T1E1S01"]
    record = action.history.get()
    assert record.history_type == "+" and record.history_user == amiens_contributor
    assert record.history_change_reason == "Création"


@pytest.mark.parametrize("who", ["amiens_referent", "staff"])
def test_referent_and_staff_create(who, request, amiens, edition_2019):
    user = request.getfixturevalue(who)
    assert create(user, amiens, publish=True).is_published


def test_cannot_create_in_another_commune(brest_contributor, amiens, edition_2019):
    with pytest.raises(ActionPermissionDenied):
        create(brest_contributor, amiens)
    assert not Action.objects.exists()


def test_pending_or_left_members_cannot_create(amiens, edition_2019):
    from arobase.accounts.tests.factories import AffiliationFactory

    for status in ("pending", "rejected", "left"):
        user = AffiliationFactory(territory=amiens, status=status).user
        with pytest.raises(PermissionDenied):
            create(user, amiens)
    assert not Action.objects.exists()


def test_anonymous_cannot_create(amiens, edition_2019):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        create(AnonymousUser(), amiens)


def test_publish_sets_last_activity(amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens)
    services.publish_action(actor=amiens_contributor, action=action)
    action.refresh_from_db()
    assert action.is_published and action.published_at and action.last_activity_at
    assert action.history.first().history_change_reason == "Publication"
    with pytest.raises(ActionError):
        services.publish_action(actor=amiens_contributor, action=action)


def test_updating_a_published_action_refreshes_its_activity(amiens_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True, last_activity_at=timezone.now() - timedelta(days=900))
    services.update_action(actor=amiens_contributor, action=action, data=DATA)
    action.refresh_from_db()
    assert timezone.now() - action.last_activity_at < timedelta(minutes=1)


def test_updating_a_draft_does_not_set_activity(amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens)
    services.update_action(actor=amiens_contributor, action=action, data=DATA, services=["T1E1S02"])
    action.refresh_from_db()
    assert action.last_activity_at is None


@pytest.mark.parametrize(
    "operation",
    [
        lambda user, action: services.update_action(actor=user, action=action, data=DATA),
        lambda user, action: services.publish_action(actor=user, action=action),
        lambda user, action: services.confirm_still_running(actor=user, action=action),
        lambda user, action: services.unpublish_action(actor=user, action=action, reason="Non"),
    ],
)
def test_contributor_of_commune_b_cannot_touch_commune_a(operation, brest_contributor, amiens, edition_2019):
    action = ActionFactory(owner=amiens, published=True)
    ActionLink.objects.create(action=action, url="https://example.org")
    ActorFactory(action=action)
    PlaceFactory(action=action)
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        operation(brest_contributor, action)
    assert snapshot(action) == before
    assert action.actors.count() == 1 and action.places.count() == 1


def test_shared_action_is_editable_by_the_owners_people_only(amiens_contributor, amiens, edition_2019):
    from arobase.accounts.tests.factories import AffiliationFactory

    epci = amiens.epci
    epci_member = AffiliationFactory(territory=epci).user
    action = create(amiens_contributor, amiens, shared_with=[epci], publish=True)
    assert list(action.shared_with.all()) == [epci]
    assert Action.objects.of_territory(epci).get() == action
    before = snapshot(action)
    with pytest.raises(PermissionDenied):
        services.update_action(actor=epci_member, action=action, data=DATA)
    assert snapshot(action) == before
    # The partner's own actions are theirs.
    assert create(epci_member, epci, shared_with=[amiens]).owner == epci
    # The owner's people edit it.
    services.update_action(actor=amiens_contributor, action=action, data=DATA)


def test_staff_may_edit_and_unpublish_with_a_reason(staff, amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens, publish=True)
    services.update_action(actor=staff, action=action, data=ActionData(title="Titre corrigé", summary="Résumé"))
    with pytest.raises(ActionError, match="motif"):
        services.unpublish_action(actor=staff, action=action, reason="   ")
    services.unpublish_action(actor=staff, action=action, reason="Contenu publicitaire.")
    action.refresh_from_db()
    assert not action.is_published and action.is_unpublished
    assert action.unpublished_by == staff and action.unpublished_reason == "Contenu publicitaire."
    assert not Action.objects.eligible_for(timezone.localdate().year + 1).exists()
    record = action.history.first()
    assert record.history_user == staff and "Contenu publicitaire" in record.history_change_reason


@pytest.mark.parametrize("who", ["amiens_contributor", "amiens_referent"])
def test_members_withdraw_their_action(who, request, amiens, edition_2019):
    user = request.getfixturevalue(who)
    action = ActionFactory(owner=amiens, published=True)
    services.unpublish_action(actor=user, action=action, reason="Service arrêté.")
    action.refresh_from_db()
    assert action.is_unpublished and action.unpublished_by == user


def test_only_drafts_are_deleted_by_their_members(amiens_contributor, brest_contributor, amiens, edition_2019):
    draft = ActionFactory(owner=amiens)
    published = ActionFactory(owner=amiens, published=True)
    with pytest.raises(PermissionDenied):
        services.delete_draft(actor=brest_contributor, action=draft)
    with pytest.raises(ActionError):
        services.delete_draft(actor=amiens_contributor, action=published)
    services.delete_draft(actor=amiens_contributor, action=draft)
    assert list(Action.objects.all()) == [published]


def test_authors_republish_after_unpublication(staff, amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens, publish=True)
    services.unpublish_action(actor=staff, action=action, reason="Lien cassé.")
    services.update_action(actor=amiens_contributor, action=action, links=[])
    action.refresh_from_db()
    assert action.is_unpublished  # editing does not republish
    services.republish_action(actor=amiens_contributor, action=action)
    action.refresh_from_db()
    assert action.is_published and action.unpublished_reason == "" and action.unpublished_at is None
    assert action.history.first().history_change_reason == "Nouvelle publication"


def test_confirm_still_running_bumps_activity_and_is_recorded(amiens_contributor, amiens, edition_2019):
    old = timezone.now() - timedelta(days=500)
    action = ActionFactory(owner=amiens, published=True, last_activity_at=old)
    services.confirm_still_running(actor=amiens_contributor, action=action)
    action.refresh_from_db()
    assert action.last_activity_at > old
    record = action.history.first()
    assert record.history_change_reason == "Confirmée toujours en cours"
    assert record.history_user == amiens_contributor


def test_confirm_refuses_drafts_and_planned(amiens_contributor, amiens, edition_2019):
    with pytest.raises(ActionError):
        services.confirm_still_running(actor=amiens_contributor, action=ActionFactory(owner=amiens))
    with pytest.raises(ActionError):
        services.confirm_still_running(
            actor=amiens_contributor, action=ActionFactory(owner=amiens, published=True, status="planned")
        )


def test_history_records_who_when_what(amiens_contributor, amiens_referent, amiens, edition_2019):
    from arobase.actions.selectors import action_history

    action = create(amiens_contributor, amiens)
    services.update_action(
        actor=amiens_referent,
        action=action,
        data=ActionData(title="Nouveau titre", summary=DATA.summary, status="done"),
        services=["T1E1S01", "T2E1S01"],
    )
    entries = action_history(action)
    latest = entries[0]
    assert latest.who == str(amiens_referent)
    changes = {change.label: (change.old, change.new) for change in latest.changes}
    assert changes["Titre"] == ("Espace public numérique", "Nouveau titre")
    assert changes["Statut"] == ("en cours", "réalisée")
    assert changes["Services du référentiel"] == ("T1E1S01", "T1E1S01, T2E1S01")
    assert entries[-1].what == "Création de l'action" or any(e.what == "Création de l'action" for e in entries)
    assert abs(latest.when - timezone.now()) < timedelta(minutes=1)


def test_children_are_synchronised(amiens_contributor, amiens, edition_2019):
    action = create(
        amiens_contributor,
        amiens,
        links=[LinkData(url="https://a.example.org"), LinkData(url="https://b.example.org")],
        actors=[
            ActorData(name="Médiathèque", is_elected=False),
            ActorData(name="Mme la maire", kind="person", is_elected=True),
        ],
        places=[PlaceData(label="Mairie", address="Place de l'Hôtel de Ville", city="Lille")],
    )
    place = action.places.get()
    assert place.geocoding_source == GeocodingSource.BAN and place.citycode == "59350"
    first, second = action.links.all()
    services.update_action(
        actor=amiens_contributor,
        action=action,
        links=[LinkData(url="https://b.example.org", label="B", id=second.pk), LinkData(url="https://c.example.org")],
        places=[PlaceData(label="Mairie", latitude=50.0, longitude=3.0, id=place.pk)],
    )
    assert list(action.links.values_list("url", "label")) == [
        ("https://b.example.org", "B"),
        ("https://c.example.org", ""),
    ]
    place.refresh_from_db()
    assert (place.latitude, place.geocoding_source) == (50.0, GeocodingSource.MANUAL)
    assert action.actors.count() == 2  # not given: unchanged
    assert ActionLink.history.filter(id=first.pk, history_type="-").get().history_user == amiens_contributor


def test_child_of_another_action_cannot_be_hijacked(amiens_contributor, amiens, edition_2019):
    mine = create(amiens_contributor, amiens)
    theirs = ActionFactory()
    link = ActionLink.objects.create(action=theirs, url="https://theirs.example.org")
    with pytest.raises(ActionError):
        services.update_action(actor=amiens_contributor, action=mine, links=[LinkData(url="https://x.org", id=link.pk)])
    link.refresh_from_db()
    assert link.url == "https://theirs.example.org"


def test_one_history_record_per_operation(amiens_contributor, amiens, edition_2019):
    action = create(amiens_contributor, amiens, shared_with=[amiens.epci], services=["T1E1S01", "T1E1S02"])
    assert action.history.count() == 1
    services.update_action(actor=amiens_contributor, action=action, services=["T1E1S03"], shared_with=[])
    assert action.history.count() == 2


def test_expiring_queryset(amiens, edition_2019):
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    old = ActionFactory(owner=amiens, published=True, last_activity_at=datetime(today.year - 1, 3, 1, tzinfo=tz))
    ActionFactory(owner=amiens, published=True, last_activity_at=datetime(today.year, 1, 2, tzinfo=tz))
    assert list(Action.objects.expiring(today=today)) == [old]
