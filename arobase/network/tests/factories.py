import datetime

import factory
from django.utils import timezone

from arobase.network.models import Article, ArticleKind, Event, EventKind, Status
from arobase.territories.tests.factories import CommuneFactory


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article de fond {n}")
    kind = ArticleKind.FOND
    body = "Un **texte** sur le numérique."
    territory = factory.SubFactory(CommuneFactory)
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Rencontre régionale {n}")
    kind = EventKind.RENCONTRE_REGIONALE
    description = "Programme de la journée."
    territory = factory.SubFactory(CommuneFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=30)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    address = "8 Boulevard du Port 80000 Amiens"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
