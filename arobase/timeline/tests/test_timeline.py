import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from arobase.accounts.tests.factories import AffiliationFactory, StaffFactory, UserFactory
from arobase.label.tests.factories import YEAR, add_result, make_campaign
from arobase.territories.tests.factories import CommuneFactory
from arobase.timeline import selectors, services
from arobase.timeline.errors import TimelineError, TimelinePermissionDenied
from arobase.timeline.models import Milestone, MilestoneStatus

pytestmark = pytest.mark.django_db


def _titles(entries):
    return [entry.title for entry in entries]


def test_every_milestone_and_figure_of_the_source_is_seeded_with_its_source():
    seeded = Milestone.objects.filter(territory=None, status=MilestoneStatus.PUBLISHED)
    assert seeded.count() == 73
    assert not seeded.filter(source_text="").exists()
    titles = set(seeded.values_list("title", flat=True))
    for title in (
        "Amazon",
        "Rapport Villani sur l'intelligence artificielle",
        "Arrivée de l'ADSL",
        "248 millions d'internautes dans le monde",
        "4 h 48 par jour passées sur Internet",
    ):
        assert title in titles
    assert seeded.get(title="Amazon").date == datetime.date(2000, 1, 1)
    assert seeded.get(title="Loi pour une République numérique").track == "lois"
    assert seeded.get(title="Constitution de l'association Villes Internet").track == "association"
    assert seeded.order_by("date").first().date.year == 1999


@pytest.fixture
def member():
    affiliation = AffiliationFactory()
    return affiliation.user, affiliation.territory


def _pin(actor, territory, **overrides):
    values = {
        "actor": actor,
        "territory": territory,
        "date": datetime.date(2008, 5, 17),
        "precision": "month",
        "title": "Premier espace public numérique",
        "source_text": "Délibération du conseil municipal",
    }
    return services.pin_milestone(**{**values, **overrides})


def test_a_member_pins_a_milestone_that_shows_only_once_published(member):
    user, territory = member
    milestone = _pin(user, territory)
    assert milestone.status == MilestoneStatus.PROPOSED and milestone.date == datetime.date(2008, 5, 1)
    assert "Premier espace public numérique" not in _titles(selectors.timeline_entries())
    services.moderate_milestone(actor=StaffFactory(), milestone=milestone, publish=True)
    entries = selectors.timeline_entries(territory_code=territory.code)
    assert _titles(entries) == ["Premier espace public numérique"]
    assert entries[0].date_label == "mai 2008"


def test_refusal_needs_a_reason_and_keeps_it(member):
    user, territory = member
    milestone = _pin(user, territory)
    staff = StaffFactory()
    with pytest.raises(TimelineError):
        services.moderate_milestone(actor=staff, milestone=milestone, publish=False, reason=" ")
    services.moderate_milestone(actor=staff, milestone=milestone, publish=False, reason="Hors sujet")
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.REFUSED and milestone.refusal_reason == "Hors sujet"
    assert "Premier espace public numérique" not in _titles(selectors.timeline_entries())


def test_only_members_pin_and_only_staff_moderate(member):
    user, territory = member
    with pytest.raises(TimelinePermissionDenied):
        _pin(UserFactory(), territory)
    other = AffiliationFactory().user
    with pytest.raises(TimelinePermissionDenied):
        _pin(other, territory)
    milestone = _pin(user, territory)
    with pytest.raises(TimelinePermissionDenied):
        services.moderate_milestone(actor=user, milestone=milestone, publish=True)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PROPOSED


def test_future_dates_and_images_without_alt_text_are_refused(member):
    user, territory = member
    with pytest.raises(TimelineError):
        _pin(user, territory, date=datetime.date.today() + datetime.timedelta(days=400))
    with pytest.raises(TimelineError) as error:
        _pin(user, territory, image=SimpleUploadedFile("a.png", b"x"), image_credit="Mairie")
    assert error.value.field == "image_alt"
    assert Milestone.objects.filter(territory=territory).count() == 0


def test_label_milestones_come_from_the_published_palmares_only(edition_2019):
    amiens = CommuneFactory(name="Amiens")
    add_result(amiens, 2015, 2)
    add_result(amiens, 2017, 3)
    secret = make_campaign(edition_2019, state="closed", published="future")
    add_result(amiens, YEAR, 4, campaign=secret)
    titles = _titles(selectors.timeline_entries(territory_code=amiens.code))
    assert titles == ["Amiens obtient son premier label (@@)", "Amiens passe à 3 @ (@@@)"]
    assert not any("4 @" in title for title in _titles(selectors.timeline_entries()))
    secret.ceremony_at = secret.published_at
    secret.save()
    assert "Amiens passe à 4 @ (@@@@)" in _titles(selectors.timeline_entries(track="collectivites"))


def test_the_national_page_summarises_label_milestones_by_palmares():
    for name in ("Amiens", "Brest"):
        territory = CommuneFactory(name=name)
        add_result(territory, 2015, 1)
        add_result(territory, 2016, 2)
    add_result(CommuneFactory(name="Lille"), 2016, 3)
    titles = _titles(selectors.timeline_entries(track="collectivites", labels_by_year=True))
    assert titles == [
        "Palmarès 2015 : 2 collectivités labellisées pour la première fois",
        "Palmarès 2016 : 1 collectivité labellisée pour la première fois, 2 collectivités gagnent une arobase",
    ]
