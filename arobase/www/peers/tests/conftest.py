import pytest

from arobase.peers.tests.conftest import world  # noqa: F401


@pytest.fixture
def member(world):  # noqa: F811
    from arobase.accounts.tests.factories import AffiliationFactory

    return AffiliationFactory(territory=world.village).user


@pytest.fixture
def outsider(world):  # noqa: F811
    from arobase.accounts.tests.factories import AffiliationFactory

    return AffiliationFactory(territory=world.same[0]).user


@pytest.fixture
def staff(db):
    from allauth.mfa.models import Authenticator

    from arobase.accounts.tests.factories import StaffFactory

    user = StaffFactory()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user
