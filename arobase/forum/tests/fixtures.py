"""Fixtures of the #elunum space (élus, rooms, threads), shared by its domain and page tests (registered in the root
conftest)."""

import pytest

from arobase.accounts.models import AffiliationStatus, Capacity
from arobase.accounts.tests.factories import AffiliationFactory
from arobase.forum import services
from arobase.forum.models import ThreadKind
from arobase.forum.tests.factories import EluAffiliationFactory, RoomFactory


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
