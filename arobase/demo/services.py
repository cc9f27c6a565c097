"""Generation of the demo dataset (`manage.py generate_demo`): participating collectivités, their people and their
actions, realistic and deterministic.

Determinism: the same seed, reference date and territory data give the same dataset. Inputs are read sorted, all
randomness comes from `random.Random` instances seeded from the seed (one for the set-up, one per action), and
every date derives from the reference date, never from the clock (only password hashes and the `DemoRun` marker's
own timestamp differ between two runs).

Speed: everything is written with `bulk_create` in batches, in one transaction, without model signals; the history
of each action gets its creation record (with its services and partner collectivités) written in bulk too, so the
history pages work. 30,000 actions take about a minute on SQLite or PostgreSQL (see docs/performance.md).

What is demo data, for `delete_demo_data`: users whose e-mail address is under `DEMO_EMAIL_DOMAIN`, the actions
they created (with their children and history), and the label categories recorded in `DemoRun`. Nothing else is
ever deleted or changed.
"""

from __future__ import annotations

import contextlib
import math
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Subquery
from django.utils.text import slugify

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus, Capacity, User
from arobase.actions.models import (
    ACTION_HISTORY,
    Action,
    ActionImage,
    ActionLink,
    ActionStatus,
    ActionTerritory,
    Actor,
    ActorKind,
    GeocodingSource,
    Place,
)
from arobase.actions.selectors import current_edition
from arobase.atlaas.services import bump_actions_version, index_suspended, reindex_everything
from arobase.demo import corpus as texts
from arobase.demo.label import create_demo_label, delete_demo_label
from arobase.demo.logins import DEMO_EMAIL_DOMAIN, DEMO_LOGIN_EMAILS, DEMO_PASSWORDS
from arobase.demo.models import DemoRun
from arobase.referential.models import ReferentialEdition, Service
from arobase.territories.models import LabelCategory, Territory, TerritoryKind

DEFAULT_ACTIONS = 3_000
DEFAULT_SEED = 2019
BATCH_SIZE = 1_000
CHUNK_SIZE = 2_500  # actions generated and written together (one progress line each)
PROGRESS_EVERY = 5_000

# Communes under this population compete as villages, the others as villes (EPCI: territoires).
VILLAGE_MAX_POPULATION = 3_500

# Participating collectivités: about 300 for 3,000 actions, about 800 for 30,000.
PARTICIPANTS_FOR_DEFAULT = 300
PARTICIPANTS_EXPONENT = 0.43
EPCI_SHARE = 0.05
# Share of the participating communes per population band (lower bound of the band, share).
POPULATION_BANDS = ((100_000, 0.06), (20_000, 0.19), (VILLAGE_MAX_POPULATION, 0.30), (0, 0.45))
WITH_COORDINATES_WEIGHT = 6.0
EPCI_MEMBER_WEIGHT = 3.0

DRAFT_RATE = 0.10
UNPUBLISHED_RATE = 0.01
PUBLISHED_STATUSES = ((ActionStatus.PLANNED, 0.12), (ActionStatus.ONGOING, 0.38), (ActionStatus.DONE, 0.50))
DRAFT_STATUSES = ((ActionStatus.PLANNED, 0.30), (ActionStatus.ONGOING, 0.50), (ActionStatus.DONE, 0.20))
# Days between the last activity and the reference date: (share, low, high); spread over six years.
ACTIVITY_SPREAD = ((0.50, 1, 730), (0.30, 731, 1460), (0.20, 1461, 2190))
SHARED_WITH_EPCI_RATE = 0.20
EPCI_SHARED_WITH_MEMBERS_RATE = 0.35
PLACE_RADIUS_KM = {"big": 5.0, "town": 3.0, "village": 1.5}

PARIS = ZoneInfo("Europe/Paris")

UNPUBLISH_REASONS = (
    "Le résumé ne décrit pas le service rendu à la population : précisez pour qui et ce qui a changé.",
    "Doublon d'une action déjà publiée par la collectivité : fusionnez les deux fiches.",
    "Les coordonnées d'une personne sont publiées sans son accord : retirez-les ou recueillez son accord.",
)
LINK_LABELS = (
    "Présentation sur le site de la collectivité",
    "Délibération du conseil",
    "Article de presse locale",
    "Bilan de l'action",
    "Page du projet",
)
ORGANISATION_ROLES = ("Porteur de l'action", "Partenaire", "Financeur", "Prestataire", "Maître d'ouvrage")
# Telephone numbers reserved by the ARCEP for fiction (never assigned).
FICTION_PHONE_PREFIXES = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98")


class DemoDataError(Exception):
    """A French message for the command line."""


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    territory: str
    note: str = ""


@dataclass
class DemoReport:
    collectivites: int = 0
    communes: int = 0
    epcis: int = 0
    users: int = 0
    actions: int = 0
    published: int = 0
    drafts: int = 0
    unpublished: int = 0
    services: int = 0
    shared: int = 0
    places: int = 0
    actors: int = 0
    links: int = 0
    seconds: float = 0.0
    logins: list[DemoLogin] = field(default_factory=list)


@dataclass
class _Participant:
    """A participating collectivité, with the centre its places are drawn around (None: no place)."""

    pk: int
    kind: str
    code: str
    name: str
    population: int
    epci_id: int | None
    label_category: str
    centre: tuple[float, float] | None = None
    centre_name: str = ""
    centre_code: str = ""
    postcode: str = ""
    enjeu_weights: list[float] = field(default_factory=list)
    users: list[int] = field(default_factory=list)  # ids of its demo members (référent first)
    partners: list[int] = field(default_factory=list)  # participating collectivités it shares actions with

    @property
    def size(self) -> str:
        if self.kind == TerritoryKind.EPCI or self.population >= 20_000:
            return "big"
        return "town" if self.population >= VILLAGE_MAX_POPULATION else "village"


# --- Helpers ---------------------------------------------------------------------------------------------------


def demo_users():
    return User.objects.filter(email__iendswith="@" + DEMO_EMAIL_DOMAIN)


def demo_actions():
    return Action.objects.filter(created_by__in=Subquery(demo_users().values("pk")))


def demo_data_exists() -> bool:
    return DemoRun.objects.exists() or demo_users().exists()


def participants_for(actions: int) -> int:
    """How many collectivités take part for `actions` actions (about 300 for 3,000, 800 for 30,000; at least
    three actions each)."""
    wanted = round(PARTICIPANTS_FOR_DEFAULT * (actions / DEFAULT_ACTIONS) ** PARTICIPANTS_EXPONENT)
    return max(1, min(wanted, actions // 3 or 1))


def _weighted(rng: random.Random, options) -> object:
    """One value of `options` ((value, weight), ...)."""
    roll = rng.random() * sum(weight for _value, weight in options)
    for value, weight in options:
        roll -= weight
        if roll < 0:
            return value
    return options[-1][0]


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """`k` items without replacement, each drawn with probability proportional to its weight (Efraimidis-Spirakis);
    deterministic for a given order of `items`."""
    keyed = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _key, i in keyed[:k]]


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()


def _email_part(value: str) -> str:
    return "".join(char if char.isalnum() else "-" for char in _ascii(value)).strip("-")


def _moment(day: date, rng: random.Random) -> datetime:
    """A time of the working day on `day`, in the site's time zone."""
    return datetime(day.year, day.month, day.day, rng.randint(8, 18), rng.randint(0, 59), tzinfo=PARIS)


def _offset(centre: tuple[float, float], radius_km: float, rng: random.Random) -> tuple[float, float]:
    """A point uniformly drawn in the disc of `radius_km` around `centre` (latitude, longitude)."""
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    lat, lon = centre
    dlat = distance * math.cos(angle) / 111.32
    dlon = distance * math.sin(angle) / (111.32 * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


@contextlib.contextmanager
def _explicit_timestamps() -> Iterator[None]:
    """Let bulk_create keep the creation and modification dates we set (auto_now/auto_now_add would put the
    clock's), so that the dataset only depends on the reference date."""
    switched = []
    for model, name in (
        (Action, "created_at"),
        (Action, "updated_at"),
        (Affiliation, "requested_at"),
    ):
        model_field = model._meta.get_field(name)
        switched.append((model_field, model_field.auto_now, model_field.auto_now_add))
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


@contextlib.contextmanager
def _history_disabled() -> Iterator[None]:
    missing = object()
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", missing)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        if previous is missing:
            del settings.SIMPLE_HISTORY_ENABLED
        else:
            settings.SIMPLE_HISTORY_ENABLED = previous


# --- Deletion --------------------------------------------------------------------------------------------------


def delete_demo_data() -> dict[str, int]:
    """Delete the demo users, the actions they created (children and history included) and undo the label
    categories the demo filled in. Real users, actions and territories are left untouched."""

    counts: dict[str, int] = {}
    with transaction.atomic(), _history_disabled(), index_suspended():
        action_ids = Subquery(demo_actions().values("pk"))
        history_model = Action.history.model
        # simple_history keeps the m2m history models of every model in one shared dict.
        for field, model in ACTION_HISTORY.m2m_models.items():
            if field.model is not Action:
                continue
            model.objects.filter(action_id__in=action_ids)._raw_delete(model.objects.db)
        history_model.objects.filter(id__in=action_ids)._raw_delete(history_model.objects.db)
        # Images uploaded by hand on demo actions (the generator makes none): their files go too, after commit.
        files = list(ActionImage.objects.filter(action_id__in=action_ids).values_list("file", flat=True))
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files if name])
        for child in (ActionLink, Actor, Place, ActionImage):
            child.history.model.objects.filter(action_id__in=action_ids)._raw_delete(child.objects.db)
            counts[child._meta.model_name] = child.objects.filter(action_id__in=action_ids)._raw_delete(
                child.objects.db
            )
        Action.services.through.objects.filter(action_id__in=action_ids)._raw_delete(Action.objects.db)
        ActionTerritory.objects.filter(action_id__in=action_ids)._raw_delete(Action.objects.db)
        # Whatever other applications attach to actions goes through the normal deletion (and its protections).
        counts["actions"] = demo_actions().delete()[1].get(Action._meta.label, 0)

        counts["campaigns"] = delete_demo_label(demo_users())
        counts["users"] = demo_users().delete()[1].get(User._meta.label, 0)
        counts["label_categories"] = _undo_label_categories()
        DemoRun.objects.all().delete()
        bump_actions_version()
    return counts


def _undo_label_categories() -> int:
    """Blank again the label categories the demo filled in, unless they changed since or a real member was
    approved since (the category may then come from that approval)."""
    undone = 0
    for run in DemoRun.objects.order_by("pk"):
        real_approvals = set(
            Affiliation.objects.filter(
                decided_at__gte=run.created_at, status__in=[AffiliationStatus.PENDING, AffiliationStatus.APPROVED]
            ).values_list("territory_id", flat=True)
        )
        by_category: dict[str, list[int]] = defaultdict(list)
        for pk, category in run.labelled_territories:
            if pk not in real_approvals:
                by_category[category].append(pk)
        for category, pks in by_category.items():
            undone += Territory.objects.filter(pk__in=pks, label_category=category).update(label_category="")
    return undone


# --- Participants ----------------------------------------------------------------------------------------------


def _load_participants(rng: random.Random, wanted: int) -> list[_Participant]:
    rows = list(
        Territory.objects.filter(kind__in=[TerritoryKind.COMMUNE, TerritoryKind.EPCI], is_obsolete=False)
        .order_by("kind", "code", "pk")
        .values_list(
            "pk",
            "kind",
            "code",
            "name",
            "population",
            "epci_id",
            "departement_id",
            "latitude",
            "longitude",
            "postal_codes",
            "label_category",
        )
    )
    communes = [row for row in rows if row[1] == TerritoryKind.COMMUNE]
    epcis = [row for row in rows if row[1] == TerritoryKind.EPCI]

    def has_coordinates(row) -> bool:
        return row[7] is not None and row[8] is not None

    # The centre of an EPCI (or of a département) is its most populous member commune having coordinates.
    best_of_epci: dict[int, tuple] = {}
    best_of_departement: dict[int, tuple] = {}
    for row in communes:
        if not has_coordinates(row):
            continue
        for key, best in ((row[5], best_of_epci), (row[6], best_of_departement)):
            if key is not None and (key not in best or (row[4] or 0) > (best[key][4] or 0)):
                best[key] = row

    def centre_row(row) -> tuple | None:
        if has_coordinates(row):
            return row
        if row[1] == TerritoryKind.EPCI:
            return best_of_epci.get(row[0]) or best_of_departement.get(row[6])
        return best_of_epci.get(row[5]) or best_of_departement.get(row[6])

    n_epci = min(len(epcis), max(1, round(wanted * EPCI_SHARE))) if epcis and wanted > 1 else 0
    chosen_epcis = _weighted_sample(
        rng,
        epcis,
        [math.sqrt(max(row[4] or 1, 1)) * (WITH_COORDINATES_WEIGHT if centre_row(row) else 1.0) for row in epcis],
        n_epci,
    )
    chosen_epci_ids = {row[0] for row in chosen_epcis}

    n_communes = wanted - len(chosen_epcis)
    bands: list[list] = [[] for _band in POPULATION_BANDS]
    for row in communes:
        population = row[4] or 0
        index = next(i for i, (low, _share) in enumerate(POPULATION_BANDS) if population >= low)
        bands[index].append(row)

    def commune_weight(row) -> float:
        weight = WITH_COORDINATES_WEIGHT if has_coordinates(row) else 1.0
        return weight * (EPCI_MEMBER_WEIGHT if row[5] in chosen_epci_ids else 1.0)

    chosen_communes: list = []
    for (_low, share), band in zip(POPULATION_BANDS, bands, strict=True):
        quota = min(len(band), round(n_communes * share))
        chosen_communes += _weighted_sample(rng, band, [commune_weight(row) for row in band], quota)
    missing = n_communes - len(chosen_communes)
    if missing > 0:  # small territory tables: complete from any band
        taken = {row[0] for row in chosen_communes}
        rest = [row for row in communes if row[0] not in taken]
        chosen_communes += _weighted_sample(rng, rest, [commune_weight(row) for row in rest], missing)

    participants = []
    for row in sorted(chosen_epcis + chosen_communes, key=lambda r: (-(r[4] or 0), r[1], r[2])):
        pk, kind, code, name, population, epci_id, _dep, _lat, _lon, postal_codes, label_category = row
        participant = _Participant(
            pk=pk,
            kind=kind,
            code=code,
            name=name,
            population=population or 0,
            epci_id=epci_id,
            label_category=label_category,
        )
        centre = centre_row(row)
        if centre is not None:
            participant.centre = (centre[7], centre[8])
            participant.centre_name = centre[3]
            participant.centre_code = centre[2]
            participant.postcode = (centre[9] or "").split()[0] if (centre[9] or "").split() else ""
        participants.append(participant)

    by_pk = {p.pk: p for p in participants}
    for participant in participants:
        if participant.kind == TerritoryKind.COMMUNE and participant.epci_id in by_pk:
            participant.partners.append(participant.epci_id)
            by_pk[participant.epci_id].partners.append(participant.pk)
    return participants


def _label_category(participant: _Participant) -> str:
    if participant.kind == TerritoryKind.EPCI:
        return LabelCategory.TERRITOIRE
    return LabelCategory.VILLAGE if participant.population < VILLAGE_MAX_POPULATION else LabelCategory.VILLE


# --- People ----------------------------------------------------------------------------------------------------


@dataclass
class _People:
    """Unique demo e-mail addresses: first.last@…, then first.last2@… on collisions."""

    used_emails: set[str] = field(default_factory=set)

    def email(self, first: str, last: str) -> str:
        base = f"{_email_part(first)}.{_email_part(last)}"
        candidate, n = f"{base}@{DEMO_EMAIL_DOMAIN}", 1
        while candidate in self.used_emails:
            n += 1
            candidate = f"{base}{n}@{DEMO_EMAIL_DOMAIN}"
        self.used_emails.add(candidate)
        return candidate


def _create_people(
    rng: random.Random, participants: list[_Participant], today: date, corpus: texts.Corpus
) -> tuple[User, list[DemoLogin]]:
    """The staff member, a référent and 0 to 3 contributors per participant, and the documented demo logins
    (a référent and a contributor of the first participant that has no référent of its own yet)."""
    unusable = make_password(None)
    joined = datetime.combine(today - timedelta(days=6 * 365 + 30), datetime.min.time(), tzinfo=PARIS)
    staff = User(
        email=DEMO_LOGIN_EMAILS["staff"],
        first_name="Équipe",
        last_name="Villes Internet (démo)",
        is_staff=True,
        password=make_password(DEMO_PASSWORDS["staff"]),
        date_joined=joined,
    )
    staff.save()

    real_referents = set(
        Affiliation.objects.filter(
            territory_id__in=[p.pk for p in participants],
            role=AffiliationRole.REFERENT,
            status=AffiliationStatus.APPROVED,
        ).values_list("territory_id", flat=True)
    )
    # The documented référent and contributor belong to the biggest commune whose EPCI takes part too (so that
    # they see shared actions), else to the biggest collectivité, that has no référent of its own.
    candidates = [p for p in participants if p.pk not in real_referents]
    showcase = next(
        (p for p in candidates if p.kind == TerritoryKind.COMMUNE and p.epci_id in p.partners and p.centre),
        candidates[0] if candidates else None,
    )

    people = _People(used_emails={staff.email, *DEMO_LOGIN_EMAILS.values()})
    members: list[tuple[_Participant, User, str, str]] = []  # participant, user, role, capacity
    logins = [
        DemoLogin(
            "staff",
            staff.email,
            DEMO_PASSWORDS["staff"],
            "équipe Villes Internet",
            "compte équipe : la double authentification (TOTP) est exigée, une application d'authentification "
            "(FreeOTP, Aegis…) est demandée à la première connexion",
        )
    ]
    capacities = [c.value for c in Capacity]
    for participant in participants:
        if participant is showcase:
            for role in ("referent", "contributor"):
                name = texts.person_name(rng, corpus=corpus)
                user = User(
                    email=DEMO_LOGIN_EMAILS[role],
                    first_name=name.first_name,
                    last_name=name.last_name,
                    password=make_password(DEMO_PASSWORDS[role]),
                    date_joined=joined,
                )
                affiliation_role = AffiliationRole.REFERENT if role == "referent" else AffiliationRole.CONTRIBUTOR
                capacity = Capacity.ELU if role == "referent" else Capacity.AGENT
                members.append((participant, user, affiliation_role, capacity))
                logins.append(DemoLogin(role, user.email, DEMO_PASSWORDS[role], participant.name))
                if role == "contributor" and participant.epci_id and participant.epci_id in participant.partners:
                    epci = next(p for p in participants if p.pk == participant.epci_id)
                    members.append((epci, user, AffiliationRole.CONTRIBUTOR, Capacity.AGENT))
            continue
        contributors = _weighted(rng, ((0, 0.30), (1, 0.35), (2, 0.20), (3, 0.15)))
        for index in range(1 + contributors):
            name = texts.person_name(rng, corpus=corpus)
            user = User(
                email=people.email(name.first_name, name.last_name),
                first_name=name.first_name,
                last_name=name.last_name,
                password=unusable,
                date_joined=joined,
            )
            if index == 0 and participant.pk not in real_referents:
                role = AffiliationRole.REFERENT
                capacity = Capacity.ELU if rng.random() < 0.6 else Capacity.AGENT
            else:
                role = AffiliationRole.CONTRIBUTOR
                capacity = rng.choice(capacities)
            members.append((participant, user, role, capacity))

    unique_users = list({id(user): user for _p, user, _r, _c in members}.values())
    User.objects.bulk_create(unique_users, batch_size=BATCH_SIZE)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in [staff, *unique_users]],
        batch_size=BATCH_SIZE,
    )
    referent_of: dict[int, User] = {}
    affiliations = []
    for participant, user, role, capacity in members:
        requested = _moment(today - timedelta(days=rng.randint(30, 6 * 365)), rng)
        if role == AffiliationRole.REFERENT:
            referent_of[participant.pk] = user
        decider = staff if role == AffiliationRole.REFERENT else referent_of.get(participant.pk, staff)
        affiliations.append(
            Affiliation(
                user=user,
                territory_id=participant.pk,
                capacity=capacity,
                role=role,
                status=AffiliationStatus.APPROVED,
                requested_at=requested,
                decided_at=requested + timedelta(days=rng.randint(0, 10), hours=rng.randint(1, 8)),
                decided_by=decider,
            )
        )
        participant.users.append(user.pk)
    Affiliation.objects.bulk_create(affiliations, batch_size=BATCH_SIZE)
    return staff, logins


# --- Actions ---------------------------------------------------------------------------------------------------


@dataclass
class _Referential:
    edition: ReferentialEdition
    enjeux: list[list[tuple[int, str]]]  # per enjeu (sorted by code): (service id, code), sorted by code
    services: list[tuple[int, str]]
    label_of: dict[str, str]


def _load_referential(edition: ReferentialEdition) -> _Referential:
    by_enjeu: dict[str, list[tuple[int, str]]] = defaultdict(list)
    label_of = {}
    for pk, code, label, enjeu_code in (
        Service.objects.filter(edition=edition).order_by("code").values_list("pk", "code", "label", "enjeu__code")
    ):
        by_enjeu[enjeu_code].append((pk, code))
        label_of[code] = label
    if not by_enjeu:
        raise DemoDataError(f"Le référentiel {edition.year} n'a aucun service : chargez-le (load_referential).")
    enjeux = [by_enjeu[code] for code in sorted(by_enjeu)]
    return _Referential(
        edition=edition, enjeux=enjeux, services=[s for group in enjeux for s in group], label_of=label_of
    )


def _allocate(rng: random.Random, participants: list[_Participant], total: int) -> list[int]:
    """How many actions each participant publishes: at least one, more for bigger and more active ones."""
    weights = [min(max(p.population, 300), 200_000) ** 0.35 * rng.lognormvariate(0, 0.5) for p in participants]
    spare = total - len(participants)
    shares = [spare * w / sum(weights) for w in weights]
    counts = [1 + int(share) for share in shares]
    leftover = total - sum(counts)
    order = sorted(range(len(participants)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[:leftover]:
        counts[i] += 1
    return counts


def _services_for(rng: random.Random, participant: _Participant, referential: _Referential) -> list[tuple[int, str]]:
    """1 to 3 services, mostly within one enjeu; the participant's favourite enjeux come up more often."""
    enjeu = rng.choices(referential.enjeux, weights=participant.enjeu_weights)[0]
    chosen = [rng.choice(enjeu)]
    for _extra in range(_weighted(rng, ((0, 0.60), (1, 0.30), (2, 0.10)))):
        pool = enjeu if rng.random() < 0.8 and len(enjeu) > len(chosen) else referential.services
        candidate = rng.choice(pool)
        if candidate not in chosen:
            chosen.append(candidate)
    return chosen


def _dates(rng: random.Random, status: str, reference: date) -> tuple[date | None, date | None]:
    """Start and end dates consistent with the status, seen from `reference` (the last activity)."""
    if rng.random() < 0.05:
        return None, None
    if status == ActionStatus.PLANNED:
        start = reference + timedelta(days=rng.randint(15, 270))
        end = start + timedelta(days=rng.randint(30, 365)) if rng.random() < 0.3 else None
        return start, end
    if status == ActionStatus.ONGOING:
        start = reference - timedelta(days=rng.randint(30, 1100))
        end = reference + timedelta(days=rng.randint(30, 700)) if rng.random() < 0.25 else None
        return start, end
    start = reference - timedelta(days=rng.randint(60, 1500))
    end = start + timedelta(days=rng.randint(1, (reference - start).days))
    return start, end


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(FICTION_PHONE_PREFIXES)} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


@dataclass
class _Chunk:
    actions: list[Action] = field(default_factory=list)
    services: list[list[int]] = field(default_factory=list)
    partners: list[list[int]] = field(default_factory=list)
    children: list[list] = field(default_factory=list)  # per action: [Place | Actor | ActionLink]


def _build_action(
    index: int,
    seed: int,
    participant: _Participant,
    referential: _Referential,
    today: date,
    staff: User,
    corpus: texts.Corpus,
    chunk: _Chunk,
) -> None:
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 (fictitious data, not security)
    services = _services_for(rng, participant, referential)
    code = services[0][1]
    try:
        content = texts.action_texts(rng, code, participant.name, corpus=corpus)
    except texts.UnknownServiceError:
        label = referential.label_of[code]
        content = texts.ActionTexts(
            title=f"{label[:150]} {texts.a_commune(participant.name)}"[:200],
            summary=f"{label} : un service proposé {texts.a_commune(participant.name)}.",
            what_was_done="",
            results="",
            benefits="",
        )

    ceiling = datetime(today.year, today.month, today.day, 7, 0, tzinfo=PARIS)  # nothing after the reference date
    roll = rng.random()
    draft = roll < DRAFT_RATE
    unpublished = not draft and roll < DRAFT_RATE + UNPUBLISHED_RATE
    if draft:
        status = _weighted(rng, DRAFT_STATUSES)
        created = _moment(today - timedelta(days=rng.randint(1, 540)), rng)
        published_at = last_activity = None
        updated = min(created + timedelta(days=rng.randint(0, 30), minutes=rng.randint(1, 300)), ceiling)
        reference = created.date()
    else:
        status = _weighted(rng, PUBLISHED_STATUSES)
        spread = _weighted(rng, [((low, high), share) for share, low, high in ACTIVITY_SPREAD])
        last_activity = _moment(today - timedelta(days=rng.randint(*spread)), rng)
        before = 0 if rng.random() < 0.4 else rng.randint(1, 900)
        published_at = last_activity - timedelta(days=before)
        if before:
            published_at = _moment(published_at.date(), rng)
            published_at = min(published_at, last_activity)
        created = published_at - timedelta(days=rng.randint(0, 20), minutes=rng.randint(5, 90))
        updated = last_activity
        reference = last_activity.date()
    start, end = _dates(rng, status, reference)

    action = Action(
        title=content.title[:200],
        summary=content.summary[:1000],
        what_was_done=content.what_was_done,
        results=content.results,
        benefits=content.benefits,
        status=status,
        start_date=start,
        end_date=end,
        edition=referential.edition,
        owner_id=participant.pk,
        is_published=not draft and not unpublished,
        published_at=published_at,
        last_activity_at=last_activity,
        created_by_id=rng.choice(participant.users),
        created_at=created,
        updated_at=updated,
    )
    if unpublished:
        action.unpublished_at = min(last_activity + timedelta(days=rng.randint(1, 20)), ceiling)
        action.unpublished_by = staff
        action.unpublished_reason = rng.choice(UNPUBLISH_REASONS)
        action.updated_at = action.unpublished_at

    partners: list[int] = []
    if participant.partners:
        rate = EPCI_SHARED_WITH_MEMBERS_RATE if participant.kind == TerritoryKind.EPCI else SHARED_WITH_EPCI_RATE
        if rng.random() < rate:
            count = (
                1 if participant.kind == TerritoryKind.COMMUNE else rng.randint(1, min(3, len(participant.partners)))
            )
            partners = sorted(rng.sample(participant.partners, count))

    children: list = []
    if participant.centre is not None:
        n_places = _weighted(rng, ((0, 0.08), (1, 0.67), (2, 0.20), (3, 0.05)))
        for position in range(n_places):
            where = texts.place(rng, participant.centre_name, corpus=corpus)
            lat, lon = _offset(participant.centre, PLACE_RADIUS_KM[participant.size], rng)
            children.append(
                Place(
                    label=where.label[:200],
                    address=where.address[:300],
                    postcode=participant.postcode,
                    city=participant.centre_name,
                    citycode=participant.centre_code,
                    latitude=lat,
                    longitude=lon,
                    geocoding_source=GeocodingSource.BAN if rng.random() < 0.7 else GeocodingSource.MANUAL,
                    position=position,
                )
            )
    n_actors = _weighted(rng, ((1, 0.50), (2, 0.35), (3, 0.15)))
    for position in range(n_actors):
        person = texts.actor(rng, participant.name, corpus=corpus)
        if position == 0 and rng.random() < 0.3:
            children.append(
                Actor(
                    kind=ActorKind.ORGANISATION,
                    name=person.organisation[:200],
                    role=rng.choice(ORGANISATION_ROLES),
                    position=position,
                )
            )
            continue
        email = phone = ""
        if rng.random() < 0.6:
            email = (
                f"{_email_part(person.person.first_name)}.{_email_part(person.person.last_name)}@{DEMO_EMAIL_DOMAIN}"
            )
        if rng.random() < 0.4:
            phone = _phone(rng)
        children.append(
            Actor(
                kind=ActorKind.PERSON,
                name=person.person.full_name[:200],
                role=f"{person.role.label} — {person.organisation}"[:200],
                is_elected=person.role.elected,
                email=email,
                phone=phone,
                contact_consent=bool(email or phone) and rng.random() < 0.5,
                position=position,
            )
        )
    n_links = _weighted(rng, ((0, 0.55), (1, 0.35), (2, 0.10)))
    site = slugify(participant.name) or "collectivite"
    for position in range(n_links):
        children.append(
            ActionLink(
                url=f"https://{site}.{DEMO_EMAIL_DOMAIN}/actions/{index + 1}-{slugify(content.title)[:60]}",
                label=rng.choice(LINK_LABELS) if position == 0 else rng.choice(LINK_LABELS[1:]),
                position=position,
            )
        )

    chunk.actions.append(action)
    chunk.services.append([pk for pk, _code in services])
    chunk.partners.append(partners)
    chunk.children.append(children)


HISTORY_FIELDS = [f.attname for f in Action._meta.concrete_fields if f.name not in ("id", "updated_at")]


def _write_chunk(chunk: _Chunk, report: DemoReport) -> None:
    Action.objects.bulk_create(chunk.actions, batch_size=BATCH_SIZE)
    service_through = Action.services.through
    service_rows: list[list] = []
    partner_rows: list[list] = []
    places, actors, links = [], [], []
    for action, service_ids, partner_ids, children in zip(
        chunk.actions, chunk.services, chunk.partners, chunk.children, strict=True
    ):
        service_rows.append([service_through(action_id=action.pk, service_id=pk) for pk in service_ids])
        partner_rows.append([ActionTerritory(action_id=action.pk, territory_id=pk) for pk in partner_ids])
        for child in children:
            child.action_id = action.pk
            (places if isinstance(child, Place) else actors if isinstance(child, Actor) else links).append(child)
    service_through.objects.bulk_create([row for rows in service_rows for row in rows], batch_size=BATCH_SIZE)
    ActionTerritory.objects.bulk_create([row for rows in partner_rows for row in rows], batch_size=BATCH_SIZE)
    Place.objects.bulk_create(places, batch_size=BATCH_SIZE)
    Actor.objects.bulk_create(actors, batch_size=BATCH_SIZE)
    ActionLink.objects.bulk_create(links, batch_size=BATCH_SIZE)

    # One creation record per action, as `services.create_action` writes, with its services and partners.
    history_model = Action.history.model
    records = [
        history_model(
            id=action.pk,
            history_date=action.created_at,
            history_type="+",
            history_user_id=action.created_by_id,
            history_change_reason="Création (données de démonstration)",
            **{name: getattr(action, name) for name in HISTORY_FIELDS},
        )
        for action in chunk.actions
    ]
    history_model.objects.bulk_create(records, batch_size=BATCH_SIZE)
    for name, rows_per_action in (("services", service_rows), ("shared_with", partner_rows)):
        m2m_model = ACTION_HISTORY.m2m_models[Action._meta.get_field(name)]
        target = "service_id" if name == "services" else "territory_id"
        m2m_model.objects.bulk_create(
            [
                m2m_model(
                    history_id=record.history_id, id=row.pk, action_id=record.id, **{target: getattr(row, target)}
                )
                for record, rows in zip(records, rows_per_action, strict=True)
                for row in rows
            ],
            batch_size=BATCH_SIZE,
        )

    report.actions += len(chunk.actions)
    report.published += sum(1 for a in chunk.actions if a.is_published)
    report.unpublished += sum(1 for a in chunk.actions if a.unpublished_at is not None)
    report.drafts += sum(1 for a in chunk.actions if not a.is_published and a.unpublished_at is None)
    report.services += sum(len(rows) for rows in service_rows)
    report.shared += sum(1 for ids in chunk.partners if ids)
    report.places += len(places)
    report.actors += len(actors)
    report.links += len(links)


# --- Entry point -----------------------------------------------------------------------------------------------


def generate_demo(
    *,
    actions: int = DEFAULT_ACTIONS,
    seed: int = DEFAULT_SEED,
    today: date,
    reset: bool = False,
    edition: ReferentialEdition | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Generate the demo dataset in one transaction. Refuses (`DemoDataError`) when demo data exists and `reset`
    is false, and in production."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    if getattr(settings, "PRODUCTION", False):
        raise DemoDataError(
            "Données de démonstration refusées en production : elles créent des comptes aux mots de passe publics."
        )
    if actions < 1:
        raise DemoDataError("Indiquez au moins une action (--actions).")
    if edition is None:
        try:
            edition = current_edition(today=today)
        except ReferentialEdition.DoesNotExist:
            raise DemoDataError(
                "Aucun référentiel n'est chargé : lancez d'abord « manage.py load_referential »."
            ) from None
    referential = _load_referential(edition)
    corpus = texts.load_corpus()

    with transaction.atomic(), _explicit_timestamps(), index_suspended():
        if demo_data_exists():
            if not reset:
                raise DemoDataError(
                    "Des données de démonstration existent déjà. Relancez avec --reset pour les remplacer "
                    "(seules les données de démonstration sont supprimées)."
                )
            counts = delete_demo_data()
            say(
                f"Anciennes données de démonstration supprimées : {counts.get('actions', 0)} actions, "
                f"{counts.get('users', 0)} comptes."
            )

        rng = random.Random(seed)  # noqa: S311 (fictitious data, not security)
        participants = _load_participants(rng, participants_for(actions))
        if not participants:
            raise DemoDataError("Aucune commune ni intercommunalité : lancez d'abord « manage.py import_territories ».")
        for participant in participants:
            participant.enjeu_weights = [rng.random() ** 3 + 0.01 for _enjeu in referential.enjeux]

        labelled = []
        for category in LabelCategory.values:
            ids = [p.pk for p in participants if not p.label_category and _label_category(p) == category]
            Territory.objects.filter(pk__in=ids, label_category="").update(label_category=category)
            labelled += [[pk, category] for pk in ids]
        DemoRun.objects.create(seed=seed, actions=actions, reference_date=today, labelled_territories=sorted(labelled))

        staff, logins = _create_people(rng, participants, today, corpus)
        report = DemoReport(
            collectivites=len(participants),
            communes=sum(1 for p in participants if p.kind == TerritoryKind.COMMUNE),
            epcis=sum(1 for p in participants if p.kind == TerritoryKind.EPCI),
            users=demo_users().count(),
            logins=logins,
        )
        say(
            f"{report.collectivites} collectivités participantes ({report.communes} communes, {report.epcis} "
            f"intercommunalités), {report.users} comptes de démonstration ({time.perf_counter() - started:.1f} s)."
        )

        counts = _allocate(rng, participants, actions)
        owners = [p for p, count in zip(participants, counts, strict=True) for _i in range(count)]
        rng.shuffle(owners)
        chunk = _Chunk()
        next_progress = PROGRESS_EVERY
        for index, owner in enumerate(owners):
            _build_action(index, seed, owner, referential, today, staff, corpus, chunk)
            if len(chunk.actions) >= CHUNK_SIZE or index == len(owners) - 1:
                _write_chunk(chunk, report)
                chunk = _Chunk()
                if report.actions >= next_progress or report.actions == actions:
                    say(f"  {report.actions:>6} / {actions} actions ({time.perf_counter() - started:.1f} s)")
                    next_progress = (report.actions // PROGRESS_EVERY + 1) * PROGRESS_EVERY
        # The label: three published past years and the current campaign deliberated but still secret.

        by_pk = Territory.objects.in_bulk([p.pk for p in participants])
        label = create_demo_label(
            rng=random.Random(seed + 1),  # noqa: S311 (fictitious data, not security)
            territories=[by_pk[p.pk] for p in participants],
            today=today,
            edition=edition,
            staff=staff,
        )
        report.logins.append(
            DemoLogin(
                "juror",
                DEMO_LOGIN_EMAILS["juror"],
                DEMO_PASSWORDS["juror"],
                "jury du label",
                "juré : la double authentification (TOTP) est exigée, comme pour l'équipe ; le label "
                f"{today.year + 1} est délibéré mais reste secret jusqu'à sa cérémonie",
            )
        )
        say(
            f"Label : {label['campaigns']} campagnes, {label['results']} résultats publiés, "
            f"{label['decisions']} décisions encore secrètes ({time.perf_counter() - started:.1f} s)."
        )
        # Bulk inserts send no signals: index everything and invalidate cached maps and lists once.
        say(f"Index de recherche : {reindex_everything()} actions ({time.perf_counter() - started:.1f} s).")
    # Fresh statistics after a bulk load: without them SQLite's planner ignores the partial indexes of the public
    # lists (a sort of every published action instead of an index walk).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report.seconds = time.perf_counter() - started
    return report
