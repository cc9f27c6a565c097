"""Factories of the notifications tests; people come from the user model itself (this app sits below accounts)."""

import factory
from django.contrib.auth import get_user_model

from arobase.notifications.models import Notification


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"destinataire{n}@example.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Lefebvre{n}")


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "moderation"
    title = factory.Sequence(lambda n: f"Votre article n° {n} est publié")
    url = "/compte/tableau-de-bord/"
