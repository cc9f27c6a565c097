import factory
from allauth.account.models import EmailAddress

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, Capacity, User
from arobase.territories.factories import CommuneFactory

DEFAULT_PASSWORD = "Un mot de passe tres long 2026!"


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
