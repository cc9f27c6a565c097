from datetime import timedelta

import pytest
from django.utils import timezone

from arobase.accounts.factories import (
    AffiliationFactory,
    JurorFactory,
    ReferentAffiliationFactory,
    StaffFactory,
    UserFactory,
    activate_totp,
)
from arobase.actions.factories import ActionFactory, referential_2019
from arobase.label.models import Campaign, Membership, Result
from arobase.territories.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory

YEAR = timezone.now().year + 1  # actions published now are eligible for this label year


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def edition(db):
    return referential_2019()


def make_campaign(edition, *, year=YEAR, state="open", published=False, **overrides) -> Campaign:
    """A campaign whose dates put it in ``state`` now: "preparation", "open" or "closed"; ``published`` with
    a ceremony in the past ("past") or the future ("future")."""
    now = timezone.now()
    if state == "preparation":
        opens, deadline = now + timedelta(days=10), now + timedelta(days=60)
    elif state == "open":
        opens, deadline = now - timedelta(days=30), now + timedelta(days=30)
    else:
        opens, deadline = now - timedelta(days=90), now - timedelta(days=5)
    ceremony = deadline + timedelta(days=40)
    if published == "past":
        ceremony = now - timedelta(hours=1)
        deadline = min(deadline, ceremony - timedelta(days=30))
        opens = min(opens, deadline - timedelta(days=30))
    values = {
        "year": year,
        "opens_on": timezone.localdate(opens),
        "candidacy_deadline": deadline,
        "jury_meeting_on": timezone.localdate(deadline) + timedelta(days=5),
        "ceremony_at": ceremony,
        "edition": edition,
    }
    if published:
        values["published_at"] = now - timedelta(days=1)
        values["deliberated_at"] = now - timedelta(days=1)
    values.update(overrides)
    return Campaign.objects.create(**values)


@pytest.fixture
def campaign(edition):
    return make_campaign(edition)


@pytest.fixture
def region(db):
    return RegionFactory(code="32", name="Hauts-de-France")


@pytest.fixture
def somme(region):
    return DepartementFactory(code="80", name="Somme", region=region)


@pytest.fixture
def commune_a(somme):
    return CommuneFactory(
        name="Amiens", code="80021", population=133000, label_category="ville", departement=somme, region=somme.region
    )


@pytest.fixture
def commune_b(somme):
    return CommuneFactory(
        name="Abbeville", code="80001", population=23000, label_category="ville", departement=somme, region=somme.region
    )


@pytest.fixture
def epci(db):
    return EpciFactory(name="Amiens Métropole", code="248000531", population=180000, label_category="territoire")


@pytest.fixture
def referent_a(commune_a):
    return ReferentAffiliationFactory(territory=commune_a).user


@pytest.fixture
def contributor_a(commune_a):
    return AffiliationFactory(territory=commune_a).user


@pytest.fixture
def referent_b(commune_b):
    return ReferentAffiliationFactory(territory=commune_b).user


@pytest.fixture
def staff(db):
    user = StaffFactory()
    activate_totp(user)
    return user


@pytest.fixture
def juror(db):
    user = JurorFactory()
    activate_totp(user)
    return user


@pytest.fixture
def plain_user(db):
    return UserFactory()


def confirm_membership(territory, year=YEAR) -> Membership:
    return Membership.objects.create(territory=territory, year=year, level="simple", status="confirmed")


def eligible_action(territory, **kwargs):
    return ActionFactory(owner=territory, published=True, **kwargs)


@pytest.fixture
def member_a(commune_a, edition):
    confirm_membership(commune_a)
    eligible_action(commune_a)
    return commune_a


def add_result(
    territory, year, arobases, *, campaign=None, alert=False, mentions=(), published=True, category="ville"
) -> Result:
    return Result.objects.create(
        territory=territory,
        year=year,
        arobases=arobases,
        campaign=campaign,
        alert=alert,
        mentions=list(mentions),
        published=published,
        source="jury" if campaign else "import",
        category=category,
    )
