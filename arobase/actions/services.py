"""Writes of actions. Every function is keyword-only, checks permissions, validates everything before writing,
runs in one transaction and raises `ActionError` (French message) or `ActionPermissionDenied`: on error nothing
is written (uploaded image files already stored are removed again).

Each operation leaves exactly one record in the history of the action (who, when, why, and the state after,
with its services and partner collectivités); children (links, actors, places, images) have their own history.
`actor` is always the person who acts; `actors=` are the people and organisations of the action.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from arobase.actions import permissions, rules
from arobase.actions.errors import ActionError, ActionPermissionDenied, StaleAction
from arobase.actions.geocoding import GeocoderUnavailable, get_geocoder
from arobase.actions.images import ImageRejected, reencode
from arobase.actions.models import (
    ACTION_HISTORY,
    Action,
    ActionImage,
    ActionLink,
    ActionStatus,
    Actor,
    ActorKind,
    GeocodingSource,
    PendingRevision,
    Place,
)
from arobase.actions.selectors import current_edition
from arobase.core.text import strip_bidi_controls
from arobase.referential.models import ReferentialEdition, Service
from arobase.territories.models import Territory, TerritoryKind

PHONE_MESSAGE = _lazy(
    "le numéro de téléphone n'est pas valide : écrivez par exemple 01 23 45 67 89 ou +33 1 23 45 67 89."
)
PARTNER_KINDS = (TerritoryKind.COMMUNE, TerritoryKind.EPCI, TerritoryKind.FOREIGN)
MAX_CHILDREN = 20


# --- Inputs -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionData:
    title: str
    summary: str
    what_was_done: str = ""
    results: str = ""
    benefits: str = ""
    status: str = ActionStatus.ONGOING
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class LinkData:
    url: str
    label: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ActorData:
    name: str
    kind: str = ActorKind.ORGANISATION
    role: str = ""
    is_elected: bool = False
    email: str = ""
    phone: str = ""
    contact_consent: bool = False
    id: int | None = None


@dataclass(frozen=True)
class PlaceData:
    """A place; without coordinates the address is geocoded. `geocoding_source` "ban" means the coordinates
    come from a BAN suggestion picked in the form; anything else given by hand is "manual"."""

    label: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    citycode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geocoding_source: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ImageData:
    """A new image (`file` set, no `id`) or an existing one whose texts change (`id` set, no `file`)."""

    alt_text: str
    credit: str = ""
    file: object | None = None
    id: int | None = None


@dataclass
class _Prepared:
    """Validated children, ready to write."""

    links: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)


# --- Validation -------------------------------------------------------------------------------------------


def _clean_text(value: str | None) -> str:
    return strip_bidi_controls(value or "").strip()


def _validate_data(data: ActionData) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name in ("title", "summary", "what_was_done", "results", "benefits"):
        values[name] = _clean_text(values[name])
    if not values["title"]:
        raise ActionError(_("Donnez un titre à l'action."), field="title")
    if len(values["title"]) > Action._meta.get_field("title").max_length:
        raise ActionError(_("Le titre est trop long (200 caractères au plus)."), field="title")
    if not values["summary"]:
        raise ActionError(_("Résumez l'action en quelques phrases."), field="summary")
    if values["status"] not in ActionStatus.values:
        raise ActionError(_("Statut inconnu : choisissez prévue, en cours ou réalisée."), field="status")
    if not rules.dates_are_consistent(values["start_date"], values["end_date"]):
        raise ActionError(_("La date de fin doit être postérieure à la date de début."), field="end_date")
    return values


def _resolve_services(services: Iterable[Service | str], edition: ReferentialEdition) -> list[Service]:
    """Services given as objects or codes, all of `edition`; at least one."""
    wanted = list(services)
    if not wanted:
        raise ActionError(
            _("Choisissez au moins un service du référentiel %(year)s.") % {"year": edition.year}, field="services"
        )
    codes = [item for item in wanted if isinstance(item, str)]
    objects = [item for item in wanted if not isinstance(item, str)]
    by_code = {s.code: s for s in Service.objects.filter(edition=edition, code__in=codes)} if codes else {}
    for code in codes:
        if code not in by_code:
            other = Service.objects.filter(code=code).select_related("edition").order_by("-edition__year").first()
            if other is not None:
                raise ActionError(
                    _(
                        "Le service %(code)s appartient au référentiel %(other)s, pas au référentiel %(year)s "
                        "de cette action."
                    )
                    % {"code": code, "other": other.edition.year, "year": edition.year},
                    field="services",
                )
            raise ActionError(
                _("Service inconnu dans le référentiel %(year)s : %(code)s.") % {"code": code, "year": edition.year},
                field="services",
            )
    editions = {}
    for service in objects:
        if service.edition_id != edition.pk:
            if service.edition_id not in editions:
                editions[service.edition_id] = ReferentialEdition.objects.get(pk=service.edition_id).year
            raise ActionError(
                _(
                    "Le service %(code)s appartient au référentiel %(other)s, pas au référentiel %(year)s "
                    "de cette action."
                )
                % {"code": service.code, "other": editions[service.edition_id], "year": edition.year},
                field="services",
            )
    unique = {s.pk: s for s in [*objects, *by_code.values()]}
    return list(unique.values())


def _resolve_partners(shared_with: Iterable[Territory], owner: Territory) -> list[Territory]:
    partners = {}
    for territory in shared_with:
        if territory.pk == owner.pk:
            continue
        if territory.kind not in PARTNER_KINDS:
            raise ActionError(
                _(
                    "%(name)s ne peut pas porter d'action : seules les communes, intercommunalités et collectivités "
                    "étrangères le peuvent."
                )
                % {"name": territory.name},
                field="shared_with",
            )
        partners[territory.pk] = territory
    return list(partners.values())


def _check_count(items: Sequence, name: str, label: str) -> None:
    if len(items) > MAX_CHILDREN:
        raise ActionError(_("Trop de %(label)s : %(max)s au plus.") % {"label": label, "max": MAX_CHILDREN}, field=name)


def _validate_link(item: LinkData, index: int) -> dict:
    url = _clean_text(item.url)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ActionError(
            _("Lien n°%(n)s : « %(url)s » n'est pas une adresse web valide (https://…).")
            % {"n": index + 1, "url": url},
            field="links",
            index=index,
        ) from None
    return {"id": item.id, "url": url, "label": _clean_text(item.label)[:200]}


def _validate_actor(item: ActorData, index: int) -> dict:
    name = _clean_text(item.name)
    if not name:
        raise ActionError(_("Acteur n°%(n)s : indiquez un nom.") % {"n": index + 1}, field="actors", index=index)
    if item.kind not in ActorKind.values:
        raise ActionError(_("Acteur n°%(n)s : type inconnu.") % {"n": index + 1}, field="actors", index=index)
    email = _clean_text(item.email)
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise ActionError(
                _("Acteur n°%(n)s : l'adresse électronique n'est pas valide.") % {"n": index + 1},
                field="actors",
                index=index,
            ) from None
    phone = _clean_text(item.phone)
    if phone:
        phone = rules.normalize_phone(phone)
        if phone is None:
            raise ActionError(
                _("Acteur n°%(n)s : %(message)s") % {"n": index + 1, "message": PHONE_MESSAGE},
                field="actors",
                index=index,
            )
    return {
        "id": item.id,
        "name": name[:200],
        "kind": item.kind,
        "role": _clean_text(item.role)[:200],
        "is_elected": bool(item.is_elected),
        "email": email,
        "phone": phone,
        "contact_consent": bool(item.contact_consent),
    }


def _validate_place(item: PlaceData, index: int, existing: Place | None) -> dict:
    values = {
        "id": item.id,
        "label": _clean_text(item.label)[:200],
        "address": _clean_text(item.address)[:300],
        "postcode": _clean_text(item.postcode)[:10],
        "city": _clean_text(item.city)[:200],
        "citycode": _clean_text(item.citycode)[:5],
        "latitude": item.latitude,
        "longitude": item.longitude,
    }
    where = _("Lieu n°%(n)s") % {"n": index + 1}
    if (values["latitude"] is None) != (values["longitude"] is None):
        raise ActionError(
            _("%(where)s : indiquez la latitude et la longitude, ou aucune des deux.") % {"where": where},
            field="places",
            index=index,
        )
    if values["latitude"] is not None:
        if not (-90 <= values["latitude"] <= 90 and -180 <= values["longitude"] <= 180):
            raise ActionError(
                _("%(where)s : coordonnées impossibles (latitude entre -90 et 90, longitude entre -180 et 180).")
                % {"where": where},
                field="places",
                index=index,
            )
        unchanged = (
            existing is not None
            and existing.latitude == values["latitude"]
            and existing.longitude == values["longitude"]
        )
        if unchanged:
            values["geocoding_source"] = existing.geocoding_source
        elif item.geocoding_source == GeocodingSource.BAN:
            values["geocoding_source"] = GeocodingSource.BAN
        else:
            values["geocoding_source"] = GeocodingSource.MANUAL
        return values
    query = " ".join(part for part in (values["address"], values["postcode"], values["city"]) if part)
    if not query:
        raise ActionError(
            _("%(where)s : indiquez une adresse ou des coordonnées.") % {"where": where}, field="places", index=index
        )
    try:
        candidates = get_geocoder().search(query, limit=1)
    except GeocoderUnavailable:
        raise ActionError(
            _(
                "%(where)s : le service national d'adresses (BAN) est indisponible pour le moment. Saisissez "
                "l'adresse puis la latitude et la longitude du lieu (par exemple relevées sur une carte), "
                "ou réessayez plus tard."
            )
            % {"where": where},
            field="places",
            index=index,
        ) from None
    if not candidates:
        raise ActionError(
            _(
                "%(where)s : l'adresse « %(query)s » est introuvable dans la Base adresse nationale. Vérifiez-la, "
                "ou indiquez la latitude et la longitude du lieu."
            )
            % {"where": where, "query": query},
            field="places",
            index=index,
        )
    best = candidates[0]
    values.update(
        {
            "postcode": values["postcode"] or best.postcode,
            "city": values["city"] or best.city,
            "citycode": best.citycode,
            "latitude": best.lat,
            "longitude": best.lon,
            "geocoding_source": GeocodingSource.BAN,
        }
    )
    if not values["address"]:
        values["address"] = best.name
    return values


def _validate_image(item: ImageData, index: int) -> dict:
    alt_text = _clean_text(item.alt_text)
    if not alt_text:
        raise ActionError(
            _("Image n°%(n)s : le texte alternatif est obligatoire (décrivez ce que montre l'image).")
            % {"n": index + 1},
            field="images",
            index=index,
        )
    values = {"id": item.id, "alt_text": alt_text[:300], "credit": _clean_text(item.credit)[:200], "content": None}
    if item.id is None:
        if item.file is None:
            raise ActionError(
                _("Image n°%(n)s : choisissez un fichier.") % {"n": index + 1}, field="images", index=index
            )
        try:
            values["content"] = reencode(item.file)
        except ImageRejected as error:
            raise ActionError(str(error), field="images", index=index) from None
    return values


def _existing(action: Action | None, model, ids: Iterable[int | None], name: str) -> dict[int, object]:
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return {}
    found = {obj.pk: obj for obj in model.objects.filter(action=action, pk__in=wanted)} if action else {}
    if set(found) != wanted:
        raise ActionError(_("Un élément modifié n'appartient pas à cette action."), field=name)
    return found


def _prepare_children(
    action: Action | None,
    *,
    links: Sequence[LinkData] | None,
    actors: Sequence[ActorData] | None,
    places: Sequence[PlaceData] | None,
    images: Sequence[ImageData] | None,
) -> _Prepared:
    prepared = _Prepared()
    if links is not None:
        _check_count(links, "links", _("liens"))
        _existing(action, ActionLink, (item.id for item in links), "links")
        prepared.links = [_validate_link(item, i) for i, item in enumerate(links)]
    if actors is not None:
        _check_count(actors, "actors", _("acteurs"))
        _existing(action, Actor, (item.id for item in actors), "actors")
        prepared.actors = [_validate_actor(item, i) for i, item in enumerate(actors)]
    if places is not None:
        _check_count(places, "places", _("lieux"))
        known = _existing(action, Place, (item.id for item in places), "places")
        prepared.places = [_validate_place(item, i, known.get(item.id)) for i, item in enumerate(places)]
    if images is not None:
        _check_count(images, "images", _("images"))
        _existing(action, ActionImage, (item.id for item in images), "images")
        prepared.images = [_validate_image(item, i) for i, item in enumerate(images)]
    return prepared


# --- Writing ----------------------------------------------------------------------------------------------


def _stale_message() -> str:
    return _(
        "Quelqu'un d'autre a modifié cette action depuis que vous avez ouvert le formulaire : vos changements "
        "n'ont pas été enregistrés. Ils sont conservés ci-dessous ; vérifiez ce qui a changé entre-temps, puis "
        "enregistrez de nouveau."
    )


def _bump_version(action: Action, expected_version: int | None) -> None:
    """Take the next version of an existing action, only if it is still `expected_version` when given. The
    conditional UPDATE also locks the row until the end of the transaction, so operations never interleave."""
    rows = Action.objects.filter(pk=action.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise StaleAction(_stale_message())
    action.version = Action.objects.filter(pk=action.pk).values_list("version", flat=True).get()


@contextlib.contextmanager
def _operation(
    action: Action, *, actor, reason: str, history_type: str = "~", expected_version: int | None = None
) -> Iterator[list[str]]:
    """One transaction and one history record for everything done inside; the yielded list collects the names
    of stored files, removed again if anything fails. An existing action takes its next version first (refused
    with `StaleAction` when `expected_version` is given and someone else wrote since)."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            if action.pk is not None:
                _bump_version(action, expected_version)
            action.skip_history_when_saving = True
            try:
                yield stored
            finally:
                del action.skip_history_when_saving
            action._history_user = actor
            action._change_reason = reason
            ACTION_HISTORY.create_historical_record(action, history_type)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _save_child(obj, actor) -> None:
    obj._history_user = actor
    obj.save()


def _delete_child(obj, actor) -> None:
    obj._history_user = actor
    obj.delete()


def _sync(action: Action, model, items: list[dict], actor, stored: list[str]) -> None:
    """Make the children of `model` exactly `items`: update those with an id, create the others, delete the rest."""
    current = {obj.pk: obj for obj in model.objects.filter(action=action)}
    kept = {item["id"] for item in items if item["id"] is not None}
    for pk, obj in current.items():
        if pk not in kept:
            _delete_child(obj, actor)
            if model is ActionImage and obj.file:
                name = obj.file.name
                transaction.on_commit(lambda name=name: default_storage.delete(name))
    for position, item in enumerate(items):
        values = {key: value for key, value in item.items() if key not in ("id", "content")}
        values["position"] = position
        if item["id"] is not None:
            obj = current[item["id"]]
            changed = [key for key, value in values.items() if getattr(obj, key) != value]
            if changed:
                for key in changed:
                    setattr(obj, key, values[key])
                _save_child(obj, actor)
        else:
            obj = model(action=action, **values)
            if model is ActionImage:
                obj.file.save(item["content"].name, item["content"], save=False)
                stored.append(obj.file.name)
            _save_child(obj, actor)


def _write_children(action: Action, prepared: _Prepared, given: dict[str, bool], actor, stored: list[str]) -> None:
    if given["links"]:
        _sync(action, ActionLink, prepared.links, actor, stored)
    if given["actors"]:
        _sync(action, Actor, prepared.actors, actor, stored)
    if given["places"]:
        _sync(action, Place, prepared.places, actor, stored)
    if given["images"]:
        _sync(action, ActionImage, prepared.images, actor, stored)


def _mark_published(action: Action, now) -> None:
    action.is_published = True
    action.published_at = action.published_at or now
    action.last_activity_at = now
    action.unpublished_at = None
    action.unpublished_by = None
    action.unpublished_reason = ""


def _require_edit(actor, action: Action) -> None:
    if not permissions.can_edit_action(actor, action):
        raise ActionPermissionDenied(
            _("Vous ne pouvez pas modifier cette action : elle appartient à une autre collectivité que les vôtres.")
        )


def create_action(
    *,
    actor,
    owner: Territory,
    data: ActionData,
    services: Iterable[Service | str],
    edition: ReferentialEdition | None = None,
    shared_with: Iterable[Territory] = (),
    links: Sequence[LinkData] = (),
    actors: Sequence[ActorData] = (),
    places: Sequence[PlaceData] = (),
    images: Sequence[ImageData] = (),
    publish: bool = False,
) -> Action:
    """A new action of `owner` (the person must be an approved member of it, or staff), as a draft or published.
    `edition` defaults to the current edition of the referential."""
    if not permissions.can_create_action_for(actor, owner):
        raise ActionPermissionDenied(
            _("Vous ne pouvez publier des actions que pour les collectivités dont vous êtes membre.")
        )
    if owner.kind not in PARTNER_KINDS:
        raise ActionError(_("Seules les communes, intercommunalités et collectivités étrangères portent des actions."))
    if edition is None:
        try:
            edition = current_edition()
        except ReferentialEdition.DoesNotExist:
            raise ActionError(_("Aucun référentiel n'est disponible pour le moment.")) from None
    values = _validate_data(data)
    resolved_services = _resolve_services(services, edition)
    partners = _resolve_partners(shared_with, owner)
    prepared = _prepare_children(None, links=links, actors=actors, places=places, images=images)

    action = Action(owner=owner, edition=edition, created_by=actor, **values)
    now = timezone.now()
    if publish:
        _mark_published(action, now)
    with _operation(action, actor=actor, reason=_("Création"), history_type="+") as stored:
        action.save()
        action.services.set(resolved_services)
        action.shared_with.set(partners)
        _write_children(action, prepared, dict.fromkeys(("links", "actors", "places", "images"), True), actor, stored)
    return action


def update_action(
    *,
    actor,
    action: Action,
    data: ActionData | None = None,
    services: Iterable[Service | str] | None = None,
    shared_with: Iterable[Territory] | None = None,
    links: Sequence[LinkData] | None = None,
    actors: Sequence[ActorData] | None = None,
    places: Sequence[PlaceData] | None = None,
    images: Sequence[ImageData] | None = None,
    publish: bool = False,
    version: int | None = None,
    replaces_revision: bool = False,
) -> Action:
    """Change an action. Arguments left to None are unchanged; lists replace the current children (items with
    an `id` update that child, the others are added, children not listed are removed). Updating a published
    action refreshes its date of last activity (it counts again for two label years). `version`, when given,
    is the version the person edited: the update is refused (`StaleAction`) if someone wrote since.
    `replaces_revision`: the given state supersedes the pending revision (the form was filled from it), which
    is deleted."""
    _require_edit(actor, action)
    values = _validate_data(data) if data is not None else {}
    resolved_services = _resolve_services(services, action.edition) if services is not None else None
    partners = _resolve_partners(shared_with, action.owner) if shared_with is not None else None
    prepared = _prepare_children(action, links=links, actors=actors, places=places, images=images)

    now = timezone.now()
    was_published = action.is_published
    with _operation(
        action,
        actor=actor,
        reason=_("Publication") if publish and not was_published else _("Modification"),
        expected_version=version,
    ) as stored:
        for key, value in values.items():
            setattr(action, key, value)
        if publish:
            _mark_published(action, now)
        elif was_published:
            action.last_activity_at = now
        action.save()
        if resolved_services is not None:
            action.services.set(resolved_services)
        if partners is not None:
            action.shared_with.set(partners)
        given = {
            "links": links is not None,
            "actors": actors is not None,
            "places": places is not None,
            "images": images is not None,
        }
        _write_children(action, prepared, given, actor, stored)
        if replaces_revision:
            _delete_revision(action)
    return action


def _touch(action: Action, now) -> None:
    if action.is_published:
        action.last_activity_at = now
    action.save()


def add_image(*, actor, action: Action, file, alt_text: str, credit: str = "") -> ActionImage:
    """A new image, checked by content, size-limited and re-encoded (see images.py)."""
    _require_edit(actor, action)
    values = _validate_image(ImageData(alt_text=alt_text, credit=credit, file=file), action.images.count())
    with _operation(action, actor=actor, reason=_("Image ajoutée")) as stored:
        image = ActionImage(
            action=action, position=action.images.count(), alt_text=values["alt_text"], credit=values["credit"]
        )
        image.file.save(values["content"].name, values["content"], save=False)
        stored.append(image.file.name)
        _save_child(image, actor)
        _touch(action, timezone.now())
    return image


def remove_image(*, actor, image: ActionImage) -> None:
    action = image.action
    _require_edit(actor, action)
    name = image.file.name
    with _operation(action, actor=actor, reason=_("Image retirée")):
        _delete_child(image, actor)
        _touch(action, timezone.now())
        transaction.on_commit(lambda: default_storage.delete(name))


def publish_action(*, actor, action: Action) -> Action:
    """Publish a draft, or publish again an action unpublished by staff (the reason is then cleared from the
    action; the history keeps it). The date of last activity becomes now."""
    _require_edit(actor, action)
    if action.is_published:
        raise ActionError(_("Cette action est déjà publiée."))
    if not action.services.exists():
        raise ActionError(_("Choisissez au moins un service du référentiel avant de publier."), field="services")
    reason = _("Nouvelle publication") if action.is_unpublished else _("Publication")
    with _operation(action, actor=actor, reason=reason):
        _mark_published(action, timezone.now())
        action.save()
    return action


def republish_action(*, actor, action: Action) -> Action:
    """Publish again an action unpublished by staff, once its authors have dealt with the reason."""
    if not action.is_unpublished:
        raise ActionError(_("Cette action n'a pas été dépubliée."))
    return publish_action(actor=actor, action=action)


def unpublish_action(*, actor, action: Action, reason: str) -> Action:
    """Withdraw a published action from the public: staff (moderation) or the members of its owner collectivité.
    The reason is kept on the action and in its history; what validated candidacies froze stays in their
    snapshots."""
    if not permissions.can_unpublish_action(actor, action):
        raise ActionPermissionDenied(
            _(
                "Seuls les membres de la collectivité porteuse et l'équipe de Villes Internet peuvent dépublier "
                "cette action."
            )
        )
    reason = _clean_text(reason)
    if not reason:
        raise ActionError(
            _("Indiquez le motif de la dépublication : il est gardé dans l'historique de l'action."), field="reason"
        )
    if not action.is_published:
        raise ActionError(_("Cette action n'est pas publiée."))
    with _operation(action, actor=actor, reason=(_("Dépubliée : %(reason)s") % {"reason": reason})[:100]):
        action.is_published = False
        action.unpublished_at = timezone.now()
        action.unpublished_by = actor
        action.unpublished_reason = reason
        action.save()
    return action


def delete_draft(*, actor, action: Action) -> None:
    """Delete a draft that was never published (a preview, an abandoned attempt); the history keeps a record
    of the deletion. Published and unpublished actions are withdrawn, never deleted."""
    _require_edit(actor, action)
    if not action.is_draft:
        raise ActionError(_("Seul un brouillon jamais publié peut être supprimé ; dépubliez plutôt cette action."))
    names = [image.file.name for image in action.images.all() if image.file]
    with transaction.atomic():
        action._history_user = actor
        action._change_reason = _("Brouillon supprimé")
        action.delete()
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def confirm_still_running(*, actor, action: Action) -> Action:
    """ "Toujours en cours, confirmer et actualiser": the published action counts again for two label years.
    Recorded in the history with its own reason."""
    _require_edit(actor, action)
    if not action.is_published:
        raise ActionError(_("Seule une action publiée peut être confirmée : publiez-la d'abord."))
    if action.status == ActionStatus.PLANNED:
        raise ActionError(_("Une action prévue ne compte pas pour le label : passez-la « en cours » en la modifiant."))
    with _operation(action, actor=actor, reason=_("Confirmée toujours en cours")):
        action.last_activity_at = timezone.now()
        action.save()
    return action


# --- Drafts of published actions ---------------------------------------------------------------------------


def _revision_of(action: Action) -> PendingRevision | None:
    return PendingRevision.objects.filter(action=action).first()


def _delete_revision(action: Action) -> bool:
    revision = _revision_of(action)
    if revision is None:
        return False
    names = revision.new_image_files()
    revision.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
    return True


def save_revision(
    *,
    actor,
    action: Action,
    data: ActionData,
    services: Iterable[Service | str],
    shared_with: Iterable[Territory] = (),
    links: Sequence[LinkData] = (),
    actors: Sequence[ActorData] = (),
    places: Sequence[PlaceData] = (),
    images: Sequence[ImageData] = (),
    version: int | None = None,
) -> PendingRevision:
    """Keep the edited state of a published action as a draft, checked like an update but private: the public
    keeps the published version until `publish_revision`. Replaces the previous draft of the action."""
    _require_edit(actor, action)
    if not action.is_published:
        raise ActionError(_("Seule une action publiée a un brouillon de modifications : enregistrez l'action."))
    values = _validate_data(data)
    resolved_services = _resolve_services(services, action.edition)
    partners = _resolve_partners(shared_with, action.owner)
    prepared = _prepare_children(action, links=links, actors=actors, places=places, images=images)
    with _operation(
        action, actor=actor, reason=_("Brouillon des modifications enregistré"), expected_version=version
    ) as stored:
        new_images = []
        for item in prepared.images:
            entry = {"id": item["id"], "alt_text": item["alt_text"], "credit": item["credit"], "file": None}
            if item["content"] is not None:
                entry["file"] = default_storage.save(f"actions/brouillons/{item['content'].name}", item["content"])
                stored.append(entry["file"])
            new_images.append(entry)
        state = {
            "fields": values,
            "services": [service.pk for service in resolved_services],
            "shared_with": [territory.pk for territory in partners],
            "links": prepared.links,
            "actors": prepared.actors,
            "places": prepared.places,
            "images": new_images,
        }
        _delete_revision(action)
        revision = PendingRevision(action=action, data=state, updated_by=actor)
        revision._history_user = actor
        revision.save()
    return revision


def revision_inputs(revision: PendingRevision) -> dict:
    """The arguments of `update_action` that apply the draft (new images are read back from their stored
    files)."""
    state = revision.data
    fields_ = dict(state["fields"])
    for name in ("start_date", "end_date"):
        fields_[name] = date.fromisoformat(fields_[name]) if fields_.get(name) else None
    return {
        "data": ActionData(**fields_),
        "services": list(Service.objects.filter(pk__in=state["services"])),
        "shared_with": list(Territory.objects.filter(pk__in=state["shared_with"])),
        "links": [LinkData(**item) for item in state["links"]],
        "actors": [ActorData(**item) for item in state["actors"]],
        "places": [PlaceData(**item) for item in state["places"]],
        "images": [
            ImageData(
                alt_text=item["alt_text"],
                credit=item["credit"],
                id=item["id"],
                file=default_storage.open(item["file"]) if item["id"] is None else None,
            )
            for item in state["images"]
        ],
    }


def publish_revision(*, actor, action: Action) -> Action:
    """Apply the draft of a published action: the public sees it from now on; the draft is removed."""
    _require_edit(actor, action)
    revision = _revision_of(action)
    if revision is None:
        raise ActionError(_("Cette action n'a pas de brouillon de modifications à publier."))
    try:
        inputs = revision_inputs(revision)
    except (OSError, TypeError, ValueError):
        raise ActionError(_("Ce brouillon ne peut plus être publié : modifiez l'action de nouveau.")) from None
    return update_action(actor=actor, action=action, replaces_revision=True, **inputs)


def discard_revision(*, actor, action: Action) -> None:
    """Abandon the draft of a published action; the published version stays as it is, the history keeps the
    draft."""
    _require_edit(actor, action)
    if _revision_of(action) is None:
        raise ActionError(_("Cette action n'a pas de brouillon de modifications."))
    with _operation(action, actor=actor, reason=_("Brouillon des modifications abandonné")):
        _delete_revision(action)
