"""Factories of actions for tests and demo data.

`ActionFactory` files the action under the 2019 edition of the referential (loaded from data/referential/2019.json
on first use) and one of its services, chosen by sequence; pass `services=[...]` (objects) to choose.
It writes directly (no history record, no permission check): use `services.create_action` to test behaviour.

    action = ActionFactory(owner=commune, published=True)           # published today
    action = ActionFactory(published=True, last_activity_at=dt)    # published, last active at dt
    PlaceFactory(action=action); ActorFactory(action=action)
"""

from __future__ import annotations

import io
from datetime import date

import factory
from django.conf import settings
from django.utils import timezone
from PIL import Image

from arobase.actions.models import Action, ActionLink, ActionStatus, Actor, ActorKind, GeocodingSource, Place
from arobase.referential.models import ReferentialEdition, Service
from arobase.referential.services import load_referential
from arobase.territories.tests.factories import CommuneFactory

REFERENTIAL_2019 = settings.BASE_DIR / "data" / "referential" / "2019.json"


def referential_2019() -> ReferentialEdition:
    """The 2019 edition, loaded from the data file if it is not in the database yet."""
    edition = ReferentialEdition.objects.filter(year=2019).first()
    if edition is None:
        edition = load_referential(path=REFERENTIAL_2019)
    return edition


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    class Params:
        published = factory.Trait(
            is_published=True,
            published_at=factory.LazyFunction(timezone.now),
            last_activity_at=factory.SelfAttribute("published_at"),
        )

    title = factory.Sequence(lambda n: f"Action numérique n°{n}")
    summary = "Un service public numérique rendu aux habitants."
    what_was_done = "Ouverture d'un espace public numérique avec des ateliers hebdomadaires."
    results = "Deux cents personnes accompagnées la première année."
    benefits = "Moins de démarches abandonnées, plus d'autonomie."
    status = ActionStatus.ONGOING
    start_date = date(2018, 9, 1)
    owner = factory.SubFactory(CommuneFactory)
    edition = factory.LazyFunction(referential_2019)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            codes = list(
                Service.objects.filter(edition_id=self.edition_id).order_by("code").values_list("pk", flat=True)
            )
            extracted = [codes[(self.pk or 0) % len(codes)]] if codes else []
        self.services.set(extracted)

    @factory.post_generation
    def shared_with(self, create, extracted, **kwargs):
        if create and extracted:
            self.shared_with.set(extracted)


class ActionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLink

    action = factory.SubFactory(ActionFactory)
    url = factory.Sequence(lambda n: f"https://www.example.org/action-{n}")
    label = "Site de l'action"


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    action = factory.SubFactory(ActionFactory)
    kind = ActorKind.ORGANISATION
    name = factory.Sequence(lambda n: f"Association Numérique Pour Tous {n}")
    role = "Animation des ateliers"
    is_elected = False
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "01 02 03 04 05"
    contact_consent = False


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    action = factory.SubFactory(ActionFactory)
    label = "Médiathèque"
    address = "8 Boulevard du Port"
    postcode = "80000"
    city = "Amiens"
    citycode = "80021"
    latitude = 49.897443
    longitude = 2.290084
    geocoding_source = GeocodingSource.BAN


def image_bytes(fmt: str = "JPEG", size=(64, 48), color=(200, 30, 30), **save_options) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, color).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# Form data as the action form sends it (the page tests post it).
def management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def payload(owner, edition, **extra):
    data = {
        "owner": str(owner.pk),
        "title": "Atelier numérique en médiathèque",
        "summary": "Des ateliers hebdomadaires pour apprendre à faire ses démarches en ligne.",
        "what_was_done": "Recrutement d'un conseiller numérique.",
        "results": "",
        "benefits": "",
        "status": "ongoing",
        "start_date": "2024-09-01",
        "end_date": "",
        "services": [str(Service.objects.get(edition=edition, code="T1E1S01").pk)],
        "partner_codes": "",
        "intent": "publish",
        **management("links"),
        **management("actors"),
        **management("places"),
        **management("images"),
        "links-0-url": "https://www.example.org/ateliers",
        "links-0-label": "Programme",
        "actors-0-kind": "organisation",
        "actors-0-name": "Médiathèque municipale",
        "actors-0-role": "Accueil",
        "actors-0-email": "mediatheque@example.org",
        "actors-0-contact_consent": "",
        "places-0-label": "Médiathèque",
        "places-0-address": "8 Boulevard du Port",
        "places-0-postcode": "80000",
        "places-0-city": "Amiens",
        "places-0-latitude": "",
        "places-0-longitude": "",
        "places-0-citycode": "",
        "places-0-geocoding_source": "",
        "images-0-alt_text": "",
        "images-0-credit": "",
    }
    data.update(extra)
    return data


def edit_payload(action, edition, **extra):
    place = action.places.get()
    data = payload(
        action.owner,
        edition,
        intent="publish",
        **management("places", total=1, initial=1),
        **management("links", 0),
        **management("actors", 0),
        **management("images", 0),
    )
    data.update(
        {
            "places-0-id": str(place.pk),
            "places-0-action": str(action.pk),
            "places-0-label": place.label,
            "places-0-address": place.address,
            "places-0-postcode": place.postcode,
            "places-0-city": place.city,
            "places-0-latitude": str(place.latitude),
            "places-0-longitude": str(place.longitude),
            "places-0-geocoding_source": "manual",
        }
    )
    data.update(extra)
    return data
