"""Reads of actions. List selectors prefetch what list pages show, so that their number of queries does not
grow with the number of actions."""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from arobase.actions import permissions, rules
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
from arobase.referential.models import EditionStatus, ReferentialEdition, Service
from arobase.referential.selectors import get_edition
from arobase.territories.models import Territory

# --- Referential ------------------------------------------------------------------------------------------


def current_edition(*, today: date | None = None) -> ReferentialEdition:
    """The edition new actions are filed under: the most recent published edition not after the label being
    prepared (else the most recent published one, else the most recent one). Raises `DoesNotExist`."""
    label_year = rules.next_label_year(today or timezone.localdate())
    editions = ReferentialEdition.objects.order_by("-year")
    published = editions.filter(status=EditionStatus.PUBLISHED)
    edition = published.filter(year__lte=label_year).first() or published.first() or editions.first()
    if edition is None:
        raise ReferentialEdition.DoesNotExist
    return edition


def edition_with_tree(edition: ReferentialEdition) -> ReferentialEdition:
    """The edition with its themes, enjeux and services prefetched in order (for the services checkboxes)."""
    return get_edition(edition.year)


# --- Lists ------------------------------------------------------------------------------------------------


def with_list_relations(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What list pages show of each action, in a fixed number of queries."""
    return actions.select_related("owner", "edition", "unpublished_by").prefetch_related(
        Prefetch("services", queryset=Service.objects.only("id", "code", "label", "edition_id").order_by("code")),
        Prefetch("shared_with", queryset=Territory.objects.only("id", "kind", "code", "name").order_by("name")),
    )


def published_actions_of_territory(territory: Territory) -> QuerySet[Action]:
    """Published actions owned by the collectivité or shared with it, most recently active first."""
    return with_list_relations(Action.objects.published().of_territory(territory)).order_by("-last_activity_at", "-pk")


def user_territories(user) -> QuerySet[Territory]:
    """The collectivités the person is an approved member of, by name."""
    return Territory.objects.filter(pk__in=permissions.approved_territory_ids(user)).order_by("name")


def actions_for_user(user) -> QuerySet[Action]:
    """Every action (drafts, published, unpublished) owned by the person's collectivités: the ones they edit."""
    ids = permissions.approved_territory_ids(user)
    return with_list_relations(Action.objects.filter(owner_id__in=ids)).order_by("-updated_at", "-pk")


def drafts_for_user(user) -> QuerySet[Action]:
    return actions_for_user(user).filter(is_published=False, unpublished_at__isnull=True)


def unpublished_actions_for_user(user) -> QuerySet[Action]:
    """Actions of the person's collectivités withdrawn by staff, with the reason shown to their authors."""
    return actions_for_user(user).filter(is_published=False, unpublished_at__isnull=False)


def published_actions_for_user(user) -> QuerySet[Action]:
    return actions_for_user(user).filter(is_published=True)


def shared_actions_for_user(user) -> QuerySet[Action]:
    """Published actions of other collectivités shared with the person's collectivités (read only)."""
    ids = permissions.approved_territory_ids(user)
    return with_list_relations(
        Action.objects.published().filter(partnerships__territory_id__in=ids).exclude(owner_id__in=ids).distinct()
    ).order_by("-last_activity_at", "-pk")


def expiring_actions_for_user(user, *, today: date | None = None) -> QuerySet[Action]:
    """Published actions of the person's collectivités that count for the label being prepared but not after:
    to confirm or update."""
    today = today or timezone.localdate()
    ids = permissions.approved_territory_ids(user)
    return with_list_relations(Action.objects.filter(owner_id__in=ids).expiring(today=today)).order_by(
        "last_activity_at", "pk"
    )


def expired_actions_for_user(user, *, today: date | None = None) -> QuerySet[Action]:
    """Published, running or done actions of the person's collectivités too old to count any more."""
    today = today or timezone.localdate()
    label_year = rules.next_label_year(today)
    start = datetime(label_year - rules.WINDOW_YEARS, 1, 1, tzinfo=timezone.get_current_timezone())
    ids = permissions.approved_territory_ids(user)
    return with_list_relations(
        Action.objects.published().filter(
            owner_id__in=ids, status__in=sorted(rules.ELIGIBLE_STATUSES), last_activity_at__lt=start
        )
    ).order_by("last_activity_at", "pk")


# --- One action -------------------------------------------------------------------------------------------


def action_for_page(pk: int) -> Action | None:
    """The action with everything its page shows (a fixed number of queries)."""
    return (
        Action.objects.select_related("owner", "edition", "unpublished_by", "created_by")
        .prefetch_related(
            Prefetch(
                "services",
                queryset=Service.objects.select_related("enjeu__theme").order_by(
                    "enjeu__theme__position", "enjeu__position", "position", "code"
                ),
            ),
            Prefetch("shared_with", queryset=Territory.objects.order_by("name")),
            "links",
            "actors",
            "places",
            "images",
        )
        .filter(pk=pk)
        .first()
    )


def visible_action(pk: int, user) -> Action | None:
    """The action if the person may see it (published, or editable by them), else None (the page answers 404)."""
    action = action_for_page(pk)
    if action is None or not permissions.can_view_action(user, action):
        return None
    return action


def pending_revision(action: Action) -> PendingRevision | None:
    return PendingRevision.objects.filter(action=action).first() if action.is_published else None


def action_with_revision(action: Action, revision: PendingRevision) -> Action:
    """An in-memory copy of the action (from `action_for_page`) showing its draft, for the preview; nothing is
    saved."""
    state = revision.data
    preview = copy.copy(action)
    for name, value in state["fields"].items():
        if name in ("start_date", "end_date"):
            value = date.fromisoformat(value) if value else None
        setattr(preview, name, value)

    def child(model, item):
        return model(pk=item["id"], action_id=action.pk, **{k: v for k, v in item.items() if k != "id"})

    services = {
        service.pk: service
        for service in Service.objects.filter(pk__in=state["services"]).select_related("enjeu__theme")
    }
    partners = {territory.pk: territory for territory in Territory.objects.filter(pk__in=state["shared_with"])}
    existing_files = {image.pk: image.file for image in action.images.all()}
    preview._prefetched_objects_cache = {
        **action._prefetched_objects_cache,
        "services": [services[pk] for pk in state["services"] if pk in services],
        "shared_with": sorted((partners[pk] for pk in state["shared_with"] if pk in partners), key=str),
        "links": [child(ActionLink, item) for item in state["links"]],
        "actors": [child(Actor, item) for item in state["actors"]],
        "places": [child(Place, item) for item in state["places"]],
        "images": [
            ActionImage(
                pk=item["id"],
                action_id=action.pk,
                alt_text=item["alt_text"],
                credit=item["credit"],
                file=item["file"] if item["id"] is None else existing_files.get(item["id"]),
            )
            for item in state["images"]
        ],
    }
    return preview


# --- History ----------------------------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)


ACTION_FIELDS = (
    "title",
    "summary",
    "what_was_done",
    "results",
    "benefits",
    "status",
    "start_date",
    "end_date",
    "is_published",
    "last_activity_at",
    "unpublished_reason",
    "owner",
)
CHILD_FIELDS = {
    ActionLink: ("url", "label"),
    Actor: ("kind", "name", "role", "is_elected", "email", "phone", "contact_consent"),
    Place: ("label", "address", "postcode", "city", "latitude", "longitude", "geocoding_source"),
    ActionImage: ("file", "alt_text", "credit"),
}
CHOICES = {
    "status": dict(ActionStatus.choices),
    "kind": dict(ActorKind.choices),
    "geocoding_source": dict(GeocodingSource.choices),
}


def _display(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name in CHOICES:
        return str(CHOICES[name].get(value, value))
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _who(record) -> str:
    user = record.history_user
    return str(user) if user is not None else _("système")


def _field_changes(model, names, old, new) -> list[FieldChange]:
    changes = []
    for name in names:
        attname = model._meta.get_field(name).attname
        before, after = (getattr(old, attname) if old is not None else None), getattr(new, attname)
        if name == "file":
            before, after = (str(before) if before else None), (str(after) if after else None)
        old_text, new_text = _display(name, before), _display(name, after)
        if old_text != new_text:
            label = str(model._meta.get_field(name).verbose_name)
            changes.append(FieldChange(label=label[:1].upper() + label[1:], old=old_text, new=new_text))
    return changes


def action_history(action: Action) -> list[HistoryEntry]:
    """Who changed what and when, newest first: the action's own records (with its services and partner
    collectivités at each step) and those of its links, actors, places and images."""
    entries: list[HistoryEntry] = []
    records = list(action.history.select_related("history_user").order_by("history_date", "history_id"))
    record_ids = [record.history_id for record in records]
    m2m_rows: dict[str, dict[int, list[int]]] = {}
    for name, attr in (("services", "service_id"), ("shared_with", "territory_id")):
        m2m_model = ACTION_HISTORY.m2m_models[Action._meta.get_field(name)]
        rows: dict[int, list[int]] = defaultdict(list)
        for history_id, target_id in m2m_model.objects.filter(history_id__in=record_ids).values_list(
            "history_id", attr
        ):
            rows[history_id].append(target_id)
        m2m_rows[name] = rows
    service_ids = {pk for ids in m2m_rows["services"].values() for pk in ids}
    territory_ids = {pk for ids in m2m_rows["shared_with"].values() for pk in ids}
    codes = dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "code"))
    names = dict(Territory.objects.filter(pk__in=territory_ids).values_list("pk", "name"))
    owner_names = dict(Territory.objects.filter(pk__in={r.owner_id for r in records}).values_list("pk", "name"))

    previous = None
    for record in records:
        changes = _field_changes(Action, ACTION_FIELDS, previous, record)
        for change in changes:
            if change.label.lower() == str(Action._meta.get_field("owner").verbose_name).lower():
                change.old = owner_names.get(previous.owner_id, "—") if previous else "—"
                change.new = owner_names.get(record.owner_id, "—")
        for name, label, lookup in (
            ("services", _("Services du référentiel"), codes),
            ("shared_with", _("Collectivités partenaires"), names),
        ):
            after = sorted(lookup.get(pk, "?") for pk in m2m_rows[name][record.history_id])
            before = sorted(lookup.get(pk, "?") for pk in m2m_rows[name][previous.history_id]) if previous else []
            if before != after:
                changes.append(FieldChange(label=str(label), old=", ".join(before) or "—", new=", ".join(after) or "—"))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                what=_("Création de l'action") if record.history_type == "+" else _("Action"),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record

    child_labels = {
        ActionLink: (_("Lien ajouté"), _("Lien modifié"), _("Lien retiré")),
        Actor: (_("Acteur ajouté"), _("Acteur modifié"), _("Acteur retiré")),
        Place: (_("Lieu ajouté"), _("Lieu modifié"), _("Lieu retiré")),
        ActionImage: (_("Image ajoutée"), _("Image modifiée"), _("Image retirée")),
    }
    for model, (added, changed, removed) in child_labels.items():
        last_of: dict[int, object] = {}
        by_child = defaultdict(list)
        for record in (
            model.history.filter(action_id=action.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ):
            by_child[record.id].append(record)
        for child_records in by_child.values():
            for record in child_records:
                before = last_of.get(record.id)
                what = {"+": added, "~": changed, "-": removed}[record.history_type]
                if record.history_type == "-":
                    changes = []
                else:
                    changes = _field_changes(model, CHILD_FIELDS[model], before, record)
                entries.append(
                    HistoryEntry(
                        when=record.history_date,
                        who=_who(record),
                        what=f"{what} : {record.history_object}",
                        reason=record.history_change_reason or "",
                        changes=changes,
                    )
                )
                last_of[record.id] = record
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def changes_since(action: Action, version: int) -> list[HistoryEntry]:
    """What was done to the action after its `version` (shown to someone whose save was refused as stale)."""
    seen = action.history.filter(version__lte=version).order_by("-history_date").values_list("history_date", flat=True)
    since = seen.first()
    return [entry for entry in action_history(action) if since is None or entry.when > since]


def territories_by_codes(codes: list[str]) -> tuple[list[Territory], list[str]]:
    """Communes, EPCI and foreign collectivités named by code (INSEE, SIREN); also the codes not found."""
    wanted = [code.strip().upper() for code in codes if code.strip()]
    found = list(
        Territory.objects.filter(Q(code__in=wanted) | Q(siren__in=wanted), kind__in=("commune", "epci", "foreign"))
    )
    known = {t.code.upper() for t in found} | {t.siren.upper() for t in found if t.siren}
    return found, [code for code in wanted if code not in known]
