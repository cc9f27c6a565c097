"""generate_demo: counts, determinism, consistency of what it writes, and a reset that only touches demo data."""

import math
from collections import Counter
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, User
from arobase.accounts.tests.factories import UserFactory
from arobase.actions import services as action_services
from arobase.actions.models import Action, ActionTerritory, Place
from arobase.atlaas.opendata import FILES, available_files
from arobase.demo.models import DemoRun
from arobase.demo.services import (
    DEMO_EMAIL_DOMAIN,
    DEMO_LOGIN_EMAILS,
    DEMO_PASSWORDS,
    DemoDataError,
    delete_demo_data,
    generate_demo,
    participants_for,
)
from arobase.demo.tests.factories import ACTIONS, PARIS, TODAY
from arobase.territories.models import LabelCategory, Territory, TerritoryKind


def _snapshot() -> list[tuple]:
    """What the dataset says, independent of primary keys."""
    rows = []
    for action in Action.objects.order_by("pk").prefetch_related("services", "places", "actors", "shared_with"):
        rows.append(
            (
                action.owner.code,
                action.title,
                action.summary,
                tuple(sorted(s.code for s in action.services.all())),
                action.status,
                action.is_published,
                action.last_activity_at,
                action.start_date,
                action.end_date,
                tuple(sorted(t.code for t in action.shared_with.all())),
                tuple((p.label, p.latitude, p.longitude) for p in action.places.all()),
                tuple((a.name, a.role) for a in action.actors.all()),
                action.created_by.email,
            )
        )
    return rows


def _distance_km(lat1, lon1, lat2, lon2) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_participants_scale_with_the_number_of_actions():
    assert participants_for(3_000) == 300
    assert 750 <= participants_for(30_000) <= 850
    assert participants_for(200) <= 200 // 3
    assert participants_for(1) == 1


def test_generates_the_requested_dataset(demo_territories, edition_2019):
    report = generate_demo(actions=ACTIONS, seed=7, today=TODAY)

    assert Action.objects.count() == report.actions == ACTIONS
    assert report.published + report.drafts + report.unpublished == ACTIONS
    participants = set(Action.objects.values_list("owner_id", flat=True))
    assert len(participants) == report.collectivites
    kinds = Counter(Territory.objects.filter(pk__in=participants).values_list("kind", flat=True))
    assert kinds[TerritoryKind.EPCI] >= 1 and kinds[TerritoryKind.COMMUNE] >= 20
    # Label categories follow the kind and the population.
    for territory in Territory.objects.filter(pk__in=participants):
        if territory.kind == TerritoryKind.EPCI:
            assert territory.label_category == LabelCategory.TERRITOIRE
        else:
            expected = LabelCategory.VILLAGE if territory.population < 3_500 else LabelCategory.VILLE
            assert territory.label_category == expected
    # One approved référent per participant, 0 to 3 contributors, all under the demo domain, none usable but
    # the documented logins.
    affiliations = Affiliation.objects.filter(status=AffiliationStatus.APPROVED)
    referents = Counter(affiliations.filter(role=AffiliationRole.REFERENT).values_list("territory_id", flat=True))
    assert set(referents) == participants and set(referents.values()) == {1}
    assert max(Counter(affiliations.values_list("territory_id", flat=True)).values()) <= 5
    users = User.objects.all()
    assert all(user.email.endswith("@" + DEMO_EMAIL_DOMAIN) for user in users)
    usable = {user.email for user in users if user.has_usable_password()}
    assert usable == set(DEMO_LOGIN_EMAILS.values())
    for role, email in DEMO_LOGIN_EMAILS.items():
        assert User.objects.get(email=email).check_password(DEMO_PASSWORDS[role])
    assert User.objects.get(email=DEMO_LOGIN_EMAILS["staff"]).is_staff
    # Every action is written by a member of its owner.
    members = set(affiliations.values_list("territory_id", "user_id"))
    assert all(pair in members for pair in Action.objects.values_list("owner_id", "created_by_id"))


def test_actions_are_consistent(demo_territories, edition_2019):
    generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    reference = datetime(2026, 6, 15, 8, 0, tzinfo=PARIS)

    statuses = Counter(Action.objects.values_list("status", flat=True))
    assert set(statuses) == {"planned", "ongoing", "done"}
    service_counts = Counter()
    for action in Action.objects.prefetch_related("services"):
        services = list(action.services.all())
        assert 1 <= len(services) <= 3
        assert all(service.edition_id == edition_2019.pk for service in services)
        service_counts[len(services)] += 1
        assert action.title and action.summary
        if action.start_date and action.end_date:
            assert action.end_date >= action.start_date
        assert action.created_at <= action.updated_at <= reference
        if action.is_published:
            assert action.created_at <= action.published_at <= action.last_activity_at <= reference
        elif action.unpublished_at is None:  # a draft: never public
            assert action.published_at is None and action.last_activity_at is None
    assert service_counts[1] > service_counts[2] > 0
    # Last activities spread over several years, so that eligibility differs from one label to the next.
    years = {d.year for d in Action.objects.published().values_list("last_activity_at", flat=True)}
    assert len(years) >= 4
    drafts = Action.objects.filter(is_published=False, unpublished_at=None)
    assert 0.04 * ACTIONS <= drafts.count() <= 0.2 * ACTIONS
    assert not drafts.filter(pk__in=Action.objects.published().values("pk")).exists()
    assert ActionTerritory.objects.exists()
    # Each action has one creation record in its history, with its services.
    assert Action.history.filter(history_type="+").count() == ACTIONS


def test_places_are_near_the_centre_of_their_collectivite(demo_territories, edition_2019):
    generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    communes = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.COMMUNE)}

    places = list(Place.objects.select_related("action__owner"))
    assert len(places) >= ACTIONS * 0.8
    for place in places:
        centre = communes[place.citycode]
        owner = place.action.owner
        assert centre.latitude is not None
        if owner.kind == TerritoryKind.COMMUNE and owner.latitude is not None:
            assert centre.pk == owner.pk
        elif owner.kind == TerritoryKind.COMMUNE:
            assert centre.epci_id == owner.epci_id or centre.departement_id == owner.departement_id
        else:
            assert centre.epci_id == owner.pk
        assert _distance_km(place.latitude, place.longitude, centre.latitude, centre.longitude) <= 5.5
        assert place.city == centre.name


def test_same_seed_gives_the_same_dataset(demo_territories, edition_2019):
    generate_demo(actions=ACTIONS, seed=42, today=TODAY)
    first = _snapshot()
    generate_demo(actions=ACTIONS, seed=42, today=TODAY, reset=True)
    assert _snapshot() == first
    generate_demo(actions=ACTIONS, seed=43, today=TODAY, reset=True)
    assert _snapshot() != first


def test_reset_removes_demo_data_only(demo_territories, edition_2019):
    real_commune = demo_territories[0]
    real_commune.label_category = LabelCategory.VILLE
    real_commune.save()
    real_user = UserFactory(email="maire@example.org")
    Affiliation.objects.create(
        user=real_user,
        territory=demo_territories[1],
        capacity="elu",
        role=AffiliationRole.CONTRIBUTOR,
        status=AffiliationStatus.APPROVED,
    )
    real_action = action_services.create_action(
        actor=real_user,
        owner=demo_territories[1],
        data=action_services.ActionData(title="Une vraie action", summary="Un vrai service."),
        services=["T1E1S01"],
        places=[action_services.PlaceData(label="Mairie", latitude=48.1, longitude=-1.6)],
        publish=True,
    )
    labels_before = dict(Territory.objects.values_list("pk", "label_category"))

    generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    assert DemoRun.objects.count() == 1
    counts = delete_demo_data()

    assert counts["actions"] == ACTIONS
    assert list(Action.objects.all()) == [real_action]
    assert real_action.places.count() == 1 and real_action.history.count() == 1
    assert list(User.objects.all()) == [real_user]
    assert Affiliation.objects.count() == 1
    assert Action.history.count() == 1
    assert dict(Territory.objects.values_list("pk", "label_category")) == labels_before
    assert not DemoRun.objects.exists()


def test_the_command_refuses_to_run_twice_without_reset(demo_territories, edition_2019):
    out = StringIO()
    call_command("generate_demo", actions=60, seed=1, today=TODAY, stdout=out)
    output = out.getvalue()
    assert "60 actions" in output
    for role in ("staff", "referent", "contributor"):
        assert DEMO_LOGIN_EMAILS[role] in output and DEMO_PASSWORDS[role] in output
    assert "TOTP" in output

    with pytest.raises(CommandError, match="--reset"):
        call_command("generate_demo", actions=60, seed=1, today=TODAY, stdout=StringIO())
    assert Action.objects.count() == 60

    call_command("generate_demo", actions=80, seed=1, today=TODAY, reset=True, stdout=StringIO())
    assert Action.objects.count() == 80


def test_refuses_in_production_and_without_referential(demo_territories, settings):
    with pytest.raises(DemoDataError, match="référentiel"):
        generate_demo(actions=10, today=TODAY)
    settings.PRODUCTION = True
    with pytest.raises(DemoDataError, match="production"):
        generate_demo(actions=10, today=TODAY)
    assert not Action.objects.exists() and not User.objects.exists()


def test_history_and_public_pages_work_on_demo_actions(demo_territories, edition_2019, client):
    generate_demo(actions=ACTIONS, seed=7, today=TODAY)
    referent = User.objects.get(email=DEMO_LOGIN_EMAILS["referent"])
    territory_id = referent.affiliations.get().territory_id
    action = Action.objects.filter(owner_id=territory_id).first()
    draft = Action.objects.filter(is_published=False, unpublished_at=None).first()

    assert client.get(draft.get_absolute_url()).status_code == 404
    published = Action.objects.published().first()
    assert client.get(published.get_absolute_url()).status_code == 200

    client.force_login(referent)
    response = client.get(reverse("actions:history", kwargs={"pk": action.pk}))
    assert response.status_code == 200
    assert "Création" in response.content.decode()


def test_load_initial_data_generates_the_demo_when_there_is_no_action(demo_territories, edition_2019, monkeypatch):
    monkeypatch.setenv("DEMO_DATA", "0")
    call_command("load_initial_data", stdout=StringIO())
    assert not Action.objects.exists()

    monkeypatch.setenv("DEMO_DATA", "1")
    monkeypatch.setenv("DEMO_ACTIONS", "50")
    call_command("load_initial_data", stdout=StringIO())
    assert Action.objects.count() == 50
    # The open-data page of a fresh install offers its files at once.
    assert {item["name"] for item in available_files()} == set(FILES)

    out = StringIO()
    call_command("load_initial_data", stdout=out)
    assert Action.objects.count() == 50
    assert "inutiles" in out.getvalue() and "déjà écrites" in out.getvalue()
