import pytest

from arobase.accounts.models import AffiliationStatus, Capacity
from arobase.accounts.tests.factories import AffiliationFactory, JurorFactory, StaffFactory, UserFactory, activate_totp
from arobase.forum import services
from arobase.forum.models import ThreadKind
from arobase.forum.tests.factories import EluAffiliationFactory, RoomFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def elu(db):
    return EluAffiliationFactory(user__first_name="Anne", user__last_name="Hidalgo-Test").user


@pytest.fixture
def other_elu(db):
    """An élu of another collectivité."""
    return EluAffiliationFactory(user__first_name="Jean", user__last_name="Dupré").user


@pytest.fixture
def agent(db):
    """A member of a collectivité who is not élu."""
    return AffiliationFactory(capacity=Capacity.AGENT).user


@pytest.fixture
def pending_elu(db):
    return EluAffiliationFactory(status=AffiliationStatus.PENDING).user


@pytest.fixture
def former_elu(db):
    return EluAffiliationFactory(status=AffiliationStatus.LEFT).user


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


@pytest.fixture
def room(db):
    return RoomFactory(name="Démocratie et services publics")


@pytest.fixture
def thread(elu, room):
    return services.start_thread(actor=elu, room=room, title="La fibre dans les villages", body="Où en êtes-vous ?")


@pytest.fixture
def call_for_ideas(elu, room):
    return services.start_thread(
        actor=elu, room=room, title="Idées pour la motion du congrès", body="Proposez", kind=ThreadKind.CALL_FOR_IDEAS
    )
