import factory

from arobase.accounts.factories import UserFactory
from arobase.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "moderation"
    title = factory.Sequence(lambda n: f"Votre article n° {n} est publié")
    url = "/compte/tableau-de-bord/"
