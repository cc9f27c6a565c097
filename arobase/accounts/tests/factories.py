import time

import factory
from allauth.account.models import EmailAddress

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, Capacity, User
from arobase.territories.tests.factories import CommuneFactory

DEFAULT_PASSWORD = "Un mot de passe tres long 2026!"

# What the password rules say, in French (their rule tests and the signup and password pages assert them).
CNIL_RULE_MESSAGE = "au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux"
COMMON_MESSAGE = "Ce mot de passe est trop courant"
REPEATED_MESSAGE = "Votre mot de passe répète le même mot"
PERSONAL_MESSAGE = (
    "Votre mot de passe ne doit pas être construit à partir de votre nom ou de votre adresse électronique."
)
# The security audit's passwords: the first two are common, the others repeat one word.
AUDIT_PASSWORDS = ["Password1234!", "Azerty123456!", "aa aa aa aa aa aa aa", "mot mot mot mot mot mot mot"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Users are created with a verified primary address, as after the allauth confirmation."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True


class JurorFactory(UserFactory):
    is_juror = True


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    territory = factory.SubFactory(CommuneFactory)
    capacity = Capacity.AGENT
    role = AffiliationRole.CONTRIBUTOR
    status = AffiliationStatus.APPROVED


class ReferentAffiliationFactory(AffiliationFactory):
    role = AffiliationRole.REFERENT
    capacity = Capacity.ELU


def activate_totp(user: User) -> str:
    """Give the user a TOTP authenticator (as after scanning the QR code) and return its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for this secret (RFC 6238, computed independently)."""
    import base64
    import hashlib
    import hmac
    import struct
    import time

    counter = int(time.time()) // 30
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def record_second_factor(client, user: User) -> None:
    """Mark the client's session as having passed password and TOTP, as the real login does.

    The root conftest calls it after every `force_login` (a test shortcut standing for a complete sign-in);
    tests of the control itself sign in through the real pages or `client.login()`, which record nothing.
    """
    from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
    from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
    from allauth.account.internal.userkit import user_id_to_str
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return
    now = time.time()
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session.save()
